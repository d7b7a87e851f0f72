//! Getting invitations to the people on a campaign's list, measurably:
//!
//! - [`import`]: respondent lists (CSV or XLSX) checked row by row before
//!   anything is stored, then registered idempotently (same address, same
//!   campaign → updated);
//! - [`round`] and [`run`]: invitation, reminder and mailbox-check rounds,
//!   throttled to the provider's rate and resumable after a kill ([`queue`]);
//! - [`roster`]: the respondents as sender and reports read them.
//!
//! Mail goes through the survey function's templates (`survey::emails`) and
//! the `mailer` boundary, so the same rounds write to the local outbox or send
//! through SES v2.

pub mod aws;
pub mod import;
pub mod queue;
pub mod roster;
pub mod round;
pub mod run;
pub mod sheet;
mod throttle;

pub use delivery::schema::TAG_ATTEMPT;
pub use round::Round;
pub use run::{run, RunError, RunOptions, RunSummary};
