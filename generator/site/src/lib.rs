//! Renders the content library with the theme into the public site.
//!
//! [`Site::load`] reads `site.yaml`, `content/` and `theme/`, renders every
//! markdown body and runs every check; [`Site::render`] turns that into an
//! [`Output`] held in memory, which `cchc build` writes, `cchc check`
//! discards and `cchc serve` serves.

mod assets;
mod bodies;
mod campaigns;
mod config;
mod context;
mod documents;
mod feeds;
mod listing;
mod output;
mod pages;
mod par_index;
mod published_years;
mod render;
mod search_docs;
mod site;
mod summary;
mod surveys;
mod taxonomy;
pub mod templates;

pub use config::Config;
pub use output::{OutFile, Output};
pub use site::{BuildOptions, Change, Site};
pub use summary::{ConsultationState, Summary};
