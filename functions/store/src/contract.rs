//! The behaviour every [`Store`] must share, written once and run against each backend.
//!
//! Each case is an async function over a fresh, empty store; it panics on a violation.
//! Run the whole suite for a store with [`contract_suite!`](crate::contract_suite):
//!
//! ```ignore
//! async fn fresh(case: &'static str) -> std::sync::Arc<dyn store::Store> { ... }
//! store::contract_suite!(fresh);
//! ```

use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::{now_epoch, Condition, Item, Key, Page, QueryOpts, Store, StoreError, Write};

/// Generates one `#[tokio::test]` per contract case. `$factory` is called with the case
/// name and must return an empty `Arc<dyn Store>`. The calling crate needs `tokio` with
/// the `macros` and `rt-multi-thread` features.
#[macro_export]
macro_rules! contract_suite {
    ($factory:path) => {
        $crate::contract_suite!(@cases $factory;
            roundtrip_all_json_kinds,
            conditional_puts,
            optimistic_versions,
            update_upserts_and_checks_conditions,
            increments_count,
            query_prefix_order_and_pages,
            gsi1_queries,
            expired_items_are_absent,
            transact_all_or_nothing,
            delete_with_condition,
            invalid_requests_are_rejected,
        );
        #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn concurrent_increments() {
            let store: ::std::sync::Arc<dyn $crate::Store> = $factory("concurrent_increments").await;
            $crate::contract::concurrent_increments(store).await;
        }
    };
    (@cases $factory:path; $($case:ident),* $(,)?) => {
        $(
            #[::tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $case() {
                let store: ::std::sync::Arc<dyn $crate::Store> = $factory(stringify!($case)).await;
                $crate::contract::$case(&*store).await;
            }
        )*
    };
}

fn obj(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        other => panic!("test bug: {other} is not an object"),
    }
}

fn sks(page: &Page) -> Vec<&str> {
    page.items.iter().map(|i| i.key.sk.as_str()).collect()
}

fn pks(page: &Page) -> Vec<&str> {
    page.items.iter().map(|i| i.key.pk.as_str()).collect()
}

async fn must_get(store: &dyn Store, key: &Key) -> Item {
    match store.get(key).await {
        Ok(Some(item)) => item,
        other => panic!("expected item {key} to exist, got {other:?}"),
    }
}

async fn is_absent(store: &dyn Store, key: &Key) -> bool {
    store.get(key).await.expect("get").is_none()
}

fn assert_condition_failed<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str) {
    assert!(
        matches!(result, Err(StoreError::ConditionFailed)),
        "{what}: expected ConditionFailed, got {result:?}"
    );
}

fn assert_invalid<T: std::fmt::Debug>(result: Result<T, StoreError>, what: &str) {
    assert!(
        matches!(result, Err(StoreError::Invalid(_))),
        "{what}: expected Invalid, got {result:?}"
    );
}

/// Every JSON value kind, Vietnamese text included, comes back exactly.
pub async fn roundtrip_all_json_kinds(store: &dyn Store) {
    let key = Key::new("HỒSƠ#HD-2026-000123", "META");
    let attrs = obj(json!({
        "tiêu đề": "Đăng ký khai sinh – Ủy ban nhân dân phường Bến Nghé, TP. Hồ Chí Minh",
        "empty": "",
        "count": 42, "negative": -7, "max": i64::MAX, "min": i64::MIN, "huge": u64::MAX,
        "ratio": 0.125, "lệ phí": 12.75, "tiny": -2.5e-8,
        "yes": true, "no": false, "nothing": null,
        "list": [1, "hai", [3], {"bốn": 4}, null, true],
        "emptyList": [], "emptyMap": {},
        "nested": {"địa chỉ": {"tỉnh": "Hà Nội", "mã": 1, "ghi chú": "Ngõ 12, phố Huế"}}
    }));
    let item = Item {
        key: key.clone(),
        attrs,
        gsi1: Some(Key::new("STATUS#chờ xử lý", "2026-03-01T08:00:00Z")),
        expires_at: Some(now_epoch() + 3600),
    };
    store.put(item.clone(), Condition::None).await.expect("put");
    assert_eq!(store.get(&key).await.expect("get"), Some(item));

    // DynamoDB numbers are decimals: 2.0 and 2 are the same number everywhere.
    let floats = Key::new("HỒSƠ#HD-2026-000123", "FLOAT");
    store
        .put(Item::new(floats.clone()).with("f", 2.0), Condition::None)
        .await
        .expect("put float");
    assert_eq!(must_get(store, &floats).await.get("f"), Some(&json!(2)));

    // A put replaces the whole item, index key and TTL included.
    store
        .put(Item::new(key.clone()).with("only", 1), Condition::None)
        .await
        .expect("replace");
    assert_eq!(
        must_get(store, &key).await,
        Item::new(key.clone()).with("only", 1)
    );

    assert!(is_absent(store, &Key::new("HỒSƠ#HD-2026-000123", "MISSING")).await);
    assert!(is_absent(store, &Key::new("NOBODY", "META")).await);
}

