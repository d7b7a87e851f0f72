//! Mail rounds on SQLite + outbox: exactly one invitation each, recovery of a
//! send interrupted between the provider and the record, retries, reminders,
//! the mailbox check and "resend my link".

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use common::{find_link, register_people, Harness, CAMPAIGN};
use delivery::schema;
use lambda_http::Body;
use mailer::{Email, MailError, Mailer, MessageId, OutboxMailer};
use outreach::{Round, RunOptions};
use serde_json::{Map, Value};
use store::{Condition, Item};

fn opts() -> RunOptions {
    RunOptions {
        concurrency: 4,
        ..RunOptions::default()
    }
}

async fn count_per_recipient(h: &Harness, emails: &[String], subject_prefix: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for e in emails {
        let n = h
            .mail_to(e)
            .await
            .iter()
            .filter(|(s, _)| s.starts_with(subject_prefix))
            .count();
        out.push(n);
    }
    out
}

#[tokio::test]
async fn invitations_go_once_each_and_a_rerun_sends_nobody() {
    let h = Harness::local();
    let emails = register_people(&h, 12).await;
    let campaign = h.campaign();
    let dry = outreach::run(
        &h.app,
        &campaign,
        &Round::Invite,
        &RunOptions {
            dry_run: true,
            ..opts()
        },
    )
    .await
    .unwrap();
    assert_eq!((dry.targets, dry.sent), (12, 0));
    assert!(
        h.mail_to(&emails[0]).await.is_empty(),
        "a dry run sends nothing"
    );

    let first = outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    assert_eq!((first.sent, first.already_sent), (12, 0));
    let second = outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    assert_eq!((second.sent, second.already_sent), (0, 12));
    assert_eq!(
        count_per_recipient(&h, &emails, "Thư mời").await,
        vec![1; 12]
    );

    // The mail: Vietnamese, the personal link, the deadline and whom to ask.
    let (subject, text) = &h.mail_to(&emails[3]).await[0];
    assert!(
        subject.starts_with("Thư mời tham gia khảo sát"),
        "{subject}"
    );
    assert!(text.contains("Kính gửi ông/bà Người 3"));
    assert!(text.contains("ngày 31 tháng 12 năm 2026"), "{text}");
    assert!(text.contains("khaosat.cchc@moha.gov.vn"), "contact: {text}");
    let link = find_link(
        text,
        &format!("https://cchc.test/api/khao-sat/{CAMPAIGN}/moi/"),
    )
    .unwrap();
    let entry = OutboxMailer::list(h.outbox.as_ref().unwrap())
        .unwrap()
        .into_iter()
        .find(|e| e.email.to == emails[3])
        .unwrap();
    assert!(
        entry.email.html.contains("ses:no-track"),
        "no click-tracking rewrite of personal links"
    );
    assert_eq!(
        entry.email.tags.get("step").map(String::as_str),
        Some("invite")
    );
    assert!(
        entry.email.tags.contains_key("respondent") && entry.email.tags.contains_key("attempt")
    );

    // The link opens the respondent's survey home.
    let res = get(&h, link.trim_start_matches("https://cchc.test")).await;
    assert_eq!(res.0, 200);
}

/// Sends through the outbox, but the `n`-th send never returns: the process
/// "dies" after the provider took the message and before it was recorded.
struct DiesMidSend {
    inner: OutboxMailer,
    die_on: usize,
    calls: AtomicUsize,
}

#[async_trait]
impl Mailer for DiesMidSend {
    async fn send(&self, msg: &Email) -> Result<MessageId, MailError> {
        let id = self.inner.send(msg).await?;
        if self.calls.fetch_add(1, Ordering::SeqCst) + 1 == self.die_on {
            std::future::pending::<()>().await;
        }
        Ok(id)
    }
    async fn find_sent(&self, name: &str, value: &str) -> Result<Option<MessageId>, MailError> {
        self.inner.find_sent(name, value).await
    }
}

