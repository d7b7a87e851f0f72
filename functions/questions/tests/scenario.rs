//! A question end to end, one scenario run on both backends: SQLite + a
//! folder + outbox (what `cchc serve` uses) and DynamoDB + S3 + SES v2 served
//! by moto (what production uses): submit with a PDF and an image, refuse a
//! renamed executable and an over-size file, pull into markdown, build the
//! site, notify once; no contact detail in the pulled page or the built site.
//! Needs `CCHC_DYNAMODB_ENDPOINT` for the moto run.

mod common;

use common::{build_site, exe, files_containing, pdf, png, Harness};
use questions::records::{self, Status};

const PHONE: &str = "0912 345 678";
const NAME: &str = "Nguyễn Văn Bình";

fn fields<'a>(title: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("ho_ten", NAME),
        ("ten_hien_thi", "Anh Bình"),
        ("email", email),
        ("dien_thoai", PHONE),
        ("tinh", "Tuyên Quang"),
        ("linh_vuc", "Thủ tục hành chính"),
        ("tieu_de", title),
        ("noi_dung", "Tôi nộp hồ sơ đăng ký hộ kinh doanh <b>trực tuyến</b> nhưng quá hạn chưa có kết quả. Tôi cần làm gì?\nXin cảm ơn."),
        ("website", ""),
        ("dong_y", "co"),
    ]
}

