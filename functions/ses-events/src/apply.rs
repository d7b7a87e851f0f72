//! Applying one SES event to the store, exactly once.
//!
//! SES publishes at least once and in no order, and SNS/Lambda retry a failed
//! invocation, so the same event can arrive several times and a `Delivery`
//! can come after the `Bounce` of the same message. Two rules make that safe:
//!
//! - **Forward only.** The respondent's state becomes
//!   `current.advance(event)`, written under `Condition::VersionIs(v)` with
//!   `version` v+1, re-read and recomputed on a conflict. Two concurrent
//!   events can therefore not overwrite each other's state.
//! - **Once.** An `EVENT#{sha256(messageId|eventType|timestamp|recipient)}`
//!   marker is put with `NotExists` **in the same transaction** as every
//!   change the event causes (respondent state, suppression, send step). A
//!   crash, timeout or retry can leave either all of them or none: there is
//!   no moment where the marker exists without the update (which would lose
//!   the event on retry) or the update without the marker (which would apply
//!   it twice). A second arrival fails on the marker and changes nothing.
//!   The marker expires after [`EVENT_TTL_SECS`]; SES does not redeliver that late.

use delivery::schema::{
    event_key, respondent_key, send_key, suppression_key, ATTR_DELIVERY, ATTR_DELIVERY_AT,
    ATTR_DELIVERY_DETAIL, SEND_SENDING, SEND_SENT, TAG_ATTEMPT, TAG_CAMPAIGN, TAG_RESPONDENT,
    TAG_STEP,
};
use delivery::DeliveryState;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use store::{init_version, Condition, Item, Store, StoreError, Write, VERSION_ATTR};

use crate::effect::{effect_of, Effect};
use crate::event::{bare_address, EventKind, SesEvent};

/// How long an applied event is remembered.
pub const EVENT_TTL_SECS: i64 = 30 * 24 * 60 * 60;

/// Conflicts only happen when events of one respondent race each other; a
/// handful of re-reads settles them.
const MAX_ATTEMPTS: usize = 8;

/// What happened to the respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The state moved forward.
    Applied {
        from: DeliveryState,
        to: DeliveryState,
    },
    /// Recorded, but the respondent was already at or past this state
    /// (a `Delivery` after a `Bounce`, a `Send` after a `Delivery`).
    Unchanged { state: DeliveryState },
    /// This event was applied before.
    Duplicate,
    /// No campaign/respondent tags: not an invitation (a receipt, a test mail).
    Untagged,
    /// The tags name a respondent that does not exist.
    UnknownRespondent,
    /// The event is about an address the respondent no longer has (it was
    /// corrected and re-imported); the new address must not inherit it.
    StaleAddress,
    /// The event says nothing about delivery (rendering failure, subscription,
    /// a "not-spam" feedback report).
    NoState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub outcome: Outcome,
    /// Addresses newly put on the suppression list.
    pub suppressed: Vec<String>,
    /// The tagged send step was `sending` and is now `sent`.
    pub step_marked_sent: bool,
}

