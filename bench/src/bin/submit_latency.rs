//! Warm latency of the survey submit handler on the embedded store (SQLite,
//! outbox mailer), called in-process the way Lambda and `cchc serve` call it:
//! `survey::handle(&app, request)`.
//!
//! Invited submit: for each sample, a fresh respondent is invited and their
//! answers reviewed (untimed set-up), then `POST …/<form>/nop` with the review's
//! digest is timed: the transaction that stores the answers and participation.
//! Public submit: `POST …/cong-khai/<form>` with a full set of answers, from a
//! new browser (no cookie) and a new address each time. Prints one JSON line.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use lambda_http::Body;
use mailer::{Mailer, OutboxMailer};
use store::{SqliteStore, Store};
use survey::respondents::NewRespondent;
use survey::{App, ManualClock};

const INVITED: &str = "danh-gia-cchc-2026";
const FORM: &str = "gop-y-he-thong";
const PUBLIC_FORM: &str = "/api/khao-sat/hai-long-nguoi-dan-2026/cong-khai/danh-gia-su-hai-long";
const WARMUP: usize = 30;
const SAMPLES: usize = 500;

fn invited_answers() -> String {
    let mut pairs: Vec<(String, &str)> = [
        ("q_cach-nhan-link", "hop-thu-den"),
        ("q_loai-hop-thu", "cong-vu"),
        ("q_thiet-bi", "may-tinh"),
        ("q_thiet-bi", "dien-thoai"),
        ("q_gap-su-co", "khong"),
        ("q_hai-long-he-thong", "4"),
        ("q_gop-y-cai-tien", "Nên gửi thư từ tên miền gov.vn"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for row in [
        "mo-phieu",
        "cau-hoi-ro-rang",
        "luu-nhap",
        "dien-thoai",
        "toc-do",
    ] {
        pairs.push((format!("q_de-su-dung__{row}"), "4"));
    }
    form_urlencoded(&pairs) + "&_action=review"
}

fn public_answers() -> String {
    let mut pairs: Vec<(String, &str)> = [
        ("q_tinh", "khanh-hoa"),
        ("q_noi-giao-dich", "cap-xa"),
        ("q_linh-vuc", "ho-tich"),
        ("q_so-lan-di-lai", "1"),
        ("q_phien-ha", "khong"),
        ("q_dung-hen", "dung-hen"),
        ("q_hai-long-ket-qua", "5"),
        ("q_da-phan-anh", "khong"),
        ("q_hai-long-chung", "5"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    for (q, rows) in [
        (
            "tiep-can",
            ["de-tim", "tien-nghi", "trang-thiet-bi", "cong-dich-vu-cong"],
        ),
        (
            "thu-tuc",
            ["niem-yet", "thanh-phan-ho-so", "phi-le-phi", "thoi-han"],
        ),
        (
            "phuc-vu-cua-cong-chuc",
            ["thai-do", "lang-nghe", "huong-dan", "dung-quy-dinh"],
        ),
    ] {
        for r in rows {
            pairs.push((format!("q_{q}__{r}"), "4"));
        }
    }
    form_urlencoded(&pairs)
}

fn form_urlencoded(pairs: &[(String, &str)]) -> String {
    fn enc(s: &str) -> String {
        let mut o = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                    o.push(b as char)
                }
                b' ' => o.push('+'),
                _ => o.push_str(&format!("%{b:02X}")),
            }
        }
        o
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

struct Res {
    status: u16,
    location: String,
    body: String,
}

async fn send(app: &App, method: &str, path: &str, body: &str, headers: &[(&str, &str)]) -> Res {
    let mut b = http::Request::builder()
        .method(method)
        .uri(format!("https://cchc.example.gov.vn{path}"));
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let body = if body.is_empty() {
        Body::Empty
    } else {
        Body::Text(body.to_owned())
    };
    let res = survey::handle(app, b.body(body).expect("request")).await;
    let (parts, body) = res.into_parts();
    Res {
        status: parts.status.as_u16(),
        location: parts
            .headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
        body: match body {
            Body::Text(t) => t,
            Body::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
            _ => String::new(),
        },
    }
}

const FORM_HEADERS: &[(&str, &str)] = &[("content-type", "application/x-www-form-urlencoded")];

/// Invites respondent `i` and reviews their answers; returns (submit path, digest).
async fn prepare(app: &App, i: usize) -> (String, String) {
    let campaign = app.campaign(INVITED).expect("campaign").clone();
    let inv = survey::invitations::invite(
        app,
        &campaign,
        &NewRespondent {
            name: format!("Người thử {i}"),
            email: format!("nguoi.thu.{i}@bench.gov.vn"),
            unit: "UBND tỉnh Hà Giang".into(),
            sub_unit: None,
            group: "cong-chuc".into(),
            forms: None,
        },
    )
    .await
    .expect("invite");
    let home = inv
        .link
        .split("cchc.example.gov.vn")
        .nth(1)
        .unwrap_or(&inv.link)
        .to_owned();
    let form = format!("{home}/{FORM}");
    let r = send(app, "POST", &form, &invited_answers(), FORM_HEADERS).await;
    assert_eq!(r.status, 303, "review: {}", r.body);
    let review = send(app, "GET", &r.location, "", &[]).await;
    let digest = review
        .body
        .split("name=\"_digest\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("digest on the review page")
        .to_owned();
    (format!("{form}/nop"), digest)
}

fn stats(mut us: Vec<f64>) -> serde_json::Value {
    us.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| us[((us.len() as f64 - 1.0) * p).round() as usize];
    serde_json::json!({
        "n": us.len(), "p50_us": q(0.5), "p90_us": q(0.9), "p99_us": q(0.99), "max_us": us[us.len() - 1],
        "mean_us": us.iter().sum::<f64>() / us.len() as f64,
    })
}

fn main() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let work = root.join("target/bench");
        std::fs::create_dir_all(&work).expect("target/bench");
        let dir = tempfile::tempdir_in(&work).expect("tempdir");
        let store: Arc<dyn Store> =
            Arc::new(SqliteStore::open(dir.path().join("store.sqlite")).expect("sqlite"));
        let mailer: Arc<dyn Mailer> =
            Arc::new(OutboxMailer::new(dir.path().join("outbox"), "khao-sat@cchc.local"));
        let campaigns = survey::campaigns::load(&root.join("content/khao-sat")).expect("campaigns");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-15T09:00:00+07:00")
            .expect("time")
            .with_timezone(&chrono::Utc);
        let mut app = App::new(
            campaigns,
            store,
            mailer,
            Arc::new(ManualClock::new(now)),
            b"bench-secret-bench-secret-bench-secret!".to_vec(),
            delivery::ResultsKey::generate(),
            "https://cchc.example.gov.vn",
        );
        app.settings.public_rate_limit = i64::MAX;

        let mut invited = Vec::with_capacity(SAMPLES);
        for i in 0..WARMUP + SAMPLES {
            let (path, digest) = prepare(&app, i).await;
            let body = format!("_digest={digest}");
            let t = Instant::now();
            let r = send(&app, "POST", &path, &body, FORM_HEADERS).await;
            let us = t.elapsed().as_secs_f64() * 1e6;
            assert_eq!(r.status, 303, "submit: {}", r.body);
            assert!(r.location.ends_with("/bien-nhan"), "{}", r.location);
            if i >= WARMUP {
                invited.push(us);
            }
        }

        let answers = public_answers();
        let mut public = Vec::with_capacity(SAMPLES);
        for i in 0..WARMUP + SAMPLES {
            let ip = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
            let headers = [
                ("content-type", "application/x-www-form-urlencoded"),
                ("x-forwarded-for", ip.as_str()),
            ];
            let t = Instant::now();
            let r = send(&app, "POST", PUBLIC_FORM, &answers, &headers).await;
            let us = t.elapsed().as_secs_f64() * 1e6;
            assert!(r.status == 303 || r.status == 200, "public submit {}: {}", r.status, r.body);
            if i >= WARMUP {
                public.push(us);
            }
        }
        let mut out = stats(invited);
        out["public"] = stats(public);
        out["what"] = serde_json::Value::String(format!(
            "Invited submit (POST …/{FORM}/nop after a review; {SAMPLES} fresh respondents after {WARMUP} warm-up) and public submit (POST {PUBLIC_FORM}, new browser and address each time), in-process on one thread, SQLite store on disk under target/bench/."
        ));
        println!("{out}");
    });
}
