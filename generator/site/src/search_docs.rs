//! The search page and its index, built from every page's plain text.

use content::Diagnostics;
use rayon::prelude::*;
use search::{SearchDoc, SearchIndex};

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;

impl Site {
    /// What the search sees of each page, newest first (ties rank in this order).
    pub fn search_docs(&self) -> Vec<SearchDoc<'_>> {
        self.library
            .pages
            .par_iter()
            .zip(self.bodies.par_iter())
            .zip(self.summaries.par_iter())
            .map(|((page, body), summary)| SearchDoc {
                url: page.path.clone(),
                title: summary.label.clone(),
                section: self
                    .library
                    .section(&page.section)
                    .map(|s| s.title.clone())
                    .unwrap_or_default(),
                date: summary
                    .date
                    .as_deref()
                    .and_then(vntext::parse_date)
                    .map(vntext::format_date_short),
                summary: summary.description.clone().unwrap_or_default(),
                body: body.text.as_str().into(),
            })
            .collect()
    }
}

pub fn render_search(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    let index = SearchIndex::build(&site.search_docs());
    let files = index.files();
    let manifest = files
        .iter()
        .find(|(path, _)| path.ends_with("/manifest.json"))
        .map(|(path, _)| format!("/{path}"))
        .unwrap_or_default();
    drop(index);
    // 1,500 files at 10,000 pages: written on every core, not one by one.
    out.add_all(files);
    let path = "/tim-kiem/";
    let mut crumbs = site.crumbs_to("");
    crumbs.push(Crumb {
        title: "Tìm kiếm".into(),
        path: path.into(),
    });
    let mut ctx = site.base_context("Tìm kiếm", path, "tim-kiem", crumbs);
    ctx.insert("search_manifest", &manifest);
    site.emit(out, diags, "search.html", path, &ctx);
}
