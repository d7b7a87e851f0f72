//! Prefix queries on the table and on `gsi1`.

use aws_sdk_dynamodb::types::AttributeValue;

use super::convert::{key_map, map_to_item, AvMap, GSI1PK, GSI1SK, PK, SK};
use super::expr::Expr;
use super::{DynamoStore, GSI1};
use crate::error::StoreError;
use crate::item::now_epoch;
use crate::query::{Cursor, Page, QueryOpts};

impl DynamoStore {
    pub(super) async fn query_index(
        &self,
        gsi1: bool,
        partition: &str,
        prefix: &str,
        opts: QueryOpts,
    ) -> Result<Page, StoreError> {
        opts.validate()?;
        let (pcol, scol) = if gsi1 { (GSI1PK, GSI1SK) } else { (PK, SK) };
        let mut start: Option<AvMap> = match &opts.after {
            None => None,
            Some(cursor) if gsi1 => {
                let g = cursor.check_gsi1(partition)?;
                let mut map = key_map(&cursor.key);
                map.insert(GSI1PK.into(), AttributeValue::S(g.pk.clone()));
                map.insert(GSI1SK.into(), AttributeValue::S(g.sk.clone()));
                Some(map)
            }
            Some(cursor) => {
                cursor.check_table(partition)?;
                Some(key_map(&cursor.key))
            }
        };
        let mut items = Vec::new();
        // Expired items still count against DynamoDB's Limit, so keep reading until the
        // page plus one look-ahead item is filled or the partition ends.
        loop {
            let mut e = Expr::default();
            let p = e.name(pcol);
            let pv = e.value(AttributeValue::S(partition.to_owned()));
            let mut key_condition = format!("{p} = {pv}");
            if !prefix.is_empty() {
                let s = e.name(scol);
                let sv = e.value(AttributeValue::S(prefix.to_owned()));
                key_condition += &format!(" AND begins_with({s}, {sv})");
            }
            let wanted = opts.limit + 1 - items.len();
            let out = self
                .client
                .query()
                .table_name(&self.table)
                .set_index_name(gsi1.then(|| GSI1.to_owned()))
                .key_condition_expression(key_condition)
                .set_expression_attribute_names(e.names())
                .set_expression_attribute_values(e.values())
                .scan_index_forward(opts.forward)
                .limit(i32::try_from(wanted).unwrap_or(i32::MAX))
                .set_exclusive_start_key(start.take())
                // Global secondary indexes do not support consistent reads.
                .consistent_read(!gsi1)
                .send()
                .await
                .map_err(|e| self.err("Query", e))?;
            let now = now_epoch();
            for map in out.items() {
                let item = map_to_item(map)?;
                if !item.is_expired_at(now) {
                    items.push(item);
                }
            }
            start = out.last_evaluated_key.filter(|k| !k.is_empty());
            if items.len() > opts.limit || start.is_none() {
                break;
            }
        }
        let next = if items.len() > opts.limit {
            items.truncate(opts.limit);
            items
                .last()
                .map(if gsi1 { Cursor::gsi1 } else { Cursor::table })
        } else {
            None
        };
        Ok(Page { items, next })
    }
}
