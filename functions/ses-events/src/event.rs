//! SES event publishing records, as a configuration set's SNS destination
//! publishes them (the SNS `Message` string). The shapes follow the SES
//! developer guide, "Contents of event data that Amazon SES publishes to
//! Amazon SNS"; `tests/samples/` holds one real-shaped record of each type.
//!
//! Parsing is lenient on purpose: SES adds fields over time and omits some
//! (a complaint from a provider that redacts recipients has none), so every
//! field but `eventType` and `mail.messageId` is optional, and an event type
//! we do not know is [`Parsed::Unknown`], never an error or a panic.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

/// One parsed record.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Event(Box<SesEvent>),
    /// A well-formed record of a type this function does not handle.
    Unknown {
        event_type: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SesEvent {
    pub mail: Mail,
    pub kind: EventKind,
}

/// The message the event is about.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Mail {
    pub message_id: String,
    /// When SES accepted the message (RFC 3339).
    pub timestamp: String,
    pub source: String,
    /// Envelope recipients, possibly with display names (`Tên <a@b.vn>`).
    pub destination: Vec<String>,
    /// Message tags (ours, plus SES's own `ses:*` tags), each with its values.
    pub tags: BTreeMap<String, Vec<String>>,
    pub common_headers: CommonHeaders,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CommonHeaders {
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub message_id: Option<String>,
    pub subject: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    Send,
    Delivery(Delivery),
    Bounce(Bounce),
    Complaint(Complaint),
    Reject(Reject),
    DeliveryDelay(DeliveryDelay),
    Open(Open),
    Click(Click),
    RenderingFailure(RenderingFailure),
    Subscription(Subscription),
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Delivery {
    pub timestamp: String,
    pub processing_time_millis: Option<u64>,
    pub recipients: Vec<String>,
    pub smtp_response: Option<String>,
    pub reporting_mta: Option<String>,
}

/// Permanent: the address does not exist or refuses our mail for good.
/// Transient: mailbox full, message too large, greylisting. Undetermined:
/// SES could not tell; treated like a transient one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BounceType {
    Permanent,
    Transient,
    #[default]
    Undetermined,
    Other(String),
}

impl BounceType {
    fn parse(s: &str) -> BounceType {
        match s {
            "Permanent" => BounceType::Permanent,
            "Transient" => BounceType::Transient,
            "Undetermined" => BounceType::Undetermined,
            other => BounceType::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            BounceType::Permanent => "Permanent",
            BounceType::Transient => "Transient",
            BounceType::Undetermined => "Undetermined",
            BounceType::Other(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for BounceType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(BounceType::parse(&String::deserialize(d)?))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Bounce {
    pub bounce_type: BounceType,
    /// General, NoEmail, Suppressed, OnAccountSuppressionList, MailboxFull,
    /// MessageTooLarge, ContentRejected, AttachmentRejected, Undetermined.
    pub bounce_sub_type: String,
    pub bounced_recipients: Vec<Recipient>,
    pub timestamp: String,
    pub feedback_id: Option<String>,
    pub reporting_mta: Option<String>,
}

/// A recipient with the remote server's answer (bounces, delays).
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Recipient {
    pub email_address: String,
    pub action: Option<String>,
    pub status: Option<String>,
    pub diagnostic_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Complaint {
    pub complained_recipients: Vec<Recipient>,
    pub timestamp: String,
    pub feedback_id: Option<String>,
    pub user_agent: Option<String>,
    /// abuse, auth-failure, fraud, not-spam, other, virus (from the ISP's
    /// feedback report; absent when the ISP sent none).
    pub complaint_feedback_type: Option<String>,
    pub complaint_sub_type: Option<String>,
    pub arrival_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Reject {
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DeliveryDelay {
    pub timestamp: String,
    /// InternalFailure, General, MailboxFull, SpamDetected, RecipientServerError,
    /// IPFailure, TransientCommunicationFailure, BYOIPHostNameLookupUnavailable, Undetermined.
    pub delay_type: String,
    pub expiration_time: Option<String>,
    pub delayed_recipients: Vec<Recipient>,
    pub reporting_mta: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Open {
    pub timestamp: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Click {
    pub timestamp: String,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub link: Option<String>,
    pub link_tags: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RenderingFailure {
    pub template_name: Option<String>,
    pub error_message: Option<String>,
}

/// A contact-list preference change (SES subscription management). We do not
/// use contact lists, so this is kept only to log it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Subscription {
    pub contact_list: Option<String>,
    pub timestamp: String,
    pub source: Option<String>,
    pub new_topic_preferences: Value,
    pub old_topic_preferences: Value,
}

/// The record as published: `eventType` names which one sibling object is present.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    event_type: Option<String>,
    /// Identity feedback notifications (not event publishing) use this name
    /// instead; they carry no tags, but the shape is otherwise the same.
    notification_type: Option<String>,
    mail: Option<Mail>,
    #[serde(default)]
    bounce: Option<Bounce>,
    #[serde(default)]
    complaint: Option<Complaint>,
    #[serde(default)]
    delivery: Option<Delivery>,
    #[serde(default)]
    reject: Option<Reject>,
    #[serde(default)]
    delivery_delay: Option<DeliveryDelay>,
    #[serde(default)]
    open: Option<Open>,
    #[serde(default)]
    click: Option<Click>,
    #[serde(default)]
    failure: Option<RenderingFailure>,
    #[serde(default)]
    subscription: Option<Subscription>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("not an SES event record: {0}")]
    Json(String),
    #[error("SES event record has no eventType")]
    NoType,
    #[error("SES {0} record has no mail.messageId")]
    NoMessageId(String),
}

/// Parses one SNS `Message` string.
pub fn parse(message: &str) -> Result<Parsed, ParseError> {
    let raw: Raw = serde_json::from_str(message).map_err(|e| ParseError::Json(e.to_string()))?;
    let event_type = raw
        .event_type
        .or(raw.notification_type)
        .ok_or(ParseError::NoType)?;
    let mail = raw.mail.unwrap_or_default();
    if mail.message_id.is_empty() {
        return Err(ParseError::NoMessageId(event_type));
    }
    let kind = match event_type.as_str() {
        "Send" => EventKind::Send,
        "Delivery" => EventKind::Delivery(raw.delivery.unwrap_or_default()),
        "Bounce" => EventKind::Bounce(raw.bounce.unwrap_or_default()),
        "Complaint" => EventKind::Complaint(raw.complaint.unwrap_or_default()),
        "Reject" => EventKind::Reject(raw.reject.unwrap_or_default()),
        "DeliveryDelay" => EventKind::DeliveryDelay(raw.delivery_delay.unwrap_or_default()),
        "Open" => EventKind::Open(raw.open.unwrap_or_default()),
        "Click" => EventKind::Click(raw.click.unwrap_or_default()),
        "Rendering Failure" => EventKind::RenderingFailure(raw.failure.unwrap_or_default()),
        "Subscription" => EventKind::Subscription(raw.subscription.unwrap_or_default()),
        _ => return Ok(Parsed::Unknown { event_type }),
    };
    Ok(Parsed::Event(Box::new(SesEvent { mail, kind })))
}

impl EventKind {
    /// The `eventType` string SES uses.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Send => "Send",
            EventKind::Delivery(_) => "Delivery",
            EventKind::Bounce(_) => "Bounce",
            EventKind::Complaint(_) => "Complaint",
            EventKind::Reject(_) => "Reject",
            EventKind::DeliveryDelay(_) => "DeliveryDelay",
            EventKind::Open(_) => "Open",
            EventKind::Click(_) => "Click",
            EventKind::RenderingFailure(_) => "Rendering Failure",
            EventKind::Subscription(_) => "Subscription",
        }
    }
}

impl SesEvent {
    /// The first value of a message tag.
    pub fn tag(&self, name: &str) -> Option<&str> {
        self.mail
            .tags
            .get(name)
            .and_then(|v| v.first())
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    }

    /// When the event itself happened; Send, Reject and Rendering Failure
    /// carry no time of their own, so the message's time stands in.
    pub fn timestamp(&self) -> &str {
        let own = match &self.kind {
            EventKind::Delivery(d) => d.timestamp.as_str(),
            EventKind::Bounce(b) => b.timestamp.as_str(),
            EventKind::Complaint(c) => c.timestamp.as_str(),
            EventKind::DeliveryDelay(d) => d.timestamp.as_str(),
            EventKind::Open(o) => o.timestamp.as_str(),
            EventKind::Click(c) => c.timestamp.as_str(),
            EventKind::Subscription(s) => s.timestamp.as_str(),
            EventKind::Send | EventKind::Reject(_) | EventKind::RenderingFailure(_) => "",
        };
        if own.is_empty() {
            &self.mail.timestamp
        } else {
            own
        }
    }

    /// The addresses the event is about, bare and lower-cased: the bounced,
    /// complained, delivered or delayed recipients when SES names them,
    /// otherwise the message's destination.
    pub fn recipients(&self) -> Vec<String> {
        let named: Vec<&str> = match &self.kind {
            EventKind::Delivery(d) => d.recipients.iter().map(String::as_str).collect(),
            EventKind::Bounce(b) => emails(&b.bounced_recipients),
            EventKind::Complaint(c) => emails(&c.complained_recipients),
            EventKind::DeliveryDelay(d) => emails(&d.delayed_recipients),
            _ => Vec::new(),
        };
        let list: Vec<&str> = if named.iter().any(|s| !s.trim().is_empty()) {
            named
        } else {
            self.mail.destination.iter().map(String::as_str).collect()
        };
        list.into_iter()
            .map(bare_address)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

fn emails(list: &[Recipient]) -> Vec<&str> {
    list.iter().map(|r| r.email_address.as_str()).collect()
}

/// `"Nguyễn Văn An" <An@Moha.gov.vn>` → `an@moha.gov.vn`.
pub fn bare_address(s: &str) -> String {
    let s = s.trim();
    let inner = match (s.rfind('<'), s.rfind('>')) {
        (Some(a), Some(b)) if a < b => &s[a + 1..b],
        _ => s,
    };
    inner.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_types_and_garbage_do_not_panic() {
        let unknown = parse(r#"{"eventType":"Teleport","mail":{"messageId":"m"}}"#);
        assert_eq!(
            unknown,
            Ok(Parsed::Unknown {
                event_type: "Teleport".into()
            })
        );
        assert!(matches!(parse("not json"), Err(ParseError::Json(_))));
        assert_eq!(
            parse(r#"{"mail":{"messageId":"m"}}"#),
            Err(ParseError::NoType)
        );
        assert_eq!(
            parse(r#"{"eventType":"Send","mail":{}}"#),
            Err(ParseError::NoMessageId("Send".into()))
        );
        assert!(matches!(parse("[1,2]"), Err(ParseError::Json(_))));
        // Wrong types inside a known record are a parse error, not a panic.
        assert!(matches!(
            parse(
                r#"{"eventType":"Bounce","mail":{"messageId":"m"},"bounce":{"bouncedRecipients":7}}"#
            ),
            Err(ParseError::Json(_))
        ));
    }

    #[test]
    fn display_names_are_stripped_from_addresses() {
        assert_eq!(
            bare_address("\"Nguyễn Văn An\" <An@Moha.gov.vn>"),
            "an@moha.gov.vn"
        );
        assert_eq!(bare_address(" an@x.vn "), "an@x.vn");
    }
}