/// NotExists creates once; Exists / AttrEquals / AttrNotEquals guard puts.
pub async fn conditional_puts(store: &dyn Store) {
    let key = Key::new("USER#an@example.vn", "PROFILE");
    let first = Item::new(key.clone()).with("tên", "Nguyễn Văn An");
    store
        .put(first.clone(), Condition::NotExists)
        .await
        .expect("first create");
    let second = Item::new(key.clone()).with("tên", "Kẻ mạo danh");
    assert_condition_failed(
        store.put(second, Condition::NotExists).await,
        "second create",
    );
    assert_eq!(must_get(store, &key).await, first);

    let missing = Key::new("USER#nobody", "PROFILE");
    assert_condition_failed(
        store
            .put(Item::new(missing.clone()), Condition::Exists)
            .await,
        "Exists on a missing item",
    );
    assert!(
        is_absent(store, &missing).await,
        "a failed put must not create the item"
    );

    let renamed = first.clone().with("tên", "Nguyễn Văn Ân");
    store
        .put(renamed.clone(), Condition::Exists)
        .await
        .expect("Exists");
    assert_condition_failed(
        store
            .put(
                first.clone(),
                Condition::AttrEquals("tên".into(), json!("Nguyễn Văn An")),
            )
            .await,
        "AttrEquals with the old value",
    );
    store
        .put(
            first.clone(),
            Condition::AttrEquals("tên".into(), json!("Nguyễn Văn Ân")),
        )
        .await
        .expect("AttrEquals with the current value");
    assert_condition_failed(
        store
            .put(
                first.clone(),
                Condition::AttrNotEquals("tên".into(), json!("Nguyễn Văn An")),
            )
            .await,
        "AttrNotEquals with the current value",
    );
    store
        .put(
            first.clone(),
            Condition::AttrNotEquals("locked".into(), json!(true)),
        )
        .await
        .expect("AttrNotEquals on a missing attribute");
    store
        .put(
            Item::new(missing.clone()),
            Condition::AttrNotEquals("locked".into(), json!(true)),
        )
        .await
        .expect("AttrNotEquals on a missing item");
    // Numbers compare by value, as DynamoDB compares decimals.
    let counted = Item::new(Key::new("USER#an@example.vn", "STATS")).with("n", 3);
    store
        .put(counted.clone(), Condition::None)
        .await
        .expect("put stats");
    store
        .put(counted, Condition::AttrEquals("n".into(), json!(3.0)))
        .await
        .expect("3 equals 3.0");
}

/// Two writers read version 1; only the first to write version 2 wins.
pub async fn optimistic_versions(store: &dyn Store) {
    let key = Key::new("FORM#khảo-sát-2026", "DEF");
    let v1 = Item::new(key.clone())
        .with("tiêu đề", "Khảo sát")
        .with("version", 1);
    store
        .put(v1, Condition::NotExists)
        .await
        .expect("create v1");
    let a = must_get(store, &key).await;
    let b = must_get(store, &key).await;
    assert_eq!(a.version(), Some(1));

    let a2 = a.with("tiêu đề", "Bản của A").with("version", 2);
    store
        .put(a2.clone(), Condition::VersionIs(1))
        .await
        .expect("A writes v2");
    let b2 = b.with("tiêu đề", "Bản của B").with("version", 2);
    assert_condition_failed(
        store.put(b2, Condition::VersionIs(1)).await,
        "B's stale write",
    );
    assert_eq!(must_get(store, &key).await, a2);

    let set = obj(json!({"tiêu đề": "Bản 3", "version": 3}));
    let v3 = store
        .update(&key, set.clone(), Condition::VersionIs(2))
        .await
        .expect("update v3");
    assert_eq!(v3.version(), Some(3));
    assert_condition_failed(
        store.update(&key, set, Condition::VersionIs(2)).await,
        "stale update",
    );
    assert_condition_failed(
        store
            .put(
                Item::new(Key::new("FORM#none", "DEF")),
                Condition::VersionIs(0),
            )
            .await,
        "VersionIs on a missing item",
    );
}

