//! Everything a request needs, built once per process (per Lambda container).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailer::Mailer;
use store::Store;
use web::guard::RateLimit;
use web::Clock;

use crate::attachments::Attachments;

pub struct App {
    pub store: Arc<dyn Store>,
    pub attachments: Arc<dyn Attachments>,
    /// `None` where no sender is configured: questions are stored and the
    /// code is shown on the page, but nothing is mailed.
    pub mailer: Option<Arc<dyn Mailer>>,
    pub clock: Arc<dyn Clock>,
    /// HMAC key for IP hashes.
    pub secret: Vec<u8>,
    /// Where the portal is published, for links in mail.
    pub base_url: String,
    pub settings: Settings,
}

/// Knobs with production defaults; tests lower them.
#[derive(Debug, Clone)]
pub struct Settings {
    pub configuration_set: Option<String>,
    pub rate: RateLimit,
    pub trusted_proxy_hops: usize,
    pub max_files: usize,
    /// All attachments of one question together. Lambda takes at most 6 MB
    /// per request, and API Gateway hands it a multipart body in base64
    /// (4/3 larger): 4 MiB of files, the text and headers still fit.
    pub max_files_bytes: usize,
    /// Largest accepted body: the attachments and the text fields. Bodies
    /// between `max_files_bytes` and this get a per-field error with the text
    /// kept; larger ones never reach a Lambda function at all.
    pub max_body_bytes: usize,
}

pub const MIB: usize = 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Self {
            configuration_set: None,
            rate: RateLimit {
                limit: 10,
                window_secs: 3600,
            },
            trusted_proxy_hops: 0,
            max_files: 3,
            max_files_bytes: 4 * MIB,
            max_body_bytes: 4 * MIB + 128 * 1024,
        }
    }
}

impl Settings {
    /// The attachment rules as the form states them (the site's Q&A page says
    /// the same, checked by a test).
    pub fn files_hint(&self) -> String {
        format!(
            "Tối đa {} tệp PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG, tổng dung lượng không quá {} MB.",
            self.max_files,
            crate::question::mb(self.max_files_bytes)
        )
    }
}

impl App {
    pub fn new(
        store: Arc<dyn Store>,
        attachments: Arc<dyn Attachments>,
        mailer: Option<Arc<dyn Mailer>>,
        clock: Arc<dyn Clock>,
        secret: Vec<u8>,
        base_url: impl Into<String>,
    ) -> Self {
        Self {
            store,
            attachments,
            mailer,
            clock,
            secret,
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            settings: Settings::default(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site's Q&A page states the rules and carries the limits its script
    /// checks; they must be the function's own.
    #[test]
    fn the_site_form_states_the_functions_limits() {
        let page = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../theme/templates/section/hoi-dap.html"),
        )
        .expect("theme/templates/section/hoi-dap.html");
        let s = Settings::default();
        assert!(
            page.contains(&s.files_hint()),
            "hint differs from {:?}",
            s.files_hint()
        );
        assert!(page.contains(&format!("data-max-files=\"{}\"", s.max_files)));
        assert!(page.contains(&format!("data-max-bytes=\"{}\"", s.max_files_bytes)));
    }
}
