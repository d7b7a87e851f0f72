use serde::{Deserialize, Serialize};

use crate::types::{DocNumber, DocStatus, LocalDateTime, YmdDate};

/// Every field an editor may write, for every kind of page. Unknown fields are
/// refused so a typo (`isued:`) is caught by `cchc check` instead of silently
/// dropping the value.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub date: Option<YmdDate>,
    #[serde(default)]
    pub updated: Option<YmdDate>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub fields: Vec<String>,

    // Knowledge articles.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub source: Option<String>,

    // Documents.
    #[serde(default)]
    pub number: Option<DocNumber>,
    #[serde(default)]
    pub doc_type: Option<String>,
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default)]
    pub signer: Option<String>,
    #[serde(default)]
    pub issued: Option<YmdDate>,
    #[serde(default)]
    pub effective: Option<YmdDate>,
    #[serde(default)]
    pub status: Option<DocStatus>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub replaces: Vec<DocNumber>,
    #[serde(default)]
    pub replaced_by: Vec<DocNumber>,
    #[serde(default)]
    pub related: Vec<DocNumber>,
    #[serde(default)]
    pub attachments: Vec<AttachmentMeta>,

    // Questions and answers.
    #[serde(default)]
    pub asker: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub asked: Option<YmdDate>,
    #[serde(default)]
    pub question: Option<String>,
    #[serde(default)]
    pub answered: Option<YmdDate>,
    #[serde(default)]
    pub answered_by: Option<String>,
    #[serde(default)]
    pub code: Option<String>,

    // Consultations.
    #[serde(default)]
    pub agency: Option<String>,
    #[serde(default)]
    pub opens: Option<LocalDateTime>,
    #[serde(default)]
    pub closes: Option<LocalDateTime>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AttachmentMeta {
    pub file: String,
    #[serde(default)]
    pub title: Option<String>,
}

/// Splits `---\nYAML\n---\nbody`; returns the YAML, the body and the 1-based
/// line on which the body starts.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.lines().count() + 1;
            return Some((yaml, body, body_line));
        }
        offset += line.len();
    }
    None
}

/// The 1-based line in the file of a top-level front-matter key, for checks
/// made after parsing (dates out of order, unknown references).
pub fn key_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 2)
        .unwrap_or(1)
}

/// The 1-based line of `value` in the front matter, at or after `key`'s
/// line: for a list item such as one bad number in `related`.
pub fn value_line(yaml: &str, key: &str, value: &str) -> usize {
    let start = key_line(yaml, key).saturating_sub(2);
    yaml.lines()
        .enumerate()
        .skip(start)
        .find(|(_, l)| l.contains(value))
        .map(|(i, _)| i + 2)
        .unwrap_or_else(|| key_line(yaml, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_line() {
        let text = "---\ntitle: A\ndate: 2021-11-09\n---\nBody\n";
        let (yaml, body, line) = split_front_matter(text).unwrap();
        assert_eq!(yaml, "title: A\ndate: 2021-11-09\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 5);
        assert_eq!(key_line(yaml, "date"), 3);
        assert_eq!(key_line(yaml, "title"), 2);
    }

    #[test]
    fn missing_front_matter_is_none() {
        assert!(split_front_matter("# Title\n").is_none());
        assert!(split_front_matter("---\ntitle: A\n").is_none());
    }

    #[test]
    fn value_line_finds_list_items() {
        let yaml = "title: A\nrelated:\n  - 1/BNV-CCHC\n  - 2/BNV-CCHC\n";
        assert_eq!(value_line(yaml, "related", "2/BNV-CCHC"), 5);
    }
}