/// Update creates missing items like UpdateItem, keeps what it does not set, and
/// honours its condition.
pub async fn update_upserts_and_checks_conditions(store: &dyn Store) {
    let fresh = Key::new("HỒSƠ#U1", "META");
    let created = store
        .update(
            &fresh,
            obj(json!({"trạng thái": "mới", "n": 1})),
            Condition::None,
        )
        .await
        .expect("upsert");
    let expected = Item {
        key: fresh.clone(),
        attrs: obj(json!({"trạng thái": "mới", "n": 1})),
        gsi1: None,
        expires_at: None,
    };
    assert_eq!(created, expected);
    assert_eq!(must_get(store, &fresh).await, expected);

    let key = Key::new("HỒSƠ#U2", "META");
    let expires = now_epoch() + 3600;
    let original = Item::new(key.clone())
        .with("trạng thái", "mới")
        .with("người nộp", "Trần Thị Bích")
        .with_gsi1(Key::new("STATUS#mới", "2026-01-05"))
        .expiring_at(expires);
    store
        .put(original.clone(), Condition::None)
        .await
        .expect("put");
    let updated = store
        .update(
            &key,
            obj(json!({"trạng thái": "đã tiếp nhận", "ghi chú": null})),
            Condition::AttrEquals("trạng thái".into(), json!("mới")),
        )
        .await
        .expect("conditional update");
    let mut expected = original.clone();
    expected
        .attrs
        .insert("trạng thái".into(), json!("đã tiếp nhận"));
    expected.attrs.insert("ghi chú".into(), Value::Null);
    assert_eq!(updated, expected);
    assert_eq!(must_get(store, &key).await, expected);

    assert_condition_failed(
        store
            .update(
                &key,
                obj(json!({"trạng thái": "từ chối"})),
                Condition::AttrEquals("trạng thái".into(), json!("mới")),
            )
            .await,
        "update with a stale AttrEquals",
    );
    assert_condition_failed(
        store
            .update(&key, obj(json!({"x": 1})), Condition::NotExists)
            .await,
        "NotExists update of an existing item",
    );
    assert_eq!(
        must_get(store, &key).await,
        expected,
        "failed updates change nothing"
    );

    let missing = Key::new("HỒSƠ#U3", "META");
    assert_condition_failed(
        store
            .update(&missing, obj(json!({"x": 1})), Condition::Exists)
            .await,
        "Exists update of a missing item",
    );
    assert!(
        is_absent(store, &missing).await,
        "a failed update must not create the item"
    );
    store
        .update(&missing, obj(json!({"x": 1})), Condition::NotExists)
        .await
        .expect("NotExists update of a missing item");
}

/// Counters start at zero, add signed steps, and set their TTL only once.
pub async fn increments_count(store: &dyn Store) {
    let key = Key::new("SEQ#HD-2026", "COUNTER");
    assert_eq!(store.increment(&key, "n", 1, None).await, Ok(1));
    assert_eq!(store.increment(&key, "n", 5, None).await, Ok(6));
    assert_eq!(store.increment(&key, "n", -2, None).await, Ok(4));
    let item = must_get(store, &key).await;
    assert_eq!(item.get("n"), Some(&json!(4)));
    assert_eq!(item.expires_at, None);

    let window = Key::new("RATE#203.0.113.7", "login");
    let until = now_epoch() + 600;
    assert_eq!(
        store.increment(&window, "hits", 1, Some(until)).await,
        Ok(1)
    );
    assert_eq!(
        store.increment(&window, "hits", 1, Some(until + 999)).await,
        Ok(2)
    );
    assert_eq!(
        must_get(store, &window).await.expires_at,
        Some(until),
        "the first hit fixes the window"
    );

    let doc = Key::new("HỒSƠ#I1", "META");
    store
        .put(
            Item::new(doc.clone()).with("tiêu đề", "Giữ nguyên"),
            Condition::None,
        )
        .await
        .expect("put");
    assert_eq!(store.increment(&doc, "lượt xem", 3, None).await, Ok(3));
    assert_eq!(
        must_get(store, &doc).await.get("tiêu đề"),
        Some(&json!("Giữ nguyên"))
    );

    let text = Key::new("HỒSƠ#I2", "META");
    store
        .put(
            Item::new(text.clone()).with("n", "không phải số"),
            Condition::None,
        )
        .await
        .expect("put");
    assert_invalid(
        store.increment(&text, "n", 1, None).await,
        "incrementing a string",
    );
}

