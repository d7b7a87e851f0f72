//! Prefix and index queries.

use super::*;

/// Prefix queries return items in sort-key (UTF-8 byte) order, page exactly, and run
/// backwards.
pub async fn query_prefix_order_and_pages(store: &dyn Store) {
    let pk = "HỒSƠ#Q";
    let mut items: Vec<Item> = [5, 1, 7, 3, 2, 6, 4]
        .iter()
        .map(|n| Item::new(Key::new(pk, format!("DOC#{n:03}"))).with("n", *n))
        .collect();
    items.push(Item::new(Key::new(pk, "NOTE#1")));
    items.push(Item::new(Key::new("HỒSƠ#R", "DOC#000")));
    put_all(store, items).await;
    let docs: Vec<String> = (1..=7).map(|n| format!("DOC#{n:03}")).collect();

    let all = store
        .query(pk, "DOC#", QueryOpts::default())
        .await
        .expect("query");
    assert_eq!(sks(&all), docs);
    assert_eq!(all.next, None);
    assert_eq!(all.items[0].get("n"), Some(&json!(1)));

    let whole = store
        .query(pk, "", QueryOpts::default())
        .await
        .expect("query all");
    assert_eq!(whole.items.len(), 8);
    assert_eq!(whole.items[7].key.sk, "NOTE#1");
    let none = store
        .query(pk, "NOPE", QueryOpts::default())
        .await
        .expect("query none");
    assert_eq!((none.items.len(), none.next), (0, None));

    let back = store
        .query(pk, "DOC#", QueryOpts::default().backward())
        .await
        .expect("backward");
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(sks(&back), reversed);

    for (opts, expected) in [
        (QueryOpts::limit(3), docs.clone()),
        (QueryOpts::limit(2).backward(), reversed.clone()),
        (QueryOpts::limit(7), docs.clone()),
        (QueryOpts::limit(6), docs.clone()),
    ] {
        let limit = opts.limit;
        let mut seen = Vec::new();
        let mut opts = opts;
        loop {
            let page = store.query(pk, "DOC#", opts.clone()).await.expect("page");
            assert!(page.items.len() <= limit);
            seen.extend(sks(&page).iter().map(|s| s.to_string()));
            match page.next {
                Some(cursor) => {
                    assert_eq!(
                        page.items.len(),
                        limit,
                        "only full pages have a next cursor"
                    );
                    opts = opts.after(Some(cursor));
                }
                None => break,
            }
        }
        assert_eq!(seen, expected, "paging with limit {limit}");
    }

    // A token survives the trip through a client.
    let first = store
        .query(pk, "DOC#", QueryOpts::limit(4))
        .await
        .expect("page");
    let token = first.next.expect("more pages").encode();
    let cursor = crate::Cursor::decode(&token).expect("decode");
    let rest = store
        .query(pk, "DOC#", QueryOpts::limit(4).after(Some(cursor)))
        .await
        .expect("page 2");
    assert_eq!(sks(&rest), docs[4..].to_vec());

    // Vietnamese sort keys order by UTF-8 bytes, as DynamoDB orders strings.
    let names = ["Đào", "An", "Ánh", "Zung", "Ư", "ả", "Bình", "Đ#2", "Đ#1"];
    put_all(
        store,
        names
            .iter()
            .map(|n| Item::new(Key::new("TÊN", *n)))
            .collect(),
    )
    .await;
    let mut expected: Vec<&str> = names.to_vec();
    expected.sort_unstable();
    let page = store
        .query("TÊN", "", QueryOpts::default())
        .await
        .expect("names");
    assert_eq!(sks(&page), expected);
    let d = store
        .query("TÊN", "Đ#", QueryOpts::default())
        .await
        .expect("prefix");
    assert_eq!(sks(&d), ["Đ#1", "Đ#2"]);
}

/// The secondary index orders by its own sort key, pages, and follows key changes.
pub async fn gsi1_queries(store: &dyn Store) {
    let open = |pk: &str, day: &str| {
        Item::new(Key::new(pk, "META"))
            .with_gsi1(Key::new("STATUS#mở", format!("2026-03-{day}#{pk}")))
    };
    put_all(
        store,
        vec![
            open("H1", "01"),
            open("H2", "03"),
            open("H3", "02"),
            Item::new(Key::new("H4", "META")).with_gsi1(Key::new("STATUS#đóng", "2026-03-01#H4")),
            Item::new(Key::new("H5", "META")),
        ],
    )
    .await;
    let page = store
        .query_gsi1("STATUS#mở", "", QueryOpts::default())
        .await
        .expect("gsi");
    assert_eq!(pks(&page), ["H1", "H3", "H2"]);
    assert_eq!(
        page.items[0],
        open("H1", "01"),
        "index queries return whole items"
    );
    let page = store
        .query_gsi1("STATUS#mở", "2026-03-02", QueryOpts::default())
        .await
        .expect("gsi prefix");
    assert_eq!(pks(&page), ["H3"]);
    let page = store
        .query_gsi1("STATUS#mở", "", QueryOpts::default().backward())
        .await
        .expect("gsi backward");
    assert_eq!(pks(&page), ["H2", "H3", "H1"]);

    let first = store
        .query_gsi1("STATUS#mở", "2026-03", QueryOpts::limit(2))
        .await
        .expect("page 1");
    assert_eq!(pks(&first), ["H1", "H3"]);
    let second = store
        .query_gsi1(
            "STATUS#mở",
            "2026-03",
            QueryOpts::limit(2).after(first.next),
        )
        .await
        .expect("page 2");
    assert_eq!(pks(&second), ["H2"]);
    assert_eq!(second.next, None);

    store
        .put(
            Item::new(Key::new("H1", "META")).with_gsi1(Key::new("STATUS#đóng", "2026-03-05#H1")),
            Condition::None,
        )
        .await
        .expect("close H1");
    let open_now = store
        .query_gsi1("STATUS#mở", "", QueryOpts::default())
        .await
        .expect("open");
    assert_eq!(pks(&open_now), ["H3", "H2"]);
    let closed = store
        .query_gsi1("STATUS#đóng", "", QueryOpts::default())
        .await
        .expect("closed");
    assert_eq!(pks(&closed), ["H4", "H1"]);
}
