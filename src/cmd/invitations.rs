//! `cchc invitations send|remind` and `cchc mailbox-check send`: mail rounds
//! of a campaign, resumable: run the same command again after a failure or a
//! kill and it continues where it stopped, sending nobody twice.

use std::path::Path;

use anyhow::bail;
use clap::{Args, Subcommand};
use outreach::{Round, RunOptions, RunSummary};

use super::backend::{self, Backend};

#[derive(Debug, Subcommand)]
pub enum InvitationsCommand {
    /// Mail every respondent their personal link (once each).
    Send(RoundArgs),
    /// Remind those who have not submitted every assigned form and whose
    /// address is not bounced, complained or suppressed. One round per day:
    /// re-running it the same day resumes it.
    Remind {
        #[command(flatten)]
        args: RoundArgs,
        /// Round name instead of today's date (e.g. to resume yesterday's).
        #[arg(long)]
        round: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum MailboxCheckCommand {
    /// Before a campaign opens: a short mail with a one-click confirm link.
    Send(RoundArgs),
}

#[derive(Debug, Clone, Args)]
pub struct RoundArgs {
    /// Campaign id, e.g. danh-gia-cchc-2026.
    pub campaign: String,
    /// Count who would get it and who not (and why); send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Messages per second (capped at the SES account's max send rate).
    #[arg(long)]
    pub rate: Option<f64>,
    /// Only this unit (ministry or province name).
    #[arg(long)]
    pub only_unit: Option<String>,
    /// Messages in flight at once.
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Seconds a claimed message stays ours; a killed run's messages are
    /// checked and retried after it.
    #[arg(long, default_value_t = 120)]
    pub lease_secs: i64,
    #[command(flatten)]
    pub backend: Backend,
}

pub fn run_invitations(root: &Path, command: InvitationsCommand) -> anyhow::Result<()> {
    match command {
        InvitationsCommand::Send(args) => run_round(root, &args, Round::Invite),
        InvitationsCommand::Remind { args, round } => {
            let round = match round {
                Some(step) if step.starts_with("remind-") => Round::Remind { step },
                Some(step) => Round::Remind {
                    step: format!("remind-{step}"),
                },
                None => Round::remind_today(),
            };
            run_round(root, &args, round)
        }
    }
}

pub fn run_mailbox_check(root: &Path, command: MailboxCheckCommand) -> anyhow::Result<()> {
    match command {
        MailboxCheckCommand::Send(args) => run_round(root, &args, Round::MailboxCheck),
    }
}

fn run_round(root: &Path, args: &RoundArgs, round: Round) -> anyhow::Result<()> {
    let rt = backend::runtime()?;
    rt.block_on(async {
        let app = backend::open(root, &args.backend).await?;
        let campaign = backend::invited_campaign(&app, &args.campaign)?;
        let opts = RunOptions {
            dry_run: args.dry_run,
            rate: args.rate,
            concurrency: args.concurrency,
            only_unit: args.only_unit.clone(),
            lease_secs: args.lease_secs,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            ..RunOptions::default()
        };
        let summary = outreach::run(&app, &campaign, &round, &opts).await?;
        print_summary(&summary, args.dry_run);
        if !summary.failed.is_empty() || summary.busy > 0 {
            bail!(
                "{} not sent, {} held by another run: run the command again to retry",
                summary.failed.len(),
                summary.busy
            );
        }
        Ok(())
    })
}

fn print_summary(s: &RunSummary, dry_run: bool) {
    println!("Round {}: {} respondent(s) to mail", s.step, s.targets);
    if dry_run {
        println!("Dry run: nothing stored, nothing sent.");
    } else {
        if let Some(rate) = s.rate {
            println!("Rate: {rate:.1} message(s) per second");
        }
        println!(
            "Sent now: {}; sent by an earlier run: {}; recovered from an interrupted run: {}",
            s.sent, s.already_sent, s.reconciled
        );
    }
    if !s.skipped.is_empty() {
        println!("Left out ({}):", s.skipped.len());
        for (r, why) in &s.skipped {
            println!("  {} <{}> ({}): {why}", r.name, r.email, r.unit);
        }
    }
    for (email, why) in &s.failed {
        println!("  NOT SENT {email}: {why}");
    }
}
