//! The apply cases on DynamoDB, served locally by moto. Needs
//! `CCHC_DYNAMODB_ENDPOINT`; from the repository root:
//!     export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)
//! Without it these tests fail (never skip). Each case gets its own table.

mod common;

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use store::{DynamoStore, Store};

const ENDPOINT_VAR: &str = "CCHC_DYNAMODB_ENDPOINT";

fn endpoint() -> String {
    match std::env::var(ENDPOINT_VAR) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{ENDPOINT_VAR} is not set. These tests need a local moto server: run \
             `export {ENDPOINT_VAR}=$(scripts/moto.sh start)` in the repository root."
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
    let table = format!("cchc-ses-{case}-{}", run_id());
    let store = DynamoStore::local(&endpoint(), table).await;
    store
        .create_table_if_missing()
        .await
        .unwrap_or_else(|e| panic!("could not create a table at {}: {e}", endpoint()));
    Arc::new(store)
}

apply_suite!(fresh);
