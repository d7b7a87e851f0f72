//! TTL: expired items are absent.

use super::*;

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
