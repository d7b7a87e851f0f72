//! The page after a public survey is sent.

use survey_core::{Campaign, Form};

use super::{esc, layout, vn_time_str};
use crate::answers::Receipt;

pub fn thanks(campaign: &Campaign, form: &Form, receipt: Option<&Receipt>) -> String {
    let mut body = format!(
        "<p class=\"eyebrow\">{}</p>\n<h1>Cảm ơn ông/bà đã gửi phiếu</h1>\n<p class=\"lead\">Phiếu “{}” đã được ghi nhận. Kết quả chỉ được sử dụng ở dạng tổng hợp.</p>\n",
        esc(campaign.title()),
        esc(form.title())
    );
    if let Some(r) = receipt {
        body.push_str(&format!(
            "<p>Gửi lúc {}. Mã băm câu trả lời (SHA-256): <code class=\"digest\">{}</code></p>\n",
            esc(&vn_time_str(&r.submitted_at)),
            esc(&r.digest)
        ));
    }
    body.push_str("<p><a href=\"/khao-sat/\">Về trang Khảo sát</a></p>\n");
    layout("Cảm ơn ông/bà đã gửi phiếu", &body, false)
}
