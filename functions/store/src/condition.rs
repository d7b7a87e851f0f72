use serde_json::Value;

use crate::error::StoreError;
use crate::item::{normalize, validate_attr_name, values_equal, Item, VERSION_ATTR};

/// A precondition on the current item of a write. Expired items count as absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Condition {
    /// Always holds.
    #[default]
    None,
    /// Holds when there is no (live) item with the key.
    NotExists,
    /// Holds when a live item with the key exists.
    Exists,
    /// Holds when the item exists and the attribute equals the value.
    AttrEquals(String, Value),
    /// Holds unless the item exists and the attribute equals the value; a missing item
    /// or attribute passes.
    AttrNotEquals(String, Value),
    /// Optimistic concurrency: holds when the item exists and its `version` attribute is
    /// this number. The store never bumps `version` itself: the writer sets the next one.
    VersionIs(u64),
}

impl Condition {
    /// Evaluates the condition against the live item (`None` when absent or expired).
    pub fn holds(&self, current: Option<&Item>) -> bool {
        let attr = |name: &str| current.and_then(|i| i.attrs.get(name));
        match self {
            Condition::None => true,
            Condition::NotExists => current.is_none(),
            Condition::Exists => current.is_some(),
            Condition::AttrEquals(name, v) => attr(name).is_some_and(|a| values_equal(a, v)),
            Condition::AttrNotEquals(name, v) => !attr(name).is_some_and(|a| values_equal(a, v)),
            Condition::VersionIs(n) => {
                attr(VERSION_ATTR).is_some_and(|a| values_equal(a, &Value::from(*n)))
            }
        }
    }

    pub(crate) fn validated(self) -> Result<Self, StoreError> {
        Ok(match self {
            Condition::AttrEquals(name, v) => {
                validate_attr_name(&name)?;
                Condition::AttrEquals(name, normalize(v))
            }
            Condition::AttrNotEquals(name, v) => {
                validate_attr_name(&name)?;
                Condition::AttrNotEquals(name, normalize(v))
            }
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Key;
    use serde_json::json;

    #[test]
    fn conditions_on_missing_and_present_items() {
        let item = Item::new(Key::new("p", "s"))
            .with("state", "open")
            .with("version", 3);
        let present = Some(&item);
        assert!(Condition::NotExists.holds(None));
        assert!(!Condition::NotExists.holds(present));
        assert!(Condition::Exists.holds(present));
        assert!(Condition::AttrEquals("state".into(), json!("open")).holds(present));
        assert!(!Condition::AttrEquals("state".into(), json!("open")).holds(None));
        assert!(Condition::AttrNotEquals("state".into(), json!("open")).holds(None));
        assert!(!Condition::AttrNotEquals("state".into(), json!("open")).holds(present));
        assert!(Condition::VersionIs(3).holds(present));
        assert!(!Condition::VersionIs(0).holds(None));
    }
}
