use std::fmt;

use serde::Serialize;

/// An identifier written by editors: lowercase ASCII letters and digits in
/// dash-separated words, e.g. `thu-tuc-hanh-chinh` or `5`.
///
/// Ids end up in field names (`q_<id>`, `q_<id>_other`, `q_<id>__<row>`), in
/// HTML ids and in stored answers. Forbidding `_` is what keeps those field
/// names unambiguous, and forbidding everything else keeps them safe to put
/// in a URL fragment or a CSS selector without escaping.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

/// Longest id accepted; ids are keys, not prose.
pub const MAX_ID_LEN: usize = 64;

impl Id {
    pub fn parse(s: &str) -> Result<Id, String> {
        if s.is_empty() {
            return Err("must not be empty".into());
        }
        if s.len() > MAX_ID_LEN {
            return Err(format!("{s:?} is longer than {MAX_ID_LEN} characters"));
        }
        let well_formed = s.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
        if !well_formed {
            return Err(format!(
                "{s:?} is not a valid id: use lowercase letters a-z, digits and single dashes, e.g. \"thu-tuc-hanh-chinh\""
            ));
        }
        Ok(Id(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Lets maps keyed by `Id` be looked up with a `&str`; sound because `Id`
/// compares and hashes exactly as its string does.
impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dashed_lowercase_words() {
        assert_eq!(Id::parse("cong-chuc").unwrap().as_str(), "cong-chuc");
        assert_eq!(Id::parse("5").unwrap().as_str(), "5");
    }

    #[test]
    fn rejects_what_would_break_field_names() {
        for bad in [
            "",
            "a_b",
            "A",
            "a--b",
            "-a",
            "a-",
            "công-chức",
            "a b",
            "a.b",
        ] {
            assert!(Id::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(Id::parse(&"a".repeat(MAX_ID_LEN + 1)).is_err());
    }
}
