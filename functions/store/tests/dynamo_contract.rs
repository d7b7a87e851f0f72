//! The store contract against DynamoDB, served locally by moto.
//!
//! Needs `CCHC_DYNAMODB_ENDPOINT`; from the repository root:
//!     export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)
//! Every case gets its own table, named per run, so reruns against a long-lived moto
//! server never see old data.

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use store::{DynamoStore, Key, Store, StoreError};

const ENDPOINT_VAR: &str = "CCHC_DYNAMODB_ENDPOINT";

fn endpoint() -> String {
    match std::env::var(ENDPOINT_VAR) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{ENDPOINT_VAR} is not set. The DynamoDB contract tests need a local moto server: \
             run `export {ENDPOINT_VAR}=$(scripts/moto.sh start)` in the repository root, then \
             rerun the tests (stop it with `scripts/moto.sh stop`)."
        ),
    }
}

fn run_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        format!("{}-{nanos}", std::process::id())
    })
}

async fn store_for(case: &str) -> DynamoStore {
    let table = format!("cchc-test-{}-{}", case.replace('_', "-"), run_id());
    let store = DynamoStore::local(&endpoint(), table).await;
    if let Err(e) = store.create_table_if_missing().await {
        panic!(
            "could not create table {} at {}: {e}\nIs moto running? `scripts/moto.sh start`",
            store.table(),
            endpoint()
        );
    }
    store
}

async fn fresh(case: &'static str) -> Arc<dyn Store> {
    Arc::new(store_for(case).await)
}

store::contract_suite!(fresh);

#[tokio::test]
async fn create_table_is_idempotent_and_delete_table_removes_it() {
    let store = store_for("lifecycle").await;
    store
        .create_table_if_missing()
        .await
        .expect("second create");
    store.delete_table().await.expect("delete");
    let err = store.get(&Key::new("p", "s")).await;
    assert!(matches!(err, Err(StoreError::Backend(_))), "got {err:?}");
}

#[tokio::test]
async fn unreachable_endpoint_is_a_backend_error_naming_the_table() {
    let store = DynamoStore::local("http://127.0.0.1:9", "cchc-nowhere").await;
    match store.get(&Key::new("p", "s")).await {
        Err(StoreError::Backend(msg)) => assert!(msg.contains("cchc-nowhere"), "{msg}"),
        other => panic!("expected a backend error, got {other:?}"),
    }
}
