//! Everything that can go wrong, as a Vietnamese page (or JSON) for the user.
//! The English detail for operators is logged where the failure is raised.

use http::StatusCode;
use serde_json::json;
use survey_core::{Campaign, CampaignStatus};

use super::{esc, layout, vn_time};
use crate::response::Reply;

#[derive(Debug, Clone)]
pub enum Failure {
    /// Unknown, malformed or wrong link: one neutral page, so a guesser
    /// learns nothing about which part was wrong.
    NotFound,
    /// Writing outside the campaign's opening hours.
    Locked {
        status: CampaignStatus,
        opens: String,
        closes: String,
    },
    /// The form was submitted before; it can only be read now.
    AlreadySubmitted {
        receipt_url: Option<String>,
    },
    BadRequest,
    TooLarge,
    UnsupportedType,
    MethodNotAllowed,
    TooManyRequests,
    Internal,
}

impl Failure {
    /// Logs why a link was refused (never the link itself) and returns the neutral 404.
    pub fn not_found(reason: &'static str) -> Failure {
        tracing::info!(reason, "survey link refused with the neutral 404 page");
        Failure::NotFound
    }

    pub fn internal(context: &str, error: &dyn std::fmt::Display) -> Failure {
        tracing::error!(context, error = %error, "survey request failed");
        Failure::Internal
    }

    pub fn locked(campaign: &Campaign, status: CampaignStatus) -> Failure {
        tracing::info!(campaign = %campaign.id(), ?status, "write refused outside the campaign's opening hours");
        let s = campaign.schedule();
        Failure::Locked {
            status,
            opens: vn_time(&s.opens_at()),
            closes: vn_time(&s.closes_at()),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Locked { .. } => StatusCode::FORBIDDEN,
            Failure::AlreadySubmitted { .. } => StatusCode::CONFLICT,
            Failure::BadRequest => StatusCode::BAD_REQUEST,
            Failure::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::UnsupportedType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Failure::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            Failure::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Failure::NotFound => "not_found",
            Failure::Locked {
                status: CampaignStatus::Upcoming,
                ..
            } => "not_open_yet",
            Failure::Locked { .. } => "closed",
            Failure::AlreadySubmitted { .. } => "already_submitted",
            Failure::BadRequest => "bad_request",
            Failure::TooLarge => "too_large",
            Failure::UnsupportedType => "unsupported_media_type",
            Failure::MethodNotAllowed => "method_not_allowed",
            Failure::TooManyRequests => "too_many_requests",
            Failure::Internal => "internal_error",
        }
    }

    /// Title and explanation, in Vietnamese.
    fn text(&self) -> (&'static str, String) {
        match self {
            Failure::NotFound => (
                "Đường dẫn không hợp lệ",
                "Đường dẫn không hợp lệ hoặc đã hết hạn. Vui lòng kiểm tra lại đường dẫn trong thư mời, \
                 hoặc liên hệ cán bộ đầu mối của cơ quan, đơn vị để được gửi lại."
                    .into(),
            ),
            Failure::Locked { status: CampaignStatus::Upcoming, opens, .. } => (
                "Đợt khảo sát chưa mở",
                format!("Đợt khảo sát bắt đầu nhận phiếu từ {opens}. Câu trả lời chưa được lưu; vui lòng quay lại sau thời điểm này."),
            ),
            Failure::Locked { closes, .. } => (
                "Đợt khảo sát đã kết thúc",
                format!("Đợt khảo sát đã ngừng nhận phiếu từ {closes}. Câu trả lời gửi lúc này không được lưu; các phiếu và biên nhận đã nộp vẫn xem được."),
            ),
            Failure::AlreadySubmitted { .. } => (
                "Phiếu đã được nộp",
                "Phiếu này đã được nộp trước đó nên không thể sửa hoặc nộp lại.".into(),
            ),
            Failure::BadRequest => (
                "Yêu cầu không hợp lệ",
                "Dữ liệu gửi lên không đọc được. Vui lòng quay lại trang phiếu và thử lại.".into(),
            ),
            Failure::TooLarge => (
                "Dữ liệu quá lớn",
                "Nội dung gửi lên vượt quá giới hạn cho phép. Vui lòng rút gọn các câu trả lời dạng văn bản.".into(),
            ),
            Failure::UnsupportedType => (
                "Yêu cầu không hợp lệ",
                "Định dạng dữ liệu gửi lên không được hỗ trợ.".into(),
            ),
            Failure::MethodNotAllowed => (
                "Thao tác không được hỗ trợ",
                "Địa chỉ này không hỗ trợ thao tác vừa thực hiện.".into(),
            ),
            Failure::TooManyRequests => (
                "Quá nhiều lượt gửi",
                "Có quá nhiều lượt gửi phiếu từ địa chỉ mạng của ông/bà trong thời gian ngắn. Vui lòng thử lại sau một giờ.".into(),
            ),
            Failure::Internal => (
                "Hệ thống đang gặp sự cố",
                "Hệ thống tạm thời không xử lý được yêu cầu; câu trả lời có thể chưa được lưu. Vui lòng thử lại sau ít phút.".into(),
            ),
        }
    }

    pub fn reply(&self, wants_json: bool) -> Reply {
        let (title, message) = self.text();
        let receipt_url = match self {
            Failure::AlreadySubmitted { receipt_url } => receipt_url.clone(),
            _ => None,
        };
        if wants_json {
            return Reply::json(
                self.status(),
                json!({ "error": self.code(), "title": title, "message": message, "receipt_url": receipt_url }),
            );
        }
        let mut body = format!(
            "<h1>{}</h1>\n<div class=\"notice notice-warning\" role=\"alert\">\n<p>{}</p>\n</div>\n",
            esc(title),
            esc(&message)
        );
        if let Some(url) = receipt_url {
            body.push_str(&format!(
                "<p><a href=\"{}\">Xem biên nhận phiếu đã nộp</a></p>\n",
                esc(&url)
            ));
        }
        body.push_str("<p><a href=\"/khao-sat/\">Về trang Khảo sát</a></p>\n");
        Reply::html(self.status(), layout(title, &body, false))
    }
}
