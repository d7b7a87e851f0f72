//! The invitation round against the AWS stand-ins: DynamoDB and SES v2 in
//! moto, which keeps what it "sent" at /moto-api/data.json.

mod common;

use common::{find_link, register_people, Harness, CAMPAIGN};
use outreach::{Round, RunOptions};

#[tokio::test]
async fn invitations_through_ses_v2_reach_each_respondent_once() {
    let h = Harness::moto("invite").await;
    let emails = register_people(&h, 6).await;
    let campaign = h.campaign();
    let opts = RunOptions {
        concurrency: 3,
        rate: Some(50.0),
        ..RunOptions::default()
    };
    let first = outreach::run(&h.app, &campaign, &Round::Invite, &opts)
        .await
        .unwrap();
    assert_eq!(first.sent, 6);
    // moto does not implement SES v2 GetAccount, so the account's rate cannot
    // be read and the run falls back to the sandbox rate below --rate.
    assert_eq!(first.rate, Some(outreach::run::FALLBACK_RATE));
    let again = outreach::run(&h.app, &campaign, &Round::Invite, &opts)
        .await
        .unwrap();
    assert_eq!((again.sent, again.already_sent), (0, 6));
    let prefix = format!("https://cchc.test/api/khao-sat/{CAMPAIGN}/moi/");
    let mut links = Vec::new();
    for e in &emails {
        let mail = h.mail_to(e).await;
        assert_eq!(mail.len(), 1, "{e}: exactly one message in SES");
        assert!(mail[0].0.starts_with("Thư mời tham gia khảo sát"));
        links.push(find_link(&mail[0].1, &prefix).expect("personal link"));
    }
    links.sort();
    links.dedup();
    assert_eq!(links.len(), 6, "every link is personal");
    // The step items record SES's message ids.
    let page = h
        .app
        .store
        .query(
            &delivery::schema::campaign_pk(CAMPAIGN),
            &delivery::schema::send_prefix("invite"),
            store::QueryOpts::limit(100),
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 6);
    assert!(page.items.iter().all(|i| i
        .get("message_id")
        .and_then(|v| v.as_str())
        .is_some_and(|m| !m.is_empty())));
}
