//! Test harness: an injected clock and either the local backends (SQLite,
//! a folder, the outbox) or the AWS ones served by moto (DynamoDB, S3, SES v2).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use http::header::{HeaderMap, ACCEPT, CONTENT_TYPE, LOCATION};
use http::StatusCode;
use lambda_http::Body;
use mailer::{Mailer, OutboxMailer, SesMailer};
use questions::attachments::{Attachments, LocalAttachments, S3Attachments};
use questions::App;
use store::{DynamoStore, SqliteStore, Store};
use web::ManualClock;

pub const SECRET: &[u8] = b"test-secret-test-secret-test-secret!";
pub const BOUNDARY: &str = "----cchc-test-boundary-7f3a";

pub fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("test time")
        .with_timezone(&Utc)
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A minimal PDF, PNG and JPEG: enough for content sniffing.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

pub fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0".to_vec();
    v.extend_from_slice(&[0x90, 0x77, 0x53, 0xde]);
    v
}

/// A Windows executable's first bytes.
pub fn exe() -> Vec<u8> {
    let mut v = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    v.extend_from_slice(&[0u8; 64]);
    v
}

pub enum MailBox {
    Outbox(PathBuf),
    Moto(String),
}

pub struct Harness {
    pub app: App,
    pub clock: Arc<ManualClock>,
    pub store: Arc<dyn Store>,
    pub attachments: Arc<dyn Attachments>,
    pub mailbox: MailBox,
    /// A copy of the site (site.yaml, content/, theme/) to pull into and build.
    pub root: tempfile::TempDir,
    pub s3: Option<S3Attachments>,
}

/// Copies what a build needs into a fresh folder.
pub fn site_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(repo().join("site.yaml"), dir.path().join("site.yaml")).expect("site.yaml");
    for sub in ["content", "theme"] {
        copy_dir(&repo().join(sub), &dir.path().join(sub));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let p = e.path();
        let target = to.join(e.file_name());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).expect("copy");
        }
    }
}

