//! Everything a request needs, built once per process (per Lambda container).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailer::Mailer;
use store::Store;
use web::Clock;

use crate::attachments::Attachments;
pub use crate::settings::Settings;

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
