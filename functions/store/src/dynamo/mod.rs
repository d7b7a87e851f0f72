//! Production backend: one DynamoDB table (pk/sk, GSI `gsi1`, TTL on `expires_at`).

mod convert;
mod error;
mod expr;
mod query;
mod table;
mod transact;

use async_trait::async_trait;
use aws_env::{Credentials, SdkConfig};
use aws_sdk_dynamodb::types::ReturnValue;
use aws_sdk_dynamodb::Client;
use serde_json::{Map, Value};

use crate::condition::Condition;
use crate::error::StoreError;
use crate::item::{now_epoch, Item};
use crate::key::Key;
use crate::query::{Page, QueryOpts};
use crate::write::{apply_update, validate_update};
use crate::Store;
use convert::{item_to_map, key_map, map_to_item};
use error::sdk_error;
use expr::Expr;

/// Name of the secondary index.
pub const GSI1: &str = "gsi1";

/// How often a write retries when the item it targets keeps changing under it (expired
/// item replaced concurrently, transaction conflicts). Each retry is rare in practice.
const MAX_ATTEMPTS: usize = 5;

/// DynamoDB-backed [`Store`].
#[derive(Clone, Debug)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

/// What to do after an update's condition failed.
enum AfterFailure {
    /// The item is expired and the caller's condition holds for an absent item: replace
    /// it with a fresh one, guarded on its old `expires_at`.
    Replace {
        old_expires_at: i64,
    },
    ConditionFails,
    /// The item changed between the write and the read; try the write again.
    Retry,
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// From a loaded SDK config; `endpoint_url` points at a local DynamoDB (moto).
    pub fn from_sdk_config(
        config: &SdkConfig,
        table: impl Into<String>,
        endpoint_url: Option<&str>,
    ) -> Self {
        let mut builder = aws_sdk_dynamodb::config::Builder::from(config);
        if let Some(url) = endpoint_url {
            builder = builder.endpoint_url(url);
        }
        Self::new(Client::from_conf(builder.build()), table)
    }

    /// Credentials and region from the environment, as in Lambda ([`aws_env::load`]).
    pub async fn from_env(table: impl Into<String>, endpoint_url: Option<&str>) -> Self {
        let config = aws_env::load().await;
        Self::from_sdk_config(&config, table, endpoint_url)
    }

    /// A local DynamoDB with dummy credentials and region `ap-southeast-1`, independent
    /// of whatever AWS profile the developer's shell has.
    pub async fn local(endpoint_url: &str, table: impl Into<String>) -> Self {
        let config = aws_env::fixed(
            "ap-southeast-1",
            Credentials::new("test", "test", None, None, "cchc-local"),
        );
        Self::from_sdk_config(&config, table, Some(endpoint_url))
    }

    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    fn err<E, R>(&self, op: &str, e: aws_sdk_dynamodb::error::SdkError<E, R>) -> StoreError
    where
        E: aws_sdk_dynamodb::error::ProvideErrorMetadata
            + std::error::Error
            + Send
            + Sync
            + 'static,
        R: std::fmt::Debug,
    {
        sdk_error(&self.table, op, e)
    }