impl Harness {
    pub fn local() -> Harness {
        let root = site_copy();
        let cchc = root.path().join(".cchc");
        std::fs::create_dir_all(&cchc).expect("mkdir .cchc");
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(cchc.join("store.sqlite")).expect("sqlite"));
        let outbox = cchc.join("outbox");
        let mailer: Arc<dyn Mailer> = Arc::new(OutboxMailer::new(&outbox, "hoi-dap@cchc.local"));
        let attachments: Arc<dyn Attachments> =
            Arc::new(LocalAttachments::new(cchc.join("attachments")));
        Self::with(
            store,
            attachments,
            mailer,
            MailBox::Outbox(outbox),
            root,
            None,
        )
    }

    pub async fn moto(case: &str) -> Harness {
        let url = moto_endpoint();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dynamo = DynamoStore::local(&url, format!("cchc-questions-{case}-{nanos}")).await;
        dynamo
            .create_table_if_missing()
            .await
            .expect("create table in moto");
        let config = aws_env::fixed(
            "ap-southeast-1",
            aws_env::Credentials::new("test", "test", None, None, "cchc-local"),
        );
        let from = "hoi-dap@cchc-questions-test.example";
        let ses = SesMailer::from_sdk_config(&config, from, Some(&url));
        ses.client()
            .create_email_identity()
            .email_identity(from)
            .send()
            .await
            .expect("CreateEmailIdentity in moto");
        let bucket = format!("cchc-questions-{case}-{nanos}");
        let s3 = S3Attachments::from_sdk_config(&config, &bucket, Some(&url));
        s3.client()
            .create_bucket()
            .bucket(&bucket)
            .create_bucket_configuration(
                aws_sdk_s3::types::CreateBucketConfiguration::builder()
                    .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::ApSoutheast1)
                    .build(),
            )
            .send()
            .await
            .expect("CreateBucket in moto");
        Self::with(
            Arc::new(dynamo),
            Arc::new(s3.clone()),
            Arc::new(ses),
            MailBox::Moto(url),
            site_copy(),
            Some(s3),
        )
    }

    fn with(
        store: Arc<dyn Store>,
        attachments: Arc<dyn Attachments>,
        mailer: Arc<dyn Mailer>,
        mailbox: MailBox,
        root: tempfile::TempDir,
        s3: Option<S3Attachments>,
    ) -> Harness {
        let clock = Arc::new(ManualClock::new(at("2026-11-15T09:00:00+07:00")));
        let app = App::new(
            store.clone(),
            attachments.clone(),
            Some(mailer),
            clock.clone(),
            SECRET.to_vec(),
            "https://cchc.test",
        );
        Harness {
            app,
            clock,
            store,
            attachments,
            mailbox,
            root,
            s3,
        }
    }

    pub fn content(&self) -> PathBuf {
        self.root.path().join("content")
    }

    /// (subject, body) of every message sent to `to`.
    pub async fn mail_to(&self, to: &str) -> Vec<(String, String)> {
        match &self.mailbox {
            MailBox::Outbox(dir) => OutboxMailer::list(dir)
                .expect("outbox")
                .into_iter()
                .filter(|e| e.email.to == to)
                .map(|e| (e.email.subject, e.email.html))
                .collect(),
            MailBox::Moto(url) => moto_messages(url, to).await,
        }
    }

    pub async fn post_multipart(
        &self,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &str, &[u8])],
        ip: &str,
    ) -> Res {
        let body = questions::multipart::encode(BOUNDARY, fields, files);
        let ct = format!("multipart/form-data; boundary={BOUNDARY}");
        self.send_bytes(
            "POST",
            "/api/hoi-dap/gui",
            body,
            &[(CONTENT_TYPE.as_str(), &ct), ("x-forwarded-for", ip)],
        )
        .await
    }

    pub async fn get(&self, path: &str) -> Res {
        self.send_bytes("GET", path, Vec::new(), &[]).await
    }

    pub async fn get_json(&self, path: &str) -> Res {
        self.send_bytes(
            "GET",
            path,
            Vec::new(),
            &[(ACCEPT.as_str(), "application/json")],
        )
        .await
    }

    pub async fn send_bytes(
        &self,
        method: &str,
        path: &str,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Res {
        let mut b = http::Request::builder()
            .method(method)
            .uri(format!("https://cchc.test{path}"));
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        // API Gateway hands a multipart body over base64-decoded as binary.
        let body = if body.is_empty() {
            Body::Empty
        } else {
            Body::Binary(body)
        };
        let res = questions::handle(&self.app, b.body(body).expect("request")).await;
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

pub fn moto_endpoint() -> String {
    for var in [
        "CCHC_S3_ENDPOINT",
        "CCHC_SES_ENDPOINT",
        "CCHC_DYNAMODB_ENDPOINT",
    ] {
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

pub async fn moto_messages(url: &str, to: &str) -> Vec<(String, String)> {
    let data = http_get_json(&format!("{url}/moto-api/data.json")).await;
    let mut out = Vec::new();
    for backend in ["ses", "sesv2"] {
        if let Some(b) = data.get(backend) {
            collect_messages(b, to, &mut out);
        }
    }
    out
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

/// Every file under `dir` whose bytes contain `needle`.
pub fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if std::fs::read(&p)
                .is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                out.push(p);
            }
        }
    }
    out
}

/// Builds the site at `root` into `root/public`, as `cchc build` does.
pub fn build_site(root: &Path, now: DateTime<Utc>) -> PathBuf {
    let mut opts = site::BuildOptions::new(root);
    opts.now = Some(now.with_timezone(&vntext::vn_offset()));
    let site = site::Site::load(opts).unwrap_or_else(|d| panic!("site loads:\n{d}"));
    let out = site
        .render()
        .unwrap_or_else(|d| panic!("site renders:\n{d}"));
    let public = root.join("public");
    let _ = std::fs::remove_dir_all(&public);
    out.write(&public).expect("write public/");
    public
}
