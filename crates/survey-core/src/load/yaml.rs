//! Reading YAML by hand, field by field, so every complaint carries the
//! exact path an editor has to look at. Serde's derived errors stop at the
//! first problem and cannot say "sections[1].questions[3].type".
//!
//! Accessors record what is wrong and return `None`; the caller gives up
//! building the value at the end if any error was recorded, so the defaults
//! that stand in for bad fields never escape.

use std::path::Path;

use serde_yaml_ng::{Mapping, Value};

use crate::errors::DefinitionErrors;
use crate::id::Id;

pub(crate) struct Ctx<'a> {
    pub file: &'a Path,
    pub errors: &'a mut DefinitionErrors,
}

impl Ctx<'_> {
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(self.file, field, message);
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

/// Text as editors mean it: NFC, surrounding blanks dropped. Numbers and
/// booleans are taken as their spelling, since `label: 2021` or `value: 5`
/// is what people write.
fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(vntext::nfc(s.trim())),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(crate) struct Map<'v> {
    map: &'v Mapping,
    pub path: String,
}

impl<'v> Map<'v> {
    pub fn of(v: &'v Value, path: &str, cx: &mut Ctx) -> Option<Map<'v>> {
        match v {
            Value::Mapping(map) => Some(Map {
                map,
                path: path.to_owned(),
            }),
            other => {
                cx.error(
                    path,
                    format!("expected a mapping of fields, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// A present, non-null value.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Catches misspelt keys (`requried: true`), which would otherwise be
    /// silently ignored and change the form's meaning.
    pub fn allow_only(&self, keys: &[&str], cx: &mut Ctx) {
        for k in self.map.keys() {
            let name = scalar_text(k).unwrap_or_else(|| format!("{k:?}"));
            if !keys.contains(&name.as_str()) {
                cx.error(
                    &self.field(&name),
                    format!("unknown field (expected one of: {})", keys.join(", ")),
                );
            }
        }
    }

    pub fn text(&self, key: &str, cx: &mut Ctx) -> Option<String> {
        let Some(v) = self.get(key) else {
            cx.error(&self.field(key), "missing");
            return None;
        };
        match scalar_text(v) {
            Some(s) if s.is_empty() => {
                cx.error(&self.field(key), "must not be empty");
                None
            }
            Some(s) => Some(s),
            None => {
                cx.error(
                    &self.field(key),
                    format!("expected text, found {}", describe(v)),
                );
                None
            }
        }
    }

    /// `None` when absent or blank.
    pub fn opt_text(&self, key: &str, cx: &mut Ctx) -> Option<String> {
        let v = self.get(key)?;
        match scalar_text(v) {
            Some(s) if s.is_empty() => None,
            Some(s) => Some(s),
            None => {
                cx.error(
                    &self.field(key),
                    format!("expected text, found {}", describe(v)),
                );
                None
            }
        }
    }

    pub fn id(&self, key: &str, cx: &mut Ctx) -> Option<Id> {
        let v = self.get(key);
        let Some(v) = v else {
            cx.error(&self.field(key), "missing");
            return None;
        };
        id_value(v, &self.field(key), cx)
    }

    pub fn opt_bool(&self, key: &str, cx: &mut Ctx) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            other => {
                cx.error(
                    &self.field(key),
                    format!("expected true or false, found {}", describe(other)),
                );
                None
            }
        }
    }

    pub fn opt_u64(&self, key: &str, cx: &mut Ctx) -> Option<u64> {
        let v = self.get(key)?;
        match v.as_u64() {
            Some(n) => Some(n),
            None => {
                cx.error(
                    &self.field(key),
                    format!("expected a whole number, found {}", describe(v)),
                );
                None
            }
        }
    }

    pub fn opt_f64(&self, key: &str, cx: &mut Ctx) -> Option<f64> {
        let v = self.get(key)?;
        match v.as_f64() {
            Some(n) if n.is_finite() => Some(n),
            _ => {
                cx.error(
                    &self.field(key),
                    format!("expected a number, found {}", describe(v)),
                );
                None
            }
        }
    }

    /// A required, non-empty list, with the path of each item.
    pub fn list(&self, key: &str, cx: &mut Ctx) -> Option<Vec<(String, &'v Value)>> {
        let path = self.field(key);
        match self.get(key) {
            None => {
                cx.error(&path, "missing");
                None
            }
            Some(Value::Sequence(items)) if items.is_empty() => {
                cx.error(&path, "must list at least one item");
                None
            }
            Some(Value::Sequence(items)) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (index(&path, i), v))
                    .collect(),
            ),
            Some(other) => {
                cx.error(&path, format!("expected a list, found {}", describe(other)));
                None
            }
        }
    }
}

pub(crate) fn id_value(v: &Value, path: &str, cx: &mut Ctx) -> Option<Id> {
    let Some(s) = scalar_text(v) else {
        cx.error(path, format!("expected an id, found {}", describe(v)));
        return None;
    };
    match Id::parse(&s) {
        Ok(id) => Some(id),
        Err(e) => {
            cx.error(path, e);
            None
        }
    }
}
