//! TransactWriteItems, with cancellation reasons mapped back to the failing write.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
use aws_sdk_dynamodb::types::{ConditionCheck, Delete, Put, TransactWriteItem, Update};

use super::convert::{item_to_map, key_map};
use super::error::build_error;
use super::expr::Expr;
use super::{AfterFailure, DynamoStore, MAX_ATTEMPTS};
use crate::error::StoreError;
use crate::item::{now_epoch, Item};
use crate::write::{apply_update, validate_transaction, Write};

/// How one attempt of a transaction ended.
enum Outcome {
    Done,
    /// Per-write cancellation codes, in request order.
    Cancelled(Vec<Option<String>>),
}

impl DynamoStore {
    pub(super) async fn transact_writes(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let writes = validate_transaction(writes)?;
        if writes.is_empty() {
            return Ok(());
        }
        // Updates whose target turned out to be expired become guarded puts of a fresh
        // item, so they behave as on an absent item (see `update_item`).
        let mut replacements: HashMap<usize, (Item, i64)> = HashMap::new();
        for attempt in 0..MAX_ATTEMPTS {
            let now = now_epoch();
            let items = writes
                .iter()
                .enumerate()
                .map(|(i, w)| match replacements.get(&i) {
                    Some((fresh, old)) => self.guarded_put(fresh, *old),
                    None => self.transact_item(w, now),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let codes = match self.send(items).await? {
                Outcome::Done => return Ok(()),
                Outcome::Cancelled(codes) => codes,
            };
            let failed = codes
                .iter()
                .enumerate()
                .filter(|(_, c)| c.as_deref() == Some("ConditionalCheckFailed"))
                .map(|(i, _)| i);
            let mut any_failed = false;
            for index in failed {
                any_failed = true;
                replacements.remove(&index);
                let Write::Update {
                    key,
                    set,
                    increment,
                    condition,
                } = &writes[index]
                else {
                    return Err(StoreError::Transaction { index });
                };
                match self.after_update_failed(key, condition).await? {
                    AfterFailure::ConditionFails => return Err(StoreError::Transaction { index }),
                    AfterFailure::Retry => {}
                    AfterFailure::Replace { old_expires_at } => {
                        let fresh = apply_update(None, key, set, increment, None)?;
                        replacements.insert(index, (fresh, old_expires_at));
                    }
                }
            }
            let conflict = codes
                .iter()
                .any(|c| c.as_deref() == Some("TransactionConflict"));
            if !any_failed && !conflict {
                return Err(StoreError::Backend(format!(
                    "DynamoDB TransactWriteItems on table {} was cancelled: {}",
                    self.table,
                    describe(&codes)
                )));
            }
            if conflict {
                // Another transaction held one of the items; back off briefly.
                tokio::time::sleep(Duration::from_millis(20 << attempt)).await;
            }
        }
        Err(StoreError::Backend(format!(
            "DynamoDB TransactWriteItems on table {} gave up after {MAX_ATTEMPTS} attempts: \
             its items kept changing",
            self.table
        )))
    }

    async fn send(&self, items: Vec<TransactWriteItem>) -> Result<Outcome, StoreError> {
        let result = self
            .client
            .transact_write_items()
            .set_transact_items(Some(items))
            .send()
            .await;
        match result {
            Ok(_) => Ok(Outcome::Done),
            Err(err) => match err.as_service_error() {
                Some(TransactWriteItemsError::TransactionCanceledException(e)) => {
                    Ok(Outcome::Cancelled(
                        e.cancellation_reasons()
                            .iter()
                            .map(|r| r.code().map(str::to_owned))
                            .collect(),
                    ))
                }
                _ => Err(self.err("TransactWriteItems", err)),
            },
        }
    }

    fn transact_item(&self, write: &Write, now: i64) -> Result<TransactWriteItem, StoreError> {
        let mut e = Expr::default();
        let item = match write {
            Write::Put { item, condition } => {
                let condition = e.condition(condition, now);
                let put = Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(item_to_map(item)))
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(e.names())
                    .set_expression_attribute_values(e.values())
                    .build()
                    .map_err(|err| build_error("Put", err))?;
                TransactWriteItem::builder().put(put)
            }
            Write::Update {
                key,
                set,
                increment,
                condition,
            } => {
                let condition = e.update_condition(condition, now);
                let update = e.update(set, increment, None);
                let update = Update::builder()
                    .table_name(&self.table)
                    .set_key(Some(key_map(key)))
                    .set_update_expression(update)
                    .condition_expression(condition)
                    .set_expression_attribute_names(e.names())
                    .set_expression_attribute_values(e.values())
                    .build()
                    .map_err(|err| build_error("Update", err))?;
                TransactWriteItem::builder().update(update)
            }
            Write::Delete { key, condition } => {
                let condition = e.condition(condition, now);
                let delete = Delete::builder()
                    .table_name(&self.table)
                    .set_key(Some(key_map(key)))
                    .set_condition_expression(condition)
                    .set_expression_attribute_names(e.names())
                    .set_expression_attribute_values(e.values())
                    .build()
                    .map_err(|err| build_error("Delete", err))?;
                TransactWriteItem::builder().delete(delete)
            }
            Write::ConditionCheck { key, condition } => {
                // DynamoDB requires an expression here; "live or absent" always holds
                // for Condition::None.
                let condition = e
                    .condition(condition, now)
                    .unwrap_or_else(|| e.live_or_absent(now));
                let check = ConditionCheck::builder()
                    .table_name(&self.table)
                    .set_key(Some(key_map(key)))
                    .condition_expression(condition)
                    .set_expression_attribute_names(e.names())
                    .set_expression_attribute_values(e.values())
                    .build()
                    .map_err(|err| build_error("ConditionCheck", err))?;
                TransactWriteItem::builder().condition_check(check)
            }
        };
        Ok(item.build())
    }

    fn guarded_put(
        &self,
        fresh: &Item,
        old_expires_at: i64,
    ) -> Result<TransactWriteItem, StoreError> {
        let mut e = Expr::default();
        let condition = e.guard_expires_at(old_expires_at);
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item_to_map(fresh)))
            .condition_expression(condition)
            .set_expression_attribute_names(e.names())
            .set_expression_attribute_values(e.values())
            .build()
            .map_err(|err| build_error("Put", err))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

fn describe(codes: &[Option<String>]) -> String {
    codes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.as_deref() {
            None | Some("None") => None,
            Some(code) => Some(format!("write #{i}: {code}")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
