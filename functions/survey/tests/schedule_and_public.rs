//! The opening-hours lock and the public survey's guards.

mod common;

use common::{at, cookie_header, Harness, INVITED};
use survey::answers::answer_key;
use survey::respondents::NewRespondent;

const PUBLIC_FORM: &str = "/api/khao-sat/hai-long-nguoi-dan-2026/cong-khai/danh-gia-su-hai-long";

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
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn post_public(h: &Harness, body: &str, cookie: Option<&str>, ip: &str) -> common::Res {
    let mut headers = vec![
        ("content-type", "application/x-www-form-urlencoded"),
        ("x-forwarded-for", ip),
    ];
    if let Some(c) = cookie {
        headers.push(cookie_header(c));
    }
    h.send("POST", PUBLIC_FORM, body, &headers).await
}

#[tokio::test]
async fn before_opening_every_write_is_refused_and_nothing_is_stored() {
    let h = Harness::local();
    h.clock.set(at("2026-11-01T07:59:00+07:00"));
    let campaign = h.campaign(INVITED).clone();
    let respondent = NewRespondent {
        name: "Lê Văn Cường".into(),
        email: "le.van.cuong@danang.gov.vn".into(),
        unit: "UBND thành phố Đà Nẵng".into(),
        sub_unit: None,
        group: "dai-bieu-hdnd".into(),
        forms: None,
    };
    let inv = survey::invitations::invite(&h.app, &campaign, &respondent)
        .await
        .expect("invite");
    let token = inv.link.rsplit('/').next().unwrap_or_default().to_owned();
    let form = format!("/api/khao-sat/{INVITED}/moi/{token}/gop-y-he-thong");
    h.get(&format!("/api/khao-sat/{INVITED}/moi/{token}"))
        .await
        .assert(200, "chưa mở");
    h.get(&form).await.assert(200, "chưa mở");
    h.post_form(&form, "q_gop-y-cai-tien=x&_action=draft")
        .await
        .assert(403, "Đợt khảo sát chưa mở");
    h.post_form(&form, "_action=review")
        .await
        .assert(403, "Đợt khảo sát chưa mở");
    h.post_form(&format!("{form}/nop"), "")
        .await
        .assert(403, "Đợt khảo sát chưa mở");
    let key = answer_key(common::SECRET, "token", &token, "gop-y-he-thong");
    assert_eq!(h.store.get(&key).await.expect("get"), None);
    // The public survey opens on 1 October, so this time it is open; before that, locked.
    h.clock.set(at("2026-09-30T12:00:00+07:00"));
    post_public(&h, &public_answers(), None, "203.0.113.7")
        .await
        .assert(403, "Đợt khảo sát chưa mở");
    // From the opening minute on, the draft is accepted.
    h.clock.set(at("2026-11-01T08:00:00+07:00"));
    assert_eq!(
        h.post_form(&form, "q_gop-y-cai-tien=x&_action=draft")
            .await
            .status,
        303
    );
}

#[tokio::test]
async fn public_survey_one_submission_per_browser() {
    let h = Harness::local();
    let page = h.get(PUBLIC_FORM).await;
    page.assert(200, "name=\"website\"");
    let cookie = page.cookie().expect("browser cookie set");
    let r = post_public(&h, &public_answers(), Some(&cookie), "203.0.113.7").await;
    assert_eq!(r.status, 303, "{}", r.body);
    h.send("GET", &r.location(), "", &[cookie_header(&cookie)])
        .await
        .assert(200, "Cảm ơn");
    // A retry of the same post is answered like the first; other answers are refused.
    assert_eq!(
        post_public(&h, &public_answers(), Some(&cookie), "203.0.113.7")
            .await
            .status,
        303
    );
    let other = public_answers().replace("q_hai-long-chung=5", "q_hai-long-chung=1");
    post_public(&h, &other, Some(&cookie), "203.0.113.7")
        .await
        .assert(409, "Phiếu đã được nộp");
    h.send("GET", PUBLIC_FORM, "", &[cookie_header(&cookie)])
        .await
        .assert(200, "Trình duyệt này đã gửi phiếu");
    // Another browser may answer.
    let r = post_public(&h, &public_answers(), None, "203.0.113.8").await;
    assert_eq!(r.status, 303);
    // Invalid answers come back with the error summary.
    post_public(&h, "q_noi-giao-dich=cap-xa", None, "203.0.113.9")
        .await
        .assert(422, "Có lỗi cần sửa");
}

#[tokio::test]
async fn public_honeypot_pretends_success_and_stores_nothing() {
    let h = Harness::local();
    let cookie = h.get(PUBLIC_FORM).await.cookie().expect("cookie");
    let r = post_public(
        &h,
        &format!("{}&website=http%3A%2F%2Fspam.example", public_answers()),
        Some(&cookie),
        "198.51.100.1",
    )
    .await;
    assert_eq!(r.status, 303);
    assert!(r.location().ends_with("/cam-on"));
    // Nothing stored: the same browser can still answer for real.
    let r = post_public(&h, &public_answers(), Some(&cookie), "198.51.100.1").await;
    assert_eq!(r.status, 303, "{}", r.body);
}

#[tokio::test]
async fn public_posts_are_rate_limited_per_ip() {
    let mut h = Harness::local();
    h.app.settings.public_rate_limit = 3;
    for _ in 0..3 {
        // Each without a cookie: a new "browser" every time, as a script would do.
        assert_eq!(
            post_public(&h, &public_answers(), None, "192.0.2.1")
                .await
                .status,
            303
        );
    }
    post_public(&h, &public_answers(), None, "192.0.2.1")
        .await
        .assert(429, "Quá nhiều lượt gửi");
    // The client-supplied part of X-Forwarded-For does not help: the last entry counts.
    post_public(&h, &public_answers(), None, "10.9.9.9, 192.0.2.1")
        .await
        .assert(429, "Quá nhiều lượt gửi");
    assert_eq!(
        post_public(&h, &public_answers(), None, "192.0.2.2")
            .await
            .status,
        303
    );
}

#[tokio::test]
async fn public_json_submission_and_bad_bodies() {
    let h = Harness::local();
    let answers: serde_json::Map<String, serde_json::Value> =
        form_urlencoded::parse(public_answers().as_bytes())
            .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned())))
            .collect();
    let r = h
        .send(
            "POST",
            PUBLIC_FORM,
            &serde_json::Value::Object(answers).to_string(),
            &[
                ("content-type", "application/json"),
                ("x-forwarded-for", "192.0.2.50"),
            ],
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["digest"].as_str().map(str::len), Some(64));
    h.send(
        "POST",
        PUBLIC_FORM,
        "{not json",
        &[("content-type", "application/json")],
    )
    .await
    .assert(400, "bad_request");
    h.send("POST", PUBLIC_FORM, "x", &[("content-type", "text/csv")])
        .await
        .assert(415, "Định dạng");
    h.send("DELETE", PUBLIC_FORM, "", &[])
        .await
        .assert(405, "không hỗ trợ");
    h.get("/api/khao-sat/hai-long-nguoi-dan-2026/cong-khai/khong-co")
        .await
        .assert(404, "Đường dẫn không hợp lệ");
}
