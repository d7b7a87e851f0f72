//! The apply cases on the local store.

mod common;

use std::sync::Arc;

use store::{SqliteStore, Store};

async fn fresh(_case: &'static str) -> Arc<dyn Store> {
    Arc::new(SqliteStore::in_memory().expect("in-memory SQLite store"))
}

apply_suite!(fresh);
