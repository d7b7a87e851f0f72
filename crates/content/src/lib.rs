//! Loads `content/` into a [`Library`] of pages and sections.
//!
//! Loading parses and checks everything that can be checked from one file
//! (front matter, dates, document numbers); checks that need the whole
//! library (references, `replaced_by` symmetry) live in [`checks`].

pub mod checks;
mod diagnostic;
mod front_matter;
mod kind;
mod library;
mod load;
mod page;
mod types;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use front_matter::{split_front_matter, FrontMatter};
pub use kind::{PageKind, NAV};
pub use library::{Library, Section};
pub use load::{load_library, load_page, LoadOptions};
pub use page::{Asset, Page};
pub use types::{DocNumber, DocStatus, LocalDateTime, YmdDate};
