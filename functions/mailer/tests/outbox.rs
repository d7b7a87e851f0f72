//! The outbox writes a readable .eml and a .json sidecar per message.

use std::collections::BTreeMap;

use mailer::{Email, MailError, Mailer, OutboxMailer};

fn email() -> Email {
    Email {
        to: "nguyen.van.a@hanoi.gov.vn".into(),
        subject: "Biên nhận phiếu khảo sát".into(),
        html: "<p>Mã băm: <code>abc</code></p>".into(),
        text: "Mã băm: abc".into(),
        tags: BTreeMap::from([("kind".into(), "receipt".into())]),
        headers: BTreeMap::from([("X-Campaign".into(), "danh-gia-cchc-2026".into())]),
        configuration_set: Some("cchc-surveys".into()),
    }
}

#[tokio::test]
async fn writes_eml_and_sidecar_and_lists_them_in_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mailer = OutboxMailer::new(dir.path().join("outbox"), "CCHC <khao-sat@cchc.vn>");
    let first = mailer.send(&email()).await.expect("send");
    let mut second = email();
    second.subject = "Thư thứ hai".into();
    mailer.send(&second).await.expect("send");

    let entries = OutboxMailer::list(mailer.dir()).expect("list");
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].id, first.0);
    assert_eq!(entries[0].email, email());
    assert_eq!(entries[1].email.subject, "Thư thứ hai");

    let eml = std::fs::read_to_string(mailer.dir().join(format!("{first}.eml"))).expect("eml");
    assert!(eml.contains("To: nguyen.van.a@hanoi.gov.vn\r\n"));
    assert!(eml.contains("Content-Type: multipart/alternative; boundary="));
    assert!(eml.contains("Content-Type: text/plain; charset=UTF-8"));
    assert!(eml.contains("Content-Type: text/html; charset=UTF-8"));
    assert!(eml.contains("X-Campaign: danh-gia-cchc-2026\r\n"));
    assert!(eml.contains("MIME-Version: 1.0\r\n"));
}

#[tokio::test]
async fn header_injection_and_bad_recipients_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mailer = OutboxMailer::new(dir.path(), "khao-sat@cchc.vn");
    let mut bad = email();
    bad.subject = "x\r\nBcc: evil@example.com".into();
    assert!(matches!(
        mailer.send(&bad).await,
        Err(MailError::Invalid(_))
    ));
    let mut bad = email();
    bad.to = "not an address".into();
    assert!(matches!(
        mailer.send(&bad).await,
        Err(MailError::Invalid(_))
    ));
    let mut bad = email();
    bad.tags.insert("loại".into(), "x".into());
    assert!(matches!(
        mailer.send(&bad).await,
        Err(MailError::Invalid(_))
    ));
    assert!(OutboxMailer::list(dir.path()).expect("list").is_empty());
}

#[test]
fn listing_a_missing_outbox_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert!(OutboxMailer::list(&dir.path().join("nope"))
        .expect("list")
        .is_empty());
}
