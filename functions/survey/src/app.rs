//! Everything a request needs, built once per process (per Lambda container).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use mailer::Mailer;
use store::Store;
use survey_core::{Campaign, CampaignStatus};

use delivery::ResultsKey;

use crate::clock::Clock;
use crate::link_seal::LinkKey;

pub struct App {
    pub campaigns: Vec<Campaign>,
    pub store: Arc<dyn Store>,
    pub mailer: Arc<dyn Mailer>,
    pub clock: Arc<dyn Clock>,
    /// HMAC key for answer keys, browser ids and IP hashes. Changing it orphans
    /// every stored answer, so it lives in a secret store, not in config.
    pub secret: Vec<u8>,
    /// Seals an answer record's unit, group and times (not the token secret:
    /// see ARCHITECTURE.md, "Anonymity by construction"). Changing it makes
    /// stored answers unreadable to reports, so it too lives in a secret store.
    pub results_key: ResultsKey,
    /// Where the portal is published, e.g. `https://cchc.moha.gov.vn`; used in
    /// links sent by email.
    pub base_url: String,
    /// Seals invitation tokens on respondent items so the same link can be
    /// sent again (reminders, "resend my link"). Without it links are only in
    /// the first mail.
    pub link_key: Option<LinkKey>,
    pub settings: Settings,
}

/// Knobs with production defaults; tests lower the limits.
#[derive(Debug, Clone)]
pub struct Settings {
    /// SES configuration set for invitation and receipt mail.
    pub configuration_set: Option<String>,
    /// Public-survey posts allowed per IP address per window.
    pub public_rate_limit: i64,
    pub rate_window_secs: i64,
    /// Proxies we run in front of the function that append to X-Forwarded-For
    /// (0: the last entry is the client, as API Gateway and function URLs add it).
    /// Entries further left are client-supplied and could be forged.
    pub trusted_proxy_hops: usize,
    /// Largest accepted request body.
    pub max_body_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            configuration_set: None,
            public_rate_limit: 20,
            rate_window_secs: 3600,
            trusted_proxy_hops: 0,
            max_body_bytes: 256 * 1024,
        }
    }
}

impl App {
    pub fn new(
        campaigns: Vec<Campaign>,
        store: Arc<dyn Store>,
        mailer: Arc<dyn Mailer>,
        clock: Arc<dyn Clock>,
        secret: Vec<u8>,
        results_key: ResultsKey,
        base_url: impl Into<String>,
    ) -> Self {
        Self {
            campaigns,
            store,
            mailer,
            clock,
            secret,
            results_key,
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            link_key: None,
            settings: Settings::default(),
        }
    }

    pub fn campaign(&self, id: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|c| c.id().as_str() == id)
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn status(&self, campaign: &Campaign) -> CampaignStatus {
        campaign.status_at(&self.now())
    }

    /// The personal link sent in an invitation.
    pub fn invitation_url(&self, campaign: &str, token: &str) -> String {
        format!(
            "{}{}{campaign}/moi/{token}",
            self.base_url,
            crate::API_PREFIX
        )
    }
}
