//! SesMailer against SES served locally by moto.
//!
//! Needs the moto endpoint, from the repository root:
//!     export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)
//! (one moto server serves every AWS service; `CCHC_SES_ENDPOINT` overrides it.)

use std::collections::BTreeMap;

use aws_env::Credentials;
use mailer::{Email, Mailer, SesMailer};

fn endpoint() -> String {
    for var in ["CCHC_SES_ENDPOINT", "CCHC_DYNAMODB_ENDPOINT"] {
        if let Ok(url) = std::env::var(var) {
            if !url.is_empty() {
                return url;
            }
        }
    }
    panic!(
        "CCHC_DYNAMODB_ENDPOINT is not set. The SES tests need a local moto server: run \
         `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root."
    )
}

#[tokio::test]
async fn sends_utf8_simple_content_with_tags_through_ses() {
    let url = endpoint();
    let config = aws_env::fixed(
        "ap-southeast-1",
        Credentials::new("test", "test", None, None, "cchc-local"),
    );
    let from = "khao-sat@cchc-test.example";
    let mailer = SesMailer::from_sdk_config(&config, from, Some(&url));
    mailer
        .client()
        .create_email_identity()
        .email_identity(from)
        .send()
        .await
        .expect("CreateEmailIdentity");

    // A unique subject finds this message among whatever the shared server holds.
    let marker = format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos()
    );
    let email = Email {
        to: "tran.thi.b@bonoivu.gov.vn".into(),
        subject: format!("Biên nhận phiếu khảo sát {marker}"),
        html: "<p>Mã băm của câu trả lời: <code>đã-ký</code></p>".into(),
        text: "Mã băm của câu trả lời: đã-ký".into(),
        tags: BTreeMap::from([("kind".into(), "receipt".into())]),
        headers: BTreeMap::new(),
        configuration_set: None,
    };
    let id = mailer.send(&email).await.expect("SendEmail");
    assert!(!id.0.is_empty());

    let data: serde_json::Value = reqwest_lite(&format!("{url}/moto-api/data.json")).await;
    let text = data.to_string();
    assert!(
        text.contains(&marker),
        "sent message not in moto's data.json"
    );
    assert!(
        text.contains("đã-ký") || text.contains("\\u0111"),
        "UTF-8 body kept"
    );
}

/// GET a JSON document with nothing but std and tokio: moto speaks plain HTTP/1.1.
async fn reqwest_lite(url: &str) -> serde_json::Value {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .expect("path");
    let mut stream = tokio::net::TcpStream::connect(host)
        .await
        .expect("connect to moto");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).await.expect("write");
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await.expect("read");
    let text = String::from_utf8_lossy(&buf);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    serde_json::from_str(body).expect("moto data.json is JSON")
}
