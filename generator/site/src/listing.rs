//! Section listings, paginated, and the generic paginator.
//!
//! Every paginated listing of the site (sections, taxonomy terms, the
//! documents database and its facets) is described as a [`Listing`] first;
//! `Site::render_listings` then renders all their pages on every core. The
//! items are references to the site's summaries, never copies: a 10,000-page
//! site lists each page in several places.

use content::{Diagnostic, Diagnostics};
use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;
use crate::summary::Summary;

#[derive(Debug, Serialize)]
pub struct Paginator<'a> {
    pub current: usize,
    pub total_pages: usize,
    pub total_items: usize,
    pub items: &'a [&'a Summary],
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub path: String,
}

/// URL of page `n` of a listing at `base`: page 1 is the base itself.
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_owned()
    } else {
        format!("{base}trang/{n}/")
    }
}

/// Pages linked from page `current` of `total`: the first, the last and
/// two either side of the current one. Listing every page made each of a
/// 4,000-item section's 200 pages carry 200 links: quadratic HTML (30 MB of
/// a 10,000-page build) and render time, and a long list to tab through.
pub fn page_links(base: &str, current: usize, total: usize) -> Vec<PageLink> {
    const AROUND: usize = 2;
    (1..=total)
        .filter(|&k| k == 1 || k == total || k.abs_diff(current) <= AROUND)
        .map(|k| PageLink {
            number: k,
            path: page_path(base, k),
        })
        .collect()
}

/// One paginated listing: `items` split by the site's page size, each page
/// rendered with `template` from `ctx` plus its `paginator`.
pub(crate) struct Listing<'a> {
    pub template: String,
    pub base: String,
    pub items: Vec<&'a Summary>,
    pub ctx: Context,
}

/// Listing pages rendered per batch: enough to keep every core busy, few
/// enough that a streaming build holds little HTML at once.
const BATCH: usize = 256;

impl Site {
    fn total_pages(&self, l: &Listing) -> usize {
        l.items.len().div_ceil(self.config.paginate).max(1)
    }

    /// Renders page `n` of `l`: (output path, HTML).
    fn render_listing_page(&self, l: &Listing, n: usize) -> Result<(String, Vec<u8>), Diagnostic> {
        let per = self.config.paginate;
        let items = &l.items;
        let total_pages = self.total_pages(l);
        let base = l.base.as_str();
        let slice = &items[((n - 1) * per).min(items.len())..(n * per).min(items.len())];
        let pager = Paginator {
            current: n,
            total_pages,
            total_items: items.len(),
            items: slice,
            prev: (n > 1).then(|| page_path(base, n - 1)),
            next: (n < total_pages).then(|| page_path(base, n + 1)),
            pages: page_links(base, n, total_pages),
        };
        let path = page_path(base, n);
        let mut c = l.ctx.clone();
        c.insert("paginator", &pager);
        c.insert("current_path", &path);
        c.insert("canonical", &format!("{}{}", self.config.base_url, path));
        if n > 1 {
            let title: String = l
                .ctx
                .get("page_title")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
            c.insert("page_title", &format!("{title} – trang {n}"));
        }
        self.render_template(&l.template, &path, &c)
            .map(|html| (Output::html_path(&path), html))
    }

    /// Renders every page of every listing, in parallel, in order.
    pub(crate) fn render_listings(
        &self,
        out: &mut Output,
        diags: &mut Diagnostics,
        listings: &[Listing],
    ) {
        let jobs: Vec<(usize, usize)> = listings
            .iter()
            .enumerate()
            .flat_map(|(i, l)| (1..=self.total_pages(l)).map(move |n| (i, n)))
            .collect();
        for batch in jobs.chunks(BATCH) {
            let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = batch
                .par_iter()
                .map(|&(i, n)| self.render_listing_page(&listings[i], n))
                .collect();
            let mut files = Vec::with_capacity(rendered.len());
            for r in rendered {
                match r {
                    Ok(f) => files.push(f),
                    Err(d) => diags.push(d),
                }
            }
            out.add_all(files);
        }
    }
}

pub fn render_sections(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    let mut listings = Vec::new();
    for section in &site.library.sections {
        if section.name.is_empty() || section.name == "van-ban" {
            continue; // the home page and the documents database have their own pages
        }
        let items = site.section_refs(&section.name);
        let mut crumbs = site.crumbs_to("");
        crumbs.push(Crumb {
            title: section.title.clone(),
            path: section.path.clone(),
        });
        let mut ctx = site.base_context(&section.title, &section.path, &section.name, crumbs);
        ctx.insert("section", section);
        let intro = markdown::render(
            &section.body,
            &Default::default(),
            &crate::bodies::Resolver(&site.library),
        );
        ctx.insert("intro", &intro.html);
        let template = format!("section/{}.html", section.name);
        let template = if site.tera.get_template_names().any(|t| t == template) {
            template
        } else {
            "section/default.html".into()
        };
        listings.push(Listing {
            template,
            base: section.path.clone(),
            items,
            ctx,
        });
    }
    site.render_listings(out, diags, &listings);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(current: usize, total: usize) -> Vec<usize> {
        page_links("/x/", current, total)
            .iter()
            .map(|l| l.number)
            .collect()
    }

    #[test]
    fn short_listings_link_every_page() {
        assert_eq!(numbers(1, 1), vec![1]);
        assert_eq!(numbers(3, 5), vec![1, 2, 3, 4, 5]);
        assert_eq!(page_links("/x/", 1, 2)[1].path, "/x/trang/2/");
    }

    #[test]
    fn long_listings_link_the_ends_and_the_neighbourhood() {
        assert_eq!(numbers(1, 200), vec![1, 2, 3, 200]);
        assert_eq!(numbers(50, 200), vec![1, 48, 49, 50, 51, 52, 200]);
        assert_eq!(numbers(200, 200), vec![1, 198, 199, 200]);
    }
}
