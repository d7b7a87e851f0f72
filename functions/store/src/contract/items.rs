//! Single-item writes and reads.

use super::*;

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
