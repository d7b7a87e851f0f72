//! The questions function: anyone may send a question with up to three
//! attachments (a multipart form that works without JavaScript), gets a
//! tracking code (`HD-2026-000123`) on the confirmation page and by email, and
//! may look its status up without any personal data shown. Editors pull new
//! questions into draft pages (`cchc questions pull`), answer and publish
//! them, and the asker is told once (`cchc questions notify`).
//!
//! [`handle`] is the whole HTTP surface; the Lambda binary and `cchc serve`
//! both call it.
//!
//! Data layout (one table, see the `store` crate; attachments beside it):
//!
//! | pk | sk | holds |
//! |---|---|---|
//! | `COUNTER#HD` | `{year}` | the year's last tracking number |
//! | `QUESTION#{code}` | `QUESTION` | title, text, field, province, display name, attachments, status; gsi1 `QSTATUS#{status}` / `{asked_at}#{code}` lists each status without a scan |
//! | `QUESTION#{code}` | `CONTACT` | name, email, phone: kept 12 months after the answer (24 at most unanswered), never in a page |
//! | `RATE#{hmac(secret, ip)}` | `hoi-dap` | rate-limit counter (expires with its window) |
//!
//! Attachments: `questions/pending/{code}/{n}-{name}.{ext}` in a local folder
//! or the S3 bucket (server-side encrypted), named by their sniffed type.

pub mod app;
pub mod attachments;
pub mod editor;
pub mod emails;
pub mod env;
pub mod fields;
#[cfg(feature = "local")]
pub mod local;
pub mod markdown;
pub mod multipart;
mod pages;
pub mod question;
pub mod records;
mod routes;
pub mod settings;
pub mod sniff;

pub use app::{App, Settings};
pub use routes::handle;

/// Every route starts here.
pub const API_PREFIX: &str = "/api/hoi-dap/";