/// Increments from many tasks at once all count, and hand out distinct numbers, which
/// is what makes them safe for sequence numbers.
pub async fn concurrent_increments(store: Arc<dyn Store>) {
    const TASKS: i64 = 8;
    const EACH: i64 = 10;
    let key = Key::new("SEQ#HD-2026", "CONCURRENT");
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..TASKS {
        let store = Arc::clone(&store);
        let key = key.clone();
        tasks.spawn(async move {
            let mut got = Vec::new();
            for _ in 0..EACH {
                got.push(
                    store
                        .increment(&key, "seq", 1, None)
                        .await
                        .expect("increment"),
                );
            }
            got
        });
    }
    let mut all = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        all.extend(joined.expect("increment task"));
    }
    all.sort_unstable();
    assert_eq!(all, (1..=TASKS * EACH).collect::<Vec<_>>());
    assert_eq!(
        must_get(&*store, &key).await.get("seq"),
        Some(&json!(TASKS * EACH))
    );
}

async fn put_all(store: &dyn Store, items: Vec<Item>) {
    for item in items {
        store.put(item, Condition::None).await.expect("put");
    }
}

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

/// An item whose TTL has passed is absent for reads, conditions, updates, counters and
/// transactions, even while the backend still stores it.
pub async fn expired_items_are_absent(store: &dyn Store) {
    let now = now_epoch();
    let past = now - 60;
    let future = now + 3600;
    let expired = |pk: &str, sk: &str| {
        Item::new(Key::new(pk, sk))
            .with("old", 1)
            .with_gsi1(Key::new("TTL#idx", format!("{pk}{sk}")))
            .expiring_at(past)
    };

    let a = Key::new("TTL#A", "META");
    store
        .put(expired("TTL#A", "META"), Condition::None)
        .await
        .expect("put expired");
    assert!(is_absent(store, &a).await);
    assert_condition_failed(store.delete(&a, Condition::Exists).await, "delete Exists");
    assert_condition_failed(
        store
            .update(&a, obj(json!({"b": 2})), Condition::Exists)
            .await,
        "update Exists",
    );
    assert_condition_failed(
        store
            .put(
                Item::new(a.clone()),
                Condition::AttrEquals("old".into(), json!(1)),
            )
            .await,
        "put AttrEquals",
    );
    let revived = store
        .update(&a, obj(json!({"b": 2})), Condition::NotExists)
        .await
        .expect("update of an expired item upserts");
    let fresh = Item::new(a.clone()).with("b", 2);
    assert_eq!(revived, fresh, "nothing of the expired item survives");
    assert_eq!(must_get(store, &a).await, fresh);

    let counter = Key::new("RATE#198.51.100.4", "login");
    store
        .put(
            Item::new(counter.clone())
                .with("hits", 50)
                .expiring_at(past),
            Condition::None,
        )
        .await
        .expect("put expired counter");
    assert_eq!(
        store.increment(&counter, "hits", 1, Some(future)).await,
        Ok(1),
        "an expired window restarts"
    );
    assert_eq!(must_get(store, &counter).await.expires_at, Some(future));

    let c = Key::new("TTL#C", "META");
    store
        .put(expired("TTL#C", "META"), Condition::None)
        .await
        .expect("put");
    store
        .put(Item::new(c.clone()).with("new", true), Condition::NotExists)
        .await
        .expect("NotExists put over an expired item");

    let d = Key::new("TTL#D", "META");
    store
        .put(expired("TTL#D", "META"), Condition::None)
        .await
        .expect("put");
    store
        .transact(vec![
            Write::update(d.clone(), obj(json!({"x": 1})), Condition::NotExists),
            Write::check(Key::new("TTL#E", "META"), Condition::NotExists),
        ])
        .await
        .expect("transaction over an expired item");
    assert_eq!(must_get(store, &d).await, Item::new(d.clone()).with("x", 1));

    let live = Item::new(Key::new("TTL#F", "META")).expiring_at(future);
    store
        .put(live.clone(), Condition::None)
        .await
        .expect("put live");
    assert_eq!(store.get(&live.key).await, Ok(Some(live)));

    let q = "TTL#Q";
    put_all(
        store,
        vec![
            Item::new(Key::new(q, "1"))
                .with_gsi1(Key::new("TTL#idx", "q1"))
                .expiring_at(future),
            expired(q, "2"),
            Item::new(Key::new(q, "3")).with_gsi1(Key::new("TTL#idx", "q3")),
        ],
    )
    .await;
    let page = store
        .query(q, "", QueryOpts::default())
        .await
        .expect("query");
    assert_eq!(sks(&page), ["1", "3"]);
    let first = store
        .query(q, "", QueryOpts::limit(1))
        .await
        .expect("page 1");
    assert_eq!(sks(&first), ["1"]);
    let second = store
        .query(q, "", QueryOpts::limit(1).after(first.next))
        .await
        .expect("page 2");
    assert_eq!(sks(&second), ["3"]);
    assert_eq!(second.next, None);
    let index = store
        .query_gsi1("TTL#idx", "q", QueryOpts::default())
        .await
        .expect("gsi");
    assert_eq!(sks(&index), ["1", "3"]);
}

