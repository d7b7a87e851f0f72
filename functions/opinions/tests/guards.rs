//! Bad input, bots and floods: each gets a clear answer and loses nothing
//! already stored.

mod common;

use common::{form, Harness, OPEN};
use store::QueryOpts;

fn valid() -> Vec<(&'static str, &'static str)> {
    vec![
        ("ho_ten", "Đỗ Thu Hà"),
        ("tinh", "Nghệ An"),
        ("pham_vi", "dieu-2"),
        ("noi_dung", "Nên quy định rõ thời hạn công bố kết quả."),
        ("dong_y", "co"),
    ]
}

async fn stored(h: &Harness) -> usize {
    h.store
        .query(&format!("OPINION#{OPEN}"), "", QueryOpts::default())
        .await
        .expect("query")
        .items
        .len()
}

#[tokio::test]
async fn invalid_fields_show_the_form_again_with_what_was_typed() {
    let h = Harness::local();
    let long = "ý".repeat(5001);
    let r = h
        .post_form(
            &format!("/api/gop-y/{OPEN}"),
            &form(&[
                ("ho_ten", ""),
                ("email", "khong-phai-email"),
                ("tinh", "Nghệ An"),
                ("pham_vi", "dieu-999"),
                ("noi_dung", &long),
            ]),
            "198.51.100.20",
        )
        .await;
    r.assert(422, "Có lỗi cần sửa")
        .assert(422, "Vui lòng nhập họ và tên.")
        .assert(422, "chưa đúng dạng")
        .assert(422, "không quá 5.000 ký tự (hiện có 5.001 ký tự)")
        .assert(422, "vui lòng chọn lại")
        .assert(422, "Vui lòng đánh dấu đồng ý")
        .assert(422, "value=\"Nghệ An\"")
        .assert(422, &long);
    assert!(!r.body.contains("<script>"), "no inline script");
    assert_eq!(stored(&h).await, 0);
}

#[tokio::test]
async fn the_honeypot_looks_like_success_and_stores_nothing() {
    let h = Harness::local();
    let mut f = valid();
    f.push(("website", "http://spam.example"));
    let r = h
        .post_form(&format!("/api/gop-y/{OPEN}"), &form(&f), "198.51.100.21")
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/api/gop-y/{OPEN}/da-gui"));
    assert_eq!(stored(&h).await, 0);
}

#[tokio::test]
async fn one_address_is_rate_limited_others_are_not() {
    let mut h = Harness::local();
    h.app.settings.rate.limit = 2;
    let path = format!("/api/gop-y/{OPEN}");
    for _ in 0..2 {
        let r = h.post_form(&path, &form(&valid()), "198.51.100.22").await;
        assert_eq!(r.status, 303, "{}", r.body);
    }
    h.post_form(&path, &form(&valid()), "198.51.100.22")
        .await
        .assert(429, "Quá nhiều lượt gửi");
    let r = h.post_form(&path, &form(&valid()), "198.51.100.23").await;
    assert_eq!(r.status, 303);
    assert_eq!(stored(&h).await, 3);
    // The counter is keyed by an HMAC of the address, never the address.
    let raw = h
        .store
        .query("RATE#", "", QueryOpts::default())
        .await
        .expect("query");
    assert!(
        raw.items.is_empty(),
        "no partition named after a raw address"
    );
}

#[tokio::test]
async fn unknown_drafts_methods_and_bodies_get_vietnamese_pages() {
    let h = Harness::local();
    h.post_form(
        "/api/gop-y/khong-co-du-thao-nay",
        &form(&valid()),
        "198.51.100.24",
    )
    .await
    .assert(404, "Không tìm thấy dự thảo");
    h.send("DELETE", &format!("/api/gop-y/{OPEN}"), "", &[])
        .await
        .assert(405, "không hỗ trợ");
    h.send(
        "POST",
        &format!("/api/gop-y/{OPEN}"),
        "x",
        &[("content-type", "text/xml")],
    )
    .await
    .assert(415, "không được hỗ trợ");
    let big = "a".repeat(70 * 1024);
    h.post_form(
        &format!("/api/gop-y/{OPEN}"),
        &format!("noi_dung={big}"),
        "198.51.100.25",
    )
    .await
    .assert(413, "vượt quá giới hạn");
    let r = h.get(&format!("/api/gop-y/{OPEN}")).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.location(), format!("/gop-y/{OPEN}/#gui-y-kien"));
    let r = h
        .send(
            "GET",
            &format!("/api/gop-y/{OPEN}"),
            "",
            &[("accept", "application/json")],
        )
        .await;
    assert_eq!(r.json()["state"], "open");
    assert!(r.json()["parts"].as_array().is_some_and(|p| p.len() > 10));
    assert!(r.headers.get("content-security-policy").is_some());
}
