use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::condition::Condition;
use crate::error::{invalid, StoreError};
use crate::item::{normalize_map, validate_attr_names, Item};
use crate::key::Key;

/// DynamoDB's TransactWriteItems limit; the local store enforces it too so code that
/// works locally works in production.
pub const MAX_TRANSACT_WRITES: usize = 100;

/// One write inside [`crate::Store::transact`].
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    /// Replaces the whole item.
    Put {
        item: Item,
        condition: Condition,
    },
    /// Sets attributes and adds to numeric ones, creating the item if absent (its gsi1
    /// and TTL are kept when it exists).
    Update {
        key: Key,
        set: Map<String, Value>,
        increment: Vec<(String, i64)>,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Condition,
    },
    /// Writes nothing; cancels the transaction unless the condition holds.
    ConditionCheck {
        key: Key,
        condition: Condition,
    },
}

impl Write {
    pub fn put(item: Item, condition: Condition) -> Self {
        Write::Put { item, condition }
    }

    pub fn update(key: Key, set: Map<String, Value>, condition: Condition) -> Self {
        Write::Update {
            key,
            set,
            increment: Vec::new(),
            condition,
        }
    }

    pub fn delete(key: Key, condition: Condition) -> Self {
        Write::Delete { key, condition }
    }

    pub fn check(key: Key, condition: Condition) -> Self {
        Write::ConditionCheck { key, condition }
    }

    pub fn key(&self) -> &Key {
        match self {
            Write::Put { item, .. } => &item.key,
            Write::Update { key, .. } | Write::Delete { key, .. } => key,
            Write::ConditionCheck { key, .. } => key,
        }
    }

    pub fn condition(&self) -> &Condition {
        match self {
            Write::Put { condition, .. }
            | Write::Update { condition, .. }
            | Write::Delete { condition, .. }
            | Write::ConditionCheck { condition, .. } => condition,
        }
    }

    fn validated(self) -> Result<Self, StoreError> {
        Ok(match self {
            Write::Put { item, condition } => {
                item.validate()?;
                Write::Put {
                    item: item.normalized(),
                    condition: condition.validated()?,
                }
            }
            Write::Update {
                key,
                set,
                increment,
                condition,
            } => {
                let set = validate_update(&key, set, &increment)?;
                Write::Update {
                    key,
                    set,
                    increment,
                    condition: condition.validated()?,
                }
            }
            Write::Delete { key, condition } => {
                key.validate("delete key")?;
                Write::Delete {
                    key,
                    condition: condition.validated()?,
                }
            }
            Write::ConditionCheck { key, condition } => {
                key.validate("condition-check key")?;
                Write::ConditionCheck {
                    key,
                    condition: condition.validated()?,
                }
            }
        })
    }
}

/// Checks a transaction the same way in every backend (DynamoDB rejects two writes to
/// one item and more than 100 writes).
pub(crate) fn validate_transaction(writes: Vec<Write>) -> Result<Vec<Write>, StoreError> {
    if writes.len() > MAX_TRANSACT_WRITES {
        return Err(invalid(format!(
            "a transaction may hold at most {MAX_TRANSACT_WRITES} writes, got {}",
            writes.len()
        )));
    }
    let mut seen = HashSet::new();
    for w in &writes {
        if !seen.insert(w.key().clone()) {
            return Err(invalid(format!(
                "a transaction may touch each item once; {} appears twice",
                w.key()
            )));
        }
    }
    writes.into_iter().map(Write::validated).collect()
}

/// Validates an update and returns its normalized `set`.
pub(crate) fn validate_update(
    key: &Key,
    set: Map<String, Value>,
    increment: &[(String, i64)],
) -> Result<Map<String, Value>, StoreError> {
    key.validate("update key")?;
    if set.is_empty() && increment.is_empty() {
        // DynamoDB's transactional Update needs a non-empty update expression.
        return Err(invalid(format!(
            "an update of {key} must set or increment at least one attribute"
        )));
    }
    validate_attr_names(set.keys())?;
    let mut seen = HashSet::new();
    for (name, _) in increment {
        crate::item::validate_attr_name(name)?;
        if set.contains_key(name) || !seen.insert(name) {
            return Err(invalid(format!(
                "attribute {name:?} is updated twice in one request"
            )));
        }
    }
    Ok(normalize_map(set))
}

/// The item an update produces from the live item (or from nothing, which is how both
/// backends treat an absent or expired item). `ttl_if_unset` is the counter TTL of
/// [`crate::Store::increment`]: applied only when the item has none yet.
pub(crate) fn apply_update(
    current: Option<Item>,
    key: &Key,
    set: &Map<String, Value>,
    increment: &[(String, i64)],
    ttl_if_unset: Option<i64>,
) -> Result<Item, StoreError> {
    let mut item = current.unwrap_or_else(|| Item::new(key.clone()));
    for (name, value) in set {
        item.attrs.insert(name.clone(), value.clone());
    }
    for (name, by) in increment {
        let old = match item.attrs.get(name) {
            None => 0,
            Some(v) => v.as_i64().ok_or_else(|| {
                invalid(format!(
                    "cannot increment attribute {name:?} of {key}: it holds {v}, not an integer"
                ))
            })?,
        };
        let new = old.checked_add(*by).ok_or_else(|| {
            invalid(format!(
                "incrementing {name:?} of {key} overflows a 64-bit integer"
            ))
        })?;
        item.attrs.insert(name.clone(), Value::from(new));
    }
    if item.expires_at.is_none() {
        item.expires_at = ttl_if_unset;
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn update_merges_and_increments() {
        let key = Key::new("p", "s");
        let cur = Item::new(key.clone())
            .with("a", 1)
            .with("n", 5)
            .expiring_at(99);
        let set = json!({"a": "x"}).as_object().cloned().unwrap_or_default();
        let new = apply_update(Some(cur), &key, &set, &[("n".into(), 2)], Some(7));
        let new = new.expect("update applies");
        assert_eq!(new.get("a"), Some(&json!("x")));
        assert_eq!(new.get("n"), Some(&json!(7)));
        assert_eq!(new.expires_at, Some(99));
    }

    #[test]
    fn transactions_reject_duplicate_keys() {
        let k = Key::new("p", "s");
        let writes = vec![
            Write::check(k.clone(), Condition::Exists),
            Write::delete(k, Condition::None),
        ];
        assert!(matches!(
            validate_transaction(writes),
            Err(StoreError::Invalid(_))
        ));
    }
}
