//! Where a respondent's mail got to. SES publishes events at least once and in
//! no guaranteed order, so the state is a lattice: an event moves it only to a
//! state of higher [`DeliveryState::rank`], and a late `Delivery` can never
//! hide an earlier `Bounce`.

use serde::{Deserialize, Serialize};

/// Ordered from least to most decisive. A permanent bounce or a complaint
/// outranks a delivery because they say the address must not be mailed again,
/// whatever happened to earlier messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Nothing sent yet.
    None,
    /// SES accepted the message (Send).
    Sent,
    /// The receiving server is deferring it (DeliveryDelay).
    Delayed,
    /// A transient bounce: mailbox full, greylisting, message too large.
    SoftBounce,
    /// The receiving server accepted it (Delivery).
    Delivered,
    /// The recipient opened it (Open; only where images load).
    Opened,
    /// The recipient clicked a tracked link (Click).
    Clicked,
    /// SES refused to send it (Reject: virus).
    Rejected,
    /// Permanent bounce: no such mailbox, domain refuses mail.
    Bounced,
    /// The recipient marked it as spam (Complaint).
    Complained,
}

impl DeliveryState {
    pub const ALL: [DeliveryState; 10] = [
        DeliveryState::None,
        DeliveryState::Sent,
        DeliveryState::Delayed,
        DeliveryState::SoftBounce,
        DeliveryState::Delivered,
        DeliveryState::Opened,
        DeliveryState::Clicked,
        DeliveryState::Rejected,
        DeliveryState::Bounced,
        DeliveryState::Complained,
    ];

    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::None => "none",
            DeliveryState::Sent => "sent",
            DeliveryState::Delayed => "delayed",
            DeliveryState::SoftBounce => "soft_bounce",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Opened => "opened",
            DeliveryState::Clicked => "clicked",
            DeliveryState::Rejected => "rejected",
            DeliveryState::Bounced => "bounced",
            DeliveryState::Complained => "complained",
        }
    }

    /// Unknown or missing values read as `None`, so an item written before
    /// delivery tracking is simply "not sent yet".
    pub fn parse(s: &str) -> DeliveryState {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .unwrap_or(DeliveryState::None)
    }

    /// The state after an event that indicates `event`: the higher of the two.
    pub fn advance(self, event: DeliveryState) -> DeliveryState {
        self.max(event)
    }

    /// The receiving side has it (or the person has seen it).
    pub fn reached(self) -> bool {
        matches!(
            self,
            DeliveryState::Delivered | DeliveryState::Opened | DeliveryState::Clicked
        )
    }

    /// No more mail to this address: reminders and resends skip it.
    pub fn blocks_mail(self) -> bool {
        matches!(
            self,
            DeliveryState::Rejected | DeliveryState::Bounced | DeliveryState::Complained
        )
    }

    /// For coordinators, in Vietnamese.
    pub fn label_vi(self) -> &'static str {
        match self {
            DeliveryState::None => "Chưa gửi",
            DeliveryState::Sent => "Đã gửi",
            DeliveryState::Delayed => "Đang chậm chuyển",
            DeliveryState::SoftBounce => "Trả lại tạm thời",
            DeliveryState::Delivered => "Đã đến hộp thư",
            DeliveryState::Opened => "Đã mở",
            DeliveryState::Clicked => "Đã bấm liên kết",
            DeliveryState::Rejected => "Bị từ chối gửi",
            DeliveryState::Bounced => "Địa chỉ không nhận thư",
            DeliveryState::Complained => "Bị đánh dấu thư rác",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DeliveryState as D;

    #[test]
    fn only_moves_forward_whatever_the_order() {
        let events = [D::Delivered, D::Sent, D::Bounced, D::Delivered, D::Opened];
        let forward = events.iter().fold(D::None, |s, e| s.advance(*e));
        let backward = events.iter().rev().fold(D::None, |s, e| s.advance(*e));
        assert_eq!(forward, D::Bounced);
        assert_eq!(backward, D::Bounced);
        assert_eq!(D::Delivered.advance(D::SoftBounce), D::Delivered);
        assert_eq!(D::SoftBounce.advance(D::Delivered), D::Delivered);
        assert_eq!(D::Bounced.advance(D::Complained), D::Complained);
    }

    #[test]
    fn names_round_trip_and_unknown_is_none() {
        for d in D::ALL {
            assert_eq!(D::parse(d.as_str()), d);
        }
        assert_eq!(D::parse("exploded"), D::None);
        assert!(D::Bounced.blocks_mail() && !D::SoftBounce.blocks_mail());
        assert!(D::Opened.reached() && !D::Sent.reached());
    }
}
