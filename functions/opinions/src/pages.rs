//! The function's pages, in Vietnamese, in the site's frame.

use http::StatusCode;
use web::form::{FieldError, FormState, Input};
use web::{esc, layout, Fields, PageFrame, Problem, Reply};

use crate::consultations::{Consultation, State, WHOLE};
use crate::opinion::{fmt_thousands, MAX_EMAIL, MAX_NAME, MAX_PROVINCE, MAX_TEXT};

fn frame(title: &str) -> PageFrame<'_> {
    PageFrame {
        title,
        section: "gop-y",
        scripts: &[],
    }
}

/// The opinion form again, with what was typed and what to fix (the markup
/// of theme/templates/consultation.html).
pub fn form_with_errors(
    c: &Consultation,
    action: &str,
    values: &Fields,
    errors: &[FieldError],
) -> Reply {
    let st = FormState { values, errors };
    let mut options = vec![(WHOLE.to_owned(), "Toàn bộ dự thảo".to_owned())];
    options.extend(c.parts.iter().map(|p| (p.id.clone(), p.label.clone())));
    let text_hint = format!("Tối đa {} ký tự.", fmt_thousands(MAX_TEXT));
    let body = format!(
        "<p class=\"eyebrow\">Góp ý dự thảo</p>\n<h1>{title}</h1>\n{summary}\
         <form class=\"form\" action=\"{action}\" method=\"post\" novalidate>\n\
         <p class=\"hint\">Các trường có ghi “(bắt buộc)” cần được điền. Ý kiến được công khai trong bản tổng hợp mà không kèm địa chỉ thư điện tử.</p>\n\
         {name}{email}{province}{part}{text}{hp}{consent}\
         <button type=\"submit\" class=\"button\">Gửi ý kiến</button>\n</form>\n\
         <p><a href=\"{page}\">Quay lại trang dự thảo</a></p>\n",
        title = esc(&c.title),
        summary = st.summary(),
        action = esc(action),
        name = st.input(&Input {
            name: "ho_ten",
            label: "Họ và tên",
            kind: "text",
            required: true,
            maxlength: MAX_NAME,
            autocomplete: Some("name"),
            hint: None,
        }),
        email = st.input(&Input {
            name: "email",
            label: "Thư điện tử (không bắt buộc)",
            kind: "email",
            required: false,
            maxlength: MAX_EMAIL,
            autocomplete: Some("email"),
            hint: Some("Chỉ dùng để gửi xác nhận đã nhận ý kiến."),
        }),
        province = st.input(&Input {
            name: "tinh",
            label: "Tỉnh, thành phố",
            kind: "text",
            required: true,
            maxlength: MAX_PROVINCE,
            autocomplete: Some("address-level1"),
            hint: None,
        }),
        part = st.select("pham_vi", "Ý kiến về", false, &options),
        text = st.textarea(
            &Input {
                name: "noi_dung",
                label: "Nội dung ý kiến",
                kind: "text",
                required: true,
                maxlength: MAX_TEXT,
                autocomplete: None,
                hint: Some(&text_hint),
            },
            8
        ),
        hp = st.honeypot(),
        consent = st.consent(
            "dong_y",
            "Tôi đồng ý để Bộ Nội vụ xử lý các thông tin trên nhằm tổng hợp ý kiến, theo <a href=\"/chinh-sach-bao-mat/\">Chính sách bảo vệ dữ liệu cá nhân</a>"
        ),
        page = esc(&c.path()),
    );
    Reply::html(
        StatusCode::UNPROCESSABLE_ENTITY,
        layout(&frame("Có lỗi cần sửa"), &body),
    )
}

/// After a post: what happens next. `id` is absent for a dropped bot post,
/// which must look the same as a real one.
pub fn thanks(c: &Consultation, id: Option<&str>) -> Reply {
    let code = id
        .map(|i| format!("<p>Mã ý kiến: <strong>{}</strong>. Quý vị có thể nêu mã này khi cần liên hệ về ý kiến đã gửi.</p>\n", esc(i)))
        .unwrap_or_default();
    let body = format!(
        "<p class=\"eyebrow\">Góp ý dự thảo</p>\n<h1>Đã nhận ý kiến của quý vị</h1>\n\
         <div class=\"notice\" role=\"status\">\n<p>Cảm ơn quý vị đã góp ý cho “{title}”. Ý kiến đã được lưu và sẽ được {agency} tổng hợp, tiếp thu, giải trình.</p>\n</div>\n\
         {code}<p>Bản tổng hợp, tiếp thu, giải trình được công bố trên trang dự thảo sau khi kết thúc lấy ý kiến; ý kiến được nêu kèm họ tên và tỉnh, thành phố, không kèm địa chỉ thư điện tử.</p>\n\
         <p><a href=\"{page}\">Quay lại trang dự thảo</a></p>\n",
        title = esc(&c.title),
        agency = if c.agency.is_empty() { "cơ quan soạn thảo".to_owned() } else { esc(&c.agency) },
        page = esc(&c.path()),
    );
    Reply::html(StatusCode::OK, layout(&frame("Đã nhận ý kiến"), &body))
}

/// Why an opinion cannot be taken now, with what was typed shown back so
/// nothing the person wrote is lost.
pub fn not_open(c: &Consultation, state: State, typed: Option<&str>) -> Problem {
    let (code, title, message) = match state {
        State::Upcoming => (
            "not_open_yet",
            "Dự thảo chưa mở lấy ý kiến",
            format!(
                "Dự thảo “{}” nhận ý kiến từ {}. Ý kiến vừa gửi chưa được lưu; vui lòng gửi lại từ thời điểm đó.",
                c.title,
                web::vn_time(&c.opens)
            ),
        ),
        _ => (
            "closed",
            "Đợt lấy ý kiến đã kết thúc",
            format!(
                "Dự thảo “{}” đã ngừng nhận ý kiến từ {}. Ý kiến vừa gửi không được lưu. Các ý kiến đã gửi trước đó vẫn được tổng hợp.",
                c.title,
                web::vn_time(&c.closes)
            ),
        ),
    };
    let mut p = Problem::new(StatusCode::FORBIDDEN, code, title, message)
        .in_section("gop-y")
        .link(c.path(), "Xem trang dự thảo");
    if let Some(t) = typed.filter(|t| !t.trim().is_empty()) {
        p.message
            .push_str(&format!(" Nội dung quý vị vừa nhập: “{t}”"));
    }
    p
}

pub fn unknown_consultation() -> Problem {
    Problem::not_found(
        "Không tìm thấy dự thảo đang lấy ý kiến tại địa chỉ này. Vui lòng mở dự thảo từ mục Góp ý dự thảo.",
    )
    .in_section("gop-y")
    .link("/gop-y/", "Xem các dự thảo đang lấy ý kiến")
}
