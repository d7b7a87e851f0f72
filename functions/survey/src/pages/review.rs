//! "Xem lại": the answers as they will be submitted, each with a "Sửa" link,
//! and the button that submits them.

use survey_core::render::{review_html, ReviewRender};
use survey_core::{Answers, Campaign, Form};

use super::{esc, layout};

pub fn page(
    campaign: &Campaign,
    form: &Form,
    answers: &Answers,
    edit_url: &str,
    submit_url: &str,
) -> String {
    let mut body = format!(
        "<p class=\"eyebrow\">{}</p>\n<h1>Xem lại: {}</h1>\n<p class=\"lead\">Vui lòng kiểm tra các câu trả lời. Sau khi nộp, phiếu không thể sửa.</p>\n",
        esc(campaign.title()),
        esc(form.title())
    );
    body.push_str(&review_html(
        form,
        answers,
        &ReviewRender {
            edit_href: Some(edit_url),
        },
    ));
    // The digest ties the button to these exact answers (see the submit handler).
    body.push_str(&format!(
        "<form method=\"post\" action=\"{}\" accept-charset=\"UTF-8\" class=\"form-actions\">\n\
         <input type=\"hidden\" name=\"_digest\" value=\"{}\">\n\
         <button type=\"submit\" class=\"button\">Nộp phiếu</button>\n\
         <a class=\"button button-secondary\" href=\"{}\">Sửa câu trả lời</a>\n</form>\n",
        esc(submit_url),
        esc(&answers.digest()),
        esc(edit_url)
    ));
    layout(&format!("Xem lại: {}", form.title()), &body, false)
}
