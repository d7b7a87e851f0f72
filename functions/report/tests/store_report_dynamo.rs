//! The store-backed report on DynamoDB, served locally by moto. Needs
//! `CCHC_DYNAMODB_ENDPOINT` (`export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)`);
//! without it these tests fail, never skip.

mod common;

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use store::{DynamoStore, Store};

fn endpoint() -> String {
    match std::env::var("CCHC_DYNAMODB_ENDPOINT") {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "CCHC_DYNAMODB_ENDPOINT is not set. These tests need a local moto server: run \
             `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root."
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

async fn fresh(case: &'static str) -> Arc<dyn Store> {
    let store = DynamoStore::local(&endpoint(), format!("cchc-{case}-{}", run_id())).await;
    store
        .create_table_if_missing()
        .await
        .unwrap_or_else(|e| panic!("could not create a table at {}: {e}", endpoint()));
    Arc::new(store)
}

store_report_suite!(fresh);
