//! The Lambda handler with SNS events as Lambda delivers them.

mod common;

use aws_lambda_events::event::sns::{SnsEvent, SnsRecord};
use common::*;
use delivery::DeliveryState;
use ses_events::{handle, Outcome};
use store::SqliteStore;

fn record(message: String) -> SnsRecord {
    let mut r = SnsRecord::default();
    r.event_source = "aws:sns".into();
    r.sns.sns_message_type = "Notification".into();
    r.sns.message_id = "95df01b4-ee98-5cb9-9903-4c221d41eb5e".into();
    r.sns.message = message;
    r
}

#[tokio::test]
async fn the_lambda_event_json_applies_its_bounce() {
    let store = SqliteStore::in_memory().unwrap();
    seed_respondent(&store, EMAIL).await;
    let event: SnsEvent =
        serde_json::from_str(&sample_text("sns-lambda-event.json")).expect("SNS Lambda event");
    let reports = handle(&store, event.clone(), now()).await.expect("handled");
    assert_eq!(reports.len(), 1);
    assert_eq!(
        reports[0].outcome,
        Outcome::Applied {
            from: DeliveryState::None,
            to: DeliveryState::Bounced
        }
    );
    assert_eq!(state(&store).await, DeliveryState::Bounced);
    assert!(suppression(&store, EMAIL).await.is_some());
    // SNS retries the same event: nothing more happens.
    let again = handle(&store, event, now()).await.expect("handled");
    assert_eq!(again[0].outcome, Outcome::Duplicate);
}

#[tokio::test]
async fn bad_and_unknown_records_are_skipped_and_the_rest_applied() {
    let store = SqliteStore::in_memory().unwrap();
    seed_respondent(&store, EMAIL).await;
    let mut event = SnsEvent::default();
    event.records = vec![
        record("not json at all".into()),
        record(r#"{"eventType":"Teleport","mail":{"messageId":"x"}}"#.into()),
        record(r#"{"eventType":"Delivery"}"#.into()),
        record(sample_text("send.json")),
        record(sample_text("delivery.json")),
        record(sample_text("delivery.json")),
    ];
    let reports = handle(&store, event, now()).await.expect("handled");
    let outcomes: Vec<Outcome> = reports.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        vec![
            Outcome::Applied {
                from: DeliveryState::None,
                to: DeliveryState::Sent
            },
            Outcome::Applied {
                from: DeliveryState::Sent,
                to: DeliveryState::Delivered
            },
            Outcome::Duplicate,
        ]
    );
}

#[tokio::test]
async fn a_store_failure_is_returned_so_lambda_retries() {
    // A DynamoDB endpoint nobody listens on: the first read fails.
    let store = store::DynamoStore::local("http://127.0.0.1:9", "cchc-nowhere").await;
    let mut event = SnsEvent::default();
    event.records = vec![record(sample_text("delivery.json"))];
    let err = handle(&store, event, now())
        .await
        .expect_err("store is down");
    assert!(matches!(err, store::StoreError::Backend(_)), "{err:?}");
}