/// A transaction applies every write or none, and names the write whose condition
/// failed.
pub async fn transact_all_or_nothing(store: &dyn Store) {
    let a = Key::new("TX#A", "META");
    let b = Key::new("TX#B", "META");
    let c = Key::new("TX#C", "META");
    let gone = Key::new("TX#GONE", "META");
    let checked = Key::new("TX#CHECKED", "META");
    put_all(
        store,
        vec![
            Item::new(c.clone()).with("v", 1),
            Item::new(gone.clone()),
            Item::new(checked.clone()),
        ],
    )
    .await;

    let failing = vec![
        Write::put(Item::new(a.clone()).with("tạo", true), Condition::NotExists),
        Write::update(b.clone(), obj(json!({"x": 1})), Condition::None),
        Write::put(Item::new(c.clone()).with("v", 100), Condition::NotExists),
        Write::delete(gone.clone(), Condition::None),
    ];
    assert_eq!(
        store.transact(failing).await,
        Err(StoreError::Transaction { index: 2 })
    );
    assert!(is_absent(store, &a).await, "write 0 rolled back");
    assert!(is_absent(store, &b).await, "write 1 rolled back");
    assert_eq!(must_get(store, &c).await.get("v"), Some(&json!(1)));
    assert!(
        store.get(&gone).await.expect("get").is_some(),
        "write 3 never ran"
    );

    assert_eq!(
        store
            .transact(vec![
                Write::check(Key::new("TX#MISSING", "META"), Condition::Exists),
                Write::put(Item::new(a.clone()), Condition::None),
            ])
            .await,
        Err(StoreError::Transaction { index: 0 })
    );
    assert_eq!(
        store
            .transact(vec![
                Write::put(Item::new(a.clone()), Condition::None),
                Write::update(
                    c.clone(),
                    obj(json!({"v": 2})),
                    Condition::AttrEquals("v".into(), json!(99))
                ),
            ])
            .await,
        Err(StoreError::Transaction { index: 1 })
    );
    assert!(is_absent(store, &a).await);

    let ok = vec![
        Write::put(Item::new(a.clone()).with("tạo", true), Condition::NotExists),
        Write::Update {
            key: c.clone(),
            set: obj(json!({"v": 2})),
            increment: vec![("n".into(), 5)],
            condition: Condition::AttrEquals("v".into(), json!(1)),
        },
        Write::delete(gone.clone(), Condition::Exists),
        Write::check(checked.clone(), Condition::Exists),
    ];
    store.transact(ok.clone()).await.expect("transaction");
    assert_eq!(must_get(store, &a).await.get("tạo"), Some(&json!(true)));
    let c_now = must_get(store, &c).await;
    assert_eq!(c_now.attrs, obj(json!({"v": 2, "n": 5})));
    assert!(is_absent(store, &gone).await);
    assert_eq!(
        store.transact(ok).await,
        Err(StoreError::Transaction { index: 0 }),
        "replaying the transaction fails on its first write"
    );

    assert_eq!(store.transact(Vec::new()).await, Ok(()));
    assert_invalid(
        store
            .transact(vec![
                Write::check(a.clone(), Condition::Exists),
                Write::delete(a.clone(), Condition::None),
            ])
            .await,
        "two writes to one item",
    );
    let too_many = (0..=crate::MAX_TRANSACT_WRITES)
        .map(|i| Write::check(Key::new("TX#MANY", i.to_string()), Condition::None))
        .collect();
    assert_invalid(store.transact(too_many).await, "over the write limit");
}

