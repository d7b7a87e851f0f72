//! The function's pages, in Vietnamese, in the site's frame. The question
//! form here is shown again after a failed post, with what was typed; its
//! first showing is the static one in theme/templates/section/hoi-dap.html,
//! with the same fields (a test holds the two together).

use http::StatusCode;
use web::form::{FieldError, FormState, Input};
use web::{esc, layout, Fields, PageFrame, Reply};

use crate::fields::{FIELDS, OTHER};
use crate::question::{
    MAX_DISPLAY, MAX_EMAIL, MAX_NAME, MAX_PHONE, MAX_PROVINCE, MAX_TEXT, MAX_TITLE,
};
use crate::records::{QuestionRecord, Status};

const ACCEPT: &str =
    ".pdf,.doc,.docx,.xls,.xlsx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

fn frame(title: &str) -> PageFrame<'_> {
    PageFrame {
        title,
        section: "hoi-dap",
        scripts: &[],
    }
}

pub fn form_with_errors(
    action: &str,
    values: &Fields,
    errors: &[FieldError],
    had_files: bool,
    settings: &crate::app::Settings,
) -> Reply {
    let st = FormState { values, errors };
    let mut fields = vec![(String::new(), "Chọn lĩnh vực".to_owned())];
    fields.extend(FIELDS.iter().map(|f| (f.to_string(), f.to_string())));
    fields.push((OTHER.to_owned(), "Lĩnh vực khác".to_owned()));
    let reattach = if had_files {
        "<p class=\"notice notice-warning\">Vì lý do an toàn, trình duyệt không giữ lại tệp đã chọn: vui lòng chọn lại tệp đính kèm (nếu có) trước khi gửi.</p>\n"
    } else {
        ""
    };
    let file_error = errors
        .iter()
        .filter(|e| e.field == crate::question::FILE_FIELD)
        .map(|e| format!("<p class=\"error-message\">Lỗi: {}</p>\n", esc(&e.message)))
        .collect::<String>();
    let file_invalid = if file_error.is_empty() {
        ""
    } else {
        " aria-invalid=\"true\""
    };
    let body = format!(
        "<p class=\"eyebrow\">Hỏi đáp</p>\n<h1>Gửi câu hỏi</h1>\n{summary}{reattach}\
         <form class=\"form\" action=\"{action}\" method=\"post\" enctype=\"multipart/form-data\" novalidate>\n\
         <p class=\"hint\">Các trường có ghi “(bắt buộc)” cần được điền. Thư điện tử và số điện thoại không bao giờ được đăng công khai.</p>\n\
         {name}{display}{email}{phone}{province}{field}{title}{text}\
         <div class=\"field\">\n<label for=\"tep\">Tệp đính kèm (không bắt buộc)</label>\n\
         <p class=\"hint\" id=\"tep-hint\">{files_hint}</p>\n\
         {file_error}<input id=\"tep\" name=\"tep\" type=\"file\" multiple accept=\"{accept}\" aria-describedby=\"tep-hint\" data-max-files=\"{max_files}\" data-max-bytes=\"{max_bytes}\"{file_invalid}>\n</div>\n\
         {hp}{consent}<button type=\"submit\" class=\"button\">Gửi câu hỏi</button>\n</form>\n\
         <p><a href=\"/hoi-dap/\">Quay lại mục Hỏi đáp</a></p>\n",
        summary = st.summary(),
        files_hint = esc(&settings.files_hint()),
        max_files = settings.max_files,
        max_bytes = settings.max_files_bytes,
        action = esc(action),
        name = st.input(&Input { name: "ho_ten", label: "Họ và tên", kind: "text", required: true, maxlength: MAX_NAME, autocomplete: Some("name"), hint: None }),
        display = st.input(&Input { name: "ten_hien_thi", label: "Tên hiển thị khi đăng công khai (không bắt buộc)", kind: "text", required: false, maxlength: MAX_DISPLAY, autocomplete: Some("nickname"), hint: Some("Để trống thì câu hỏi được đăng với tên “Bạn đọc”.") }),
        email = st.input(&Input { name: "email", label: "Thư điện tử", kind: "email", required: true, maxlength: MAX_EMAIL, autocomplete: Some("email"), hint: Some("Để nhận mã theo dõi và thư báo khi có câu trả lời.") }),
        phone = st.input(&Input { name: "dien_thoai", label: "Số điện thoại (không bắt buộc)", kind: "tel", required: false, maxlength: MAX_PHONE, autocomplete: Some("tel"), hint: Some("Chỉ dùng khi cơ quan trả lời cần liên hệ làm rõ câu hỏi.") }),
        province = st.input(&Input { name: "tinh", label: "Tỉnh, thành phố", kind: "text", required: true, maxlength: MAX_PROVINCE, autocomplete: Some("address-level1"), hint: None }),
        field = st.select("linh_vuc", "Lĩnh vực", true, &fields),
        title = st.input(&Input { name: "tieu_de", label: "Tiêu đề câu hỏi", kind: "text", required: true, maxlength: MAX_TITLE, autocomplete: Some("off"), hint: None }),
        text = st.textarea(&Input { name: "noi_dung", label: "Nội dung câu hỏi", kind: "text", required: true, maxlength: MAX_TEXT, autocomplete: None, hint: Some("Tối đa 5.000 ký tự. Xin đừng ghi số định danh cá nhân hay thông tin nhạy cảm.") }, 8),
        accept = ACCEPT,
        hp = st.honeypot(),
        consent = st.consent("dong_y", "Tôi đồng ý để Bộ Nội vụ xử lý các thông tin trên nhằm trả lời câu hỏi, theo <a href=\"/chinh-sach-bao-mat/\">Chính sách bảo vệ dữ liệu cá nhân</a>"),
    );
    Reply::html(
        StatusCode::UNPROCESSABLE_ENTITY,
        layout(&frame("Có lỗi cần sửa"), &body),
    )
}

