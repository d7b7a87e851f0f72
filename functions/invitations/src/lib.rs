//! The invitations function: the reminder schedule invokes it with
//! `{"action":"reminders"}` (every open invited campaign gets today's round),
//! and an operator may invoke it asynchronously with
//! `{"action":"invite"|"mailbox-check","campaign":"…"}` instead of running
//! `cchc invitations send --aws` from a laptop. A run stops claiming new
//! messages shortly before the function's time runs out; the rest stays
//! queued, and invoking it again continues.

use std::time::Duration;

use outreach::{Round, RunOptions};
use serde::Deserialize;
use serde_json::{json, Value};
use survey::{Access, App};
use survey_core::CampaignStatus;

#[derive(Debug, Deserialize, PartialEq, Eq)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    Reminders,
    Invite { campaign: String },
    MailboxCheck { campaign: String },
}

#[derive(Debug, thiserror::Error)]
pub enum HandlerError {
    #[error("unreadable event: {0} (expected {{\"action\": \"reminders\"|\"invite\"|\"mailbox-check\", \"campaign\": …}})")]
    BadEvent(String),
    #[error("no invited campaign {0:?}")]
    UnknownCampaign(String),
    #[error(transparent)]
    Run(#[from] outreach::RunError),
}

/// Runs one action; `time_left` is how long the invocation may still take.
pub async fn handle(app: &App, event: Value, time_left: Duration) -> Result<Value, HandlerError> {
    let action: Action =
        serde_json::from_value(event).map_err(|e| HandlerError::BadEvent(e.to_string()))?;
    let opts = RunOptions {
        // Leave the last 20 s for sends in flight and the summary.
        stop_at: Some(
            tokio::time::Instant::now() + time_left.saturating_sub(Duration::from_secs(20)),
        ),
        // Shorter than the function timeout, so a killed invocation's claims
        // are free again by the next one.
        lease_secs: 90,
        ..RunOptions::default()
    };
    let mut results = Vec::new();
    let jobs: Vec<(String, Round)> = match &action {
        Action::Reminders => app
            .campaigns
            .iter()
            .filter(|c| c.access() == Access::Invited && app.status(c) == CampaignStatus::Open)
            .map(|c| (c.id().to_string(), Round::remind_today()))
            .collect(),
        Action::Invite { campaign } => vec![(campaign.clone(), Round::Invite)],
        Action::MailboxCheck { campaign } => vec![(campaign.clone(), Round::MailboxCheck)],
    };
    for (id, round) in jobs {
        let campaign = app
            .campaign(&id)
            .filter(|c| c.access() == Access::Invited)
            .ok_or_else(|| HandlerError::UnknownCampaign(id.clone()))?;
        let s = outreach::run(app, campaign, &round, &opts).await?;
        tracing::info!(campaign = %id, step = %s.step, sent = s.sent, already = s.already_sent, deferred = s.deferred, failed = s.failed.len(), "round done");
        results.push(json!({
            "campaign": id,
            "step": s.step,
            "targets": s.targets,
            "sent": s.sent,
            "already_sent": s.already_sent,
            "reconciled": s.reconciled,
            "skipped": s.skipped.len(),
            "failed": s.failed.len(),
            "busy": s.busy,
            "deferred": s.deferred,
        }));
    }
    Ok(json!({ "rounds": results }))
}
