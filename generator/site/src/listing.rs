//! Section listings, paginated, and the generic paginator.

use content::Diagnostics;
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
    pub items: &'a [Summary],
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

impl Site {
    /// Writes `base`, `base/trang/2/`, … with `items` split by the site's page
    /// size; `fill` adds the listing's own variables to each page's context.
    pub(crate) fn paginate(
        &self,
        out: &mut Output,
        diags: &mut Diagnostics,
        template: &str,
        base: &str,
        items: &[Summary],
        ctx: &Context,
    ) {
        let per = self.config.paginate;
        let total_pages = items.len().div_ceil(per).max(1);
        for n in 1..=total_pages {
            let slice = &items[((n - 1) * per).min(items.len())..(n * per).min(items.len())];
            let pager = Paginator {
                current: n,
                total_pages,
                total_items: items.len(),
                items: slice,
                prev: (n > 1).then(|| page_path(base, n - 1)),
                next: (n < total_pages).then(|| page_path(base, n + 1)),
                pages: (1..=total_pages)
                    .map(|k| PageLink {
                        number: k,
                        path: page_path(base, k),
                    })
                    .collect(),
            };
            let path = page_path(base, n);
            let mut c = ctx.clone();
            c.insert("paginator", &pager);
            c.insert("current_path", &path);
            c.insert("canonical", &format!("{}{}", self.config.base_url, path));
            if n > 1 {
                let title: String = ctx
                    .get("page_title")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned();
                c.insert("page_title", &format!("{title} – trang {n}"));
            }
            self.emit(out, diags, template, &path, &c);
        }
    }
}

pub fn render_sections(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    for section in &site.library.sections {
        if section.name.is_empty() || section.name == "van-ban" {
            continue; // the home page and the documents database have their own pages
        }
        let items = site.section_summaries(&section.name);
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
        site.paginate(out, diags, &template, &section.path, &items, &ctx);
    }
}
