//! Answer records, built so that a copy of the store alone links no answer
//! to a person (ARCHITECTURE.md, "Anonymity by construction"):
//!
//! - one record per (pseudonym, form), keyed `ANS#{HMAC(token secret,
//!   subject, form)}`: random-looking, so neither key order nor a record's
//!   neighbours follow who answered or when, and two forms of one person
//!   share nothing;
//! - in the clear only the answers, their status and digest; the unit, the
//!   group and the times (saved at, submitted at) are sealed under the
//!   results key with a fresh nonce, padded to one length;
//! - the participation record says only that a respondent submitted a form
//!   ([`delivery::schema::participation_key`]); when is kept as a counter
//!   per day, unit, group and form ([`delivery::schema::tally_key`]).

use delivery::schema::{participation_key, results_pk, tally_key};
use delivery::{AnswerMeta, ResultsKey};
use serde_json::Value;
use store::{Condition, Item, Key, Store, StoreError, Write};

use crate::respondents::RespondentId;
use crate::token::hmac_hex;

pub const STATUS_DRAFT: &str = "draft";
pub const STATUS_SUBMITTED: &str = "submitted";

/// The answers key for a pseudonym (`domain` says what kind: "token",
/// "browser") and a form.
pub fn answer_key(secret: &[u8], domain: &str, subject: &str, form: &str) -> Key {
    Key::new(
        format!(
            "ANS#{}",
            hmac_hex(secret, domain, &format!("{subject}\n{form}"))
        ),
        "ANS",
    )
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
    /// Seals `unit`, `group` and the times into the record.
    pub results: &'a ResultsKey,
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

    fn from_item(item: &Item, results: &ResultsKey) -> Self {
        let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
        let meta = text("sealed").and_then(|s| results.open(&s, &item.key.pk));
        Self {
            status: text("status").unwrap_or_default(),
            answers: text("answers").unwrap_or_default(),
            digest: text("digest"),
            updated_at: meta
                .as_ref()
                .map(|m| m.updated_at.clone())
                .unwrap_or_default(),
            submitted_at: meta.and_then(|m| m.submitted_at),
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

pub async fn load(
    store: &dyn Store,
    key: &Key,
    results: &ResultsKey,
) -> Result<Option<AnswerRecord>, StoreError> {
    Ok(store
        .get(key)
        .await?
        .as_ref()
        .map(|i| AnswerRecord::from_item(i, results)))
}

fn record_item(
    key: &Key,
    owner: &Owner,
    status: &str,
    answers: &str,
    now: &str,
    submitted: bool,
) -> Item {
    let meta = AnswerMeta {
        unit: owner.unit.to_owned(),
        group: owner.group.to_owned(),
        updated_at: now.to_owned(),
        submitted_at: submitted.then(|| now.to_owned()),
    };
    Item::new(key.clone())
        .with("status", status)
        .with("answers", answers)
        .with("sealed", owner.results.seal(&meta, &key.pk))
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
    let item = record_item(key, owner, STATUS_DRAFT, answers_json, now, false);
    match store.put(item, not_submitted()).await {
        Err(e) if e.is_condition_failure() => Err(already(store, key, owner.results).await),
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
    let item = record_item(key, owner, STATUS_SUBMITTED, answers_json, now, true)
        .with("digest", digest)
        .with_gsi1(results_key(owner.campaign, owner.form, digest));
    let mut writes = vec![Write::put(item, not_submitted())];
    if let Some(p) = participation {
        // Who, not when, and nothing an answer record holds in the clear.
        let part = Item::new(participation_key(
            owner.campaign,
            owner.form,
            &p.respondent.0,
        ))
        .with("respondent", p.respondent.0.as_str())
        .with("form", owner.form);
        writes.push(Write::put(part, Condition::NotExists));
    }
    // When people answer, per unit and day, for the campaign's follow-up.
    writes.push(Write::Update {
        key: tally_key(
            owner.campaign,
            now.get(..10).unwrap_or(now),
            owner.unit,
            owner.group,
            owner.form,
        ),
        set: serde_json::Map::new(),
        increment: vec![("submitted".to_owned(), 1)],
        condition: Condition::None,
    });
    match store.transact(writes).await {
        Ok(()) => Ok(Receipt {
            digest: digest.to_owned(),
            submitted_at: now.to_owned(),
            first_time: true,
        }),
        Err(e) if e.is_condition_failure() => match already(store, key, owner.results).await {
            WriteError::AlreadySubmitted(r) if r.digest == digest => Ok(r),
            other => Err(other),
        },
        Err(e) => Err(e.into()),
    }
}

/// The receipt of a record whose condition just failed because it is submitted.
async fn already(store: &dyn Store, key: &Key, results: &ResultsKey) -> WriteError {
    match load(store, key, results).await {
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
