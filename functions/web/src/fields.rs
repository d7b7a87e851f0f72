//! Posted text fields, from a urlencoded form or a JSON object, NFC-normalised
//! (a Vietnamese keyboard may send decomposed tone marks).

use serde_json::Value;

use crate::incoming::{BodyError, Incoming};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// Reads a urlencoded or JSON body (strings, numbers and booleans become
    /// text; arrays give one pair per element).
    pub fn read(req: &Incoming, max_bytes: usize) -> Result<Fields, BodyError> {
        if req.body.len() > max_bytes {
            return Err(BodyError::TooLarge);
        }
        match req.media_type().as_str() {
            "application/json" => Self::from_json(&req.body),
            "" | "application/x-www-form-urlencoded" => Ok(Self::from_urlencoded(&req.body)),
            other => Err(BodyError::Unsupported(other.to_owned())),
        }
    }

    pub fn from_urlencoded(bytes: &[u8]) -> Fields {
        Fields(
            form_urlencoded::parse(bytes)
                .map(|(k, v)| (k.into_owned(), vntext::nfc(&v)))
                .collect(),
        )
    }

    pub fn from_json(bytes: &[u8]) -> Result<Fields, BodyError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Fields::default());
        }
        let v: Value =
            serde_json::from_slice(bytes).map_err(|e| BodyError::Malformed(e.to_string()))?;
        let Value::Object(map) = v else {
            return Err(BodyError::Malformed("JSON body is not an object".into()));
        };
        let mut out = Vec::new();
        for (k, v) in map {
            let items = match v {
                Value::Array(a) => a,
                other => vec![other],
            };
            for item in items {
                let text = match item {
                    Value::String(s) => s,
                    Value::Bool(b) => {
                        if b {
                            "co".into()
                        } else {
                            String::new()
                        }
                    }
                    Value::Number(n) => n.to_string(),
                    Value::Null => continue,
                    _ => return Err(BodyError::Malformed(format!("field {k} is not text"))),
                };
                out.push((k.clone(), vntext::nfc(&text)));
            }
        }
        Ok(Fields(out))
    }

    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), vntext::nfc(&value.into())));
    }

    /// The first value, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The value as typed (for refilling a form), or "".
    pub fn raw(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urlencoded_and_json_give_the_same_fields() {
        // "Hà" typed with a combining grave accent.
        let a = Fields::from_urlencoded("ho_ten=Ha%CC%80&dong_y=co&x=+".as_bytes());
        assert_eq!(a.get("ho_ten"), Some("Hà"));
        assert_eq!(a.get("x"), None);
        let b = Fields::from_json(br#"{"ho_ten":"Ha\u0300","dong_y":true,"n":5}"#).expect("json");
        assert_eq!(b.get("ho_ten"), Some("Hà"));
        assert_eq!(b.get("dong_y"), Some("co"));
        assert_eq!(b.get("n"), Some("5"));
        assert!(Fields::from_json(b"[1]").is_err());
    }
}
