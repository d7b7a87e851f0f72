//! The printable receipt: when, which form, the answers and their SHA-256,
//! which lets a respondent later show exactly what they submitted.

use survey_core::render::{review_html, ReviewRender};
use survey_core::{Answers, Campaign, Form};

use super::{esc, layout, vn_time_str};
use crate::answers::Receipt;

pub fn page(
    campaign: &Campaign,
    form: &Form,
    answers: &Answers,
    receipt: &Receipt,
    home_url: Option<&str>,
) -> String {
    let mut body = String::new();
    if let Some(home) = home_url {
        body.push_str(&format!(
            "<p class=\"no-print\"><a href=\"{}\">← Các phiếu của ông/bà</a></p>\n",
            esc(home)
        ));
    }
    body.push_str(&format!(
        "<p class=\"eyebrow\">{}</p>\n<h1>Biên nhận phiếu khảo sát</h1>\n\
         <table class=\"meta-table receipt\">\n<tr><th scope=\"row\">Phiếu</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Nộp lúc</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Mã băm câu trả lời (SHA-256)</th><td><code class=\"digest\">{}</code></td></tr>\n</table>\n\
         <p class=\"muted\">Mã băm được tính trên toàn bộ câu trả lời; chỉ cần một chữ khác là mã khác. \
         Hãy lưu hoặc in trang này (Ctrl+P) làm bằng chứng đã nộp phiếu.</p>\n",
        esc(campaign.title()),
        esc(form.title()),
        esc(&vn_time_str(&receipt.submitted_at)),
        esc(&receipt.digest),
    ));
    body.push_str("<h2>Câu trả lời đã nộp</h2>\n");
    body.push_str(&review_html(form, answers, &ReviewRender::default()));
    layout("Biên nhận phiếu khảo sát", &body, false)
}
