//! Where survey-team commands act: the local store and outbox (`.cchc/`,
//! what `cchc serve` uses) or, with `--aws`, production's DynamoDB and SES,
//! configured from the same environment variables as the functions.

use std::path::Path;

use anyhow::{anyhow, bail};
use clap::Args;
use survey::App;
use survey_core::{Access, Campaign};

#[derive(Debug, Clone, Args)]
pub struct Backend {
    /// Act on AWS (DynamoDB, SES v2) as configured by CCHC_TABLE,
    /// CCHC_MAIL_FROM, CCHC_BASE_URL, CCHC_TOKEN_SECRET[_PARAM],
    /// CCHC_LINK_KEY[_PARAM], CCHC_SES_CONFIGURATION_SET; default: the local
    /// store and outbox in .cchc/.
    #[arg(long)]
    pub aws: bool,
    /// Address links point at, locally: the dev server.
    #[arg(long, default_value = "http://127.0.0.1:8000")]
    pub base_url: String,
}

pub async fn open(root: &Path, backend: &Backend) -> anyhow::Result<App> {
    let surveys = root.join("content").join("khao-sat");
    if backend.aws {
        outreach::aws::app_from_env(&surveys)
            .await
            .map_err(|e| anyhow!(e))
    } else {
        survey::local::open_app(root, &backend.base_url).map_err(|e| anyhow!(e))
    }
}

/// The invited campaign with this id, or an error naming the ones there are.
pub fn invited_campaign(app: &App, id: &str) -> anyhow::Result<Campaign> {
    let Some(c) = app.campaign(id) else {
        let known: Vec<String> = app.campaigns.iter().map(|c| c.id().to_string()).collect();
        bail!("no campaign {id:?} (campaigns: {})", known.join(", "));
    };
    if c.access() != Access::Invited {
        bail!("campaign {id} is public: it has no respondents to invite");
    }
    Ok(c.clone())
}

pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?)
}
