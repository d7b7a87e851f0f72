//! Each content page, the home page and the site-wide special pages.

use content::{Diagnostics, PageKind};
use rayon::prelude::*;

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;
use crate::summary::{ConsultationState, Summary};

/// Pages rendered per batch when streaming to disk: every core stays busy
/// and little HTML is held at once.
const BATCH: usize = 256;

pub fn render_pages(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    let n = site.library.pages.len();
    let batch = if out.is_streaming() { BATCH } else { n.max(1) };
    for start in (0..n).step_by(batch) {
        let rendered: Vec<(usize, Result<Vec<u8>, Diagnostics>)> = (start..(start + batch).min(n))
            .into_par_iter()
            .map(|i| {
                let mut d = Diagnostics::default();
                let html = render_page(site, i, &mut d);
                (i, html.ok_or(d))
            })
            .collect();
        let mut files = Vec::with_capacity(rendered.len());
        for (i, r) in rendered {
            let page = &site.library.pages[i];
            match r {
                Ok(html) => files.push((Output::html_path(&page.path), html)),
                Err(d) => diags.extend(d),
            }
            for a in &page.assets {
                out.copy(
                    a.url.trim_start_matches('/').to_owned(),
                    a.disk_path.clone(),
                );
            }
        }
        out.add_all(files);
    }
}

pub fn render_page(site: &Site, idx: usize, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    let page = &site.library.pages[idx];
    let body = &site.bodies[idx];
    let lib = &site.library;
    let docs = |numbers: &[content::DocNumber]| -> Vec<Summary> {
        numbers
            .iter()
            .filter_map(|n| lib.by_number(n.as_str()))
            .filter_map(|p| lib.index_of_source(&p.source))
            .map(|i| site.summaries[i].clone())
            .collect()
    };
    let mut related = docs(&page.meta.related);
    if let Some(n) = &page.meta.number {
        for &i in site.cited_by.get(n.as_str()).into_iter().flatten() {
            if !related.iter().any(|s| s.path == site.summaries[i].path) {
                related.push(site.summaries[i].clone());
            }
        }
    }
    let mut crumbs = site.crumbs_to(&page.section);
    crumbs.push(Crumb {
        title: page.meta.title.clone(),
        path: page.path.clone(),
    });
    let mut ctx = site.base_context(&page.meta.title, &page.path, &page.section, crumbs);
    ctx.insert("page", page);
    ctx.insert("summary", &site.summaries[idx]);
    if let Some(d) = &site.summaries[idx].description {
        ctx.insert("page_description", d);
    }
    ctx.insert("content", &body.html);
    ctx.insert("toc", &body.toc);
    ctx.insert("question_html", &body.question_html);
    ctx.insert("opinion_summary_html", &body.opinion_summary_html);
    ctx.insert("related", &related);
    ctx.insert("replaces", &docs(&page.meta.replaces));
    ctx.insert("replaced_by", &docs(&page.meta.replaced_by));
    if page.kind == PageKind::Consultation {
        let state = ConsultationState::of(page, site.now);
        ctx.insert("state", &state);
        ctx.insert("state_label", &state.map(|s| s.label()));
        // The same list the opinions function accepts.
        let parts = markdown::draft_parts(
            body.toc.iter().map(|h| (h.id.as_str(), h.title.as_str())),
            &body.anchors,
        );
        ctx.insert("draft_parts", &parts);
    }
    if page.kind == PageKind::Survey {
        if let Some(c) = site.campaign(&page.slug) {
            ctx.insert("campaign", &site.campaign_view(c));
        }
    }
    let template = match page.kind {
        PageKind::Article => "article.html",
        PageKind::Document => "document.html",
        PageKind::Question => "question.html",
        PageKind::Consultation => "consultation.html",
        PageKind::News => "news.html",
        PageKind::Survey => "survey.html",
        PageKind::Plain => "page.html",
    };
    match site.render_template(template, &page.path, &ctx) {
        Ok(html) => Some(html),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The home page, 404, robots.txt and the sitemap.
pub fn render_specials(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    let home_title = site
        .library
        .section("")
        .map(|s| s.title.clone())
        .unwrap_or_else(|| site.config.title.clone());
    let mut ctx = site.base_context(&home_title, "/", "", Vec::new());
    let take = |name: &str, n: usize| -> Vec<Summary> {
        site.section_summaries(name).into_iter().take(n).collect()
    };
    let consultations: Vec<Summary> = site
        .section_summaries("gop-y")
        .into_iter()
        .filter(|s| s.consultation != Some(ConsultationState::Closed))
        .collect();
    ctx.insert("consultations", &consultations);
    ctx.insert("surveys", &site.section_summaries("khao-sat"));
    ctx.insert("documents", &take("van-ban", 6));
    ctx.insert("news", &take("tin-tuc", 4));
    ctx.insert("questions", &take("hoi-dap", 5));
    ctx.insert("articles", &take("kien-thuc", 4));
    if let Some(home) = site.library.section("") {
        ctx.insert(
            "intro",
            &markdown::render(
                &home.body,
                &Default::default(),
                &crate::bodies::Resolver(&site.library),
            )
            .html,
        );
    }
    site.emit(out, diags, "index.html", "/", &ctx);

    let ctx = site.base_context("Không tìm thấy trang", "/404.html", "", site.crumbs_to(""));
    if let Ok(html) = site.render_template("404.html", "/404.html", &ctx) {
        out.add("404.html", html);
    }

    out.add(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nDisallow: /api/\n\nSitemap: {}/sitemap.xml\n",
            site.config.base_url
        ),
    );

    let mut urls: Vec<(String, Option<String>)> = vec![(String::from("/"), None)];
    urls.extend(
        site.library
            .sections
            .iter()
            .filter(|s| !s.name.is_empty())
            .map(|s| (s.path.clone(), None)),
    );
    urls.extend(site.library.pages.iter().map(|p| {
        (
            p.path.clone(),
            p.meta.updated.or(p.sort_date()).map(|d| d.to_string()),
        )
    }));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (path, lastmod) in urls {
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc>",
            site.config.base_url, path
        ));
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    out.add("sitemap.xml", xml);
}
