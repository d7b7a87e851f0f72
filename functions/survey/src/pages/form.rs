//! A form page: the survey-core form, status notices, the progress line and the
//! rules the script checks answers with.

use survey_core::render::{form_html, FormRender, Prefill};
use survey_core::{Campaign, CampaignStatus, FieldError, Form};

use super::{esc, json_data_block, layout, vn_time, vn_time_str};
use crate::public::HONEYPOT_FIELD;

pub enum Notice {
    DraftSaved(String),
    Submitted,
    /// A public form this browser already sent.
    SubmittedHere,
    Locked(CampaignStatus),
}

pub struct FormPage<'a> {
    pub campaign: &'a Campaign,
    pub form: &'a Form,
    pub action: &'a str,
    pub home_url: Option<String>,
    pub prefill: Option<Prefill<'a>>,
    pub errors: &'a [FieldError],
    pub readonly: bool,
    pub notice: Option<Notice>,
    pub receipt_url: Option<String>,
    /// When the shown draft was saved; the script compares it with its local copy.
    pub saved_at: Option<String>,
    /// Public forms: one "Gửi phiếu" button, no drafts, the honeypot field.
    pub public: bool,
}

pub fn page(p: &FormPage) -> String {
    let mut body = String::new();
    if let Some(home) = &p.home_url {
        body.push_str(&format!(
            "<p class=\"no-print\"><a href=\"{}\">← Các phiếu của ông/bà</a></p>\n",
            esc(home)
        ));
    }
    body.push_str(&format!(
        "<p class=\"eyebrow\">{}</p>\n<h1>{}</h1>\n",
        esc(p.campaign.title()),
        esc(p.form.title())
    ));
    if let Some(n) = &p.notice {
        body.push_str(&notice_html(p, n));
    }
    let html = form_html(
        p.form,
        &FormRender {
            action: p.action,
            answers: p.prefill,
            errors: p.errors,
            readonly: p.readonly,
            hidden: &[],
            submit_label: if p.public {
                "Gửi phiếu"
            } else {
                "Tiếp tục: xem lại câu trả lời"
            },
            draft_label: (!p.public).then_some("Lưu nháp"),
        },
    );
    if p.readonly {
        body.push_str(&html);
        return layout(p.form.title(), &body, false);
    }
    body.push_str(
        "<p class=\"survey-progress\" id=\"survey-progress\" aria-live=\"polite\" hidden></p>\n",
    );
    let html = if p.public { with_honeypot(&html) } else { html };
    // data-autosave turns on draft saving in survey.js; public forms have no drafts.
    let autosave = if p.public { "" } else { " data-autosave" };
    body.push_str(&format!(
        "<div class=\"survey\"{autosave} data-saved-at=\"{}\">\n{html}</div>\n",
        esc(p.saved_at.as_deref().unwrap_or(""))
    ));
    body.push_str(&json_data_block(
        "survey-rules",
        &p.form.client_rules_json(),
    ));
    layout(p.form.title(), &body, true)
}

fn notice_html(p: &FormPage, n: &Notice) -> String {
    let (class, text) = match n {
        Notice::DraftSaved(at) => (
            "notice",
            format!("Đã lưu bản nháp lúc {}.", vn_time_str(at)),
        ),
        Notice::Submitted => (
            "notice",
            "Phiếu đã được nộp; các câu trả lời dưới đây chỉ để xem.".to_owned(),
        ),
        Notice::SubmittedHere => (
            "notice",
            "Trình duyệt này đã gửi phiếu. Cảm ơn ông/bà đã tham gia; mỗi người chỉ gửi một lần."
                .to_owned(),
        ),
        Notice::Locked(CampaignStatus::Upcoming) => (
            "notice notice-warning",
            format!(
                "Đợt khảo sát chưa mở: bắt đầu nhận phiếu từ {}.",
                vn_time(&p.campaign.schedule().opens_at())
            ),
        ),
        Notice::Locked(_) => (
            "notice notice-warning",
            format!(
                "Đợt khảo sát đã kết thúc lúc {}; không thể sửa hoặc nộp phiếu.",
                vn_time(&p.campaign.schedule().closes_at())
            ),
        ),
    };
    let link = match &p.receipt_url {
        Some(url) => format!(" <a href=\"{}\">Xem biên nhận</a>", esc(url)),
        None => String::new(),
    };
    format!(
        "<div class=\"{class}\" role=\"status\"><p>{}{link}</p></div>\n",
        esc(&text)
    )
}

/// Puts the honeypot before the buttons. It is out of sight (`.hp`), out of
/// the tab order and hidden from assistive technology, so only bots fill it.
fn with_honeypot(form: &str) -> String {
    let field = format!(
        "<div class=\"hp\" aria-hidden=\"true\">\n<label for=\"hp-{HONEYPOT_FIELD}\">Trang web (để trống)</label>\n<input type=\"text\" id=\"hp-{HONEYPOT_FIELD}\" name=\"{HONEYPOT_FIELD}\" tabindex=\"-1\" autocomplete=\"off\">\n</div>\n"
    );
    match form.rfind("<div class=\"form-actions\">") {
        Some(i) => format!("{}{field}{}", &form[..i], &form[i..]),
        None => form.to_owned(),
    }
}
