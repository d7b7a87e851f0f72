//! Test harness: the real shipped campaigns, an injected clock, and either the
//! local backends (SQLite + outbox) or the AWS ones served by moto.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use http::header::{HeaderMap, ACCEPT, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use http::StatusCode;
use lambda_http::Body;
use mailer::{Mailer, OutboxMailer, SesMailer};
use store::{DynamoStore, SqliteStore, Store};
use survey::{App, ManualClock};

pub const INVITED: &str = "danh-gia-cchc-2026";
pub const PUBLIC: &str = "hai-long-nguoi-dan-2026";
pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret!";

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test time")
        .with_timezone(&Utc)
}

/// Mid-campaign for both shipped campaigns.
pub fn mid_campaign() -> DateTime<Utc> {
    at("2026-11-15T09:00:00+07:00")
}

pub fn campaigns() -> Vec<survey_core::Campaign> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat");
    survey::campaigns::load(&dir).expect("shipped campaigns load")
}

/// Where sent mail can be read back.
pub enum MailBox {
    Outbox(PathBuf),
    /// moto's endpoint; messages are told apart by recipient.
    Moto(String),
}

pub struct Harness {
    pub app: App,
    pub clock: Arc<ManualClock>,
    pub store: Arc<dyn Store>,
    pub mailbox: MailBox,
    table: Option<(aws_sdk_dynamodb::Client, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Harness {
    pub fn local() -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut h = Self::on_sqlite_file(&dir.path().join("store.sqlite"));
        h._dir = Some(dir);
        h
    }

    /// On a SQLite file the test names (the outbox beside it), so the test
    /// can read the file as someone holding a copy would.
    #[allow(dead_code)] // not every test binary reads the file
    pub fn on_sqlite_file(path: &std::path::Path) -> Harness {
        let store: Arc<dyn Store> = Arc::new(SqliteStore::open(path).expect("sqlite"));
        let outbox = path.with_file_name("outbox");
        let mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(&outbox, "khao-sat@cchc.local"));
        Self::with(store, mailer, MailBox::Outbox(outbox), None)
    }

    /// The DynamoDB client and table of a moto harness, to read the table
    /// as someone holding its export would.
    #[allow(dead_code)]
    pub fn dynamo(&self) -> Option<(aws_sdk_dynamodb::Client, String)> {
        self.table.clone()
    }

    pub async fn moto(case: &str) -> Harness {
        let url = moto_endpoint();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dynamo = DynamoStore::local(&url, format!("cchc-survey-{case}-{nanos}")).await;
        dynamo
            .create_table_if_missing()
            .await
            .expect("create table in moto");
        let config = aws_env::fixed("ap-southeast-1", aws_sdk_sesv2_credentials());
        let from = "khao-sat@cchc-survey-test.example";
        let ses = SesMailer::from_sdk_config(&config, from, Some(&url));
        ses.client()
            .create_email_identity()
            .email_identity(from)
            .send()
            .await
            .expect("CreateEmailIdentity in moto");
        let table = (dynamo.client().clone(), dynamo.table().to_owned());
        let mut h = Self::with(Arc::new(dynamo), Arc::new(ses), MailBox::Moto(url), None);
        h.table = Some(table);
        h
    }

    fn with(
        store: Arc<dyn Store>,
        mailer: Arc<dyn Mailer>,
        mailbox: MailBox,
        dir: Option<tempfile::TempDir>,
    ) -> Harness {
        let clock = Arc::new(ManualClock::new(mid_campaign()));
        let app = App::new(
            campaigns(),
            store.clone(),
            mailer,
            clock.clone(),
            SECRET.to_vec(),
            delivery::ResultsKey::generate(),
            "https://cchc.test",
        );
        Harness {
            app,
            clock,
            store,
            mailbox,
            table: None,
            _dir: dir,
        }
    }

    pub fn campaign(&self, id: &str) -> &survey_core::Campaign {
        self.app.campaign(id).expect("shipped campaign")
    }

    /// (subject, html) of every message sent to `to`, oldest first.
    pub async fn mail_to(&self, to: &str) -> Vec<(String, String)> {
        match &self.mailbox {
            MailBox::Outbox(dir) => OutboxMailer::list(dir)
                .expect("outbox")
                .into_iter()
                .filter(|e| e.email.to == to)
                .map(|e| (e.email.subject, e.email.html))
                .collect(),
            MailBox::Moto(url) => {
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
    }

    pub async fn get(&self, path: &str) -> Res {
        self.send("GET", path, "", &[]).await
    }

    pub async fn post_form(&self, path: &str, body: &str) -> Res {
        self.send(
            "POST",
            path,
            body,
            &[(CONTENT_TYPE.as_str(), "application/x-www-form-urlencoded")],
        )
        .await
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Res {
        self.send(
            "POST",
            path,
            &body.to_string(),
            &[
                (CONTENT_TYPE.as_str(), "application/json"),
                (ACCEPT.as_str(), "application/json"),
            ],
        )
        .await
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: &str,
        headers: &[(&str, &str)],
    ) -> Res {
        let mut b = http::Request::builder()
            .method(method)
            .uri(format!("https://cchc.test{path}"));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let body = if body.is_empty() {
            Body::Empty
        } else {
            Body::Text(body.to_owned())
        };
        let res = survey::handle(&self.app, b.body(body).expect("request")).await;
        let (parts, body) = res.into_parts();
        let text = match body {
            Body::Text(t) => t,
            Body::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
            _ => String::new(),
        };
        Res {
            status: parts.status,
            headers: parts.headers,
            body: text,
        }
    }
}

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Res {
    pub fn location(&self) -> String {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// `name=value` of the first Set-Cookie, ready for a Cookie header.
    pub fn cookie(&self) -> Option<String> {
        let c = self.headers.get(SET_COOKIE)?.to_str().ok()?;
        Some(c.split(';').next()?.to_owned())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    #[track_caller]
    pub fn assert(&self, status: u16, contains: &str) -> &Self {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body:\n{}",
            self.body
        );
        assert!(
            self.body.contains(contains),
            "body lacks {contains:?}:\n{}",
            self.body
        );
        self
    }
}

pub fn cookie_header(cookie: &str) -> (&'static str, &str) {
    (COOKIE.as_str(), cookie)
}

/// Is the radio/checkbox `name=value` checked in this HTML?
pub fn is_checked(html: &str, name: &str, value: &str) -> bool {
    let needle = format!("name=\"{name}\" value=\"{value}\"");
    html.match_indices(&needle).any(|(i, _)| {
        let start = html[..i].rfind('<').unwrap_or(0);
        let end = i + html[i..].find('>').unwrap_or(0);
        html[start..end].contains(" checked")
    })
}

/// The first `{prefix}<token>` link in a text.
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
        "CCHC_DYNAMODB_ENDPOINT is not set. The moto scenario needs a local moto server: run \
         `export CCHC_DYNAMODB_ENDPOINT=$(scripts/moto.sh start)` in the repository root."
    )
}

fn aws_sdk_sesv2_credentials() -> aws_env::Credentials {
    aws_env::Credentials::new("test", "test", None, None, "cchc-local")
}

/// GET a JSON document with std and tokio only: moto speaks plain HTTP/1.1.
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

/// Sent messages wherever moto nests them (by account and region or not).
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
            if m["destinations"].to_string().contains(to) {
                out.push((s("subject"), s("body")));
            }
        }
        serde_json::Value::Object(m) => m.values().for_each(|v| collect_messages(v, to, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_messages(v, to, out)),
        _ => {}
    }
}