fn lookup_form(value: &str, error: Option<&str>) -> String {
    let (err, attrs) = match error {
        Some(e) => (
            format!(
                "<p class=\"error-message\" id=\"ma-error\">Lỗi: {}</p>\n",
                esc(e)
            ),
            " aria-invalid=\"true\" aria-describedby=\"ma-hint ma-error\"",
        ),
        None => (String::new(), " aria-describedby=\"ma-hint\""),
    };
    format!(
        "<form class=\"form\" action=\"{prefix}tra-cuu\" method=\"get\">\n<div class=\"field\">\n\
         <label for=\"ma\">Mã theo dõi</label>\n<p class=\"hint\" id=\"ma-hint\">Dạng HD-2026-000123, có trong thư xác nhận.</p>\n\
         {err}<input id=\"ma\" name=\"ma\" type=\"text\" maxlength=\"14\" value=\"{v}\" autocomplete=\"off\" required{attrs}>\n</div>\n\
         <button type=\"submit\" class=\"button\">Tra cứu</button>\n</form>\n",
        prefix = crate::API_PREFIX,
        v = esc(value),
    )
}

/// The lookup form alone, or with why the code was not found.
pub fn lookup(value: &str, error: Option<&str>, status: StatusCode) -> Reply {
    let body = format!(
        "<p class=\"eyebrow\">Hỏi đáp</p>\n<h1>Tra cứu câu hỏi đã gửi</h1>\n{}<p><a href=\"/hoi-dap/\">Quay lại mục Hỏi đáp</a></p>\n",
        lookup_form(value, error)
    );
    Reply::html(status, layout(&frame("Tra cứu câu hỏi"), &body))
}

/// A question's status: the code, when it arrived, and the answer's link.
/// Nothing the person wrote about themselves, and not even the title.
pub fn status(r: &QuestionRecord, just_sent: bool) -> Reply {
    let asked = chrono::DateTime::parse_from_rfc3339(&r.asked_at)
        .map(|t| web::vn_time(&t.with_timezone(&chrono::Utc)))
        .unwrap_or_else(|_| r.asked_at.clone());
    let head = if just_sent {
        format!(
            "<h1>Đã nhận câu hỏi</h1>\n<div class=\"notice\" role=\"status\">\n<p>Cảm ơn quý vị. Câu hỏi đã được lưu với mã theo dõi <strong>{code}</strong>. \
             Mã này cũng được gửi đến thư điện tử của quý vị; hãy ghi lại để tra cứu tình trạng.</p>\n</div>\n",
            code = esc(&r.code)
        )
    } else {
        "<h1>Tình trạng câu hỏi</h1>\n".to_owned()
    };
    let state = match (&r.status, &r.answer_url) {
        (Status::Answered, Some(url)) => {
            format!("Đã trả lời. <a href=\"{}\">Đọc câu trả lời</a>", esc(url))
        }
        (Status::Answered, None) => "Đã trả lời.".to_owned(),
        _ => "Đã tiếp nhận, đang chờ trả lời. Quý vị sẽ nhận thư báo khi câu trả lời được đăng."
            .to_owned(),
    };
    let body = format!(
        "<p class=\"eyebrow\">Hỏi đáp</p>\n{head}<table class=\"meta-table\">\n<caption class=\"visually-hidden\">Tình trạng câu hỏi</caption>\n<tbody>\n\
         <tr><th scope=\"row\">Mã theo dõi</th><td>{code}</td></tr>\n\
         <tr><th scope=\"row\">Ngày gửi</th><td>{asked}</td></tr>\n\
         <tr><th scope=\"row\">Tình trạng</th><td>{state}</td></tr>\n</tbody>\n</table>\n\
         <h2>Tra cứu mã khác</h2>\n{form}<p><a href=\"/hoi-dap/\">Quay lại mục Hỏi đáp</a></p>\n",
        code = esc(&r.code),
        asked = esc(&asked),
        form = lookup_form("", None),
    );
    let title = if just_sent {
        "Đã nhận câu hỏi"
    } else {
        "Tình trạng câu hỏi"
    };
    Reply::html(StatusCode::OK, layout(&frame(title), &body))
}
