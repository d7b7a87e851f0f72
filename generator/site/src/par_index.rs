//! The published PAR Index (Chỉ số CCHC) and SIPAS pages: `cchc index
//! publish <year>` writes `data/chi-so-cchc/<year>/ket-qua.json` (and the CSV
//! and XLSX downloads beside it); this module renders what it finds there and
//! computes nothing: the figures on the pages are the published file's.
//!
//! - `/chi-so-cchc/` lists the years; `/chi-so-cchc/<year>/` ranks ministries
//!   and provinces apart in plain tables sorted by rank;
//! - `/chi-so-cchc/<year>/<unit>/` shows a unit's components, its survey score
//!   per criterion and the appraisal-vs-survey rank gap as an SVG chart with
//!   its table beside it;
//! - `/chi-so-sipas/<year>/` the share satisfied per province and factor with
//!   n and the 95 % interval, "chưa đủ mẫu" below the minimum sample.

use content::Diagnostics;
use evaluation::release::{Published, PublishedUnit};
use serde::Serialize;

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;

#[derive(Serialize)]
struct YearLink {
    year: i32,
    path: String,
}

#[derive(Serialize)]
struct Download {
    label: String,
    path: String,
}

pub fn render(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    if site.published.is_empty() {
        return;
    }
    let years: Vec<YearLink> = site
        .published
        .iter()
        .filter(|y| y.index.is_some())
        .map(|y| YearLink {
            year: y.year,
            path: format!("/chi-so-cchc/{}/", y.year),
        })
        .collect();
    let home = || {
        let mut c = site.crumbs_to("");
        c.push(Crumb {
            title: "Chỉ số CCHC".into(),
            path: "/chi-so-cchc/".into(),
        });
        c
    };
    if !years.is_empty() {
        let mut ctx = site.base_context("Chỉ số cải cách hành chính", "/chi-so-cchc/", "", home());
        ctx.insert("years", &years);
        site.emit(out, diags, "par_years.html", "/chi-so-cchc/", &ctx);
    }
    for y in &site.published {
        for (name, bytes) in &y.downloads {
            let section = if name.starts_with("sipas") {
                "chi-so-sipas"
            } else {
                "chi-so-cchc"
            };
            out.add(format!("{section}/{}/{name}", y.year), bytes.clone());
        }
        let downloads = |prefix: &str, section: &str| -> Vec<Download> {
            y.downloads
                .iter()
                .filter(|(n, _)| n.starts_with(prefix))
                .map(|(n, _)| Download {
                    label: evaluation::release::download_label(n),
                    path: format!("/{section}/{}/{n}", y.year),
                })
                .collect()
        };
        if let Some(index) = &y.index {
            let path = format!("/chi-so-cchc/{}/", y.year);
            let title = format!("Chỉ số cải cách hành chính năm {}", y.year);
            let mut crumbs = home();
            let mut ctx = site.base_context(&title, &path, "", crumbs.clone());
            ctx.insert("index", index);
            ctx.insert("downloads", &downloads("bang-xep-hang", "chi-so-cchc"));
            site.emit(out, diags, "par_ranking.html", &path, &ctx);
            crumbs.push(Crumb {
                title: format!("Năm {}", y.year),
                path: path.clone(),
            });
            for kind in &index.kinds {
                for u in &kind.units {
                    render_unit(site, out, diags, &path, &crumbs, index, kind, u);
                }
            }
        }
        if let Some(sipas) = &y.sipas {
            let path = format!("/chi-so-sipas/{}/", y.year);
            let title = format!(
                "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) năm {}",
                y.year
            );
            let mut crumbs = site.crumbs_to("");
            crumbs.push(Crumb {
                title: "Chỉ số SIPAS".into(),
                path: path.clone(),
            });
            let mut ctx = site.base_context(&title, &path, "", crumbs);
            ctx.insert("sipas", sipas);
            ctx.insert("downloads", &downloads("sipas", "chi-so-sipas"));
            site.emit(out, diags, "sipas.html", &path, &ctx);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn render_unit(
    site: &Site,
    out: &mut Output,
    diags: &mut Diagnostics,
    year_path: &str,
    crumbs: &[Crumb],
    index: &Published,
    kind: &evaluation::release::PublishedKind,
    u: &PublishedUnit,
) {
    let path = format!("{year_path}{}/", u.slug);
    let title = format!("{}: Chỉ số CCHC năm {}", u.name, index.year);
    let mut ctx = site.base_context(&title, &path, "", crumbs.to_vec());
    ctx.insert("index", index);
    ctx.insert("kind", kind);
    ctx.insert("unit", u);
    ctx.insert(
        "chart",
        &evaluation::release::rank_chart_svg(u, kind.units.len()),
    );
    site.emit(out, diags, "par_unit.html", &path, &ctx);
}