/// The event's identity for the once-only marker.
pub fn event_id(event: &SesEvent, recipient: &str) -> String {
    let mut h = Sha256::new();
    for (i, part) in [
        event.mail.message_id.as_str(),
        event.kind.name(),
        event.timestamp(),
        recipient,
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            h.update(b"|");
        }
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Applies `event`; `now` is epoch seconds (for the marker's TTL).
///
/// A permanent bounce or a complaint suppresses the address even when the
/// event is untagged or about a stale address: suppression is a fact about
/// the address, not the respondent, and SES itself stops mailing it.
pub async fn apply(store: &dyn Store, event: &SesEvent, now: i64) -> Result<Report, StoreError> {
    let effect = effect_of(event);
    let recipients = event.recipients();
    let target = match (event.tag(TAG_CAMPAIGN), event.tag(TAG_RESPONDENT)) {
        (Some(c), Some(r)) => Some((c, r)),
        _ => None,
    };
    for _ in 0..MAX_ATTEMPTS {
        let plan = plan(store, event, &effect, &recipients, target, now).await?;
        let Some(plan) = plan else {
            // The respondent had no version yet: it now has 0; read again.
            continue;
        };
        if !plan.worth_writing() {
            return Ok(plan.report);
        }
        match store.transact(plan.writes).await {
            Ok(()) => return Ok(plan.report),
            Err(StoreError::Transaction { index: 0 }) => {
                return Ok(Report {
                    outcome: Outcome::Duplicate,
                    suppressed: Vec::new(),
                    step_marked_sent: false,
                })
            }
            // The respondent, the send step or the suppression entry changed
            // since we read them: read again and recompute.
            Err(e) if e.is_condition_failure() => continue,
            Err(e) => return Err(e),
        }
    }
    Err(StoreError::Backend(format!(
        "SES {} event for message {} kept conflicting after {MAX_ATTEMPTS} attempts",
        event.kind.name(),
        event.mail.message_id
    )))
}

struct Plan {
    /// The marker first, so a duplicate is reported as index 0.
    writes: Vec<Write>,
    report: Report,
}

impl Plan {
    /// A marker alone is only worth writing when the event concerned a
    /// respondent; a receipt's Open or a stale address leaves no trace.
    fn worth_writing(&self) -> bool {
        match self.report.outcome {
            Outcome::Duplicate => false,
            Outcome::Unchanged { .. } => true,
            _ => self.writes.len() > 1,
        }
    }
}

/// Reads what the event touches and builds the writes. `None` means the
/// respondent's version had to be initialised first.
async fn plan(
    store: &dyn Store,
    event: &SesEvent,
    effect: &Effect,
    recipients: &[String],
    target: Option<(&str, &str)>,
    now: i64,
) -> Result<Option<Plan>, StoreError> {
    let respondent = match target {
        Some((c, r)) => store.get(&respondent_key(c, r)).await?,
        None => None,
    };
    let current_email = respondent
        .as_ref()
        .and_then(|i| i.get("email"))
        .and_then(Value::as_str)
        .map(bare_address);
    let matches_current = current_email
        .as_ref()
        .is_some_and(|e| recipients.contains(e));
    let recipient = match &current_email {
        Some(e) if matches_current => e.clone(),
        _ => recipients.first().cloned().unwrap_or_default(),
    };

    let mut report = Report {
        outcome: Outcome::Untagged,
        suppressed: Vec::new(),
        step_marked_sent: false,
    };
    // Seen before: stop here. (A duplicate racing us is caught by the
    // marker's NotExists in the transaction instead.)
    let marker = marker(event, target, &recipient, now);
    if store.get(marker.key()).await?.is_some() {
        report.outcome = Outcome::Duplicate;
        return Ok(Some(Plan {
            writes: Vec::new(),
            report,
        }));
    }
    let mut writes = vec![marker];

    if effect.suppress {
        for addr in recipients {
            let key = suppression_key(addr);
            if store.get(&key).await?.is_none() {
                let reason = match event.kind {
                    EventKind::Complaint(_) => "complaint",
                    _ => "bounce",
                };
                let item = Item::new(key)
                    .with("email", addr.as_str())
                    .with("reason", reason)
                    .with("detail", effect.detail.as_str())
                    .with("at", event.timestamp());
                // NotExists keeps the first reason if another event races us.
                writes.push(Write::put(item, Condition::NotExists));
                report.suppressed.push(addr.clone());
            }
        }
    }

    report.outcome = match (target, &respondent) {
        (None, _) => Outcome::Untagged,
        (Some(_), None) => Outcome::UnknownRespondent,
        (Some(_), Some(_)) if !matches_current => Outcome::StaleAddress,
        (Some((c, r)), Some(item)) => match effect.state {
            None => Outcome::NoState,
            Some(indicated) => {
                let Some(version) = item.version() else {
                    init_version(store, &respondent_key(c, r), item).await?;
                    return Ok(None);
                };
                let from = item
                    .get(ATTR_DELIVERY)
                    .and_then(Value::as_str)
                    .map_or(DeliveryState::None, DeliveryState::parse);
                let to = from.advance(indicated);
                if to == from {
                    Outcome::Unchanged { state: from }
                } else {
                    let mut set = Map::new();
                    set.insert(ATTR_DELIVERY.into(), json!(to.as_str()));
                    set.insert(ATTR_DELIVERY_AT.into(), json!(event.timestamp()));
                    set.insert(ATTR_DELIVERY_DETAIL.into(), json!(effect.detail));
                    set.insert(VERSION_ATTR.into(), json!(version + 1));
                    writes.push(Write::update(
                        respondent_key(c, r),
                        set,
                        Condition::VersionIs(version),
                    ));
                    Outcome::Applied { from, to }
                }
            }
        },
    };

    if let Some(w) = reconcile_send_step(store, event, target).await? {
        writes.push(w);
        report.step_marked_sent = true;
    }
    Ok(Some(Plan { writes, report }))
}

fn marker(event: &SesEvent, target: Option<(&str, &str)>, recipient: &str, now: i64) -> Write {
    let mut item = Item::new(event_key(&event_id(event, recipient)))
        .with("event_type", event.kind.name())
        .with("message_id", event.mail.message_id.as_str())
        .with("applied_at", now)
        .expiring_at(now + EVENT_TTL_SECS);
    if let Some((c, r)) = target {
        item = item.with("campaign", c).with("respondent", r);
    }
    Write::put(item, Condition::NotExists)
}

/// Every event but a rendering failure proves SES accepted the message. If
/// the sender died between SES accepting it and recording it, its send step
/// is still `sending` with this attempt: mark it sent, so a resumed run does
/// not mail the person again. A step that moved on (sent already, or a newer
/// attempt) is left alone.
async fn reconcile_send_step(
    store: &dyn Store,
    event: &SesEvent,
    target: Option<(&str, &str)>,
) -> Result<Option<Write>, StoreError> {
    if matches!(event.kind, EventKind::RenderingFailure(_)) {
        return Ok(None);
    }
    let (Some((c, r)), Some(step), Some(attempt)) =
        (target, event.tag(TAG_STEP), event.tag(TAG_ATTEMPT))
    else {
        return Ok(None);
    };
    let key = send_key(c, step, r);
    let Some(item) = store.get(&key).await? else {
        return Ok(None);
    };
    let sending = item.get("state").and_then(Value::as_str) == Some(SEND_SENDING);
    let stored_attempt = item.get("attempt").cloned().unwrap_or(Value::Null);
    let same_attempt = match &stored_attempt {
        Value::Number(n) => n.to_string() == attempt,
        Value::String(s) => s == attempt,
        _ => false,
    };
    if !sending || !same_attempt {
        return Ok(None);
    }
    let mut set = Map::new();
    set.insert("state".into(), json!(SEND_SENT));
    set.insert("message_id".into(), json!(event.mail.message_id));
    set.insert("sent_at".into(), json!(event.mail.timestamp));
    let condition = match item.version() {
        Some(v) => {
            set.insert(VERSION_ATTR.into(), json!(v + 1));
            Condition::VersionIs(v)
        }
        // Without a version, the attempt number is what a resend changes.
        None => Condition::AttrEquals("attempt".into(), stored_attempt),
    };
    Ok(Some(Write::update(key, set, condition)))
}
