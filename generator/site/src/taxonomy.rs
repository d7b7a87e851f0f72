//! Site-wide taxonomies: fields (lĩnh vực) and tags (thẻ), a paginated page
//! per term and a page listing all terms in Vietnamese order.

use std::collections::BTreeMap;

use content::Diagnostics;
use serde::Serialize;

use crate::context::Crumb;
use crate::listing::Listing;
use crate::output::Output;
use crate::site::Site;
use crate::summary::Summary;

#[derive(Debug, Serialize)]
struct Term {
    name: String,
    path: String,
    count: usize,
}

pub fn render_taxonomies(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    render_taxonomy(site, out, diags, "linh-vuc", "Lĩnh vực", |s| &s.fields);
    render_taxonomy(site, out, diags, "the", "Thẻ", |s| &s.tags);
}

fn render_taxonomy(
    site: &Site,
    out: &mut Output,
    diags: &mut Diagnostics,
    key: &str,
    label: &str,
    values: fn(&Summary) -> &Vec<String>,
) {
    let mut groups: BTreeMap<String, (String, Vec<&Summary>)> = BTreeMap::new();
    for s in &site.summaries {
        for v in values(s) {
            groups
                .entry(vntext::slugify(v))
                .or_insert_with(|| (v.clone(), Vec::new()))
                .1
                .push(s);
        }
    }
    let base = format!("/{key}/");
    let mut terms: Vec<Term> = groups
        .iter()
        .map(|(slug, (name, items))| Term {
            name: name.clone(),
            path: format!("{base}{slug}/"),
            count: items.len(),
        })
        .collect();
    vntext::sort_vi_by_key(&mut terms, |t| &t.name);
    let root_crumbs = || {
        let mut c = site.crumbs_to("");
        c.push(Crumb {
            title: label.to_owned(),
            path: base.clone(),
        });
        c
    };
    let mut ctx = site.base_context(label, &base, key, root_crumbs());
    ctx.insert("taxonomy", label);
    ctx.insert("terms", &terms);
    site.emit(out, diags, "taxonomy_list.html", &base, &ctx);
    let mut listings = Vec::with_capacity(terms.len());
    for t in &terms {
        let slug = t
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let items = groups[slug].1.clone();
        let mut crumbs = root_crumbs();
        crumbs.push(Crumb {
            title: t.name.clone(),
            path: t.path.clone(),
        });
        let mut ctx = site.base_context(&format!("{label}: {}", t.name), &t.path, key, crumbs);
        ctx.insert("taxonomy", label);
        ctx.insert("term", t);
        listings.push(Listing {
            template: "taxonomy_term.html".into(),
            base: t.path.clone(),
            items,
            ctx,
        });
    }
    site.render_listings(out, diags, &listings);
}
