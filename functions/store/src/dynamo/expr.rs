//! Condition and update expressions with placeholder names and values.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{Map, Value};

use super::convert::{to_av, AvMap, EXPIRES_AT, PK};
use crate::condition::Condition;
use crate::item::VERSION_ATTR;

/// Collects `#n` / `:v` placeholders so attribute names never clash with DynamoDB's
/// reserved words and values never need escaping.
#[derive(Default)]
pub(crate) struct Expr {
    pub names: HashMap<String, String>,
    pub values: AvMap,
}

impl Expr {
    pub fn name(&mut self, name: &str) -> String {
        if let Some((placeholder, _)) = self.names.iter().find(|(_, n)| *n == name) {
            return placeholder.clone();
        }
        let placeholder = format!("#n{}", self.names.len());
        self.names.insert(placeholder.clone(), name.to_owned());
        placeholder
    }

    pub fn value(&mut self, value: AttributeValue) -> String {
        let placeholder = format!(":v{}", self.values.len());
        self.values.insert(placeholder.clone(), value);
        placeholder
    }

    pub fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    pub fn values(&self) -> Option<AvMap> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }

    fn now(&mut self, now: i64) -> String {
        self.value(AttributeValue::N(now.to_string()))
    }

    /// True when the item is absent or not expired. Expired items linger until
    /// DynamoDB's sweeper deletes them, so every condition has to look past them.
    pub fn live_or_absent(&mut self, now: i64) -> String {
        let exp = self.name(EXPIRES_AT);
        let now = self.now(now);
        format!("(attribute_not_exists({exp}) OR {exp} > {now})")
    }

    fn expired(&mut self, now: i64) -> String {
        let exp = self.name(EXPIRES_AT);
        let now = self.now(now);
        format!("{exp} <= {now}")
    }

    /// The expression for `cond`, treating expired items as absent; `None` when the
    /// condition always holds.
    pub fn condition(&mut self, cond: &Condition, now: i64) -> Option<String> {
        Some(match cond {
            Condition::None => return None,
            Condition::NotExists => {
                let pk = self.name(PK);
                let expired = self.expired(now);
                format!("(attribute_not_exists({pk}) OR {expired})")
            }
            Condition::Exists => {
                let pk = self.name(PK);
                let live = self.live_or_absent(now);
                format!("(attribute_exists({pk}) AND {live})")
            }
            Condition::AttrEquals(name, value) => self.equals(name, &to_av(value), now),
            Condition::VersionIs(v) => {
                self.equals(VERSION_ATTR, &AttributeValue::N(v.to_string()), now)
            }
            Condition::AttrNotEquals(name, value) => {
                let n = self.name(name);
                let v = self.value(to_av(value));
                let expired = self.expired(now);
                format!("(attribute_not_exists({n}) OR {n} <> {v} OR {expired})")
            }
        })
    }

    fn equals(&mut self, name: &str, value: &AttributeValue, now: i64) -> String {
        let n = self.name(name);
        let v = self.value(value.clone());
        let live = self.live_or_absent(now);
        format!("({n} = {v} AND {live})")
    }

    /// Condition for an update: the item must be live or absent (an expired one is
    /// replaced by a fresh item instead, see `DynamoStore::replace_expired`) and `cond`
    /// must hold.
    pub fn update_condition(&mut self, cond: &Condition, now: i64) -> String {
        let live = self.live_or_absent(now);
        match self.condition(cond, now) {
            Some(c) => format!("{live} AND {c}"),
            None => live,
        }
    }

    /// Holds only while the stored item still carries this `expires_at`.
    pub fn guard_expires_at(&mut self, old: i64) -> String {
        let exp = self.name(EXPIRES_AT);
        let v = self.value(AttributeValue::N(old.to_string()));
        format!("{exp} = {v}")
    }

    /// `SET a = :x, ... ADD n :d, ...`, or `None` when there is nothing to change.
    pub fn update(
        &mut self,
        set: &Map<String, Value>,
        increment: &[(String, i64)],
        ttl_if_unset: Option<i64>,
    ) -> Option<String> {
        let mut sets: Vec<String> = set
            .iter()
            .map(|(name, value)| {
                let n = self.name(name);
                let v = self.value(to_av(value));
                format!("{n} = {v}")
            })
            .collect();
        if let Some(ttl) = ttl_if_unset {
            let exp = self.name(EXPIRES_AT);
            let v = self.value(AttributeValue::N(ttl.to_string()));
            sets.push(format!("{exp} = if_not_exists({exp}, {v})"));
        }
        let adds: Vec<String> = increment
            .iter()
            .map(|(name, by)| {
                let n = self.name(name);
                let v = self.value(AttributeValue::N(by.to_string()));
                format!("{n} {v}")
            })
            .collect();
        let mut clauses = Vec::new();
        if !sets.is_empty() {
            clauses.push(format!("SET {}", sets.join(", ")));
        }
        if !adds.is_empty() {
            clauses.push(format!("ADD {}", adds.join(", ")));
        }
        (!clauses.is_empty()).then(|| clauses.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_are_reused_and_values_are_placeholders() {
        let mut e = Expr::default();
        let c = e.condition(&Condition::AttrEquals("status".into(), json!("open")), 5);
        assert_eq!(
            c.as_deref(),
            Some("(#n0 = :v0 AND (attribute_not_exists(#n1) OR #n1 > :v1))")
        );
        assert_eq!(e.names.get("#n1").map(String::as_str), Some("expires_at"));
        assert!(e.condition(&Condition::None, 5).is_none());
    }

    #[test]
    fn update_expression_sets_and_adds() {
        let mut e = Expr::default();
        let set = json!({"a": 1}).as_object().cloned().unwrap_or_default();
        let u = e.update(&set, &[("n".into(), 2)], Some(9));
        assert_eq!(
            u.as_deref(),
            Some("SET #n0 = :v0, #n1 = if_not_exists(#n1, :v1) ADD #n2 :v2")
        );
        assert!(Expr::default().update(&Map::new(), &[], None).is_none());
    }
}
