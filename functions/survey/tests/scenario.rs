//! The invited survey end to end, as one scenario run on both backends:
//! SQLite + outbox (what `cchc serve` uses) and DynamoDB + SES served by moto
//! (what production uses). Needs `CCHC_DYNAMODB_ENDPOINT` for the second run.

mod common;

use chrono::Duration;
use common::{at, find_link, is_checked, Harness, INVITED};
use serde_json::json;
use store::QueryOpts;
use survey::answers::answer_key;
use survey::respondents::NewRespondent;

const FORM: &str = "gop-y-he-thong";

const DRAFT: &str = "q_cach-nhan-link=thu-rac&q_gop-y-cai-tien=N%C3%AAn+g%E1%BB%ADi+t%E1%BB%AB+t%C3%AAn+mi%E1%BB%81n+gov.vn&_action=draft";

/// Every required question of gop-y-he-thong answered.
fn full_answers() -> String {
    let mut pairs = vec![
        ("q_cach-nhan-link", "hop-thu-den"),
        ("q_loai-hop-thu", "cong-vu"),
        ("q_thiet-bi", "may-tinh"),
        ("q_thiet-bi", "dien-thoai"),
        ("q_gap-su-co", "khong"),
        ("q_hai-long-he-thong", "4"),
        ("q_gop-y-cai-tien", "Nên gửi thư từ tên miền gov.vn"),
    ];
    for row in [
        "mo-phieu",
        "cau-hoi-ro-rang",
        "luu-nhap",
        "dien-thoai",
        "toc-do",
    ] {
        pairs.push((
            Box::leak(format!("q_de-su-dung__{row}").into_boxed_str()),
            "4",
        ));
    }
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

async fn invited_survey_end_to_end(h: Harness, email: &str) {
    // An invitation, read from the mail like a respondent would.
    let campaign = h.campaign(INVITED).clone();
    let invitation = survey::invitations::invite(
        &h.app,
        &campaign,
        &NewRespondent {
            name: "Nguyễn Văn An".into(),
            email: email.into(),
            unit: "UBND tỉnh Hà Giang".into(),
            sub_unit: Some("Sở Nội vụ".into()),
            group: "cong-chuc".into(),
            forms: None,
        },
    )
    .await
    .expect("invite");
    let mail = h.mail_to(email).await;
    assert_eq!(mail.len(), 1, "one invitation");
    let home =
        find_link(&mail[0].1, "/api/khao-sat/danh-gia-cchc-2026/moi/").expect("link in mail");
    assert!(invitation.link.ends_with(&home));
    let token = home.rsplit('/').next().unwrap_or_default().to_owned();
    let form = format!("{home}/{FORM}");

    // Home lists the group's forms, none started.
    h.get(&home)
        .await
        .assert(200, "Chưa trả lời")
        .assert(200, "Góp ý về hệ thống khảo sát trực tuyến");

    // Save a draft without script: 303 back to the form, which says so.
    let r = h.post_form(&form, DRAFT).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("{form}?da-luu=1"));
    let page = h.get(&r.location()).await;
    page.assert(200, "Đã lưu bản nháp");
    // Resume: the draft's values are in the form.
    assert!(is_checked(&page.body, "q_cach-nhan-link", "thu-rac"));
    assert!(page.body.contains("Nên gửi từ tên miền gov.vn"));
    assert!(page.body.contains("id=\"survey-rules\""));
    h.get(&home).await.assert(200, "Đang soạn");

    // An incomplete review shows the form with the error summary.
    h.post_form(&form, "q_cach-nhan-link=hop-thu-den&_action=review")
        .await
        .assert(422, "Có lỗi cần sửa");

    // Edit and review: the review page with "Sửa" links and "Nộp phiếu".
    let r = h
        .post_form(&form, &format!("{}&_action=review", full_answers()))
        .await;
    assert_eq!(
        (r.status.as_u16(), r.location()),
        (303, format!("{form}/xem-lai"))
    );
    let review = h.get(&r.location()).await;
    review
        .assert(200, "Xem lại")
        .assert(200, "Sửa")
        .assert(200, "Nộp phiếu");

    // Submit (from the review page: only the digest is posted).
    let digest = review
        .body
        .split("name=\"_digest\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("digest")
        .to_owned();
    let submit = format!("{form}/nop");
    let r = h.post_form(&submit, &format!("_digest={digest}")).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("{form}/bien-nhan"));
    let receipt = h.get(&r.location()).await;
    receipt
        .assert(200, &digest)
        .assert(200, "Biên nhận phiếu khảo sát")
        .assert(200, "Nên gửi thư từ tên miền gov.vn");

    // A retried submit, by form and by JSON: the same receipt, nothing stored twice.
    let r = h.post_form(&submit, &format!("_digest={digest}")).await;
    assert_eq!(
        (r.status.as_u16(), r.location()),
        (303, format!("{form}/bien-nhan"))
    );
    let again = h.post_json(&submit, &json!({})).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["digest"], digest.as_str());
    let key = answer_key(common::SECRET, "token", &token, FORM);
    let answers = h
        .store
        .query(&key.pk, "", QueryOpts::default())
        .await
        .expect("query answers");
    assert_eq!(answers.items.len(), 1, "exactly one answer record");
    let parts = h
        .store
        .query(&format!("PART#{INVITED}"), "", QueryOpts::default())
        .await
        .expect("query participation");
    assert_eq!(parts.items.len(), 1, "exactly one participation record");
    assert_eq!(
        parts.items[0].get("respondent").and_then(|v| v.as_str()),
        Some(invitation.respondent.0.as_str())
    );

    // Different answers after submitting: refused, the form is read-only.
    let changed = full_answers().replace("q_hai-long-he-thong=4", "q_hai-long-he-thong=1");
    h.post_form(&submit, &changed)
        .await
        .assert(409, "Phiếu đã được nộp");
    h.post_form(&form, DRAFT)
        .await
        .assert(409, "Phiếu đã được nộp");
    let ro = h.get(&form).await;
    ro.assert(200, "chỉ để xem");
    assert!(!ro.body.contains("<form class=\"survey-form\""));
    h.get(&home).await.assert(200, "Đã nộp");

    // The receipt email carries the digest; one receipt despite the retries.
    let mail = h.mail_to(email).await;
    let receipts: Vec<_> = mail
        .iter()
        .filter(|(s, _)| s.starts_with("Biên nhận"))
        .collect();
    assert_eq!(receipts.len(), 1, "one receipt email");
    assert!(receipts[0].1.contains(&digest));

    // After closing: writes refused with the Vietnamese page, nothing changes; reads work.
    h.clock
        .set(at("2026-12-31T17:00:00+07:00") + Duration::minutes(1));
    let other_form = format!("{home}/danh-gia-dia-phuong");
    h.post_form(&other_form, DRAFT)
        .await
        .assert(403, "Đợt khảo sát đã kết thúc");
    h.post_form(&other_form, "_action=review")
        .await
        .assert(403, "Đợt khảo sát đã kết thúc");
    h.post_form(&format!("{other_form}/nop"), "")
        .await
        .assert(403, "Đợt khảo sát đã kết thúc");
    h.post_form(&submit, &format!("_digest={digest}"))
        .await
        .assert(403, "Đợt khảo sát đã kết thúc");
    let locked = h.post_json(&other_form, &json!({"_action": "draft"})).await;
    assert_eq!(
        (locked.status.as_u16(), locked.json()["error"].clone()),
        (403, json!("closed"))
    );
    let other_key = answer_key(common::SECRET, "token", &token, "danh-gia-dia-phuong");
    assert_eq!(
        h.store.get(&other_key).await.expect("get"),
        None,
        "nothing stored after closing"
    );
    h.get(&home).await.assert(200, "Đợt khảo sát đã kết thúc");
    h.get(&format!("{form}/bien-nhan"))
        .await
        .assert(200, &digest);
    h.get(&other_form)
        .await
        .assert(200, "Đợt khảo sát đã kết thúc");
}

#[tokio::test]
async fn invited_survey_end_to_end_on_sqlite_and_outbox() {
    invited_survey_end_to_end(Harness::local(), "nguyen.van.an@hagiang.gov.vn").await;
}

#[tokio::test]
async fn invited_survey_end_to_end_on_dynamodb_and_ses_in_moto() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    invited_survey_end_to_end(
        Harness::moto("e2e").await,
        &format!("an.{nanos}@hagiang.gov.vn"),
    )
    .await;
}
