//! Renders one markdown body: HTML, a table of contents, the anchors it
//! defines, its plain text for search, and the internal links it makes.
//!
//! Link targets are resolved through [`LinkResolver`] so this crate knows
//! nothing of the library; anchors on other pages are checked by the caller
//! once every page is rendered.

mod anchors;
mod draft;
mod render;

pub use anchors::{heading_id, legal_anchor};
pub use draft::{draft_parts, DraftPart};
pub use render::{render, Heading, InternalLink, LinkError, RenderOptions, Rendered};

/// Answers where `@/…` source paths and `vb:…` document numbers point.
pub trait LinkResolver: Sync {
    /// URL of the page at this path under `content/`.
    fn page_url(&self, source: &str) -> Option<String>;
    /// URL and source path of the document with this number.
    fn document(&self, number: &str) -> Option<(String, String)>;
}
