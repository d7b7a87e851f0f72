//! The survey function: personal invitation links, drafts, review, submission,
//! receipts, and the public (no-invitation) surveys.
//!
//! [`handle`] is the whole HTTP surface. The Lambda binary (`main.rs`) and the
//! dev server (`cchc serve`) both call it with a `lambda_http::Request`, so what
//! runs locally is the code that runs in production.
//!
//! Data layout (one table, see the `store` crate; invitations and delivery in
//! `delivery::schema`):
//!
//! | pk | sk | holds |
//! |---|---|---|
//! | `CAMPAIGN#{c}` | `RESP#{id}` | respondent: name, email, unit, group, sealed link, delivery state |
//! | `CAMPAIGN#{c}` | `EMAIL#{email}` | which respondent an address is |
//! | `TOKEN#{sha256(token)}` | `TOKEN` | which respondent a link belongs to |
//! | `ANS#{hmac(secret, token)}` | `FORM#{form}` | answers: no respondent id, name, email or token; once submitted, in gsi1 under `RESULTS#{c}#{form}` / digest |
//! | `PART#{c}` | `FORM#{form}#RESP#{id}` | participation: who submitted what, on which day (not the time, which would match the answers) |
//! | `RATE#{hmac(secret, ip)}` | `{c}` | public-survey rate-limit counter (TTL) |

pub mod answers;
pub mod app;
pub mod campaigns;
pub mod clock;
pub mod emails;
pub mod invitations;
mod invited;
pub mod link_seal;
#[cfg(feature = "local")]
pub mod local;
mod mailbox;
mod pages;
mod public;
mod request;
mod resend;
pub mod respondents;
mod response;
mod routes;
pub mod token;

pub use app::{App, Settings};
pub use clock::{Clock, ManualClock, SystemClock};
pub use routes::handle;
pub use survey_core::{self, Access};

/// Every route starts here.
pub const API_PREFIX: &str = "/api/khao-sat/";
