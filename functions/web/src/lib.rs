//! The pieces every citizen-facing function needs, so the opinions and
//! questions functions behave alike: one request reader, replies carrying the
//! strict CSP, the site's page frame, Vietnamese problem pages (with the
//! English detail logged), the per-IP-hash rate limit, an injectable clock and
//! a handler wrapper that turns a panic into an error page.
//!
//! The survey function predates this crate and keeps its own copies.

pub mod catch;
pub mod clock;
pub mod fields;
pub mod form;
pub mod guard;
pub mod incoming;
pub mod layout;
pub mod local;
pub mod problem;
pub mod reply;

pub use clock::{Clock, ManualClock, SystemClock};
pub use fields::Fields;
pub use incoming::{BodyError, Incoming};
pub use layout::{esc, layout, PageFrame};
pub use problem::Problem;
pub use reply::Reply;

/// Vietnam time for people: "09:30 ngày 15/11/2026".
pub fn vn_time(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&vntext::vn_offset())
        .format("%H:%M ngày %d/%m/%Y")
        .to_string()
}

/// RFC 3339 in UTC to the second, as stored.
pub fn stamp(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
