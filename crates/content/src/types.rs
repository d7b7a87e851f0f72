//! Value types that cannot hold a bad value: a front-matter field that does
//! not parse fails loading with serde's line number, so editors are pointed
//! at the exact line.

use std::fmt;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use regex::Regex;
use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YmdDate(pub NaiveDate);

impl YmdDate {
    pub fn parse(s: &str) -> Result<YmdDate, String> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(YmdDate)
            .map_err(|_| format!("invalid date \"{s}\": write it as YYYY-MM-DD, e.g. 2021-11-09"))
    }
}

impl<'de> Deserialize<'de> for YmdDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        YmdDate::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for YmdDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.format("%Y-%m-%d").to_string())
    }
}

impl fmt::Display for YmdDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

/// A moment written `YYYY-MM-DD HH:MM` in Vietnam time (UTC+7); a bare date
/// means the start of that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalDateTime(pub DateTime<FixedOffset>);

impl LocalDateTime {
    pub fn parse(s: &str) -> Result<LocalDateTime, String> {
        let s = s.trim();
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .or_else(|_| {
                NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(|d| d.and_hms_opt(0, 0, 0).unwrap_or_default())
            })
            .map_err(|_| {
                format!("invalid date-time \"{s}\": write it as YYYY-MM-DD HH:MM in Vietnam time")
            })?;
        vntext::vn_offset()
            .from_local_datetime(&naive)
            .single()
            .map(LocalDateTime)
            .ok_or_else(|| format!("invalid date-time \"{s}\""))
    }
}

impl<'de> Deserialize<'de> for LocalDateTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        LocalDateTime::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for LocalDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339())
    }
}

/// A document's số ký hiệu: `5628/BNV-CCHC`, `76/NQ-CP`, `13/2023/NĐ-CP`,
/// `1291/QĐ-TTg`, and the Party's `18-NQ/TW`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocNumber(String);

fn number_pattern() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    // A code part starts with a capital or a digit and may go on in lower case:
    // the Prime Minister's "TTg" (Thủ tướng) is written so in every Decision and
    // Directive. Party documents put the type before the slash: 18-NQ/TW.
    R.get_or_init(|| {
        let part = r"[A-ZĐ0-9][A-ZĐ0-9a-zđ]*";
        Regex::new(&format!(
            r"^[0-9]+[a-z]?(?:/(?:[0-9]{{4}}/)?{part}(?:-{part})*|-{part}/{part}(?:-{part})*)$"
        ))
        .expect("valid regex")
    })
}

impl DocNumber {
    pub fn parse(s: &str) -> Result<DocNumber, String> {
        let s = vntext::nfc(s.trim());
        if number_pattern().is_match(&s) {
            Ok(DocNumber(s))
        } else {
            Err(format!(
                "invalid document number \"{s}\": expected <number>/[<year>/]<CODE>, e.g. 5628/BNV-CCHC, 13/2023/NĐ-CP or 1291/QĐ-TTg (or a Party number such as 18-NQ/TW)"
            ))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        DocNumber::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for DocNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether a document is in force (tình trạng hiệu lực).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocStatus {
    #[serde(rename = "còn hiệu lực")]
    InForce,
    #[serde(rename = "hết hiệu lực")]
    Expired,
    #[serde(rename = "chưa có hiệu lực")]
    NotYetInForce,
}

impl DocStatus {
    pub fn label(self) -> &'static str {
        match self {
            DocStatus::InForce => "còn hiệu lực",
            DocStatus::Expired => "hết hiệu lực",
            DocStatus::NotYetInForce => "chưa có hiệu lực",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_in_real_use_parse() {
        for n in [
            "5628/BNV-CCHC",
            "979/QĐ-BNV",
            "76/NQ-CP",
            "13/2023/NĐ-CP",
            "91/2025/QH15",
            "30c/NQ-CP",
            "12340/UBND-KSTT",
            "1291/QĐ-TTg",
            "23/CT-TTg",
            "18-NQ/TW",
            "05-KL/TW",
        ] {
            assert_eq!(DocNumber::parse(n).unwrap().as_str(), n);
        }
    }

    #[test]
    fn malformed_document_numbers_are_refused() {
        for n in [
            "5628-BNV-CCHC",
            "BNV/5628",
            "5628/bnv-cchc",
            "5628/",
            "5628/BNV--CCHC",
            "1291/qĐ-TTg",
            "18-NQ",
            "18-NQ/",
            "",
        ] {
            assert!(DocNumber::parse(n).is_err(), "{n} should be refused");
        }
    }

    #[test]
    fn decomposed_d_stroke_number_is_normalised() {
        // Đ has no decomposition, but the Q with a combining mark elsewhere must still compose.
        assert_eq!(
            DocNumber::parse(" 979/QĐ-BNV ").unwrap().as_str(),
            "979/QĐ-BNV"
        );
    }

    #[test]
    fn local_datetime_is_vietnam_time() {
        let t = LocalDateTime::parse("2026-11-01 08:00").unwrap();
        assert_eq!(t.0.to_rfc3339(), "2026-11-01T08:00:00+07:00");
        assert!(LocalDateTime::parse("2026-11-01 25:00").is_err());
        assert_eq!(
            LocalDateTime::parse("2026-11-01").unwrap().0.to_rfc3339(),
            "2026-11-01T00:00:00+07:00"
        );
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(YmdDate::parse("2021-11-09").is_ok());
        assert!(YmdDate::parse("2021-02-30")
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(YmdDate::parse("09/11/2021").is_err());
    }

    #[test]
    fn status_uses_the_vietnamese_words() {
        let s: DocStatus = serde_yaml_ng::from_str("hết hiệu lực").unwrap();
        assert_eq!(s, DocStatus::Expired);
        assert!(serde_yaml_ng::from_str::<DocStatus>("expired").is_err());
    }
}
