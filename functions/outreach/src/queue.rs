//! One mail step per respondent (`SEND#{step}#{id}`), moved queued → sending
//! → sent by conditional writes, so any number of runs, killed at any moment,
//! send each respondent at most once and leave nobody out:
//!
//! - a run *claims* an item by writing `sending` with a fresh attempt id and a
//!   lease, conditional on the version it read: two runs never both claim it;
//! - it sends only while its lease holds, and records `sent` conditional on its
//!   attempt id;
//! - an item left `sending` by a dead run is reconciled when its lease expires:
//!   if the mail went out (the outbox has the attempt's tag, or the SES Send
//!   event recorded it), it is marked sent; otherwise it is claimed again.

use delivery::schema::{self, SEND_FAILED, SEND_QUEUED, SEND_SENDING, SEND_SENT};
use serde_json::{Map, Value};
use store::{Condition, Item, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendItem {
    pub state: String,
    pub attempt: Option<String>,
    pub lease_until: i64,
    pub message_id: Option<String>,
    pub version: u64,
}

impl SendItem {
    fn from_item(item: &Item) -> SendItem {
        let text = |n: &str| item.get(n).and_then(Value::as_str).map(str::to_owned);
        SendItem {
            state: text("state").unwrap_or_else(|| SEND_QUEUED.to_owned()),
            attempt: text("attempt"),
            lease_until: item.get("lease_until").and_then(Value::as_i64).unwrap_or(0),
            message_id: text("message_id"),
            version: item.version().unwrap_or(0),
        }
    }
}

/// What a claim found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// Ours to send, under this attempt id.
    Won {
        attempt: String,
    },
    /// A run died mid-send with this attempt; ask whether it went out first.
    Abandoned {
        attempt: String,
        version: u64,
    },
    AlreadySent,
    /// Failed for good earlier (the provider refused the message).
    Failed,
    /// Another run holds it until `lease_until`.
    Busy {
        lease_until: i64,
    },
}

pub struct Queue<'a> {
    pub store: &'a dyn Store,
    pub campaign: &'a str,
    pub step: &'a str,
}

fn attrs(pairs: &[(&str, Value)]) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

impl Queue<'_> {
    fn key(&self, respondent: &str) -> store::Key {
        schema::send_key(self.campaign, self.step, respondent)
    }

    pub async fn get(&self, respondent: &str) -> Result<Option<SendItem>, StoreError> {
        Ok(self
            .store
            .get(&self.key(respondent))
            .await?
            .map(|i| SendItem::from_item(&i)))
    }

    /// Adds the respondent to the round once; later runs leave it as it is.
    pub async fn enqueue(&self, respondent: &str, now: &str) -> Result<bool, StoreError> {
        let item = Item::new(self.key(respondent))
            .with("state", SEND_QUEUED)
            .with("respondent", respondent)
            .with("queued_at", now)
            .with("version", 1);
        match self.store.put(item, Condition::NotExists).await {
            Ok(()) => Ok(true),
            Err(StoreError::ConditionFailed) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Tries to take the item for sending under a new attempt id.
    pub async fn claim(
        &self,
        respondent: &str,
        now_epoch: i64,
        lease_secs: i64,
        new_attempt: &str,
    ) -> Result<Claim, StoreError> {
        let Some(item) = self.get(respondent).await? else {
            return Ok(Claim::Failed);
        };
        match item.state.as_str() {
            SEND_SENT => return Ok(Claim::AlreadySent),
            SEND_FAILED => return Ok(Claim::Failed),
            SEND_SENDING if item.lease_until > now_epoch => {
                return Ok(Claim::Busy {
                    lease_until: item.lease_until,
                })
            }
            SEND_SENDING => {
                if let Some(attempt) = item.attempt {
                    return Ok(Claim::Abandoned {
                        attempt,
                        version: item.version,
                    });
                }
            }
            _ => {}
        }
        self.take(
            respondent,
            item.version,
            now_epoch + lease_secs,
            new_attempt,
        )
        .await
    }

    /// Claims an abandoned item after checking it did not go out.
    pub async fn take(
        &self,
        respondent: &str,
        version: u64,
        lease_until: i64,
        attempt: &str,
    ) -> Result<Claim, StoreError> {
        let set = attrs(&[
            ("state", SEND_SENDING.into()),
            ("attempt", attempt.into()),
            ("lease_until", lease_until.into()),
            ("version", (version + 1).into()),
        ]);
        match self
            .store
            .update(&self.key(respondent), set, Condition::VersionIs(version))
            .await
        {
            Ok(_) => Ok(Claim::Won {
                attempt: attempt.to_owned(),
            }),
            // Someone else moved it between our read and write: re-read.
            Err(StoreError::ConditionFailed) => match self.get(respondent).await? {
                Some(i) if i.state == SEND_SENT => Ok(Claim::AlreadySent),
                Some(i) => Ok(Claim::Busy {
                    lease_until: i.lease_until,
                }),
                None => Ok(Claim::Failed),
            },
            Err(e) => Err(e),
        }
    }

    /// Records the send, if the item is still under this attempt.
    pub async fn mark_sent(
        &self,
        respondent: &str,
        attempt: &str,
        message_id: &str,
        now: &str,
    ) -> Result<bool, StoreError> {
        self.finish(
            respondent,
            attempt,
            attrs(&[
                ("state", SEND_SENT.into()),
                ("message_id", message_id.into()),
                ("sent_at", now.into()),
            ]),
        )
        .await
    }

    /// Gives up on the message for good (the provider refused it).
    pub async fn mark_failed(
        &self,
        respondent: &str,
        attempt: &str,
        error: &str,
        now: &str,
    ) -> Result<bool, StoreError> {
        self.finish(
            respondent,
            attempt,
            attrs(&[
                ("state", SEND_FAILED.into()),
                ("error", error.into()),
                ("failed_at", now.into()),
            ]),
        )
        .await
    }

    /// Puts the item back for a later run (transient failure, stopped run).
    pub async fn release(&self, respondent: &str, attempt: &str) -> Result<bool, StoreError> {
        self.finish(
            respondent,
            attempt,
            attrs(&[("state", SEND_QUEUED.into()), ("lease_until", 0.into())]),
        )
        .await
    }

    async fn finish(
        &self,
        respondent: &str,
        attempt: &str,
        mut set: Map<String, Value>,
    ) -> Result<bool, StoreError> {
        let Some(current) = self.get(respondent).await? else {
            return Ok(false);
        };
        if current.attempt.as_deref() != Some(attempt) {
            return Ok(false);
        }
        set.insert("version".into(), (current.version + 1).into());
        match self
            .store
            .update(
                &self.key(respondent),
                set,
                Condition::VersionIs(current.version),
            )
            .await
        {
            Ok(_) => Ok(true),
            Err(StoreError::ConditionFailed) => Ok(false),
            Err(e) => Err(e),
        }
    }
}
