//! What is stored, and what a wrong link learns.

mod common;

use common::{Harness, INVITED};
use store::Key;
use survey::answers::answer_key;
use survey::respondents::NewRespondent;

fn respondent() -> NewRespondent {
    NewRespondent {
        name: "Trần Thị Bình".into(),
        email: "tran.thi.binh@bonoivu.gov.vn".into(),
        unit: "Bộ Nội vụ".into(),
        sub_unit: None,
        group: "cong-chuc".into(),
        forms: None,
    }
}

#[tokio::test]
async fn answer_records_hold_no_respondent_id_email_name_or_token() {
    let h = Harness::local();
    let campaign = h.campaign(INVITED).clone();
    let inv = survey::invitations::invite(&h.app, &campaign, &respondent())
        .await
        .expect("invite");
    let token = inv.link.rsplit('/').next().unwrap_or_default().to_owned();
    let path = format!("/api/khao-sat/{INVITED}/moi/{token}/gop-y-he-thong");
    h.post_form(&path, "q_gop-y-cai-tien=Ghi+ch%C3%BA&_action=draft")
        .await;

    let key = answer_key(common::SECRET, "token", &token, "gop-y-he-thong");
    let item = h
        .store
        .get(&key)
        .await
        .expect("get")
        .expect("answer record stored");
    let raw = serde_json::to_string(&item).expect("item as JSON");
    for secret in [
        inv.respondent.0.as_str(),
        "tran.thi.binh",
        "Trần Thị Bình",
        token.as_str(),
        // Unit, group and time are sealed, not in the clear.
        "Bộ Nội vụ",
        "cong-chuc",
        "2026-",
    ] {
        assert!(
            !raw.contains(secret),
            "answer record leaks {secret:?}: {raw}"
        );
    }
    let mut names: Vec<&str> = item.attrs.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(names, ["answers", "sealed", "status"]);
    assert!(key.pk.starts_with("ANS#") && !key.pk.contains(&token));

    // Only the token's SHA-256 is stored, never the token.
    let token_item = h
        .store
        .get(&Key::new(
            format!("TOKEN#{}", survey::token::sha256_hex(token.as_bytes())),
            "TOKEN",
        ))
        .await
        .expect("get");
    assert!(token_item.is_some());
    assert!(!serde_json::to_string(&token_item)
        .unwrap_or_default()
        .contains(&token));
}

#[tokio::test]
async fn unknown_malformed_and_wrong_links_get_the_same_neutral_page() {
    let h = Harness::local();
    let campaign = h.campaign(INVITED).clone();
    let inv = survey::invitations::invite(&h.app, &campaign, &respondent())
        .await
        .expect("invite");
    let token = inv.link.rsplit('/').next().unwrap_or_default().to_owned();
    let unknown = survey::token::Token::generate();
    let paths = [
        format!("/api/khao-sat/{INVITED}/moi/{}", unknown.as_str()),
        format!("/api/khao-sat/{INVITED}/moi/not-a-token"),
        format!("/api/khao-sat/{INVITED}/moi/%FF%FE"),
        format!("/api/khao-sat/{INVITED}/moi/{}x", token),
        format!("/api/khao-sat/khong-co/moi/{token}"),
        // A real token under the public campaign, and a form of another group.
        format!("/api/khao-sat/hai-long-nguoi-dan-2026/moi/{token}"),
        format!("/api/khao-sat/{INVITED}/moi/{token}/danh-gia-su-hai-long"),
        format!("/api/khao-sat/{INVITED}/moi/{token}/gop-y-he-thong/khong-co"),
    ];
    let first = h.get(&paths[0]).await;
    first.assert(404, "Đường dẫn không hợp lệ hoặc đã hết hạn");
    for p in &paths[1..] {
        let r = h.get(p).await;
        assert_eq!(r.status, 404, "{p}");
        assert_eq!(
            r.body, first.body,
            "{p} must look like every other bad link"
        );
    }
    let r = h
        .post_form(&format!("{}/gop-y-he-thong/nop", paths[0]), "q_x=1")
        .await;
    assert_eq!((r.status.as_u16(), r.body == first.body), (404, true));
    // The real link works.
    h.get(&format!("/api/khao-sat/{INVITED}/moi/{token}"))
        .await
        .assert(200, "Các phiếu của ông/bà");
}

#[tokio::test]
async fn pages_carry_a_strict_csp_and_no_referrer() {
    let h = Harness::local();
    let r = h
        .get("/api/khao-sat/hai-long-nguoi-dan-2026/cong-khai/danh-gia-su-hai-long")
        .await;
    r.assert(200, "<html lang=\"vi\">");
    let csp = r
        .headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(
        r.headers
            .get("referrer-policy")
            .and_then(|v| v.to_str().ok()),
        Some("no-referrer")
    );
    assert!(!r.body.contains("style=\""), "no inline style");
    assert_eq!(
        r.body.matches("<script").count(),
        2,
        "survey.js and the rules data block only"
    );
    assert!(r
        .body
        .contains("<script type=\"application/json\" id=\"survey-rules\">"));
}