#[tokio::test]
async fn a_send_killed_between_provider_and_record_is_recovered_not_repeated() {
    let h = Harness::local_with_mailer(|outbox| {
        Arc::new(DiesMidSend {
            inner: OutboxMailer::new(outbox, "khao-sat@cchc.local"),
            die_on: 5,
            calls: AtomicUsize::new(0),
        })
    });
    let emails = register_people(&h, 10).await;
    let campaign = h.campaign();
    let killed = tokio::time::timeout(
        Duration::from_secs(2),
        outreach::run(
            &h.app,
            &campaign,
            &Round::Invite,
            &RunOptions {
                concurrency: 1,
                ..opts()
            },
        ),
    )
    .await;
    assert!(
        killed.is_err(),
        "the run hung on the 5th message and was dropped"
    );
    let states = send_states(&h).await;
    assert_eq!(states.iter().filter(|s| *s == "sent").count(), 4);
    assert_eq!(states.iter().filter(|s| *s == "sending").count(), 1);

    // Re-run at once: the abandoned message is still under its lease.
    let early = outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    assert_eq!((early.sent, early.busy), (5, 1));
    // After the lease: it is found in the outbox and recorded, not sent again.
    h.clock.advance(chrono::Duration::seconds(
        RunOptions::default().lease_secs + 1,
    ));
    let late = outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    assert_eq!((late.sent, late.reconciled, late.already_sent), (0, 1, 9));
    assert_eq!(
        count_per_recipient(&h, &emails, "Thư mời").await,
        vec![1; 10]
    );
    assert!(send_states(&h).await.iter().all(|s| s == "sent"));
}

/// Throttles the first `n` calls, then sends.
struct Throttling {
    inner: OutboxMailer,
    fail_first: usize,
    calls: AtomicUsize,
}

#[async_trait]
impl Mailer for Throttling {
    async fn send(&self, msg: &Email) -> Result<MessageId, MailError> {
        if self.calls.fetch_add(1, Ordering::SeqCst) < self.fail_first {
            return Err(MailError::Throttled("Maximum sending rate exceeded".into()));
        }
        if msg.to.starts_with("person2@") {
            return Err(MailError::Rejected(
                "MessageRejected: address is on the account suppression list".into(),
            ));
        }
        self.inner.send(msg).await
    }
}

#[tokio::test]
async fn throttling_is_retried_with_backoff_and_a_refused_address_fails_once() {
    let h = Harness::local_with_mailer(|outbox| {
        Arc::new(Throttling {
            inner: OutboxMailer::new(outbox, "khao-sat@cchc.local"),
            fail_first: 3,
            calls: AtomicUsize::new(0),
        })
    });
    let emails = register_people(&h, 4).await;
    let campaign = h.campaign();
    let s = outreach::run(
        &h.app,
        &campaign,
        &Round::Invite,
        &RunOptions {
            concurrency: 1,
            ..opts()
        },
    )
    .await
    .unwrap();
    assert_eq!(s.sent, 3);
    assert_eq!(s.failed.len(), 1);
    assert_eq!(s.failed[0].0, "person2@hanoi.gov.vn");
    assert_eq!(
        count_per_recipient(&h, &emails, "Thư mời").await,
        vec![1, 1, 0, 1]
    );
    // A refused message is not retried by the next run.
    let again = outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    assert_eq!(
        (again.sent, again.failed.len(), again.already_sent),
        (0, 0, 3)
    );
}