    /// The stored item, expired or not.
    async fn raw_get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key_map(key)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.err("GetItem", e))?;
        out.item.as_ref().map(map_to_item).transpose()
    }

    async fn after_update_failed(
        &self,
        key: &Key,
        cond: &Condition,
    ) -> Result<AfterFailure, StoreError> {
        let now = now_epoch();
        let raw = self.raw_get(key).await?;
        let live = raw.as_ref().filter(|i| !i.is_expired_at(now));
        if !cond.holds(live) {
            return Ok(AfterFailure::ConditionFails);
        }
        Ok(match raw.and_then(|i| i.expires_at.filter(|&t| t <= now)) {
            Some(old_expires_at) => AfterFailure::Replace { old_expires_at },
            None => AfterFailure::Retry,
        })
    }

    /// Puts `fresh` only if the stored item still has `old_expires_at`; false when it
    /// changed meanwhile.
    async fn replace_expired(&self, fresh: &Item, old_expires_at: i64) -> Result<bool, StoreError> {
        let mut e = Expr::default();
        let condition = e.guard_expires_at(old_expires_at);
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item_to_map(fresh)))
            .condition_expression(condition)
            .set_expression_attribute_names(e.names())
            .set_expression_attribute_values(e.values())
            .send()
            .await;
        match result.map_err(|e| self.err("PutItem", e)) {
            Ok(_) => Ok(true),
            Err(StoreError::ConditionFailed) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// UpdateItem, treating an expired item as absent.
    async fn update_item(
        &self,
        key: &Key,
        set: &Map<String, Value>,
        increment: &[(String, i64)],
        cond: &Condition,
        ttl_if_unset: Option<i64>,
    ) -> Result<Item, StoreError> {
        for _ in 0..MAX_ATTEMPTS {
            let mut e = Expr::default();
            let condition = e.update_condition(cond, now_epoch());
            let update = e.update(set, increment, ttl_if_unset);
            let result = self
                .client
                .update_item()
                .table_name(&self.table)
                .set_key(Some(key_map(key)))
                .set_update_expression(update)
                .condition_expression(condition)
                .set_expression_attribute_names(e.names())
                .set_expression_attribute_values(e.values())
                .return_values(ReturnValue::AllNew)
                .send()
                .await;
            match result.map_err(|e| self.err("UpdateItem", e)) {
                Ok(out) => {
                    let attrs = out.attributes.unwrap_or_default();
                    return map_to_item(&attrs);
                }
                Err(StoreError::ConditionFailed) => {}
                Err(other) => return Err(other),
            }
            match self.after_update_failed(key, cond).await? {
                AfterFailure::ConditionFails => return Err(StoreError::ConditionFailed),
                AfterFailure::Retry => {}
                AfterFailure::Replace { old_expires_at } => {
                    let fresh = apply_update(None, key, set, increment, ttl_if_unset)?;
                    if self.replace_expired(&fresh, old_expires_at).await? {
                        return Ok(fresh);
                    }
                }
            }
        }
        Err(StoreError::Backend(format!(
            "DynamoDB UpdateItem of {key} on table {} gave up after {MAX_ATTEMPTS} attempts: \
             the item kept changing",
            self.table
        )))
    }
}

#[async_trait]
impl Store for DynamoStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        key.validate("get key")?;
        let now = now_epoch();
        Ok(self.raw_get(key).await?.filter(|i| !i.is_expired_at(now)))
    }

    async fn put(&self, item: Item, cond: Condition) -> Result<(), StoreError> {
        item.validate()?;
        let item = item.normalized();
        let cond = cond.validated()?;
        let mut e = Expr::default();
        let condition = e.condition(&cond, now_epoch());
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item_to_map(&item)))
            .set_condition_expression(condition)
            .set_expression_attribute_names(e.names())
            .set_expression_attribute_values(e.values())
            .send()
            .await
            .map_err(|e| self.err("PutItem", e))?;
        Ok(())
    }

    async fn update(
        &self,
        key: &Key,
        set: Map<String, Value>,
        cond: Condition,
    ) -> Result<Item, StoreError> {
        let set = validate_update(key, set, &[])?;
        let cond = cond.validated()?;
        self.update_item(key, &set, &[], &cond, None).await
    }

    async fn increment(
        &self,
        key: &Key,
        attr: &str,
        by: i64,
        expires_at: Option<i64>,
    ) -> Result<i64, StoreError> {
        let increment = [(attr.to_owned(), by)];
        validate_update(key, Map::new(), &increment)?;
        let item = self
            .update_item(key, &Map::new(), &increment, &Condition::None, expires_at)
            .await?;
        item.get(attr).and_then(Value::as_i64).ok_or_else(|| {
            StoreError::Backend(format!(
                "DynamoDB counter {attr:?} of {key} is not a 64-bit integer after increment"
            ))
        })
    }

    async fn delete(&self, key: &Key, cond: Condition) -> Result<(), StoreError> {
        key.validate("delete key")?;
        let cond = cond.validated()?;
        let mut e = Expr::default();
        let condition = e.condition(&cond, now_epoch());
        self.client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key_map(key)))
            .set_condition_expression(condition)
            .set_expression_attribute_names(e.names())
            .set_expression_attribute_values(e.values())
            .send()
            .await
            .map_err(|e| self.err("DeleteItem", e))?;
        Ok(())
    }

    async fn query(&self, pk: &str, sk_prefix: &str, opts: QueryOpts) -> Result<Page, StoreError> {
        self.query_index(false, pk, sk_prefix, opts).await
    }

    async fn query_gsi1(
        &self,
        gsi1pk: &str,
        sk_prefix: &str,
        opts: QueryOpts,
    ) -> Result<Page, StoreError> {
        self.query_index(true, gsi1pk, sk_prefix, opts).await
    }

    async fn transact(&self, writes: Vec<crate::Write>) -> Result<(), StoreError> {
        self.transact_writes(writes).await
    }
}
