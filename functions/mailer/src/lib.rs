//! Sending email behind one small trait, so the survey function does not care
//! whether a message goes to SES (production) or to a folder (local runs, tests).
//!
//! - [`SesMailer`]: SES v2 `SendEmail` with simple UTF-8 content, a
//!   configuration set (bounce and complaint events) and message tags.
//! - [`OutboxMailer`]: writes each message as an RFC 5322 `.eml` plus a `.json`
//!   sidecar into a directory, where a developer (or a test) can read it.

mod eml;
mod outbox;
mod ses;

use std::collections::BTreeMap;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

pub use outbox::{OutboxEntry, OutboxMailer};
pub use ses::SesMailer;

/// One message to one recipient. Both bodies are sent (multipart/alternative):
/// the text part is what screen readers and plain-text clients show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub html: String,
    pub text: String,
    /// SES message tags (name → value, ASCII letters, digits, `_`, `-`), for
    /// telling invitations from receipts in delivery events.
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Extra headers such as `List-Unsubscribe`.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// SES configuration set that receives this message's events.
    #[serde(default)]
    pub configuration_set: Option<String>,
}

/// The provider's id for a sent message (SES MessageId, or the outbox file stem).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageId(pub String);

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a message was not sent. Messages are for operators, in English.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The message itself is unusable (no recipient, header injection, bad tag);
    /// retrying it unchanged fails again.
    #[error("invalid email: {0}")]
    Invalid(String),
    /// The provider or the disk failed (network, 5xx); a retry may succeed.
    #[error("mail backend error: {0}")]
    Backend(String),
    /// The provider asks us to slow down; retry after a pause.
    #[error("mail provider throttling: {0}")]
    Throttled(String),
    /// The provider refused this message (e.g. the address is on its
    /// suppression list); other messages may still go.
    #[error("message rejected by the provider: {0}")]
    Rejected(String),
    /// The account cannot send at all (paused, suspended, unverified sender):
    /// stop the run instead of failing every message.
    #[error("mail account cannot send: {0}")]
    Halted(String),
}

impl MailError {
    /// Worth retrying the same message after a pause.
    pub fn is_transient(&self) -> bool {
        matches!(self, MailError::Backend(_) | MailError::Throttled(_))
    }
}

#[async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, msg: &Email) -> Result<MessageId, MailError>;

    /// Messages per second the provider allows (SES: the account's max send
    /// rate), when it has a limit.
    async fn max_send_rate(&self) -> Result<Option<f64>, MailError> {
        Ok(None)
    }

    /// The message already sent with tag `name` = `value`, if the backend can
    /// tell. A sender whose process died between sending and recording asks
    /// this before sending again. SES cannot answer (its Send event, recorded
    /// by the events function, answers instead), so the default is `None`.
    async fn find_sent(&self, _name: &str, _value: &str) -> Result<Option<MessageId>, MailError> {
        Ok(None)
    }
}

/// Checks what both backends need: a plausible address and no line breaks in
/// anything that becomes a header (header injection).
pub(crate) fn validate(msg: &Email) -> Result<(), MailError> {
    let to = msg.to.trim();
    if to.is_empty() || !to.contains('@') || to.contains(char::is_whitespace) {
        return Err(MailError::Invalid(format!(
            "recipient {:?} is not an email address",
            msg.to
        )));
    }
    let single_line = |what: &str, s: &str| {
        if s.contains(['\r', '\n']) {
            Err(MailError::Invalid(format!("{what} contains a line break")))
        } else {
            Ok(())
        }
    };
    single_line("to", &msg.to)?;
    single_line("subject", &msg.subject)?;
    for (name, value) in &msg.headers {
        single_line("header name", name)?;
        single_line("header value", value)?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return Err(MailError::Invalid(format!("bad header name {name:?}")));
        }
    }
    for (name, value) in &msg.tags {
        let ok = |s: &str| {
            !s.is_empty()
                && s.len() <= 256
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        };
        if !ok(name) || !ok(value) {
            return Err(MailError::Invalid(format!(
                "tag {name:?}={value:?}: SES allows only letters, digits, '_' and '-'"
            )));
        }
    }
    Ok(())
}

/// 128 random bits in hex, for message ids and MIME boundaries.
pub(crate) fn random_hex() -> String {
    let mut buf = [0u8; 16];
    // getrandom only fails when the OS has no entropy source at all.
    getrandom::getrandom(&mut buf).expect("OS random source");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
