//! Shared by the SQLite and DynamoDB runs of the apply tests: the samples, a
//! seeded respondent and send step, and the [`apply_suite!`] of cases.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

use delivery::schema::{respondent_key, send_key, suppression_key};
use delivery::DeliveryState;
use serde_json::Value;
use ses_events::{parse, Parsed, SesEvent};
use store::{Condition, Item, Store};

pub const CAMPAIGN: &str = "danh-gia-cchc-2026";
/// The respondent the samples are tagged with.
pub const RESPONDENT: &str = "a1b2c3d4e5f60718293a";
pub const EMAIL: &str = "nguyen.van.an@moha.gov.vn";
/// Real time: markers expire `EVENT_TTL_SECS` after it, and the stores treat
/// expired items as absent, so a fixed past instant would make every marker
/// vanish at once.
pub fn now() -> i64 {
    store::now_epoch()
}

pub fn sample_text(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn sample(name: &str) -> SesEvent {
    match parse(&sample_text(name)) {
        Ok(Parsed::Event(e)) => *e,
        other => panic!("{name}: {other:?}"),
    }
}

/// A respondent as the import writes it, with a version.
pub async fn seed_respondent(store: &dyn Store, email: &str) {
    let item = Item::new(respondent_key(CAMPAIGN, RESPONDENT))
        .with("name", "Nguyễn Văn An")
        .with("email", email)
        .with("unit", "Bộ Nội vụ")
        .with("group", "cong-chuc")
        .with("version", 1);
    store
        .put(item, Condition::None)
        .await
        .expect("seed respondent");
}

/// A respondent written before delivery tracking: no version attribute.
pub async fn seed_legacy_respondent(store: &dyn Store) {
    let item = Item::new(respondent_key(CAMPAIGN, RESPONDENT))
        .with("name", "Nguyễn Văn An")
        .with("email", EMAIL)
        .with("unit", "Bộ Nội vụ")
        .with("group", "cong-chuc");
    store
        .put(item, Condition::None)
        .await
        .expect("seed respondent");
}

pub async fn seed_send_step(store: &dyn Store, state: &str, attempt: i64) {
    let item = Item::new(send_key(CAMPAIGN, "invite", RESPONDENT))
        .with("state", state)
        .with("attempt", attempt)
        .with("version", 4);
    store
        .put(item, Condition::None)
        .await
        .expect("seed send step");
}

pub async fn respondent(store: &dyn Store) -> Item {
    store
        .get(&respondent_key(CAMPAIGN, RESPONDENT))
        .await
        .expect("read respondent")
        .expect("respondent exists")
}

pub async fn state(store: &dyn Store) -> DeliveryState {
    let item = respondent(store).await;
    item.get("delivery")
        .and_then(Value::as_str)
        .map_or(DeliveryState::None, DeliveryState::parse)
}

pub fn attr(item: &Item, name: &str) -> String {
    match item.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

pub async fn suppression(store: &dyn Store, email: &str) -> Option<Item> {
    store
        .get(&suppression_key(email))
        .await
        .expect("read suppression")
}

pub async fn send_step(store: &dyn Store) -> Item {
    store
        .get(&send_key(CAMPAIGN, "invite", RESPONDENT))
        .await
        .expect("read send step")
        .expect("send step exists")
}

/// The apply cases, run against a fresh store from `$fresh(case_name).await`
/// (an `Arc<dyn Store>`).
#[macro_export]
macro_rules! apply_suite {
    ($fresh:ident) => {
        mod apply_cases {
            use super::common::*;
            use delivery::DeliveryState as D;
            use ses_events::{apply, Outcome};
            use std::sync::Arc;
            use store::Store;

            async fn fresh_with_respondent(case: &'static str) -> Arc<dyn Store> {
                let store = super::$fresh(case).await;
                seed_respondent(store.as_ref(), EMAIL).await;
                store
            }

            /// Applies one sample to a fresh respondent; returns the store and outcome.
            async fn alone(case: &'static str, name: &str) -> (Arc<dyn Store>, ses_events::Report) {
                let store = fresh_with_respondent(case).await;
                let report = apply(store.as_ref(), &sample(name), now()).await.expect("apply");
                (store, report)
            }

            #[tokio::test]
            async fn send_marks_sent() {
                let (store, r) = alone("send", "send.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Sent });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery"), "sent");
                assert_eq!(attr(&item, "delivery_at"), "2026-11-01T01:00:02.012Z");
                assert_eq!(attr(&item, "version"), "2");
                assert!(r.suppressed.is_empty());
            }

            #[tokio::test]
            async fn delivery_marks_delivered_with_the_smtp_answer() {
                let (store, r) = alone("delivery", "delivery.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Delivered });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery_at"), "2026-11-01T01:00:04.133Z");
                assert!(attr(&item, "delivery_detail").starts_with("250 2.0.0 OK"));
                assert!(suppression(store.as_ref(), EMAIL).await.is_none());
            }

            #[tokio::test]
            async fn permanent_bounce_marks_bounced_and_suppresses() {
                let (store, r) = alone("bounce-perm", "bounce-permanent.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Bounced });
                assert_eq!(r.suppressed, vec![EMAIL.to_owned()]);
                let item = respondent(store.as_ref()).await;
                let detail = attr(&item, "delivery_detail");
                assert!(detail.starts_with("Permanent/General — 5.1.1 — smtp; 550 5.1.1"), "{detail}");
                assert!(detail.contains("User unknown"), "{detail}");
                let s = suppression(store.as_ref(), EMAIL).await.expect("suppressed");
                assert_eq!(attr(&s, "reason"), "bounce");
                assert_eq!(attr(&s, "at"), "2026-11-01T01:00:05.669Z");
                assert!(attr(&s, "detail").contains("Permanent/General"));
            }

            #[tokio::test]
            async fn transient_bounce_is_soft_and_not_suppressed() {
                let (store, r) = alone("bounce-trans", "bounce-transient.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::SoftBounce });
                assert!(r.suppressed.is_empty());
                assert!(suppression(store.as_ref(), EMAIL).await.is_none());
                let item = respondent(store.as_ref()).await;
                assert!(attr(&item, "delivery_detail").starts_with("Transient/MailboxFull — 4.2.2"));
            }

            #[tokio::test]
            async fn undetermined_bounce_is_soft_and_not_suppressed() {
                let (store, r) = alone("bounce-undet", "bounce-undetermined.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::SoftBounce });
                assert!(suppression(store.as_ref(), EMAIL).await.is_none());
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery_detail"), "Undetermined/Undetermined");
            }

            #[tokio::test]
            async fn complaint_marks_complained_and_suppresses() {
                let (store, r) = alone("complaint", "complaint.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Complained });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery_detail"), "complaint: abuse");
                let s = suppression(store.as_ref(), EMAIL).await.expect("suppressed");
                assert_eq!(attr(&s, "reason"), "complaint");
            }

            #[tokio::test]
            async fn not_spam_feedback_changes_nothing() {
                let store = fresh_with_respondent("not-spam").await;
                let text = sample_text("complaint.json").replace("\"abuse\"", "\"not-spam\"");
                let Ok(ses_events::Parsed::Event(e)) = ses_events::parse(&text) else { panic!() };
                let r = apply(store.as_ref(), &e, now()).await.expect("apply");
                assert_eq!(r.outcome, Outcome::NoState);
                assert_eq!(state(store.as_ref()).await, D::None);
                assert!(suppression(store.as_ref(), EMAIL).await.is_none());
            }

            #[tokio::test]
            async fn reject_marks_rejected_with_the_reason() {
                let (store, r) = alone("reject", "reject.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Rejected });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery_detail"), "reject: Bad content");
                // Rejected blocks mail but is SES's verdict on the content, not the address.
                assert!(suppression(store.as_ref(), EMAIL).await.is_none());
            }

            #[tokio::test]
            async fn delivery_delay_marks_delayed_with_the_delay_type() {
                let (store, r) = alone("delay", "delivery-delay.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Delayed });
                let item = respondent(store.as_ref()).await;
                let detail = attr(&item, "delivery_detail");
                assert!(detail.starts_with("delay: TransientCommunicationFailure — 4.4.1"), "{detail}");
            }

            #[tokio::test]
            async fn open_marks_opened() {
                let (store, r) = alone("open", "open.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Opened });
                assert_eq!(state(store.as_ref()).await, D::Opened);
            }

            #[tokio::test]
            async fn click_marks_clicked_without_storing_the_personal_link() {
                let (store, r) = alone("click", "click.json").await;
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Clicked });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery"), "clicked");
                assert!(!serde_json::to_string(&item.attrs).unwrap().contains("EXAMPLE-TOKEN"));
            }

            #[tokio::test]
            async fn rendering_failure_changes_no_state_and_no_send_step() {
                let store = fresh_with_respondent("render").await;
                seed_send_step(store.as_ref(), "sending", 1).await;
                let r = apply(store.as_ref(), &sample("rendering-failure.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::NoState);
                assert!(!r.step_marked_sent);
                assert_eq!(attr(&send_step(store.as_ref()).await, "state"), "sending");
                assert_eq!(state(store.as_ref()).await, D::None);
            }

            #[tokio::test]
            async fn subscription_changes_no_state() {
                let (store, r) = alone("subscription", "subscription.json").await;
                assert_eq!(r.outcome, Outcome::NoState);
                assert_eq!(state(store.as_ref()).await, D::None);
                assert_eq!(attr(&respondent(store.as_ref()).await, "version"), "1");
            }

            #[tokio::test]
            async fn the_same_event_twice_changes_nothing_the_second_time() {
                let store = fresh_with_respondent("dup").await;
                for name in ["bounce-permanent.json", "send.json", "open.json"] {
                    let event = sample(name);
                    let first = apply(store.as_ref(), &event, now()).await.unwrap();
                    assert_ne!(first.outcome, Outcome::Duplicate, "{name}");
                    let before = respondent(store.as_ref()).await;
                    let again = apply(store.as_ref(), &event, now() + 60).await.unwrap();
                    assert_eq!(again.outcome, Outcome::Duplicate, "{name}");
                    assert!(again.suppressed.is_empty());
                    assert_eq!(respondent(store.as_ref()).await, before, "{name}");
                }
                assert_eq!(state(store.as_ref()).await, D::Bounced);
            }

            #[tokio::test]
            async fn the_marker_remembers_the_event_for_thirty_days() {
                let store = fresh_with_respondent("marker").await;
                let event = sample("delivery.json");
                let t = now();
                apply(store.as_ref(), &event, t).await.unwrap();
                let key = delivery::schema::event_key(&ses_events::event_id(&event, EMAIL));
                let marker = store.get(&key).await.unwrap().expect("marker");
                assert_eq!(marker.expires_at, Some(t + ses_events::EVENT_TTL_SECS));
                assert_eq!(attr(&marker, "event_type"), "Delivery");
                assert_eq!(attr(&marker, "respondent"), RESPONDENT);
            }

            #[tokio::test]
            async fn delivery_after_bounce_leaves_bounced() {
                let store = fresh_with_respondent("bounce-then-delivery").await;
                apply(store.as_ref(), &sample("bounce-permanent.json"), now()).await.unwrap();
                let r = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::Unchanged { state: D::Bounced });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery"), "bounced");
                assert!(attr(&item, "delivery_detail").starts_with("Permanent/General"));
                assert_eq!(attr(&item, "delivery_at"), "2026-11-01T01:00:05.669Z");
            }

            #[tokio::test]
            async fn send_after_delivery_leaves_delivered() {
                let store = fresh_with_respondent("delivery-then-send").await;
                apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                let r = apply(store.as_ref(), &sample("send.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::Unchanged { state: D::Delivered });
                assert_eq!(state(store.as_ref()).await, D::Delivered);
                // Applying a late Send still counts as this event being seen once.
                let again = apply(store.as_ref(), &sample("send.json"), now()).await.unwrap();
                assert_eq!(again.outcome, Outcome::Duplicate);
            }

            #[tokio::test]
            async fn an_event_for_a_corrected_address_is_ignored() {
                let store = super::$fresh("stale").await;
                // The coordinator fixed the address and re-imported before the bounce came back.
                seed_respondent(store.as_ref(), "an.nguyen@moha.gov.vn").await;
                let r = apply(store.as_ref(), &sample("bounce-permanent.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::StaleAddress);
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "delivery"), "");
                assert_eq!(attr(&item, "version"), "1");
                // The old address is still known bad; the new one is untouched.
                assert!(suppression(store.as_ref(), EMAIL).await.is_some());
                assert!(suppression(store.as_ref(), "an.nguyen@moha.gov.vn").await.is_none());
                let d = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert_eq!(d.outcome, Outcome::StaleAddress);
                assert_eq!(attr(&respondent(store.as_ref()).await, "version"), "1");
            }

            #[tokio::test]
            async fn untagged_mail_touches_no_respondent_but_a_hard_bounce_still_suppresses() {
                let store = fresh_with_respondent("untagged").await;
                let r = apply(store.as_ref(), &sample("untagged-bounce.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::Untagged);
                assert_eq!(r.suppressed, vec!["tran.thi.binh@gmial.com".to_owned()]);
                assert_eq!(state(store.as_ref()).await, D::None);
                let again = apply(store.as_ref(), &sample("untagged-bounce.json"), now()).await.unwrap();
                assert_eq!(again.outcome, Outcome::Duplicate);
            }

            #[tokio::test]
            async fn an_unknown_respondent_is_ignored() {
                let store = super::$fresh("unknown-resp").await;
                let r = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::UnknownRespondent);
                assert!(store
                    .get(&delivery::schema::respondent_key(CAMPAIGN, RESPONDENT))
                    .await
                    .unwrap()
                    .is_none());
            }

            #[tokio::test]
            async fn a_respondent_without_a_version_gets_one() {
                let store = super::$fresh("legacy").await;
                seed_legacy_respondent(store.as_ref()).await;
                let r = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert_eq!(r.outcome, Outcome::Applied { from: D::None, to: D::Delivered });
                let item = respondent(store.as_ref()).await;
                assert_eq!(attr(&item, "version"), "1");
                assert_eq!(attr(&item, "name"), "Nguyễn Văn An");
            }

            #[tokio::test]
            async fn send_event_marks_a_sending_step_sent() {
                let store = fresh_with_respondent("step-sent").await;
                seed_send_step(store.as_ref(), "sending", 1).await;
                let r = apply(store.as_ref(), &sample("send.json"), now()).await.unwrap();
                assert!(r.step_marked_sent);
                let step = send_step(store.as_ref()).await;
                assert_eq!(attr(&step, "state"), "sent");
                assert_eq!(
                    attr(&step, "message_id"),
                    "0100019a3f2b8c1e-5d7e0b3a-9c41-4f0e-8a1b-2f6c7d8e9a01-000000"
                );
                assert_eq!(attr(&step, "sent_at"), "2026-11-01T01:00:02.012Z");
                assert_eq!(attr(&step, "version"), "5");
                assert_eq!(attr(&step, "attempt"), "1");
            }

            #[tokio::test]
            async fn a_step_on_another_attempt_or_already_sent_is_left_alone() {
                let store = fresh_with_respondent("step-other").await;
                seed_send_step(store.as_ref(), "sending", 2).await;
                let r = apply(store.as_ref(), &sample("send.json"), now()).await.unwrap();
                assert!(!r.step_marked_sent);
                assert_eq!(attr(&send_step(store.as_ref()).await, "state"), "sending");

                let store = fresh_with_respondent("step-done").await;
                seed_send_step(store.as_ref(), "sent", 1).await;
                let r = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert!(!r.step_marked_sent);
                assert_eq!(attr(&send_step(store.as_ref()).await, "version"), "4");
            }

            #[tokio::test]
            async fn a_delivery_event_also_reconciles_a_step_whose_send_event_is_late() {
                let store = fresh_with_respondent("step-delivery").await;
                seed_send_step(store.as_ref(), "sending", 1).await;
                let r = apply(store.as_ref(), &sample("delivery.json"), now()).await.unwrap();
                assert!(r.step_marked_sent);
                assert_eq!(attr(&send_step(store.as_ref()).await, "state"), "sent");
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn concurrent_events_for_one_respondent_settle_on_the_highest_state() {
                let store = fresh_with_respondent("race").await;
                let names = [
                    "send.json",
                    "delivery.json",
                    "open.json",
                    "click.json",
                    "delivery-delay.json",
                    "bounce-transient.json",
                    "complaint.json",
                ];
                let tasks: Vec<_> = names
                    .iter()
                    .map(|name| {
                        let store = store.clone();
                        let event = sample(name);
                        tokio::spawn(async move { apply(store.as_ref(), &event, now()).await })
                    })
                    .collect();
                let mut applied = 0;
                for t in tasks {
                    if let Outcome::Applied { .. } = t.await.unwrap().unwrap().outcome {
                        applied += 1;
                    }
                }
                assert_eq!(state(store.as_ref()).await, D::Complained);
                // Every state change bumped the version exactly once.
                let version = attr(&respondent(store.as_ref()).await, "version");
                assert_eq!(version, (1 + applied).to_string());
            }
        }
    };
}
