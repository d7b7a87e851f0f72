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
    pub max_file_bytes: usize,
    /// Largest accepted body: three full attachments and the text fields.
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
            max_file_bytes: 5 * MIB,
            max_body_bytes: 16 * MIB,
        }
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
