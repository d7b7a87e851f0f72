//! Answer records: one per (pseudonym, form), keyed by an HMAC of the link or
//! browser id so that nothing in the record names the respondent. The record
//! keeps only what aggregation needs: campaign, form, unit, group.

use serde_json::Value;
use store::{Condition, Item, Key, Store, StoreError, Write};

use crate::respondents::RespondentId;
use crate::token::hmac_hex;

pub const STATUS_DRAFT: &str = "draft";
pub const STATUS_SUBMITTED: &str = "submitted";

/// The answers key for a pseudonym (`domain` says what kind: "token", "browser").
pub fn answer_key(secret: &[u8], domain: &str, subject: &str, form: &str) -> Key {
    Key::new(
        format!("ANS#{}", hmac_hex(secret, domain, subject)),
        format!("FORM#{form}"),
    )
}

/// Where submitted answers of one form are listed (gsi1), for results reports.
pub fn results_pk(campaign: &str, form: &str) -> String {
    format!("RESULTS#{campaign}#{form}")
}

fn results_key(campaign: &str, form: &str, digest: &str) -> Key {
    Key::new(results_pk(campaign, form), digest.to_owned())
}

/// The attributes an answer record is aggregated by.
#[derive(Debug, Clone)]
pub struct Owner<'a> {
    pub campaign: &'a str,
    pub form: &'a str,
    pub unit: &'a str,
    pub group: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRecord {
    pub status: String,
    /// Canonical JSON of the answers (a draft's or the submission's).
    pub answers: String,
    pub digest: Option<String>,
    pub updated_at: String,
    pub submitted_at: Option<String>,
}

impl AnswerRecord {
    pub fn is_submitted(&self) -> bool {
        self.status == STATUS_SUBMITTED
    }

    fn from_item(item: &Item) -> Self {
        let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
        Self {
            status: text("status").unwrap_or_default(),
            answers: text("answers").unwrap_or_default(),
            digest: text("digest"),
            updated_at: text("updated_at").unwrap_or_default(),
            submitted_at: text("submitted_at"),
        }
    }
}

/// What a receipt quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub digest: String,
    pub submitted_at: String,
    /// False when this was a retry of a submission already stored.
    pub first_time: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The form was already submitted (with other answers, for a submit).
    #[error("the form was already submitted")]
    AlreadySubmitted(Receipt),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub async fn load(store: &dyn Store, key: &Key) -> Result<Option<AnswerRecord>, StoreError> {
    Ok(store.get(key).await?.as_ref().map(AnswerRecord::from_item))
}

fn record_item(key: &Key, owner: &Owner, status: &str, answers: &str, now: &str) -> Item {
    Item::new(key.clone())
        .with("campaign", owner.campaign)
        .with("form", owner.form)
        .with("unit", owner.unit)
        .with("group", owner.group)
        .with("status", status)
        .with("answers", answers)
        .with("updated_at", now)
}

fn not_submitted() -> Condition {
    Condition::AttrNotEquals("status".into(), STATUS_SUBMITTED.into())
}

/// Saves a draft unless the form was already submitted.
pub async fn save_draft(
    store: &dyn Store,
    key: &Key,
    owner: &Owner<'_>,
    answers_json: &str,
    now: &str,
) -> Result<(), WriteError> {
    let item = record_item(key, owner, STATUS_DRAFT, answers_json, now);
    match store.put(item, not_submitted()).await {
        Err(e) if e.is_condition_failure() => Err(already(store, key).await),
        other => Ok(other?),
    }
}

/// Who submitted (invited surveys only); stored beside, never inside, the answers.
#[derive(Debug, Clone)]
pub struct Participation<'a> {
    pub respondent: &'a RespondentId,
}

/// Submits once. The answer record is written only if it is not submitted yet,
/// in one transaction with the participation record, so a retried or doubled
/// request stores nothing twice; a retry with the same answers gets the stored
/// receipt back, one with different answers gets `AlreadySubmitted`.
pub async fn submit(
    store: &dyn Store,
    key: &Key,
    owner: &Owner<'_>,
    answers_json: &str,
    digest: &str,
    participation: Option<Participation<'_>>,
    now: &str,
) -> Result<Receipt, WriteError> {
    // Indexed by campaign and form so results can be aggregated without a
    // scan; the index key holds only the answers' digest, nothing of the person.
    let item = record_item(key, owner, STATUS_SUBMITTED, answers_json, now)
        .with("digest", digest)
        .with("submitted_at", now)
        .with_gsi1(results_key(owner.campaign, owner.form, digest));
    let mut writes = vec![Write::put(item, not_submitted())];
    if let Some(p) = participation {
        let part = Item::new(Key::new(
            format!("PART#{}", owner.campaign),
            format!("FORM#{}#RESP#{}", owner.form, p.respondent),
        ))
        .with("respondent", p.respondent.0.as_str())
        .with("form", owner.form)
        .with("unit", owner.unit)
        .with("group", owner.group)
        // Only the day: an exact time would join this record (which names the
        // respondent) to the answer record (which has the same timestamp).
        .with("submitted_on", now.get(..10).unwrap_or(now));
        writes.push(Write::put(part, Condition::NotExists));
    }
    match store.transact(writes).await {
        Ok(()) => Ok(Receipt {
            digest: digest.to_owned(),
            submitted_at: now.to_owned(),
            first_time: true,
        }),
        Err(e) if e.is_condition_failure() => match already(store, key).await {
            WriteError::AlreadySubmitted(r) if r.digest == digest => Ok(r),
            other => Err(other),
        },
        Err(e) => Err(e.into()),
    }
}

/// The receipt of a record whose condition just failed because it is submitted.
async fn already(store: &dyn Store, key: &Key) -> WriteError {
    match load(store, key).await {
        Ok(Some(r)) if r.is_submitted() => WriteError::AlreadySubmitted(receipt_of(&r)),
        Ok(_) => WriteError::Store(StoreError::Backend(format!(
            "write to {key} was refused but the record is not submitted"
        ))),
        Err(e) => WriteError::Store(e),
    }
}

pub fn receipt_of(r: &AnswerRecord) -> Receipt {
    Receipt {
        digest: r.digest.clone().unwrap_or_default(),
        submitted_at: r.submitted_at.clone().unwrap_or_default(),
        first_time: false,
    }
}