/// Deletes honour their condition and are idempotent without one.
pub async fn delete_with_condition(store: &dyn Store) {
    let key = Key::new("HỒSƠ#D1", "META");
    store
        .put(
            Item::new(key.clone()).with("trạng thái", "nháp"),
            Condition::None,
        )
        .await
        .expect("put");
    assert_condition_failed(
        store
            .delete(
                &key,
                Condition::AttrEquals("trạng thái".into(), json!("đã nộp")),
            )
            .await,
        "delete with a mismatching AttrEquals",
    );
    assert_condition_failed(
        store
            .delete(
                &key,
                Condition::AttrNotEquals("trạng thái".into(), json!("nháp")),
            )
            .await,
        "delete with a matching AttrNotEquals",
    );
    assert!(store.get(&key).await.expect("get").is_some());
    store
        .delete(
            &key,
            Condition::AttrEquals("trạng thái".into(), json!("nháp")),
        )
        .await
        .expect("delete");
    assert!(is_absent(store, &key).await);
    store
        .delete(&key, Condition::None)
        .await
        .expect("delete again");
    assert_condition_failed(store.delete(&key, Condition::Exists).await, "delete Exists");
}

/// Requests DynamoDB would reject are rejected by every store, before touching data.
pub async fn invalid_requests_are_rejected(store: &dyn Store) {
    assert_invalid(store.get(&Key::new("", "x")).await, "empty pk");
    assert_invalid(
        store
            .put(Item::new(Key::new("p", "")), Condition::None)
            .await,
        "empty sk",
    );
    for reserved in crate::RESERVED_ATTRS {
        assert_invalid(
            store
                .put(
                    Item::new(Key::new("p", "s")).with(reserved, 1),
                    Condition::None,
                )
                .await,
            "reserved attribute name",
        );
    }
    assert_invalid(
        store
            .put(
                Item::new(Key::new("p", "s")).with_gsi1(Key::new("", "x")),
                Condition::None,
            )
            .await,
        "empty gsi1 key",
    );
    assert_invalid(
        store
            .update(&Key::new("p", "s"), Map::new(), Condition::None)
            .await,
        "empty update",
    );
    assert_invalid(
        store
            .delete(
                &Key::new("p", "s"),
                Condition::AttrEquals("gsi1pk".into(), json!("x")),
            )
            .await,
        "condition on a reserved name",
    );
    assert_invalid(
        store.increment(&Key::new("p", "s"), "", 1, None).await,
        "empty name",
    );
    assert_invalid(
        store.query("p", "", QueryOpts::limit(0)).await,
        "zero limit",
    );
    let foreign = crate::Cursor {
        key: Key::new("other", "s"),
        gsi1: None,
    };
    assert_invalid(
        store
            .query("p", "", QueryOpts::default().after(Some(foreign.clone())))
            .await,
        "cursor from another partition",
    );
    assert_invalid(
        store
            .query_gsi1("g", "", QueryOpts::default().after(Some(foreign)))
            .await,
        "table cursor on the index",
    );
    assert!(
        is_absent(store, &Key::new("p", "s")).await,
        "nothing was written"
    );
}
