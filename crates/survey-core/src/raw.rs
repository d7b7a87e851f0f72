use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Answers as they arrive, before any checking: each field name with every
/// value posted under it, in posting order. Checkbox groups post one name
/// many times, hence a multimap.
///
/// Kept verbatim (not trimmed, not normalised) so a form shown again after
/// an error holds exactly what the respondent typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawAnswers(BTreeMap<String, Vec<String>>);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RawAnswersError {
    #[error("expected a JSON object mapping field names to values")]
    NotAnObject,
    #[error("field {0}: expected text, a number, true/false or a list of them")]
    BadValue(String),
    #[error("not valid JSON: {0}")]
    Syntax(String),
}

impl RawAnswers {
    pub fn new() -> RawAnswers {
        RawAnswers::default()
    }

    /// An `application/x-www-form-urlencoded` body, as a browser posts it.
    pub fn from_urlencoded(body: &[u8]) -> RawAnswers {
        RawAnswers::from_pairs(form_urlencoded::parse(body))
    }

    pub fn from_pairs<I, K, V>(pairs: I) -> RawAnswers
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        let mut raw = RawAnswers::new();
        for (k, v) in pairs {
            raw.push(k, v);
        }
        raw
    }

    /// A JSON object such as `{"q_a": "x", "q_b": ["1", "2"], "q_n": 12}`,
    /// as a script posts it. Numbers and booleans are taken as their text;
    /// `null` is no value.
    pub fn from_json(value: &Value) -> Result<RawAnswers, RawAnswersError> {
        let Value::Object(map) = value else {
            return Err(RawAnswersError::NotAnObject);
        };
        let mut raw = RawAnswers::new();
        for (name, v) in map {
            let items: Vec<&Value> = match v {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for item in items {
                match item {
                    Value::Null => {}
                    Value::String(s) => raw.push(name.clone(), s.clone()),
                    Value::Number(n) => raw.push(name.clone(), n.to_string()),
                    Value::Bool(b) => raw.push(name.clone(), b.to_string()),
                    _ => return Err(RawAnswersError::BadValue(name.clone())),
                }
            }
        }
        Ok(raw)
    }

    pub fn from_json_str(text: &str) -> Result<RawAnswers, RawAnswersError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| RawAnswersError::Syntax(e.to_string()))?;
        RawAnswers::from_json(&value)
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.entry(name.into()).or_default().push(value.into());
    }

    /// Every value posted under `name`; empty when none was.
    pub fn get(&self, name: &str) -> &[String] {
        self.0.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn first(&self, name: &str) -> Option<&str> {
        self.get(name).first().map(String::as_str)
    }

    pub fn contains(&self, name: &str, value: &str) -> bool {
        self.get(name).iter().any(|v| v == value)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_bodies_keep_repeated_names_and_decode_vietnamese() {
        let raw = RawAnswers::from_urlencoded(b"q_a=1&q_b=x&q_a=2&q_t=C%C3%B4ng+ch%E1%BB%A9c");
        assert_eq!(raw.get("q_a"), ["1", "2"]);
        assert_eq!(raw.first("q_t"), Some("Công chức"));
        assert!(raw.get("q_missing").is_empty());
    }

    #[test]
    fn json_values_become_text() {
        let raw = RawAnswers::from_json_str(
            r#"{"q_a": ["x", "y"], "q_n": 12.5, "q_b": true, "q_z": null}"#,
        )
        .unwrap();
        assert_eq!(raw.get("q_a"), ["x", "y"]);
        assert_eq!(raw.get("q_n"), ["12.5"]);
        assert_eq!(raw.get("q_b"), ["true"]);
        assert!(raw.get("q_z").is_empty());
        assert_eq!(
            RawAnswers::from_json_str(r#"{"q_a": {"x": 1}}"#),
            Err(RawAnswersError::BadValue("q_a".into()))
        );
        assert_eq!(
            RawAnswers::from_json_str("[1]"),
            Err(RawAnswersError::NotAnObject)
        );
    }
}
