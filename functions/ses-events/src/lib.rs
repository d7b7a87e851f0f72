//! The SES events function: SES event publishing → SNS → this Lambda, which
//! moves each invited respondent's delivery state forward, records why mail
//! failed, suppresses addresses that bounced for good or complained, and
//! marks send steps sent when the sender died before recording them.
//!
//! - [`event`]: the SES event records, parsed leniently;
//! - [`effect`]: what each event means (state, reason, suppression);
//! - [`apply`]: the once-only, forward-only write;
//! - [`handler`]: the SNS event in, one record at a time.

pub mod apply;
pub mod effect;
pub mod event;
pub mod handler;

pub use apply::{apply, event_id, Outcome, Report, EVENT_TTL_SECS};
pub use event::{parse, EventKind, Parsed, SesEvent};
pub use handler::handle;
