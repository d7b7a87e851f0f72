//! Table-level item store modelled on DynamoDB single-table design.
//!
//! [`DynamoStore`] runs in production, `SqliteStore` (feature `sqlite`, on by default
//! but off in the Lambda binaries) locally and in tests; both pass
//! the same contract suite (`contract` feature), so code written against [`Store`]
//! behaves the same on either. There is deliberately no scan: every read is by key or by
//! key prefix, which is what keeps DynamoDB costs flat.
//!
//! Tests: the DynamoDB half runs against a local moto server and fails (never skips)
//! without one:
//!
//! ```text
//! export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)
//! cargo test -p store
//! scripts/moto.sh stop
//! ```

mod condition;
#[cfg(any(test, feature = "contract"))]
pub mod contract;
mod dynamo;
mod error;
mod item;
mod key;
mod query;
#[cfg(feature = "sqlite")]
mod sqlite;
mod version;
mod write;

use async_trait::async_trait;
use serde_json::{Map, Value};

pub use condition::Condition;
pub use dynamo::{DynamoStore, GSI1};
pub use error::StoreError;
pub use item::{now_epoch, Item, RESERVED_ATTRS, VERSION_ATTR};
pub use key::Key;
pub use query::{Cursor, Page, QueryOpts, MAX_PAGE};
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;
pub use version::init_version;
pub use write::{Write, MAX_TRANSACT_WRITES};

/// The storage interface every function uses. Items whose `expires_at` has passed are
/// absent for every operation, reads and conditions alike.
#[async_trait]
pub trait Store: Send + Sync {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError>;

    /// Replaces the whole item. Fails with [`StoreError::ConditionFailed`] when `cond`
    /// does not hold.
    async fn put(&self, item: Item, cond: Condition) -> Result<(), StoreError>;

    /// Sets attributes, keeping the others, the gsi1 key and the TTL; creates the item
    /// from just `set` when absent (if `cond` allows). Returns the item as written.
    async fn update(
        &self,
        key: &Key,
        set: Map<String, Value>,
        cond: Condition,
    ) -> Result<Item, StoreError>;

    /// Atomically adds `by` to an integer attribute (missing counts as 0) and returns the
    /// new value. `expires_at` applies only when the item has no TTL yet, so a
    /// rate-limit window is fixed by its first hit and restarts once it expires.
    async fn increment(
        &self,
        key: &Key,
        attr: &str,
        by: i64,
        expires_at: Option<i64>,
    ) -> Result<i64, StoreError>;

    async fn delete(&self, key: &Key, cond: Condition) -> Result<(), StoreError>;

    /// Items of partition `pk` whose sort key starts with `sk_prefix` ("" for all).
    async fn query(&self, pk: &str, sk_prefix: &str, opts: QueryOpts) -> Result<Page, StoreError>;

    /// Items whose gsi1 key has partition `gsi1pk` and sort key starting with
    /// `sk_prefix`, ordered by gsi1 sort key. Eventually consistent on DynamoDB.
    async fn query_gsi1(
        &self,
        gsi1pk: &str,
        sk_prefix: &str,
        opts: QueryOpts,
    ) -> Result<Page, StoreError>;

    /// Applies all writes or none. A failed condition yields
    /// [`StoreError::Transaction`] with the index of the first failing write.
    async fn transact(&self, writes: Vec<Write>) -> Result<(), StoreError>;
}
