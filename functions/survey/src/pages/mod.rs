//! The function's HTML pages, in Vietnamese, in the site's layout.

pub mod errors;
pub mod form;
pub mod home;
pub mod layout;
pub mod public;
pub mod receipt;
pub mod review;

use chrono::{DateTime, FixedOffset, Utc};

pub use layout::layout;

pub use vntext::escape_html as esc;

/// Vietnam time, as people there read it: "09:30 ngày 15/11/2026".
pub fn vn_time(t: &DateTime<FixedOffset>) -> String {
    let vn = FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset");
    t.with_timezone(&vn)
        .format("%H:%M ngày %d/%m/%Y")
        .to_string()
}

/// The same for an RFC 3339 timestamp from the store; unparsable ones as is.
pub fn vn_time_str(rfc3339: &str) -> String {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| vn_time(&t))
        .unwrap_or_else(|_| rfc3339.to_owned())
}

pub fn now_string(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// JSON inside `<script type="application/json">`: `<` escaped so no string
/// in it can close the element.
pub fn json_data_block(id: &str, json: &str) -> String {
    format!(
        "<script type=\"application/json\" id=\"{}\">{}</script>\n",
        esc(id),
        json.replace('<', "\\u003c")
    )
}
