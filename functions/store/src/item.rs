use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use crate::error::{invalid, StoreError};
use crate::key::Key;

/// Attribute names the stores use for keys, the index and TTL; `attrs` may not use them,
/// because in DynamoDB they share one namespace with the item's own attributes.
pub const RESERVED_ATTRS: [&str; 5] = ["pk", "sk", "gsi1pk", "gsi1sk", "expires_at"];

/// The attribute that [`crate::Condition::VersionIs`] compares.
pub const VERSION_ATTR: &str = "version";

/// One stored item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub key: Key,
    /// Plain JSON values. Whole-number floats are stored as integers (DynamoDB does not
    /// keep the distinction), so `2.0` reads back as `2`.
    pub attrs: Map<String, Value>,
    /// Key in the `gsi1` secondary index; items without it are not in the index.
    pub gsi1: Option<Key>,
    /// TTL in epoch seconds. From that second on the item is treated as absent everywhere.
    pub expires_at: Option<i64>,
}

impl Item {
    pub fn new(key: Key) -> Self {
        Self {
            key,
            attrs: Map::new(),
            gsi1: None,
            expires_at: None,
        }
    }

    pub fn with(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.attrs.insert(name.into(), value.into());
        self
    }

    pub fn with_gsi1(mut self, gsi1: Key) -> Self {
        self.gsi1 = Some(gsi1);
        self
    }

    pub fn expiring_at(mut self, epoch_seconds: i64) -> Self {
        self.expires_at = Some(epoch_seconds);
        self
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.attrs.get(name)
    }

    /// The optimistic-concurrency version, if the item has a non-negative integer one.
    pub fn version(&self) -> Option<u64> {
        self.attrs.get(VERSION_ATTR).and_then(Value::as_u64)
    }

    pub fn is_expired_at(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|t| t <= now)
    }

    pub(crate) fn validate(&self) -> Result<(), StoreError> {
        self.key.validate("item key")?;
        if let Some(g) = &self.gsi1 {
            g.validate("gsi1 key")?;
        }
        validate_attr_names(self.attrs.keys())
    }

    pub(crate) fn normalized(mut self) -> Self {
        self.attrs = normalize_map(self.attrs);
        self
    }
}

pub(crate) fn validate_attr_names<'a>(
    names: impl IntoIterator<Item = &'a String>,
) -> Result<(), StoreError> {
    for name in names {
        validate_attr_name(name)?;
    }
    Ok(())
}

pub(crate) fn validate_attr_name(name: &str) -> Result<(), StoreError> {
    if name.is_empty() {
        return Err(invalid("attribute names must not be empty"));
    }
    if RESERVED_ATTRS.contains(&name) {
        return Err(invalid(format!(
            "attribute name {name:?} is reserved for keys, the index or TTL"
        )));
    }
    Ok(())
}

/// Makes values compare and round-trip the same in every backend: DynamoDB numbers are
/// decimals, so `2.0` and `2` are one value there.
pub(crate) fn normalize(value: Value) -> Value {
    match value {
        Value::Number(n) => Value::Number(normalize_number(n)),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        Value::Object(map) => Value::Object(normalize_map(map)),
        other => other,
    }
}

pub(crate) fn normalize_map(map: Map<String, Value>) -> Map<String, Value> {
    map.into_iter().map(|(k, v)| (k, normalize(v))).collect()
}

fn normalize_number(n: Number) -> Number {
    match n.as_f64() {
        Some(f)
            if n.is_f64() && f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 =>
        {
            Number::from(f as i64)
        }
        _ => n,
    }
}

/// Equality as DynamoDB's `=` sees it: numbers by value, not by JSON representation.
pub(crate) fn values_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => numbers_equal(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| values_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| values_equal(v, w)))
        }
        _ => a == b,
    }
}

fn numbers_equal(x: &Number, y: &Number) -> bool {
    if let (Some(a), Some(b)) = (x.as_i64(), y.as_i64()) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (x.as_u64(), y.as_u64()) {
        return a == b;
    }
    x.as_f64() == y.as_f64()
}

/// Current time in epoch seconds, the unit of `expires_at`.
pub fn now_epoch() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn whole_floats_become_integers_recursively() {
        let v = normalize(json!({"a": 2.0, "b": [1.5, -3.0], "c": {"d": 1e30}}));
        assert_eq!(v, json!({"a": 2, "b": [1.5, -3], "c": {"d": 1e30}}));
    }

    #[test]
    fn numbers_compare_by_value() {
        assert!(values_equal(&json!(1), &json!(1.0)));
        assert!(values_equal(&json!({"x": [1]}), &json!({"x": [1.0]})));
        assert!(!values_equal(&json!(1), &json!("1")));
        assert!(values_equal(&json!(u64::MAX), &json!(u64::MAX)));
    }

    #[test]
    fn reserved_names_are_rejected() {
        assert!(validate_attr_name("gsi1pk").is_err());
        assert!(validate_attr_name("").is_err());
        assert!(validate_attr_name("tên").is_ok());
    }
}
