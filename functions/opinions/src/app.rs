//! Everything a request needs, built once per process (per Lambda container).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailer::Mailer;
use store::Store;
use web::guard::RateLimit;
use web::Clock;

use crate::consultations::Consultation;

pub struct App {
    pub consultations: Vec<Consultation>,
    pub store: Arc<dyn Store>,
    /// `None` where no sender is configured: opinions are stored, and no
    /// acknowledgement is sent.
    pub mailer: Option<Arc<dyn Mailer>>,
    pub clock: Arc<dyn Clock>,
    /// HMAC key for IP hashes.
    pub secret: Vec<u8>,
    /// Where the portal is published, for links in mail.
    pub base_url: String,
    pub settings: Settings,
}

/// Knobs with production defaults; tests lower the limits.
#[derive(Debug, Clone)]
pub struct Settings {
    pub configuration_set: Option<String>,
    pub rate: RateLimit,
    /// Proxies of ours appending to X-Forwarded-For (0 behind API Gateway).
    pub trusted_proxy_hops: usize,
    /// Largest accepted body: 5,000 characters of Vietnamese are ~20 KB
    /// urlencoded, so this leaves room without inviting abuse.
    pub max_body_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            configuration_set: None,
            rate: RateLimit {
                limit: 20,
                window_secs: 3600,
            },
            trusted_proxy_hops: 0,
            max_body_bytes: 64 * 1024,
        }
    }
}

impl App {
    pub fn new(
        consultations: Vec<Consultation>,
        store: Arc<dyn Store>,
        mailer: Option<Arc<dyn Mailer>>,
        clock: Arc<dyn Clock>,
        secret: Vec<u8>,
        base_url: impl Into<String>,
    ) -> Self {
        Self {
            consultations,
            store,
            mailer,
            clock,
            secret,
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            settings: Settings::default(),
        }
    }

    pub fn consultation(&self, slug: &str) -> Option<&Consultation> {
        self.consultations.iter().find(|c| c.slug == slug)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
