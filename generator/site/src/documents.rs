//! The documents database listing: every facet value (type, issuer, field,
//! year) gets its own static, paginated page in both date orders, so the
//! filters work with no JavaScript; the JS enhancement reads `du-lieu.json`.

use std::collections::BTreeMap;

use content::Diagnostics;
use serde::Serialize;

use crate::context::Crumb;
use crate::listing::Listing;
use crate::output::Output;
use crate::site::Site;
use crate::summary::Summary;

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub label: String,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
}

/// (URL segment, heading, values of a document under this facet).
type Extract = fn(&Summary) -> Vec<String>;
const FACETS: &[(&str, &str, Extract)] = &[
    ("loai", "Loại văn bản", |s| {
        s.doc_type.iter().cloned().collect()
    }),
    ("co-quan", "Cơ quan ban hành", |s| {
        s.issuer.iter().cloned().collect()
    }),
    ("linh-vuc", "Lĩnh vực", |s| s.fields.clone()),
    ("nam", "Năm ban hành", |s| {
        s.year.iter().map(|y| y.to_string()).collect()
    }),
];

pub fn facets<'a>(docs: &[&'a Summary]) -> Vec<(Facet, BTreeMap<String, Vec<&'a Summary>>)> {
    FACETS
        .iter()
        .map(|(key, label, extract)| {
            let mut groups: BTreeMap<String, (String, Vec<&Summary>)> = BTreeMap::new();
            for &d in docs {
                for v in extract(d) {
                    groups
                        .entry(vntext::slugify(&v))
                        .or_insert_with(|| (v.clone(), Vec::new()))
                        .1
                        .push(d);
                }
            }
            let mut values: Vec<FacetValue> = groups
                .iter()
                .map(|(slug, (label, items))| FacetValue {
                    label: label.clone(),
                    path: format!("/van-ban/{key}/{slug}/"),
                    count: items.len(),
                })
                .collect();
            if *key == "nam" {
                values.sort_by(|a, b| b.label.cmp(&a.label));
            } else {
                vntext::sort_vi_by_key(&mut values, |v| &v.label);
            }
            let by_slug = groups
                .into_iter()
                .map(|(slug, (_, items))| (slug, items))
                .collect();
            (Facet { key, label, values }, by_slug)
        })
        .collect()
}

pub fn render_document_listings<'a>(site: &'a Site, out: &mut Output, diags: &mut Diagnostics) {
    let Some(section) = site.library.section("van-ban") else {
        return;
    };
    let docs = site.section_refs("van-ban");
    let facets = facets(&docs);
    let facet_list: Vec<&Facet> = facets.iter().map(|(f, _)| f).collect();
    let section_crumbs = || {
        let mut c = site.crumbs_to("");
        c.push(Crumb {
            title: section.title.clone(),
            path: section.path.clone(),
        });
        c
    };
    let mut listings: Vec<Listing> = Vec::new();
    let mut listing =
        |title: &str, base: &str, items: &[&'a Summary], active: Option<(&str, &str)>| {
            let mut crumbs = section_crumbs();
            if base != section.path {
                crumbs.push(Crumb {
                    title: title.to_owned(),
                    path: base.to_owned(),
                });
            }
            for (order, base_path) in [
                ("moi-nhat", base.to_owned()),
                ("cu-nhat", format!("{base}cu-nhat/")),
            ] {
                let mut sorted = items.to_vec();
                if order == "cu-nhat" {
                    sorted.reverse();
                }
                let mut ctx = site.base_context(title, &base_path, "van-ban", crumbs.clone());
                ctx.insert("section", section);
                ctx.insert("facets", &facet_list);
                ctx.insert("active_facet", &active.map(|(k, _)| k));
                ctx.insert("active_value", &active.map(|(_, v)| v));
                ctx.insert("order", order);
                ctx.insert("listing_base", base);
                listings.push(Listing {
                    template: "documents.html".into(),
                    base: base_path,
                    items: sorted,
                    ctx,
                });
            }
        };
    listing(&section.title, &section.path, &docs, None);
    for (facet, groups) in &facets {
        for v in &facet.values {
            let slug = v
                .path
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default();
            let items = groups.get(slug).map(Vec::as_slice).unwrap_or_default();
            let title = format!("{}: {}", facet.label, v.label);
            listing(&title, &v.path, items, Some((facet.key, &v.path)));
        }
    }
    site.render_listings(out, diags, &listings);
    // Data for the JS filter: every document's facet values, newest first.
    let data: Vec<serde_json::Value> = docs
        .iter()
        .map(|d| {
            serde_json::json!({
                "t": d.title, "u": d.path, "n": d.number, "d": d.date, "k": d.doc_type,
                "i": d.issuer, "f": d.fields, "y": d.year, "s": d.status,
            })
        })
        .collect();
    out.add(
        "van-ban/du-lieu.json",
        serde_json::to_vec(&data).unwrap_or_default(),
    );
}