#[tokio::test]
async fn rate_limit_spaces_the_sends() {
    let h = Harness::local();
    register_people(&h, 6).await;
    let campaign = h.campaign();
    let start = std::time::Instant::now();
    let s = outreach::run(
        &h.app,
        &campaign,
        &Round::Invite,
        &RunOptions {
            rate: Some(10.0),
            ..opts()
        },
    )
    .await
    .unwrap();
    assert_eq!(s.sent, 6);
    assert_eq!(s.rate, Some(10.0));
    // Six sends at 10 per second: the last one at least 0.5 s after the first.
    assert!(
        start.elapsed() >= Duration::from_millis(490),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn reminders_skip_the_done_the_bounced_the_suppressed_and_the_uninvited() {
    let h = Harness::local();
    let emails = register_people(&h, 5).await;
    let campaign = h.campaign();
    outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    let late = register_people_named(&h, "muon@hanoi.gov.vn").await;
    let people = outreach::roster::load(&*h.app.store, CAMPAIGN)
        .await
        .unwrap();
    let id = |email: &str| people.iter().find(|p| p.email == email).unwrap().id.clone();
    let forms: Vec<String> = campaign
        .assigned_forms("cong-chuc", None)
        .iter()
        .map(|f| f.id().to_string())
        .collect();
    assert!(forms.len() >= 2);
    // person0 submitted everything, person1 one form only.
    for f in &forms {
        participate(&h, &id(&emails[0]), f).await;
    }
    participate(&h, &id(&emails[1]), &forms[0]).await;
    // person2's address bounced; person3's is suppressed.
    let mut set = Map::new();
    set.insert(schema::ATTR_DELIVERY.into(), "bounced".into());
    h.app
        .store
        .update(
            &schema::respondent_key(CAMPAIGN, &id(&emails[2])),
            set,
            Condition::Exists,
        )
        .await
        .unwrap();
    h.app
        .store
        .put(
            Item::new(schema::suppression_key(&emails[3])).with("reason", "complained"),
            Condition::None,
        )
        .await
        .unwrap();

    let round = Round::Remind {
        step: "remind-20261120".into(),
    };
    let s = outreach::run(&h.app, &campaign, &round, &opts())
        .await
        .unwrap();
    let mut why: Vec<(String, String)> = s
        .skipped
        .iter()
        .map(|(r, w)| (r.email.clone(), w.to_string()))
        .collect();
    why.sort();
    assert_eq!(
        why,
        vec![
            ("muon@hanoi.gov.vn".to_owned(), "not invited yet".to_owned()),
            (
                emails[0].clone(),
                "submitted every assigned form".to_owned()
            ),
            (emails[2].clone(), "address bounced".to_owned()),
            (
                emails[3].clone(),
                "on the suppression list (complained)".to_owned()
            ),
        ]
    );
    assert_eq!(s.sent, 2, "person1 and person4");
    let reminders = |e: String| {
        let h = &h;
        async move {
            h.mail_to(&e)
                .await
                .into_iter()
                .filter(|(s, _)| s.starts_with("Nhắc trả lời"))
                .collect::<Vec<_>>()
        }
    };
    let r1 = reminders(emails[1].clone()).await;
    assert_eq!(r1.len(), 1);
    // It lists what is left, not what was done, and carries the invitation's link.
    let second_title = campaign.form(&forms[1]).unwrap().title();
    let first_title = campaign.form(&forms[0]).unwrap().title();
    assert!(r1[0].1.contains(second_title));
    assert!(!r1[0].1.contains(&format!("- {first_title}")));
    let invitation = &h.mail_to(&emails[1]).await[0].1;
    let prefix = format!("https://cchc.test/api/khao-sat/{CAMPAIGN}/moi/");
    assert_eq!(find_link(&r1[0].1, &prefix), find_link(invitation, &prefix));
    assert!(reminders(late.clone()).await.is_empty());
    // The same round again (same day) sends nobody twice.
    let again = outreach::run(&h.app, &campaign, &round, &opts())
        .await
        .unwrap();
    assert_eq!((again.sent, again.already_sent), (0, 2));
}

#[tokio::test]
async fn the_mailbox_check_link_confirms_only_when_the_person_presses_the_button() {
    let h = Harness::local();
    let emails = register_people(&h, 2).await;
    let campaign = h.campaign();
    let s = outreach::run(&h.app, &campaign, &Round::MailboxCheck, &opts())
        .await
        .unwrap();
    assert_eq!(s.sent, 2);
    let (subject, text) = &h.mail_to(&emails[0]).await[0];
    assert!(subject.starts_with("Xác nhận hộp thư"));
    let link = find_link(
        text,
        &format!("https://cchc.test/api/khao-sat/{CAMPAIGN}/hop-thu/"),
    )
    .unwrap();
    let path = link.trim_start_matches("https://cchc.test");
    let confirmed = |h: &Harness| {
        let store = h.app.store.clone();
        async move {
            outreach::roster::load(&*store, CAMPAIGN)
                .await
                .unwrap()
                .into_iter()
                .filter(|p| p.mailbox_confirmed)
                .map(|p| p.email)
                .collect::<Vec<_>>()
        }
    };
    let page = get(&h, path).await;
    assert_eq!(page.0, 200);
    assert!(page.1.contains("Tôi đã nhận được thư"));
    assert!(
        confirmed(&h).await.is_empty(),
        "a link scanner's GET confirms nothing"
    );
    let done = post(&h, path, "").await;
    assert_eq!(done.0, 200);
    assert!(done.1.contains("Đã xác nhận hộp thư"));
    assert_eq!(confirmed(&h).await, vec![emails[0].clone()]);
    assert_eq!(
        get(
            &h,
            &format!("/api/khao-sat/{CAMPAIGN}/hop-thu/{}", "A".repeat(43))
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn resend_my_link_sends_the_same_link_and_answers_alike_for_strangers() {
    let h = Harness::local();
    let emails = register_people(&h, 1).await;
    let campaign = h.campaign();
    outreach::run(&h.app, &campaign, &Round::Invite, &opts())
        .await
        .unwrap();
    let form = get(&h, "/api/khao-sat/gui-lai-lien-ket").await;
    assert_eq!(form.0, 200);
    assert!(form.1.contains("name=\"email\""));

    let known = post(
        &h,
        "/api/khao-sat/gui-lai-lien-ket",
        "email=Person0%40hanoi.gov.vn",
    )
    .await;
    let stranger = post(
        &h,
        "/api/khao-sat/gui-lai-lien-ket",
        "email=ai.do%40hanoi.gov.vn",
    )
    .await;
    assert_eq!(known, stranger, "the answer does not tell who is invited");
    let mail = h.mail_to(&emails[0]).await;
    assert_eq!(mail.len(), 2);
    assert!(mail[1].0.starts_with("Gửi lại đường dẫn khảo sát"));
    let prefix = format!("https://cchc.test/api/khao-sat/{CAMPAIGN}/moi/");
    assert_eq!(
        find_link(&mail[0].1, &prefix),
        find_link(&mail[1].1, &prefix)
    );
    assert!(h.mail_to("ai.do@hanoi.gov.vn").await.is_empty());
    // At most three resends per address per window.
    for _ in 0..3 {
        post(
            &h,
            "/api/khao-sat/gui-lai-lien-ket",
            "email=person0%40hanoi.gov.vn",
        )
        .await;
    }
    assert_eq!(h.mail_to(&emails[0]).await.len(), 1 + 3);
    let bad = post(
        &h,
        "/api/khao-sat/gui-lai-lien-ket",
        "email=khong-phai-email",
    )
    .await;
    assert_eq!(bad.0, 422);
    assert!(bad.1.contains("chưa đúng định dạng"));
}

async fn register_people_named(h: &Harness, email: &str) -> String {
    survey::respondents::register(
        &*h.app.store,
        &h.campaign(),
        &survey::respondents::NewRespondent {
            name: "Người đến muộn".into(),
            email: email.into(),
            unit: "Hà Nội".into(),
            sub_unit: None,
            group: "cong-chuc".into(),
            forms: None,
        },
        "2026-11-12T00:00:00Z",
        h.app.link_key.as_ref(),
    )
    .await
    .unwrap();
    email.to_owned()
}

async fn participate(h: &Harness, respondent: &str, form: &str) {
    h.app
        .store
        .put(
            Item::new(store::Key::new(
                schema::participation_pk(CAMPAIGN),
                format!("FORM#{form}#RESP#{respondent}"),
            ))
            .with("respondent", respondent)
            .with("form", form)
            .with("unit", "Hà Nội")
            .with("group", "cong-chuc")
            .with("submitted_at", "2026-11-14T10:00:00Z"),
            Condition::None,
        )
        .await
        .unwrap();
}

async fn send_states(h: &Harness) -> Vec<String> {
    let page = h
        .app
        .store
        .query(
            &schema::campaign_pk(CAMPAIGN),
            &schema::send_prefix("invite"),
            store::QueryOpts::limit(1000),
        )
        .await
        .unwrap();
    page.items
        .iter()
        .map(|i| {
            i.get("state")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

async fn request(h: &Harness, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("https://cchc.test{path}"))
        .header("x-forwarded-for", "203.0.113.7");
    if method == "POST" {
        b = b.header("content-type", "application/x-www-form-urlencoded");
    }
    let body = if body.is_empty() {
        Body::Empty
    } else {
        Body::Text(body.into())
    };
    let res = survey::handle(&h.app, b.body(body).unwrap()).await;
    let status = res.status().as_u16();
    let text = match res.into_body() {
        Body::Text(t) => t,
        Body::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
        _ => String::new(),
    };
    (status, text)
}

async fn get(h: &Harness, path: &str) -> (u16, String) {
    request(h, "GET", path, "").await
}

async fn post(h: &Harness, path: &str, body: &str) -> (u16, String) {
    request(h, "POST", path, body).await
}
