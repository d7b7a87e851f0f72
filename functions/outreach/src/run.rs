//! Running a round: enqueue everyone it is for, then send, throttled to the
//! provider's rate, several at a time, retrying throttling and server errors
//! with backoff. See [`crate::queue`] for why a killed run can simply be re-run.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use mailer::MailError;
use survey::token::random_hex;
use survey::App;
use survey_core::Campaign;

use crate::queue::{Claim, Queue};
use crate::roster::Respondent;
use crate::round::{compose, targets, Round, Skip, Target};
use crate::throttle::{backoff, Throttle};

/// Messages per second when the provider's limit cannot be read: the SES
/// sandbox's rate, which every account allows.
pub const FALLBACK_RATE: f64 = 1.0;

#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Count and list, write and send nothing.
    pub dry_run: bool,
    /// Messages per second; capped at the provider's own limit.
    pub rate: Option<f64>,
    pub concurrency: usize,
    pub only_unit: Option<String>,
    /// How long a claim stays ours. A send (with its retries) must finish
    /// within it; a run that died is reconciled after it.
    pub lease_secs: i64,
    pub max_tries: u32,
    pub progress: bool,
    /// Claim nothing new after this moment (a Lambda's remaining time); what
    /// is left stays queued for the next run.
    pub stop_at: Option<tokio::time::Instant>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            dry_run: false,
            rate: None,
            concurrency: 8,
            only_unit: None,
            lease_secs: 120,
            max_tries: 6,
            progress: false,
            stop_at: None,
        }
    }
}

#[derive(Debug, Default)]
pub struct RunSummary {
    pub step: String,
    /// Respondents this round is for.
    pub targets: usize,
    pub skipped: Vec<(Respondent, Skip)>,
    pub sent: usize,
    /// Already sent by an earlier run.
    pub already_sent: usize,
    /// Left `sending` by a dead run, found sent, and recorded.
    pub reconciled: usize,
    /// Held by another run right now; run again after its lease.
    pub busy: usize,
    /// Not started before `stop_at`; still queued.
    pub deferred: usize,
    /// Refused for good (bad address at the provider...): (email, reason).
    pub failed: Vec<(String, String)>,
    /// Sends per second actually used.
    pub rate: Option<f64>,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("stopped: {0}")]
    Halted(String),
}

