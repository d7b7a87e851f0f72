use serde::{Deserialize, Serialize};

use crate::error::{invalid, StoreError};
use crate::item::Item;
use crate::key::Key;

/// Upper bound on one page, so a single request cannot pull a whole partition.
pub const MAX_PAGE: usize = 1000;

/// Paging and direction of a query. Items come in sort-key order (UTF-8 byte order, as
/// DynamoDB sorts strings), or in reverse when `forward` is false.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryOpts {
    pub limit: usize,
    pub forward: bool,
    /// Continue after this position (the `next` of the previous page).
    pub after: Option<Cursor>,
}

impl Default for QueryOpts {
    fn default() -> Self {
        Self {
            limit: 100,
            forward: true,
            after: None,
        }
    }
}

impl QueryOpts {
    pub fn limit(limit: usize) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }

    pub fn backward(mut self) -> Self {
        self.forward = false;
        self
    }

    pub fn after(mut self, cursor: Option<Cursor>) -> Self {
        self.after = cursor;
        self
    }

    pub(crate) fn validate(&self) -> Result<(), StoreError> {
        if self.limit == 0 || self.limit > MAX_PAGE {
            return Err(invalid(format!(
                "query limit must be between 1 and {MAX_PAGE}, got {}",
                self.limit
            )));
        }
        Ok(())
    }
}

/// One page of query results.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// Set exactly when more items follow; pass it as [`QueryOpts::after`].
    pub next: Option<Cursor>,
}

/// Position after the last item of a page. For index queries it carries the index key
/// too, because DynamoDB needs both to resume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub key: Key,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gsi1: Option<Key>,
}

impl Cursor {
    pub(crate) fn table(item: &Item) -> Self {
        Self {
            key: item.key.clone(),
            gsi1: None,
        }
    }

    pub(crate) fn gsi1(item: &Item) -> Self {
        Self {
            key: item.key.clone(),
            gsi1: item.gsi1.clone(),
        }
    }

    /// An opaque URL-safe token for handing the cursor to clients.
    pub fn encode(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        json.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn decode(token: &str) -> Result<Self, StoreError> {
        let bad = || invalid("malformed page cursor");
        if !token.len().is_multiple_of(2) || !token.is_ascii() {
            return Err(bad());
        }
        let bytes = (0..token.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&token[i..i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .map_err(|_| bad())?;
        serde_json::from_slice(&bytes).map_err(|_| bad())
    }

    /// Checks that a cursor belongs to the partition being queried; resuming elsewhere
    /// would silently return the wrong items.
    pub(crate) fn check_table(&self, pk: &str) -> Result<(), StoreError> {
        if self.key.pk != pk {
            return Err(invalid(format!(
                "cursor belongs to partition {:?}, not {pk:?}",
                self.key.pk
            )));
        }
        Ok(())
    }

    pub(crate) fn check_gsi1(&self, gsi1pk: &str) -> Result<&Key, StoreError> {
        match &self.gsi1 {
            Some(g) if g.pk == gsi1pk => Ok(g),
            _ => Err(invalid(format!(
                "cursor does not belong to gsi1 partition {gsi1pk:?}"
            ))),
        }
    }
}

/// The smallest string greater than every string starting with `prefix`, or `None` when
/// there is none. Lets SQLite answer `begins_with` from the primary-key index.
#[cfg(any(test, feature = "sqlite"))]
pub(crate) fn prefix_upper_bound(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = match last as u32 + 1 {
            0xD800 => Some('\u{E000}'),
            n => char::from_u32(n),
        };
        if let Some(c) = next {
            chars.push(c);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_bound_brackets_the_prefix() {
        assert_eq!(prefix_upper_bound("DOC#").as_deref(), Some("DOC$"));
        assert_eq!(prefix_upper_bound("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(prefix_upper_bound("\u{D7FF}").as_deref(), Some("\u{E000}"));
        assert_eq!(prefix_upper_bound("\u{10FFFF}"), None);
        assert_eq!(prefix_upper_bound(""), None);
        let ub = prefix_upper_bound("HỒ SƠ#").unwrap_or_default();
        assert!("HỒ SƠ#zzz" < ub.as_str() && "HỒ SƠ$" >= ub.as_str());
    }

    #[test]
    fn cursor_token_roundtrip() {
        let c = Cursor {
            key: Key::new("HỒSƠ#1", "DOC#2"),
            gsi1: Some(Key::new("STATUS#open", "2026-01-01")),
        };
        assert_eq!(Cursor::decode(&c.encode()), Ok(c));
        assert!(Cursor::decode("zz").is_err());
        assert!(Cursor::decode("abc").is_err());
    }
}
