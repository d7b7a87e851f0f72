//! Participation reports: per ministry and province (official order, sub-units
//! nested), how many were registered, invited, reached, bounced, complained,
//! confirmed their mailbox and answered each form, with rates, totals
//! computed from the rows, and flags for rows under a threshold or
//! impossible (more answers than registrations).
//!
//! Sources: [`participation::report`] counts respondent, send-step and
//! participation records in the store (never answers); [`tally::report`]
//! reads a published table such as the 2021 pilot's. Outputs: [`table`]
//! (terminal), [`csv_out`] (Excel-friendly CSV) and [`html`] (standalone,
//! printable, with an SVG chart). [`sheet`] is a unit coordinator's list of
//! addresses to fix.

pub mod chart;
pub mod csv_out;
pub mod html;
pub mod model;
pub mod participation;
pub mod results;
pub mod sheet;
pub mod table;
pub mod tally;

pub use delivery::Units;
pub use model::{Counts, Flag, FormColumn, Report, Row, Section, SubRow};
pub use survey_core::Campaign;

/// Today in Vietnam, the date a report is made.
pub fn today() -> chrono::NaiveDate {
    vntext::today_vn()
}
