//! Every sample in tests/samples parses into the event it holds, with the
//! fields the function relies on.

mod common;

use common::*;
use ses_events::event::{BounceType, EventKind};
use ses_events::{effect::effect_of, event_id, parse, Parsed};

#[test]
fn every_event_type_parses() {
    let expect = [
        ("send.json", "Send"),
        ("delivery.json", "Delivery"),
        ("bounce-permanent.json", "Bounce"),
        ("bounce-transient.json", "Bounce"),
        ("bounce-undetermined.json", "Bounce"),
        ("complaint.json", "Complaint"),
        ("reject.json", "Reject"),
        ("delivery-delay.json", "DeliveryDelay"),
        ("open.json", "Open"),
        ("click.json", "Click"),
        ("rendering-failure.json", "Rendering Failure"),
        ("subscription.json", "Subscription"),
    ];
    for (file, name) in expect {
        let e = sample(file);
        assert_eq!(e.kind.name(), name, "{file}");
        assert_eq!(e.tag("campaign"), Some(CAMPAIGN), "{file}");
        assert_eq!(e.tag("respondent"), Some(RESPONDENT), "{file}");
        assert_eq!(e.tag("step"), Some("invite"), "{file}");
        assert_eq!(e.tag("attempt"), Some("1"), "{file}");
        assert_eq!(e.recipients(), vec![EMAIL.to_owned()], "{file}");
        assert!(!e.timestamp().is_empty(), "{file}");
    }
}

#[test]
fn bounce_complaint_and_delay_details_are_read() {
    let EventKind::Bounce(b) = sample("bounce-permanent.json").kind else {
        panic!()
    };
    assert_eq!(b.bounce_type, BounceType::Permanent);
    assert_eq!(b.bounce_sub_type, "General");
    assert_eq!(b.bounced_recipients[0].status.as_deref(), Some("5.1.1"));
    assert!(b.bounced_recipients[0]
        .diagnostic_code
        .as_deref()
        .is_some_and(|d| d.contains("User unknown")));
    let EventKind::Bounce(t) = sample("bounce-transient.json").kind else {
        panic!()
    };
    assert_eq!(
        (t.bounce_type, t.bounce_sub_type.as_str()),
        (BounceType::Transient, "MailboxFull")
    );
    let EventKind::Complaint(c) = sample("complaint.json").kind else {
        panic!()
    };
    assert_eq!(c.complaint_feedback_type.as_deref(), Some("abuse"));
    assert_eq!(c.complaint_sub_type, None);
    let EventKind::DeliveryDelay(d) = sample("delivery-delay.json").kind else {
        panic!()
    };
    assert_eq!(d.delay_type, "TransientCommunicationFailure");
    let EventKind::Reject(r) = sample("reject.json").kind else {
        panic!()
    };
    assert_eq!(r.reason, "Bad content");
    let EventKind::RenderingFailure(f) = sample("rendering-failure.json").kind else {
        panic!()
    };
    assert_eq!(f.template_name.as_deref(), Some("thu-moi"));
    let EventKind::Subscription(s) = sample("subscription.json").kind else {
        panic!()
    };
    assert_eq!(s.new_topic_preferences["unsubscribeAll"], true);
}

#[test]
fn events_without_their_own_time_use_the_message_time() {
    assert_eq!(sample("send.json").timestamp(), "2026-11-01T01:00:02.012Z");
    assert_eq!(
        sample("reject.json").timestamp(),
        "2026-11-01T01:00:02.012Z"
    );
    assert_eq!(sample("open.json").timestamp(), "2026-11-01T07:45:12.000Z");
}

#[test]
fn effects_follow_the_precedence_model() {
    use delivery::DeliveryState as D;
    let cases = [
        ("send.json", Some(D::Sent), false),
        ("delivery.json", Some(D::Delivered), false),
        ("bounce-permanent.json", Some(D::Bounced), true),
        ("bounce-transient.json", Some(D::SoftBounce), false),
        ("bounce-undetermined.json", Some(D::SoftBounce), false),
        ("complaint.json", Some(D::Complained), true),
        ("reject.json", Some(D::Rejected), false),
        ("delivery-delay.json", Some(D::Delayed), false),
        ("open.json", Some(D::Opened), false),
        ("click.json", Some(D::Clicked), false),
        ("rendering-failure.json", None, false),
        ("subscription.json", None, false),
    ];
    for (file, state, suppress) in cases {
        let e = effect_of(&sample(file));
        assert_eq!((e.state, e.suppress), (state, suppress), "{file}");
    }
}

#[test]
fn event_ids_differ_by_type_time_and_recipient_and_repeat_exactly() {
    let send = sample("send.json");
    let delivery = sample("delivery.json");
    let id = event_id(&send, EMAIL);
    assert_eq!(id.len(), 64);
    assert_eq!(id, event_id(&sample("send.json"), EMAIL));
    assert_ne!(id, event_id(&delivery, EMAIL));
    assert_ne!(id, event_id(&send, "other@moha.gov.vn"));
}

#[test]
fn identity_notifications_without_event_publishing_parse_too() {
    let text =
        sample_text("bounce-permanent.json").replace("\"eventType\"", "\"notificationType\"");
    let Ok(Parsed::Event(e)) = parse(&text) else {
        panic!()
    };
    assert_eq!(e.kind.name(), "Bounce");
}
