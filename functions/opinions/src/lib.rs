//! The opinions function: anyone may send an opinion on a consultation draft
//! while it is open (a no-JS form post answered with a Vietnamese page, or
//! JSON), and the agency exports them, grouped by article, as the stub of its
//! acceptance table ("bảng tổng hợp, tiếp thu, giải trình").
//!
//! [`handle`] is the whole HTTP surface; the Lambda binary and `cchc serve`
//! both call it. Consultations are read from the same markdown the site is
//! built from (`content/gop-y/<slug>/index.md`): the opening and closing times
//! in the front matter, and the Chương / Điều / Khoản anchors of the draft,
//! which are the only parts an opinion may name.
//!
//! Data layout (one table, see the `store` crate):
//!
//! | pk | sk | holds |
//! |---|---|---|
//! | `OPINION#{slug}` | `{submitted_at}#{id}` | name, province, part, text: no email |
//! | `OPINION-CONTACT#{slug}` | `{id}` | the optional email, expiring 12 months after the consultation closes |
//! | `RATE#{hmac(secret, ip)}` | `gop-y` | rate-limit counter (expires with its window) |

pub mod app;
pub mod consultations;
pub mod emails;
pub mod env;
pub mod export;
#[cfg(feature = "local")]
pub mod local;
pub mod opinion;
mod pages;
pub mod records;
mod routes;

pub use app::{App, Settings};
pub use consultations::{Consultation, State};
pub use routes::handle;

/// Every route starts here.
pub const API_PREFIX: &str = "/api/gop-y/";
