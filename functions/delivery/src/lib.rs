//! What the invitation sender, the SES events function and the participation
//! report share:
//!
//! - [`schema`]: the table layout of respondents, send steps, suppression and
//!   mailbox checks (one table, keys by prefix, no scans);
//! - [`seal`]: sealing with a random nonce; the [`ResultsKey`] that seals
//!   an answer's unit, group and times;
//! - [`DeliveryState`]: where a respondent's mail got to, and the precedence
//!   that lets duplicated and out-of-order SES events only move it forward;
//! - [`units`]: ministries, agencies and provinces (data, not code), in official order;
//! - [`EmailAddress`]: an address that parsed, normalised, with typo hints.

pub mod address;
pub mod schema;
pub mod seal;
pub mod state;
pub mod units;

pub use address::{EmailAddress, TypoHint};
pub use seal::{AnswerMeta, ResultsKey, SealKey};
pub use state::DeliveryState;
pub use units::{Unit, UnitKind, Units};