pub async fn run(
    app: &App,
    campaign: &Campaign,
    round: &Round,
    opts: &RunOptions,
) -> Result<RunSummary, RunError> {
    let cid = campaign.id().as_str();
    let step = round.step();
    let (go, skipped) = targets(app, campaign, round, opts.only_unit.as_deref()).await?;
    let mut summary = RunSummary {
        step: step.clone(),
        targets: go.len(),
        skipped,
        ..RunSummary::default()
    };
    if opts.dry_run {
        return Ok(summary);
    }
    let provider_rate = match app.mailer.max_send_rate().await {
        Ok(r) => r,
        Err(e) => {
            // Not fatal: fall back to the SES sandbox's rate, which every account allows.
            tracing::warn!(error = %e, fallback = FALLBACK_RATE, "could not read the provider's send rate");
            Some(FALLBACK_RATE)
        }
    };
    let rate = match (opts.rate, provider_rate) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    summary.rate = rate;
    let queue = Queue {
        store: &*app.store,
        campaign: cid,
        step: &step,
    };
    let now = rfc3339(app.now());
    for t in &go {
        queue.enqueue(&t.respondent.id, &now).await?;
    }

    let bar = if opts.progress {
        ProgressBar::with_draw_target(Some(go.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {msg} [{elapsed_precise}, còn {eta}]")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let throttle = Throttle::new(rate.unwrap_or(0.0));
    let counts = Counts::default();
    let failed = Mutex::new(Vec::new());
    let halted = Mutex::new(None::<String>);
    let cx = Cx {
        app,
        campaign,
        round,
        queue: &queue,
        opts,
        throttle: &throttle,
        counts: &counts,
        failed: &failed,
        halted: &halted,
    };
    futures::stream::iter(go.iter())
        .for_each_concurrent(opts.concurrency.max(1), |t| {
            let cx = &cx;
            let bar = &bar;
            async move {
                if cx.halted.lock().map(|h| h.is_none()).unwrap_or(false) {
                    if let Err(e) = cx.one(t).await {
                        let mut h = cx.halted.lock().unwrap_or_else(|p| p.into_inner());
                        h.get_or_insert(e);
                    }
                }
                bar.inc(1);
            }
        })
        .await;
    bar.finish_and_clear();
    summary.sent = counts.sent.load(Ordering::Relaxed);
    summary.already_sent = counts.already.load(Ordering::Relaxed);
    summary.reconciled = counts.reconciled.load(Ordering::Relaxed);
    summary.busy = counts.busy.load(Ordering::Relaxed);
    summary.deferred = counts.deferred.load(Ordering::Relaxed);
    summary.failed = failed.into_inner().unwrap_or_else(|p| p.into_inner());
    if let Some(reason) = halted.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(RunError::Halted(reason));
    }
    Ok(summary)
}

#[derive(Default)]
struct Counts {
    sent: AtomicUsize,
    already: AtomicUsize,
    reconciled: AtomicUsize,
    busy: AtomicUsize,
    deferred: AtomicUsize,
}

struct Cx<'a> {
    app: &'a App,
    campaign: &'a Campaign,
    round: &'a Round,
    queue: &'a Queue<'a>,
    opts: &'a RunOptions,
    throttle: &'a Throttle,
    counts: &'a Counts,
    failed: &'a Mutex<Vec<(String, String)>>,
    halted: &'a Mutex<Option<String>>,
}

impl Cx<'_> {
    fn now_epoch(&self) -> i64 {
        self.app.now().timestamp()
    }

    fn now(&self) -> String {
        rfc3339(self.app.now())
    }

    /// One respondent. `Err` stops the whole run (account-level failure).
    async fn one(&self, t: &Target) -> Result<(), String> {
        let id = &t.respondent.id;
        if self
            .opts
            .stop_at
            .is_some_and(|at| tokio::time::Instant::now() >= at)
        {
            self.counts.deferred.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        let attempt = random_hex(8);
        let store_err = |e: store::StoreError| format!("store: {e}");
        let mut claim = self
            .queue
            .claim(id, self.now_epoch(), self.opts.lease_secs, &attempt)
            .await
            .map_err(store_err)?;
        if let Claim::Abandoned {
            attempt: old,
            version,
        } = &claim
        {
            match self.app.mailer.find_sent(crate::TAG_ATTEMPT, old).await {
                Ok(Some(message)) => {
                    // It went out before the old run died: record, do not resend.
                    let recorded = self
                        .queue
                        .mark_sent(id, old, &message.0, &self.now())
                        .await
                        .map_err(store_err)?;
                    if recorded {
                        self.counts.reconciled.fetch_add(1, Ordering::Relaxed);
                    } else {
                        self.counts.already.fetch_add(1, Ordering::Relaxed);
                    }
                    return Ok(());
                }
                Ok(None) => {}
                Err(e) => {
                    tracing::warn!(respondent = %id, error = %e, "could not check an abandoned send; leaving it for the next run");
                    self.counts.busy.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
            }
            claim = self
                .queue
                .take(
                    id,
                    *version,
                    self.now_epoch() + self.opts.lease_secs,
                    &attempt,
                )
                .await
                .map_err(store_err)?;
        }
        match claim {
            Claim::Won { .. } => {}
            Claim::AlreadySent => {
                self.counts.already.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            Claim::Busy { .. } | Claim::Abandoned { .. } => {
                self.counts.busy.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            Claim::Failed => return Ok(()),
        }
        let lease_end = self.now_epoch() + self.opts.lease_secs;
        // Stop this far before the lease ends, so a reclaiming run never overlaps.
        let margin = (self.opts.lease_secs / 4).min(5);
        let email = match compose(self.app, self.campaign, self.round, t, &attempt).await {
            Ok(e) => e,
            Err(e) => return self.settle_error(t, &attempt, e).await,
        };
        let mut tries = 0;
        loop {
            self.throttle.wait().await;
            // Past the lease another run may reclaim it: stop rather than risk a double send.
            if self.now_epoch() >= lease_end - margin {
                self.counts.busy.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
            match self.app.mailer.send(&email).await {
                Ok(message) => {
                    self.queue
                        .mark_sent(id, &attempt, &message.0, &self.now())
                        .await
                        .map_err(store_err)?;
                    self.counts.sent.fetch_add(1, Ordering::Relaxed);
                    return Ok(());
                }
                Err(e) if e.is_transient() && tries + 1 < self.opts.max_tries => {
                    // A timeout may come after the provider accepted the message.
                    if let Ok(Some(message)) = self
                        .app
                        .mailer
                        .find_sent(crate::TAG_ATTEMPT, &attempt)
                        .await
                    {
                        self.queue
                            .mark_sent(id, &attempt, &message.0, &self.now())
                            .await
                            .map_err(store_err)?;
                        self.counts.sent.fetch_add(1, Ordering::Relaxed);
                        return Ok(());
                    }
                    let wait = backoff(tries);
                    tracing::info!(respondent = %id, error = %e, wait_ms = wait.as_millis() as u64, "retrying");
                    if matches!(e, MailError::Throttled(_)) {
                        self.throttle.pause(wait).await;
                    } else {
                        tokio::time::sleep(wait).await;
                    }
                    tries += 1;
                }
                Err(e) => return self.settle_error(t, &attempt, e).await,
            }
        }
    }

    async fn settle_error(&self, t: &Target, attempt: &str, e: MailError) -> Result<(), String> {
        let id = &t.respondent.id;
        let store_err = |e: store::StoreError| format!("store: {e}");
        match e {
            MailError::Halted(reason) => {
                self.queue.release(id, attempt).await.map_err(store_err)?;
                Err(reason)
            }
            e if e.is_transient() => {
                // Out of retries: back in the queue for the next run.
                self.queue.release(id, attempt).await.map_err(store_err)?;
                self.record_failure(t, &format!("{e} (still queued)"));
                Ok(())
            }
            e => {
                self.queue
                    .mark_failed(id, attempt, &e.to_string(), &self.now())
                    .await
                    .map_err(store_err)?;
                self.record_failure(t, &e.to_string());
                Ok(())
            }
        }
    }

    fn record_failure(&self, t: &Target, reason: &str) {
        tracing::warn!(respondent = %t.respondent.id, reason, "not sent");
        if let Ok(mut f) = self.failed.lock() {
            f.push((t.respondent.email.clone(), reason.to_owned()));
        }
    }
}

fn rfc3339(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
