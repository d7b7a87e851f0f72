//! A respondent's home: their forms and where each one stands.

use survey_core::{Campaign, CampaignStatus, Form};

use super::{esc, layout, vn_time, vn_time_str};

pub enum FormState {
    NotStarted,
    /// Last saved at (RFC 3339).
    Draft(String),
    /// Submitted at (RFC 3339).
    Submitted(String),
}

impl FormState {
    pub fn code(&self) -> &'static str {
        match self {
            FormState::NotStarted => "not_started",
            FormState::Draft(_) => "draft",
            FormState::Submitted(_) => "submitted",
        }
    }

    fn label(&self) -> String {
        match self {
            FormState::NotStarted => "Chưa trả lời".into(),
            FormState::Draft(t) => format!("Đang soạn (lưu lúc {})", vn_time_str(t)),
            FormState::Submitted(t) => format!("Đã nộp lúc {}", vn_time_str(t)),
        }
    }
}

pub struct FormEntry<'a> {
    pub form: &'a Form,
    pub state: FormState,
    pub url: String,
}

pub fn page(
    campaign: &Campaign,
    status: CampaignStatus,
    unit: &str,
    group: &str,
    entries: &[FormEntry],
) -> String {
    let s = campaign.schedule();
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"lead\">Phiếu khảo sát dành cho ông/bà với tư cách <strong>{}</strong> – {}.</p>\n",
        esc(campaign.title()),
        esc(group),
        esc(unit)
    );
    body.push_str(&match status {
        CampaignStatus::Open => format!(
            "<p class=\"notice\">Đợt khảo sát nhận phiếu đến {}. Ông/bà có thể lưu nháp và quay lại bằng chính đường dẫn này.</p>\n",
            vn_time(&s.closes_at())
        ),
        CampaignStatus::Upcoming => format!(
            "<p class=\"notice notice-warning\">Đợt khảo sát chưa mở: bắt đầu nhận phiếu từ {}.</p>\n",
            vn_time(&s.opens_at())
        ),
        CampaignStatus::Closed => format!(
            "<p class=\"notice notice-warning\">Đợt khảo sát đã kết thúc lúc {}. Ông/bà vẫn xem được các phiếu và biên nhận đã nộp.</p>\n",
            vn_time(&s.closes_at())
        ),
    });
    body.push_str("<h2>Các phiếu của ông/bà</h2>\n<ul class=\"items survey-forms\">\n");
    for e in entries {
        let receipt = match e.state {
            FormState::Submitted(_) => {
                format!(" · <a href=\"{}/bien-nhan\">Biên nhận</a>", esc(&e.url))
            }
            _ => String::new(),
        };
        body.push_str(&format!(
            "<li class=\"item\">\n<h3 class=\"item-title\"><a href=\"{}\">{}</a></h3>\n<p class=\"item-meta\"><span class=\"status status-{}\">{}</span>{receipt}</p>\n</li>\n",
            esc(&e.url),
            esc(e.form.title()),
            e.state.code(),
            esc(&e.state.label()),
        ));
    }
    body.push_str("</ul>\n<p class=\"muted\">Đường dẫn này là riêng của ông/bà; vui lòng không chuyển tiếp cho người khác.</p>\n");
    layout(campaign.title(), &body, false)
}
