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

mod counters;
mod expiry;
mod items;
mod queries;
mod transactions;

pub use counters::{concurrent_increments, increments_count};
pub use expiry::expired_items_are_absent;
pub use items::{
    conditional_puts, delete_with_condition, invalid_requests_are_rejected, optimistic_versions,
    roundtrip_all_json_kinds, update_upserts_and_checks_conditions,
};
pub use queries::{gsi1_queries, query_prefix_order_and_pages};
pub use transactions::transact_all_or_nothing;

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

async fn put_all(store: &dyn Store, items: Vec<Item>) {
    for item in items {
        store.put(item, Condition::None).await.expect("put");
    }
}
