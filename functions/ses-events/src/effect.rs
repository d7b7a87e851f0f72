//! What an SES event means for a respondent: the delivery state it indicates,
//! the reason to record, and whether the address must not be mailed again.

use delivery::DeliveryState;

use crate::event::{BounceType, EventKind, Recipient, SesEvent};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    /// `None` for events that say nothing about delivery (rendering failure,
    /// subscription, a "not-spam" feedback report).
    pub state: Option<DeliveryState>,
    /// For coordinators and operators: bounce type/subtype and the remote
    /// server's diagnostic, complaint type, reject reason, delay type.
    pub detail: String,
    /// A permanent bounce or a complaint: the address goes on the suppression list.
    pub suppress: bool,
}

pub fn effect_of(event: &SesEvent) -> Effect {
    let plain = |state: DeliveryState, detail: String| Effect {
        state: Some(state),
        detail,
        suppress: false,
    };
    match &event.kind {
        EventKind::Send => plain(DeliveryState::Sent, String::new()),
        EventKind::Delivery(d) => plain(
            DeliveryState::Delivered,
            d.smtp_response.clone().unwrap_or_default(),
        ),
        EventKind::Bounce(b) => {
            let detail = join(&[
                format!("{}/{}", b.bounce_type.as_str(), b.bounce_sub_type),
                diagnostics(&b.bounced_recipients),
            ]);
            match b.bounce_type {
                BounceType::Permanent => Effect {
                    state: Some(DeliveryState::Bounced),
                    detail,
                    suppress: true,
                },
                // Undetermined and unknown types do not block mail: a wrong
                // suppression loses a respondent for good, a missed one costs
                // one more bounce that SES will classify.
                _ => plain(DeliveryState::SoftBounce, detail),
            }
        }
        EventKind::Complaint(c) => {
            let kind = c.complaint_feedback_type.as_deref().unwrap_or("");
            let detail = join(&[
                format!(
                    "complaint: {}",
                    if kind.is_empty() { "unspecified" } else { kind }
                ),
                c.complaint_sub_type.clone().unwrap_or_default(),
            ]);
            if kind == "not-spam" {
                // The recipient moved it *out of* spam: nothing to hold against the address.
                Effect {
                    state: None,
                    detail,
                    suppress: false,
                }
            } else {
                Effect {
                    state: Some(DeliveryState::Complained),
                    detail,
                    suppress: true,
                }
            }
        }
        EventKind::Reject(r) => plain(DeliveryState::Rejected, format!("reject: {}", r.reason)),
        EventKind::DeliveryDelay(d) => plain(
            DeliveryState::Delayed,
            join(&[
                format!("delay: {}", d.delay_type),
                diagnostics(&d.delayed_recipients),
            ]),
        ),
        EventKind::Open(_) => plain(DeliveryState::Opened, String::new()),
        // The link is not recorded: it is the respondent's personal link, a credential.
        EventKind::Click(_) => plain(DeliveryState::Clicked, String::new()),
        EventKind::RenderingFailure(f) => Effect {
            state: None,
            detail: join(&[
                f.template_name.clone().unwrap_or_default(),
                f.error_message.clone().unwrap_or_default(),
            ]),
            suppress: false,
        },
        EventKind::Subscription(s) => Effect {
            state: None,
            detail: s.contact_list.clone().unwrap_or_default(),
            suppress: false,
        },
    }
}

fn diagnostics(list: &[Recipient]) -> String {
    let parts: Vec<String> = list
        .iter()
        .filter_map(|r| {
            let d = join(&[
                r.status.clone().unwrap_or_default(),
                r.diagnostic_code.clone().unwrap_or_default(),
            ]);
            (!d.is_empty()).then_some(d)
        })
        .collect();
    parts.join("; ")
}

fn join(parts: &[String]) -> String {
    parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" — ")
}
