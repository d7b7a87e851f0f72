//! Everything that can go wrong in a request, as a Vietnamese page or JSON for
//! the person, while the English detail for operators goes to the log where
//! the problem is raised.

use http::StatusCode;
use serde_json::json;

use crate::layout::{esc, layout, PageFrame};
use crate::reply::Reply;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: StatusCode,
    /// Stable machine code for scripts: `closed`, `not_found`, ...
    pub code: &'static str,
    pub title: String,
    pub message: String,
    /// Navigation section of the page frame.
    pub section: &'static str,
    /// Where to go from here: (href, label).
    pub links: Vec<(String, String)>,
}

impl Problem {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            status,
            code,
            title: title.into(),
            message: message.into(),
            section: "",
            links: Vec::new(),
        }
    }

    pub fn in_section(mut self, section: &'static str) -> Problem {
        self.section = section;
        self
    }

    pub fn link(mut self, href: impl Into<String>, label: impl Into<String>) -> Problem {
        self.links.push((href.into(), label.into()));
        self
    }

    /// The store, the disk or the mail provider failed: logged in English, a
    /// calm page for the person saying nothing may have been saved.
    pub fn internal(context: &str, error: &dyn std::fmt::Display) -> Problem {
        tracing::error!(context, error = %error, "request failed");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal_error",
            "Hệ thống đang gặp sự cố",
            "Hệ thống tạm thời không xử lý được yêu cầu; nội dung có thể chưa được lưu. \
             Vui lòng thử lại sau ít phút.",
        )
    }

    pub fn not_found(message: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Không tìm thấy trang",
            message,
        )
    }

    pub fn method_not_allowed() -> Problem {
        Problem::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
            "Thao tác không được hỗ trợ",
            "Địa chỉ này không hỗ trợ thao tác vừa thực hiện.",
        )
    }

    pub fn too_many_requests() -> Problem {
        Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            "Quá nhiều lượt gửi",
            "Có quá nhiều lượt gửi từ địa chỉ mạng của quý vị trong thời gian ngắn. \
             Nội dung vừa gửi chưa được lưu; vui lòng thử lại sau một giờ.",
        )
    }

    pub fn bad_body(e: &crate::BodyError) -> Problem {
        use crate::BodyError;
        match e {
            BodyError::TooLarge => {
                tracing::info!("post body over the size limit");
                Problem::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    "Dữ liệu quá lớn",
                    "Nội dung gửi lên vượt quá giới hạn cho phép nên chưa được lưu. \
                     Vui lòng rút gọn nội dung hoặc bớt tệp đính kèm.",
                )
            }
            BodyError::Unsupported(ct) => {
                tracing::info!(content_type = %ct, "post with an unsupported content type");
                Problem::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported_media_type",
                    "Yêu cầu không hợp lệ",
                    "Định dạng dữ liệu gửi lên không được hỗ trợ.",
                )
            }
            BodyError::Malformed(detail) => {
                tracing::info!(%detail, "unreadable post body");
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "bad_request",
                    "Yêu cầu không hợp lệ",
                    "Dữ liệu gửi lên không đọc được. Vui lòng quay lại biểu mẫu và thử lại.",
                )
            }
        }
    }

    pub fn reply(&self, wants_json: bool) -> Reply {
        if wants_json {
            return Reply::json(
                self.status,
                json!({ "error": self.code, "title": self.title, "message": self.message }),
            );
        }
        let mut body = format!(
            "<h1>{}</h1>\n<div class=\"notice notice-warning\" role=\"alert\">\n<p>{}</p>\n</div>\n",
            esc(&self.title),
            esc(&self.message)
        );
        for (href, label) in &self.links {
            body.push_str(&format!(
                "<p><a href=\"{}\">{}</a></p>\n",
                esc(href),
                esc(label)
            ));
        }
        let frame = PageFrame {
            title: &self.title,
            section: self.section,
            scripts: &[],
        };
        Reply::html(self.status, layout(&frame, &body))
    }
}
