//! From answers to the PAR Index (Chỉ số CCHC) and SIPAS.
//!
//! A pure library: it takes plain values and files and returns plain values;
//! the `cchc` CLI and the site builder do the storing and publishing.
//! - [`table`], [`suppress`], [`published`], [`attack`]: results tables with
//!   disclosure control that survives subtraction, and the attacks that check it;
//! - [`index`] (with [`index_yaml`]): the index structure per year and unit kind;
//! - [`appraisal`], [`survey_score`]: the two sources of points;
//! - [`compute`], [`output`]: rankings, and their table, CSV and XLSX;
//! - [`release`]: what `cchc index publish` writes and the site renders;
//! - [`sipas`]: the satisfaction index, with Wilson intervals;
//! - [`year`]: loading a year's folder `content/chi-so/<year>/` in one call.

pub mod appraisal;
pub mod attack;
pub mod compute;
pub mod index;
pub mod index_yaml;
mod linalg;
pub mod messages;
pub mod output;
pub mod points;
pub mod published;
pub mod release;
mod sheet;
pub mod sipas;
pub mod suppress;
pub mod survey_score;
pub mod table;
pub mod units;
pub mod year;

pub use messages::{Msg, Problem, Problems};
pub use points::Points;
