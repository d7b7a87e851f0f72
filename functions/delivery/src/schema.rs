//! The table layout for invitations and their delivery. All items of a
//! campaign share the partition `CAMPAIGN#{campaign}`, so a report or a send
//! run reads them with prefix queries:
//!
//! | pk | sk | holds |
//! |---|---|---|
//! | `CAMPAIGN#{c}` | `RESP#{id}` | respondent: name, email, unit, sub_unit, group, forms, `link_seal`, delivery state (attributes below), `mailbox_confirmed_at`, `version` |
//! | `CAMPAIGN#{c}` | `EMAIL#{email}` | which respondent an address is (re-imports update, never duplicate) |
//! | `CAMPAIGN#{c}` | `SEND#{step}#{id}` | one mail step for one respondent: `state` queued → sending → sent, `attempt`, `lease_until`, `message_id`, `sent_at`, `version` |
//! | `SUPPRESS#{email}` | `SUPPRESS` | an address not to mail again: `reason`, `detail`, `at` |
//! | `CHECK#{sha256(token)}` | `CHECK` | a mailbox-check link: `campaign`, `respondent` |
//! | `EVENT#{id}` | `EVENT` | an SES event already applied (TTL), so each applies once |
//! | `PART#{c}` | `FORM#{form}#RESP#{id}` | that a respondent submitted a form (nothing else), written by the survey function on submit |
//! | `TALLY#{c}` | `DAY#{d}#UNIT#{u}#GROUP#{g}#FORM#{f}` | a counter of submissions per day, unit, group and form |
//! | `ANS#{hmac(subject, form)}` | `ANS` | one answer record (survey function): answers, status, digest, and `sealed` (unit, group, times) under the results key |
//! | (gsi1) `RESULTS#{c}#{form}` | answers' digest | submitted answers of one form, for results reports |
//!
//! Mail carries SES tags [`TAG_CAMPAIGN`], [`TAG_RESPONDENT`], [`TAG_STEP`] and
//! [`TAG_ATTEMPT`]; delivery events come back with them, which is how the events
//! function finds the respondent and the step without a lookup.

use store::Key;

pub const TAG_KIND: &str = "kind";
pub const TAG_CAMPAIGN: &str = "campaign";
pub const TAG_RESPONDENT: &str = "respondent";
pub const TAG_STEP: &str = "step";
pub const TAG_ATTEMPT: &str = "attempt";

/// Respondent attributes holding the delivery state (see [`crate::DeliveryState`]).
pub const ATTR_DELIVERY: &str = "delivery";
/// RFC 3339 time of the event that set the state.
pub const ATTR_DELIVERY_AT: &str = "delivery_at";
/// Why: bounce type/subtype and the remote server's diagnostic, complaint type, reject reason.
pub const ATTR_DELIVERY_DETAIL: &str = "delivery_detail";
pub const ATTR_MAILBOX_CONFIRMED_AT: &str = "mailbox_confirmed_at";
/// On a respondent item written from a published tally whose answers
/// outnumber its registrations: counted as answering, not as registered.
pub const ATTR_UNLISTED: &str = "unlisted";

/// Send step states.
pub const SEND_QUEUED: &str = "queued";
pub const SEND_SENDING: &str = "sending";
pub const SEND_SENT: &str = "sent";
pub const SEND_FAILED: &str = "failed";

/// The first mail of a campaign.
pub const STEP_INVITE: &str = "invite";
/// The mailbox-check round before a campaign opens.
pub const STEP_CHECK: &str = "check";

pub fn campaign_pk(campaign: &str) -> String {
    format!("CAMPAIGN#{campaign}")
}

pub fn respondent_key(campaign: &str, id: &str) -> Key {
    Key::new(campaign_pk(campaign), format!("RESP#{id}"))
}

pub const RESPONDENT_PREFIX: &str = "RESP#";

pub fn email_key(campaign: &str, email: &str) -> Key {
    Key::new(campaign_pk(campaign), format!("EMAIL#{email}"))
}

pub fn send_prefix(step: &str) -> String {
    format!("SEND#{step}#")
}

pub fn send_key(campaign: &str, step: &str, respondent: &str) -> Key {
    Key::new(campaign_pk(campaign), format!("SEND#{step}#{respondent}"))
}

pub fn suppression_key(email: &str) -> Key {
    Key::new(format!("SUPPRESS#{email}"), "SUPPRESS")
}

pub fn check_key(token_sha256: &str) -> Key {
    Key::new(format!("CHECK#{token_sha256}"), "CHECK")
}

pub fn event_key(event_id: &str) -> Key {
    Key::new(format!("EVENT#{event_id}"), "EVENT")
}

pub fn participation_pk(campaign: &str) -> String {
    format!("PART#{campaign}")
}

/// That one respondent submitted one form: written by the survey function in
/// the transaction that stores the answers, read under [`participation_pk`].
/// The record holds the respondent and the form, nothing else: no unit or
/// group (the respondent item has them) and no time (see [`tally_key`]).
pub fn participation_key(campaign: &str, form: &str, respondent: &str) -> Key {
    Key::new(
        participation_pk(campaign),
        format!("FORM#{form}#RESP#{respondent}"),
    )
}

pub fn tally_pk(campaign: &str) -> String {
    format!("TALLY#{campaign}")
}

/// Submissions per day, unit, group and form, as a counter (`submitted`):
/// when people answered is kept only as this aggregate, never per person or
/// per answer, so no time joins an answer to a participation record.
pub fn tally_key(campaign: &str, day: &str, unit: &str, group: &str, form: &str) -> Key {
    Key::new(
        tally_pk(campaign),
        format!("DAY#{day}#UNIT#{unit}#GROUP#{group}#FORM#{form}"),
    )
}

/// Where submitted answers of one form are listed (gsi1), for results reports.
pub fn results_pk(campaign: &str, form: &str) -> String {
    format!("RESULTS#{campaign}#{form}")
}

/// Reminder rounds are named by their date, so re-running a round the same
/// day resumes it instead of mailing everyone again.
pub fn reminder_step(date_yyyymmdd: &str) -> String {
    format!("remind-{date_yyyymmdd}")
}
