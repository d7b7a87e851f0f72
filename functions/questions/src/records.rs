//! Questions in the store. The question and the asker's contact details are
//! two items, so a page, an export or a status lookup reads the first and
//! never sees the second; the contact item expires on its own.

use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use store::{Condition, Item, Key, QueryOpts, Store, StoreError, Write};

/// Contact details of an unanswered question are kept at most this long.
pub const UNANSWERED_RETENTION_DAYS: i64 = 730;
/// ... and this long after the answer (privacy notice).
pub const ANSWERED_RETENTION_DAYS: i64 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Sent, not yet with an editor.
    Received,
    /// Pulled into a draft page; an editor is answering.
    Pulled,
    /// Published, and the asker was told (once).
    Answered,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Pulled => "pulled",
            Status::Answered => "answered",
        }
    }
}

/// One stored attachment: our key, its sniffed type and size. The name the
/// person's computer gave it is not kept (it often holds their name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub key: String,
    /// `pdf`, `docx`, `jpg`...
    pub ext: String,
    pub size: u64,
}

impl Attachment {
    /// The file name in the pulled page's folder.
    pub fn file_name(&self) -> &str {
        self.key.rsplit('/').next().unwrap_or(&self.key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRecord {
    pub code: String,
    pub title: String,
    pub text: String,
    pub field: String,
    pub province: String,
    pub display_name: Option<String>,
    /// RFC 3339, UTC.
    pub asked_at: String,
    pub status: Status,
    pub attachments: Vec<Attachment>,
    /// `hoi-dap/<slug>/index.md` once pulled.
    pub page: Option<String>,
    pub answer_url: Option<String>,
    pub notified_at: Option<String>,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

pub fn key(code: &str) -> Key {
    Key::new(format!("QUESTION#{code}"), "QUESTION")
}

pub fn contact_key(code: &str) -> Key {
    Key::new(format!("QUESTION#{code}"), "CONTACT")
}

fn status_partition(s: Status) -> String {
    format!("QSTATUS#{}", s.as_str())
}

/// `HD-2026-000123`: the year (Vietnam time) and the year's next number from
/// an atomic counter, so two posts never share a code.
pub async fn next_code(store: &dyn Store, now: DateTime<Utc>) -> Result<String, StoreError> {
    let year = now.with_timezone(&vntext::vn_offset()).year();
    let n = store
        .increment(&Key::new("COUNTER#HD", year.to_string()), "n", 1, None)
        .await?;
    Ok(format!("HD-{year}-{n:06}"))
}

/// Is `s` shaped like a tracking code? (Checked before any store read.)
pub fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 14
        && s.starts_with("HD-")
        && b[3..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..].iter().all(u8::is_ascii_digit)
}

fn to_item(r: &QuestionRecord) -> Item {
    let attrs = match serde_json::to_value(r) {
        Ok(Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    let mut item = Item::new(key(&r.code));
    item.attrs = attrs;
    item.with_gsi1(Key::new(
        status_partition(r.status),
        format!("{}#{}", r.asked_at, r.code),
    ))
}

fn from_item(item: &Item) -> Result<QuestionRecord, StoreError> {
    serde_json::from_value(Value::Object(item.attrs.clone()))
        .map_err(|e| StoreError::Backend(format!("question item {} is malformed: {e}", item.key)))
}

/// Stores a new question and its contact item together.
pub async fn create(
    store: &dyn Store,
    r: &QuestionRecord,
    c: &Contact,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let expires = now + Duration::days(UNANSWERED_RETENTION_DAYS);
    let contact = Item::new(contact_key(&r.code))
        .with("name", c.name.as_str())
        .with("email", c.email.as_str())
        .with("phone", c.phone.clone().map_or(Value::Null, Value::from))
        .expiring_at(expires.timestamp());
    store
        .transact(vec![
            Write::put(to_item(r), Condition::NotExists),
            Write::put(contact, Condition::NotExists),
        ])
        .await
}

pub async fn get(store: &dyn Store, code: &str) -> Result<Option<QuestionRecord>, StoreError> {
    store
        .get(&key(code))
        .await?
        .as_ref()
        .map(from_item)
        .transpose()
}

pub async fn contact(store: &dyn Store, code: &str) -> Result<Option<Contact>, StoreError> {
    let Some(item) = store.get(&contact_key(code)).await? else {
        return Ok(None);
    };
    let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
    Ok(Some(Contact {
        name: s("name").unwrap_or_default(),
        email: s("email").unwrap_or_default(),
        phone: s("phone"),
    }))
}

/// Every question in a status, oldest first (the index is eventually
/// consistent on DynamoDB: a question sent a moment ago may show next run).
pub async fn by_status(
    store: &dyn Store,
    status: Status,
) -> Result<Vec<QuestionRecord>, StoreError> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .query_gsi1(
                &status_partition(status),
                "",
                QueryOpts::limit(store::MAX_PAGE).after(after),
            )
            .await?;
        for item in &page.items {
            out.push(from_item(item)?);
        }
        match page.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    Ok(out)
}

/// Writes `next` if the stored version is still `next.version - 1`; `false`
/// when someone else changed it first.
pub async fn replace(store: &dyn Store, next: &QuestionRecord) -> Result<bool, StoreError> {
    let expected = next.version.saturating_sub(1);
    match store
        .put(to_item(next), Condition::VersionIs(expected))
        .await
    {
        Ok(()) => Ok(true),
        Err(e) if e.is_condition_failure() => Ok(false),
        Err(e) => Err(e),
    }
}

/// After the answer: the contact details expire `ANSWERED_RETENTION_DAYS` on.
pub async fn shorten_contact(
    store: &dyn Store,
    code: &str,
    answered: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(mut item) = store.get(&contact_key(code)).await? else {
        return Ok(());
    };
    item.expires_at = Some((answered + Duration::days(ANSWERED_RETENTION_DAYS)).timestamp());
    store.put(item, Condition::Exists).await
}

/// The JSON a status lookup answers with: no personal data, no title.
pub fn public_status(r: &QuestionRecord) -> Value {
    json!({
        "code": r.code,
        "status": if r.status == Status::Answered { "answered" } else { "received" },
        "asked_at": r.asked_at,
        "answer_url": r.answer_url,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_shape() {
        assert!(is_code("HD-2026-000123"));
        for bad in [
            "HD-2026-00012",
            "hd-2026-000123",
            "HD-20x6-000123",
            "HD-2026-000123x",
            "",
        ] {
            assert!(!is_code(bad), "{bad}");
        }
    }
}
