//! Atomic counters.

use super::*;

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
