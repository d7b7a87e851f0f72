//! Bad input, bots and floods on the questions function, and the two copies
//! of the question form (the site's and the function's) kept in step.

mod common;

use common::{pdf, Harness};
use questions::records::{self, Status};
use serde_json::json;

fn valid() -> Vec<(&'static str, &'static str)> {
    vec![
        ("ho_ten", "Lý Thị Hoa"),
        ("email", "ly.thi.hoa@example.vn"),
        ("tinh", "Lạng Sơn"),
        ("linh_vuc", "Khác"),
        ("tieu_de", "Cách tra cứu hồ sơ"),
        ("noi_dung", "Tôi tra cứu hồ sơ ở đâu?"),
        ("dong_y", "co"),
    ]
}

async fn received(h: &Harness) -> usize {
    records::by_status(&*h.store, Status::Received)
        .await
        .expect("query")
        .len()
}

#[tokio::test]
async fn missing_fields_and_too_many_files_are_explained() {
    let h = Harness::local();
    let p = pdf();
    let r = h
        .post_multipart(
            &[
                ("tinh", "Lạng Sơn"),
                ("email", "sai"),
                ("dien_thoai", "12ab"),
            ],
            &[
                ("tep", "1.pdf", "application/pdf", &p),
                ("tep", "2.pdf", "application/pdf", &p),
                ("tep", "3.pdf", "application/pdf", &p),
                ("tep", "4.pdf", "application/pdf", &p),
            ],
            "198.51.100.40",
        )
        .await;
    r.assert(422, "Vui lòng nhập họ và tên.")
        .assert(422, "chưa đúng dạng, ví dụ ten@example.vn")
        .assert(422, "Số điện thoại chưa đúng dạng")
        .assert(422, "Vui lòng chọn lĩnh vực")
        .assert(422, "Vui lòng nhập tiêu đề")
        .assert(422, "Chỉ gửi được tối đa 3 tệp; quý vị đã chọn 4 tệp.")
        .assert(422, "Vui lòng đánh dấu đồng ý");
    assert_eq!(received(&h).await, 0);
}

#[tokio::test]
async fn json_posts_work_without_files_and_codes_count_up() {
    let h = Harness::local();
    let mut body = serde_json::Map::new();
    for (k, v) in valid() {
        body.insert(k.into(), json!(v));
    }
    for n in 1..=2 {
        let r = h
            .send_bytes(
                "POST",
                "/api/hoi-dap/gui",
                serde_json::Value::Object(body.clone())
                    .to_string()
                    .into_bytes(),
                &[
                    ("content-type", "application/json"),
                    ("accept", "application/json"),
                    ("x-forwarded-for", "198.51.100.41"),
                ],
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        assert_eq!(r.json()["code"], format!("HD-2026-{n:06}"));
        assert_eq!(r.json()["receipt"], "sent");
    }
    assert_eq!(received(&h).await, 2);
}

#[tokio::test]
async fn honeypot_and_rate_limit() {
    let mut h = Harness::local();
    h.app.settings.rate.limit = 1;
    let mut bot = valid();
    bot.push(("website", "http://spam.example"));
    let r = h.post_multipart(&bot, &[], "198.51.100.42").await;
    assert_eq!(r.status, 303);
    assert_eq!(received(&h).await, 0);
    let r = h.post_multipart(&valid(), &[], "198.51.100.43").await;
    assert_eq!(r.status, 303, "{}", r.body);
    h.post_multipart(&valid(), &[], "198.51.100.43")
        .await
        .assert(429, "Quá nhiều lượt gửi");
    assert_eq!(received(&h).await, 1);
}

#[tokio::test]
async fn lookups_of_bad_or_unknown_codes() {
    let h = Harness::local();
    h.get("/api/hoi-dap/tra-cuu")
        .await
        .assert(200, "Tra cứu câu hỏi đã gửi");
    h.get("/api/hoi-dap/tra-cuu?ma=123")
        .await
        .assert(400, "Mã theo dõi có dạng HD-2026-000123");
    h.get("/api/hoi-dap/tra-cuu?ma=hd-2026-000999")
        .await
        .assert(404, "Không tìm thấy câu hỏi với mã này");
    let r = h.get_json("/api/hoi-dap/tra-cuu?ma=HD-2026-000999").await;
    assert_eq!(r.json()["error"], "not_found");
    h.send_bytes("DELETE", "/api/hoi-dap/gui", Vec::new(), &[])
        .await
        .assert(405, "không hỗ trợ");
    h.get("/api/hoi-dap/khac")
        .await
        .assert(404, "Về mục Hỏi đáp");
    let r = h.get("/api/hoi-dap/gui").await;
    assert_eq!(
        (r.status.as_u16(), r.location().as_str()),
        (303, "/hoi-dap/#gui-cau-hoi")
    );
}

/// Names of the controls in a piece of HTML, in order.
fn names(html: &str) -> Vec<String> {
    html.split("name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_site_form_and_the_function_form_have_the_same_fields() {
    let template =
        std::fs::read_to_string(common::repo().join("theme/templates/section/hoi-dap.html"))
            .expect("template");
    let form = template
        .split("id=\"question-form\"")
        .nth(1)
        .and_then(|s| s.split("</form>").next())
        .expect("question form in the template");
    let h = Harness::local();
    let r = h
        .post_multipart(&[("ho_ten", "A")], &[], "198.51.100.44")
        .await;
    let page = r
        .body
        .split("<form")
        .nth(1)
        .and_then(|s| s.split("</form>").next())
        .expect("form");
    assert_eq!(names(form), names(page));
    // The same select options too.
    for field in questions::fields::FIELDS {
        assert!(
            form.contains(&format!("<option value=\"{field}\">")),
            "{field} missing from the template"
        );
    }
}
