//! Renders a loaded [`Site`]: every kind of page in turn, into memory or
//! streamed to disk. Kept apart from `site.rs` (the loaded model every
//! renderer reads) so that arrows point one way: this file calls the
//! renderers, the renderers read the model.

use std::path::Path;

use content::Diagnostics;

use crate::output::Output;
use crate::site::{one, Site};

impl Site {
    /// Renders the whole site into memory.
    pub fn render(&self) -> Result<Output, Diagnostics> {
        self.render_to(Output::default())
    }

    /// Renders the whole site into `out`: in memory, or streamed to disk
    /// (`Output::to_dir`) as each file is rendered.
    pub fn render_to(&self, mut out: Output) -> Result<Output, Diagnostics> {
        let mut diags = Diagnostics::default();
        self.assets.emit(&mut out);
        crate::pages::render_pages(self, &mut out, &mut diags);
        crate::listing::render_sections(self, &mut out, &mut diags);
        crate::documents::render_document_listings(self, &mut out, &mut diags);
        crate::taxonomy::render_taxonomies(self, &mut out, &mut diags);
        crate::feeds::render_feeds(self, &mut out, &mut diags);
        crate::pages::render_specials(self, &mut out, &mut diags);
        crate::surveys::render_public_forms(self, &mut out, &mut diags);
        crate::par_index::render(self, &mut out, &mut diags);
        crate::search_docs::render_search(self, &mut out, &mut diags);
        diags.into_result(out)
    }

    /// Renders one page's HTML (the dev server's fast path).
    pub fn render_one(&self, path: &str) -> Result<(String, Vec<u8>), Diagnostics> {
        let mut diags = Diagnostics::default();
        let idx = self
            .library
            .pages
            .iter()
            .position(|p| p.path == path)
            .ok_or_else(|| one(Path::new(path), "no such page".into()))?;
        let html = crate::pages::render_page(self, idx, &mut diags);
        diags.into_result((Output::html_path(path), html.unwrap_or_default()))
    }
}