async fn question_end_to_end(h: Harness, email: &str) {
    let title = "Hồ sơ đăng ký hộ kinh doanh trực tuyến bị quá hạn thì làm thế nào";
    let padded = |size: usize| {
        let mut v = pdf();
        v.resize(size, b' ');
        v
    };
    const MIB: usize = 1024 * 1024;

    // A renamed executable and one file over the limit are refused by content
    // and size, with what was typed kept and nothing stored.
    let r = h
        .post_multipart(
            &fields(title, email),
            &[
                ("tep", "huong-dan.pdf", "application/pdf", &exe()),
                (
                    "tep",
                    "ban-scan.pdf",
                    "application/pdf",
                    &padded(4 * MIB + 1),
                ),
            ],
            "198.51.100.30",
        )
        .await;
    r.assert(422, "Có lỗi cần sửa")
        .assert(422, "Tệp “huong-dan.pdf” không phải PDF")
        .assert(422, "theo nội dung, không theo tên tệp")
        .assert(
            422,
            "Tệp “ban-scan.pdf” có dung lượng 4,1 MB, vượt quá giới hạn 4 MB cho tất cả tệp đính kèm",
        )
        .assert(422, "chọn lại tệp đính kèm")
        .assert(422, "value=\"Tuyên Quang\"")
        .assert(422, "trực tuyến&lt;/b&gt;")
        .assert(422, "tổng dung lượng không quá 4 MB")
        .assert(422, "data-max-bytes=\"4194304\"");

    // Files each within the limit but together over it: one error for the
    // total, nothing stored.
    let r = h
        .post_multipart(
            &fields(title, email),
            &[
                (
                    "tep",
                    "to-trinh.pdf",
                    "application/pdf",
                    &padded(2 * MIB + 100),
                ),
                ("tep", "phu-luc.pdf", "application/pdf", &padded(2 * MIB)),
            ],
            "198.51.100.30",
        )
        .await;
    r.assert(
        422,
        "Các tệp đã chọn có tổng dung lượng 4,1 MB, vượt quá giới hạn 4 MB",
    )
    .assert(422, "value=\"Tuyên Quang\"");

    // A body Lambda could not take at all (three 2 MB scans, 8 MB in base64)
    // is refused whole, before it is read into memory.
    let r = h
        .post_multipart(
            &fields(title, email),
            &[
                ("tep", "a.pdf", "application/pdf", &padded(2 * MIB)),
                ("tep", "b.pdf", "application/pdf", &padded(2 * MIB)),
                ("tep", "c.pdf", "application/pdf", &padded(2 * MIB)),
            ],
            "198.51.100.30",
        )
        .await;
    r.assert(413, "Dữ liệu quá lớn");
    assert!(records::by_status(&*h.store, Status::Received)
        .await
        .expect("query")
        .is_empty());

    // With a PDF and an image: 303 to the confirmation, which shows the code.
    let r = h
        .post_multipart(
            &fields(title, email),
            &[
                ("tep", "Đơn đề nghị.pdf", "application/pdf", &pdf()),
                ("tep", "anh chup.PNG", "image/png", &png()),
            ],
            "198.51.100.31",
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.location(), "/api/hoi-dap/tra-cuu?ma=HD-2026-000001&moi=1");
    let page = h.get(&r.location()).await;
    page.assert(200, "Đã nhận câu hỏi")
        .assert(200, "HD-2026-000001")
        .assert(200, "đang chờ trả lời");
    for secret in [email, PHONE, NAME, title] {
        assert!(!page.body.contains(secret), "status page shows {secret}");
    }

    // The receipt carries the code.
    let mail = h.mail_to(email).await;
    assert_eq!(mail.len(), 1, "one receipt");
    assert!(mail[0].0.contains("HD-2026-000001"));

    // Attachments stored under our names, by sniffed type.
    let rec = records::get(&*h.store, "HD-2026-000001")
        .await
        .expect("get")
        .expect("stored");
    let exts: Vec<&str> = rec.attachments.iter().map(|a| a.ext.as_str()).collect();
    assert_eq!(exts, ["pdf", "png"]);
    assert!(rec.attachments[0]
        .key
        .starts_with("questions/pending/HD-2026-000001/1-"));
    assert_eq!(
        h.attachments
            .get(&rec.attachments[0].key)
            .await
            .expect("pdf"),
        pdf()
    );
    if let Some(s3) = &h.s3 {
        let head = s3
            .client()
            .head_object()
            .bucket(s3.bucket())
            .key(&rec.attachments[1].key)
            .send()
            .await
            .expect("HeadObject");
        assert_eq!(
            head.server_side_encryption(),
            Some(&aws_sdk_s3::types::ServerSideEncryption::Aes256)
        );
        assert_eq!(head.content_type(), Some("image/png"));
    }

    // Pull: a draft page with the attachments beside it.
    let pulled = questions::editor::pull(&h.app, &h.content())
        .await
        .expect("pull");
    assert_eq!(pulled.len(), 1);
    let md_file = pulled[0].page.clone();
    let dir = md_file.parent().expect("page folder").to_path_buf();
    assert_eq!(
        dir.file_name().and_then(|n| n.to_str()),
        Some("ho-so-dang-ky-ho-kinh-doanh-truc-tuyen-bi-qua-han-thi-lam-the-nao")
    );
    assert_eq!(
        std::fs::read(dir.join(rec.attachments[0].file_name())).expect("pdf copied"),
        pdf()
    );
    assert!(
        dir.join(rec.attachments[1].file_name()).is_file(),
        "png copied"
    );
    let md = std::fs::read_to_string(&md_file).expect("page");
    assert!(md.contains("draft: true"), "{md}");
    assert!(md.contains("code: HD-2026-000001"), "{md}");
    assert!(md.contains("Anh Bình"), "display name: {md}");
    assert!(
        md.contains("&lt;b&gt;trực tuyến&lt;/b&gt;"),
        "question text escaped: {md}"
    );
    // The site's own loader accepts it (FrontMatter denies unknown fields).
    let opts = content::LoadOptions {
        drafts: true,
        ..Default::default()
    };
    let loaded = content::load_page(&h.content(), h.root.path(), &md_file, &opts)
        .unwrap_or_else(|d| panic!("pulled page loads:\n{d}"))
        .expect("drafts included");
    assert_eq!(loaded.meta.code.as_deref(), Some("HD-2026-000001"));
    // A second pull writes nothing.
    assert!(questions::editor::pull(&h.app, &h.content())
        .await
        .expect("pull again")
        .is_empty());

    // Build with the draft: not published, so nobody is told.
    let public = build_site(h.root.path(), h.app.now());
    let report = questions::editor::notify(&h.app, &h.content(), &public)
        .await
        .expect("notify");
    assert!(report.sent.is_empty());
    assert_eq!(report.waiting.len(), 1, "{report:?}");

    // The editor answers and publishes.
    let answered = md.replace("draft: true", "draft: false").replace(
        questions::markdown::ANSWER_PLACEHOLDER,
        "Chào anh. Anh có thể phản ánh việc trễ hẹn qua Cổng Dịch vụ công quốc gia.",
    );
    std::fs::write(&md_file, answered).expect("answer");
    h.clock.advance(chrono::Duration::days(3));
    let public = build_site(h.root.path(), h.app.now());
    let built = public
        .join("hoi-dap")
        .join(dir.file_name().expect("slug"))
        .join("index.html");
    let html = std::fs::read_to_string(&built).expect("answer page built");
    assert!(html.contains("Anh Bình") && html.contains("HD-2026-000001"));
    assert!(html.contains("Tệp đính kèm"), "attachments listed");

    // Notify once: the mail has the link; a second run sends nothing.
    let report = questions::editor::notify(&h.app, &h.content(), &public)
        .await
        .expect("notify");
    assert_eq!(report.sent.len(), 1, "{report:?}");
    let url = &report.sent[0].1;
    assert!(
        url.starts_with("https://cchc.test/hoi-dap/ho-so-dang-ky"),
        "{url}"
    );
    let again = questions::editor::notify(&h.app, &h.content(), &public)
        .await
        .expect("notify again");
    assert!(
        again.sent.is_empty() && again.waiting.is_empty(),
        "{again:?}"
    );
    let mail = h.mail_to(email).await;
    assert_eq!(mail.len(), 2, "receipt + one notice");
    assert!(mail[1].1.contains(url.as_str()));

    // The status lookup now links the answer, still with no personal data.
    let status = h.get_json("/api/hoi-dap/tra-cuu?ma=HD-2026-000001").await;
    assert_eq!(status.json()["status"], "answered");
    assert_eq!(status.json()["answer_url"].as_str(), Some(url.as_str()));
    // Contact details now expire 12 months after the answer.
    let contact = h
        .store
        .get(&records::contact_key("HD-2026-000001"))
        .await
        .expect("get")
        .expect("contact");
    let expected = (h.app.now() + chrono::Duration::days(365)).timestamp();
    assert_eq!(contact.expires_at, Some(expected));

    // No contact detail anywhere in the pulled content or the built site.
    for needle in [email, PHONE, "0912345678", NAME] {
        let hits = files_containing(&h.content(), needle);
        assert!(hits.is_empty(), "{needle} in content: {hits:?}");
        let hits = files_containing(&public, needle);
        assert!(hits.is_empty(), "{needle} in the built site: {hits:?}");
    }
}

#[tokio::test]
async fn question_on_sqlite_folder_and_outbox() {
    question_end_to_end(Harness::local(), "nguyen.van.binh@example.vn").await;
}

#[tokio::test]
async fn question_on_dynamodb_s3_and_ses_in_moto() {
    // moto keeps every message of every run: a fresh address per run.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let email = format!("nguyen.van.binh.{nanos}@example.vn");
    question_end_to_end(Harness::moto("scenario").await, &email).await;
}
