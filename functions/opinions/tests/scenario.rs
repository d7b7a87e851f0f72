//! Opinions end to end, one scenario run on both backends: SQLite + outbox
//! (what `cchc serve` uses) and DynamoDB + SES v2 served by moto (what
//! production uses). Needs `CCHC_DYNAMODB_ENDPOINT` for the second run.

mod common;

use common::{form, Harness, CLOSED, OPEN, UPCOMING};
use serde_json::json;
use store::{Key, QueryOpts};

async fn opinions_end_to_end(h: Harness, email: &str) {
    let post = format!("/api/gop-y/{OPEN}");

    // A no-JS form post on an open draft: 303 to the confirmation page.
    let r = h
        .post_form(
            &post,
            &form(&[
                ("ho_ten", "Trần Thị Mai"),
                ("email", email),
                ("tinh", "Hà Giang"),
                ("pham_vi", "dieu-5-khoan-1"),
                (
                    "noi_dung",
                    "Đề nghị gửi thư kiểm tra hộp thư trước mỗi đợt khảo sát.",
                ),
                ("website", ""),
                ("dong_y", "co"),
            ]),
            "198.51.100.10",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let thanks = r.location();
    assert!(
        thanks.starts_with(&format!("/api/gop-y/{OPEN}/da-gui?ma=")),
        "{thanks}"
    );
    let id = thanks.rsplit('=').next().unwrap_or_default().to_owned();
    h.get(&thanks)
        .await
        .assert(200, "Đã nhận ý kiến của quý vị")
        .assert(200, &id);

    // The acknowledgement went out, once, naming the part.
    let mail = h.mail_to(email).await;
    assert_eq!(mail.len(), 1, "one acknowledgement");
    assert!(mail[0].0.contains("Đã nhận ý kiến góp ý"));
    assert!(mail[0].1.contains("Khoản 1, Điều 5"), "{}", mail[0].1);

    // JSON, without an email: 201, no mail.
    let r = h
        .post_json(
            &post,
            &json!({ "ho_ten": "Lê Văn Hùng", "tinh": "Đà Nẵng", "pham_vi": "toan-bo", "noi_dung": "Ủng hộ toàn bộ dự thảo.", "dong_y": true }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["acknowledgement"], "none");
    let r = h
        .post_json(
            &post,
            &json!({ "ho_ten": "Phạm Minh", "tinh": "Cần Thơ", "pham_vi": "dieu-1", "noi_dung": "Làm rõ phạm vi điều chỉnh | <b>đậm</b>.", "dong_y": "co" }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    // The opinion item holds no email; the contact item does, and expires
    // 12 months after the consultation closes.
    let page = h
        .store
        .query(&format!("OPINION#{OPEN}"), "", QueryOpts::default())
        .await
        .expect("query");
    assert_eq!(page.items.len(), 3);
    for item in &page.items {
        let text = serde_json::to_string(&item.attrs).unwrap_or_default();
        assert!(!text.contains(email), "email in the opinion item: {text}");
    }
    let contact = h
        .store
        .get(&Key::new(format!("OPINION-CONTACT#{OPEN}"), id.as_str()))
        .await
        .expect("get")
        .expect("contact item");
    assert_eq!(contact.get("email"), Some(&json!(email)));
    let closes = common::at("2027-01-31T17:00:00+07:00").timestamp();
    assert_eq!(contact.expires_at, Some(closes + 365 * 86_400));

    // A closed draft refuses with a clear page, shows back what was typed
    // and stores nothing.
    let r = h
        .post_form(
            &format!("/api/gop-y/{CLOSED}"),
            &form(&[
                ("ho_ten", "Ngô Lan"),
                ("tinh", "Huế"),
                ("noi_dung", "Ý kiến muộn về Điều 2."),
                ("dong_y", "co"),
            ]),
            "198.51.100.11",
        )
        .await;
    r.assert(403, "Đợt lấy ý kiến đã kết thúc")
        .assert(403, "Ý kiến muộn về Điều 2.")
        .assert(403, "không được lưu");
    let none = h
        .store
        .query(&format!("OPINION#{CLOSED}"), "", QueryOpts::default())
        .await
        .expect("query");
    assert!(none.items.is_empty());
    let r = h
        .post_json(
            &format!("/api/gop-y/{UPCOMING}"),
            &json!({ "ho_ten": "A", "tinh": "B", "noi_dung": "C", "dong_y": "co" }),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"], "not_open_yet");

    // Export: grouped by part in reading order (whole draft, Điều 1, Khoản 1 Điều 5).
    let c = h.app.consultation(OPEN).expect("open consultation").clone();
    let list = opinions::records::list(&*h.store, OPEN)
        .await
        .expect("list");
    let rows = opinions::export::rows(&c, &list);
    let order: Vec<&str> = rows.iter().map(|r| r.part.as_str()).collect();
    assert_eq!(order, ["toan-bo", "dieu-1", "dieu-5-khoan-1"]);
    let md = opinions::export::markdown(&c, &rows, "2027-02-10");
    assert!(md.contains("**3 ý kiến**"));
    assert!(md.contains(&format!(
        "| 3 | [Khoản 1, Điều 5](@/gop-y/{OPEN}/index.md#dieu-5-khoan-1) | Trần Thị Mai (Hà Giang) | Đề nghị gửi thư kiểm tra hộp thư trước mỗi đợt khảo sát. | … | … |"
    )), "{md}");
    assert!(md.contains("\\| &lt;b&gt;đậm&lt;/b&gt;"), "{md}");
    let csv = opinions::export::csv(&rows);
    assert_eq!(csv.lines().count(), 4);
    let xlsx = opinions::export::xlsx(&c, &rows).expect("xlsx");
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a zip");
    for out in [&md, &csv] {
        assert!(!out.contains(email), "email in an export");
    }
}

#[tokio::test]
async fn opinions_on_sqlite_and_outbox() {
    opinions_end_to_end(Harness::local(), "tran.thi.mai@example.vn").await;
}

#[tokio::test]
async fn opinions_on_dynamodb_and_ses_in_moto() {
    // moto keeps every message of every run: a fresh address per run.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let email = format!("tran.thi.mai.{nanos}@example.vn");
    opinions_end_to_end(Harness::moto("scenario").await, &email).await;
}
