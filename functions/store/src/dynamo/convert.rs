//! JSON values and items to and from DynamoDB attribute values.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{Map, Number, Value};

use crate::error::StoreError;
use crate::item::Item;
use crate::key::Key;

pub(crate) type AvMap = HashMap<String, AttributeValue>;

pub(crate) const PK: &str = "pk";
pub(crate) const SK: &str = "sk";
pub(crate) const GSI1PK: &str = "gsi1pk";
pub(crate) const GSI1SK: &str = "gsi1sk";
pub(crate) const EXPIRES_AT: &str = "expires_at";

pub(crate) fn to_av(value: &Value) -> AttributeValue {
    match value {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Number(n) => AttributeValue::N(n.to_string()),
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Array(items) => AttributeValue::L(items.iter().map(to_av).collect()),
        Value::Object(map) => {
            AttributeValue::M(map.iter().map(|(k, v)| (k.clone(), to_av(v))).collect())
        }
    }
}

pub(crate) fn from_av(av: &AttributeValue) -> Result<Value, StoreError> {
    Ok(match av {
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::N(n) => Value::Number(parse_number(n)?),
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::L(items) => {
            Value::Array(items.iter().map(from_av).collect::<Result<_, _>>()?)
        }
        AttributeValue::M(map) => Value::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), from_av(v)?)))
                .collect::<Result<_, StoreError>>()?,
        ),
        // Sets are never written by this crate but may come from other tools.
        AttributeValue::Ss(items) => {
            Value::Array(items.iter().cloned().map(Value::String).collect())
        }
        AttributeValue::Ns(items) => Value::Array(
            items
                .iter()
                .map(|n| parse_number(n).map(Value::Number))
                .collect::<Result<_, _>>()?,
        ),
        other => {
            return Err(StoreError::Backend(format!(
                "DynamoDB returned an attribute type this store does not map to JSON: {other:?}"
            )))
        }
    })
}

/// DynamoDB numbers are decimal strings; keep integers exact and fall back to f64.
pub(crate) fn parse_number(n: &str) -> Result<Number, StoreError> {
    if let Ok(i) = n.parse::<i64>() {
        return Ok(Number::from(i));
    }
    if let Ok(u) = n.parse::<u64>() {
        return Ok(Number::from(u));
    }
    n.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .ok_or_else(|| StoreError::Backend(format!("DynamoDB returned an unreadable number {n:?}")))
}

pub(crate) fn key_map(key: &Key) -> AvMap {
    HashMap::from([
        (PK.to_owned(), AttributeValue::S(key.pk.clone())),
        (SK.to_owned(), AttributeValue::S(key.sk.clone())),
    ])
}

pub(crate) fn item_to_map(item: &Item) -> AvMap {
    let mut map = key_map(&item.key);
    for (name, value) in &item.attrs {
        map.insert(name.clone(), to_av(value));
    }
    if let Some(g) = &item.gsi1 {
        map.insert(GSI1PK.to_owned(), AttributeValue::S(g.pk.clone()));
        map.insert(GSI1SK.to_owned(), AttributeValue::S(g.sk.clone()));
    }
    if let Some(t) = item.expires_at {
        map.insert(EXPIRES_AT.to_owned(), AttributeValue::N(t.to_string()));
    }
    map
}

pub(crate) fn map_to_item(map: &AvMap) -> Result<Item, StoreError> {
    let string = |name: &str| match map.get(name) {
        Some(AttributeValue::S(s)) => Ok(Some(s.clone())),
        None => Ok(None),
        Some(other) => Err(StoreError::Backend(format!(
            "DynamoDB item has a non-string {name}: {other:?}"
        ))),
    };
    let key = match (string(PK)?, string(SK)?) {
        (Some(pk), Some(sk)) => Key { pk, sk },
        _ => return Err(StoreError::Backend("DynamoDB item lacks pk or sk".into())),
    };
    let gsi1 = match (string(GSI1PK)?, string(GSI1SK)?) {
        (Some(pk), Some(sk)) => Some(Key { pk, sk }),
        _ => None,
    };
    let expires_at = match map.get(EXPIRES_AT) {
        Some(AttributeValue::N(n)) => Some(n.parse::<i64>().map_err(|_| {
            StoreError::Backend(format!(
                "DynamoDB item {key} has a non-integer expires_at {n:?}"
            ))
        })?),
        _ => None,
    };
    let mut attrs = Map::new();
    for (name, av) in map {
        if ![PK, SK, GSI1PK, GSI1SK, EXPIRES_AT].contains(&name.as_str()) {
            attrs.insert(name.clone(), from_av(av)?);
        }
    }
    Ok(Item {
        key,
        attrs,
        gsi1,
        expires_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_json_kind_roundtrips() {
        let v = json!({
            "s": "Thủ tục hành chính", "empty": "", "i": -42, "big": u64::MAX,
            "f": 3.25, "t": true, "n": null, "l": [1, "a", [], {}], "m": {"x": {"y": false}}
        });
        assert_eq!(from_av(&to_av(&v)), Ok(v));
    }

    #[test]
    fn item_roundtrip_keeps_keys_out_of_attrs() {
        let item = Item::new(Key::new("HỒSƠ#1", "META"))
            .with("tên", "Nguyễn Văn A")
            .with_gsi1(Key::new("STATUS#open", "2026-01-02"))
            .expiring_at(1_900_000_000);
        assert_eq!(map_to_item(&item_to_map(&item)), Ok(item));
    }
}
