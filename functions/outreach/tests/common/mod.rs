//! Harness: the shipped campaigns, a fixed clock mid-campaign, a link key, and
//! SQLite + outbox or DynamoDB + SES v2 in moto.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailer::{Mailer, OutboxMailer, SesMailer};
use store::{DynamoStore, SqliteStore, Store};
use survey::link_seal::LinkKey;
use survey::{App, ManualClock};

pub const CAMPAIGN: &str = "danh-gia-cchc-2026";
pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret!";

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test time")
        .with_timezone(&Utc)
}

pub fn campaigns() -> Vec<survey_core::Campaign> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat");
    survey::campaigns::load(&dir).expect("shipped campaigns load")
}

pub struct Harness {
    pub app: App,
    pub clock: Arc<ManualClock>,
    pub outbox: Option<PathBuf>,
    pub moto: Option<String>,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn local() -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(dir.path().join("store.sqlite")).expect("sqlite"));
        let outbox = dir.path().join("outbox");
        let mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(&outbox, "khao-sat@cchc.local"));
        let mut h = Self::with(store, mailer, dir);
        h.outbox = Some(outbox);
        h
    }

    pub fn local_with_mailer(make: impl FnOnce(PathBuf) -> Arc<dyn Mailer>) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(dir.path().join("store.sqlite")).expect("sqlite"));
        let outbox = dir.path().join("outbox");
        let mailer = make(outbox.clone());
        let mut h = Self::with(store, mailer, dir);
        h.outbox = Some(outbox);
        h
    }

    pub async fn moto(case: &str) -> Harness {
        let url = moto_endpoint();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dynamo = DynamoStore::local(&url, format!("cchc-outreach-{case}-{nanos}")).await;
        dynamo
            .create_table_if_missing()
            .await
            .expect("create table in moto");
        let config = aws_env::fixed(
            "ap-southeast-1",
            aws_env::Credentials::new("test", "test", None, None, "cchc-local"),
        );
        let from = format!("khao-sat@{case}-{nanos}.example");
        let ses = SesMailer::from_sdk_config(&config, &from, Some(&url));
        ses.client()
            .create_email_identity()
            .email_identity(&from)
            .send()
            .await
            .expect("CreateEmailIdentity in moto");
        let mut h = Self::with(
            Arc::new(dynamo),
            Arc::new(ses),
            tempfile::tempdir().expect("tempdir"),
        );
        h.moto = Some(url);
        h
    }

    fn with(store: Arc<dyn Store>, mailer: Arc<dyn Mailer>, dir: tempfile::TempDir) -> Harness {
        let clock = Arc::new(ManualClock::new(at("2026-11-15T09:00:00+07:00")));
        let mut app = App::new(
            campaigns(),
            store,
            mailer,
            clock.clone(),
            SECRET.to_vec(),
            delivery::ResultsKey::generate(),
            "https://cchc.test",
        );
        app.link_key = Some(LinkKey::generate());
        Harness {
            app,
            clock,
            outbox: None,
            moto: None,
            dir,
        }
    }

    pub fn campaign(&self) -> survey_core::Campaign {
        self.app
            .campaign(CAMPAIGN)
            .expect("shipped campaign")
            .clone()
    }

    /// (subject, text-or-html, tags) of every message to `to`.
    pub async fn mail_to(&self, to: &str) -> Vec<(String, String)> {
        if let Some(dir) = &self.outbox {
            return OutboxMailer::list(dir)
                .expect("outbox")
                .into_iter()
                .filter(|e| e.email.to == to)
                .map(|e| (e.email.subject, e.email.text))
                .collect();
        }
        let url = self.moto.as_ref().expect("moto");
        let data = http_get_json(&format!("{url}/moto-api/data.json")).await;
        let mut out = Vec::new();
        for backend in ["ses", "sesv2"] {
            if let Some(b) = data.get(backend) {
                collect_messages(b, to, &mut out);
            }
        }
        out
    }
}

/// Registers `n` respondents of Hà Nội, `person{i}@hanoi.gov.vn`.
pub async fn register_people(h: &Harness, n: usize) -> Vec<String> {
    let campaign = h.campaign();
    let mut emails = Vec::new();
    for i in 0..n {
        let email = format!("person{i}@hanoi.gov.vn");
        survey::respondents::register(
            &*h.app.store,
            &campaign,
            &survey::respondents::NewRespondent {
                name: format!("Người {i}"),
                email: email.clone(),
                unit: "Hà Nội".into(),
                sub_unit: None,
                group: "cong-chuc".into(),
                forms: None,
            },
            "2026-11-10T00:00:00Z",
            h.app.link_key.as_ref(),
        )
        .await
        .expect("register");
        emails.push(email);
    }
    emails
}

pub fn find_link(text: &str, prefix: &str) -> Option<String> {
    let i = text.find(prefix)?;
    let tail: String = text[i + prefix.len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Some(format!("{prefix}{tail}"))
}

pub fn moto_endpoint() -> String {
    for var in ["CCHC_SES_ENDPOINT", "CCHC_DYNAMODB_ENDPOINT"] {
        if let Ok(url) = std::env::var(var) {
            if !url.is_empty() {
                return url;
            }
        }
    }
    panic!(
        "CCHC_DYNAMODB_ENDPOINT is not set. These tests need a local moto server: run \
         `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root."
    )
}

pub async fn http_get_json(url: &str) -> serde_json::Value {
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

fn collect_messages(v: &serde_json::Value, to: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(m)
            if m.contains_key("destinations") && m.contains_key("body") =>
        {
            let s = |k: &str| {
                m.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let dest = m["destinations"].to_string();
            if dest.contains(&format!("\"{to}\"")) {
                out.push((s("subject"), s("body")));
            }
        }
        serde_json::Value::Object(m) => m.values().for_each(|v| collect_messages(v, to, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_messages(v, to, out)),
        _ => {}
    }
}
