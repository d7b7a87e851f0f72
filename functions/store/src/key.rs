use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{invalid, StoreError};

/// Primary key of an item: partition key and sort key, both non-empty strings
/// (DynamoDB rejects empty key attributes, so the local store does too).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Key {
    pub pk: String,
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            pk: pk.into(),
            sk: sk.into(),
        }
    }

    pub(crate) fn validate(&self, what: &str) -> Result<(), StoreError> {
        if self.pk.is_empty() || self.sk.is_empty() {
            return Err(invalid(format!(
                "{what} must have a non-empty pk and sk, got {self}"
            )));
        }
        Ok(())
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({:?}, {:?})", self.pk, self.sk)
    }
}
