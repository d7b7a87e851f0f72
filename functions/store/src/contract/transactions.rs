//! All-or-nothing transactions.

use super::*;

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
