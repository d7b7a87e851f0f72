//! Renders every page's markdown in parallel, then checks the anchors that
//! links point at, which are only known once all pages are rendered.

use std::collections::HashSet;

use content::{Diagnostic, Diagnostics, Library, Page, PageKind};
use markdown::{LinkResolver, RenderOptions, Rendered};
use rayon::prelude::*;
use serde::Serialize;

/// The HTML and facts of one page's markdown parts.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    pub text: String,
    /// A question's text (Q&A pages).
    pub question_html: Option<String>,
    /// The agency's summary of opinions (consultations).
    pub opinion_summary_html: Option<String>,
    links: Vec<markdown::InternalLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

pub struct Resolver<'a>(pub &'a Library);

impl LinkResolver for Resolver<'_> {
    fn page_url(&self, source: &str) -> Option<String> {
        if let Some(section) = source.strip_suffix("/_index.md") {
            return self.0.section(section).map(|s| s.path.clone());
        }
        if source == "_index.md" {
            return Some("/".into());
        }
        self.0.by_source(source).map(|p| p.path.clone())
    }
    fn document(&self, number: &str) -> Option<(String, String)> {
        self.0
            .by_number(number)
            .map(|p| (p.path.clone(), p.source.clone()))
    }
}

pub fn render_page(lib: &Library, page: &Page) -> (Body, Diagnostics) {
    let resolver = Resolver(lib);
    let mut diags = Diagnostics::default();
    let opts = RenderOptions {
        legal_anchors: page.kind == PageKind::Consultation,
        first_line: page.body_line,
    };
    let main = markdown::render(&page.body, &opts, &resolver);
    report(&page.file, &main, &mut diags);
    let mut body = Body {
        toc: main
            .toc
            .iter()
            .map(|h| TocEntry {
                level: h.level,
                id: h.id.clone(),
                title: h.title.clone(),
            })
            .collect(),
        anchors: main.anchors,
        html: main.html,
        text: main.text,
        links: main.links,
        ..Default::default()
    };
    if let Some(q) = &page.meta.question {
        let r = markdown::render(
            q,
            &RenderOptions {
                legal_anchors: false,
                first_line: page.line_of("question"),
            },
            &resolver,
        );
        report(&page.file, &r, &mut diags);
        body.text = format!("{} {}", r.text, body.text);
        body.links.extend(r.links);
        body.question_html = Some(r.html);
    }
    if let Some(part) = &page.opinion_summary {
        let r = markdown::render(
            &part.body,
            &RenderOptions {
                legal_anchors: false,
                first_line: part.body_line,
            },
            &resolver,
        );
        report(&part.file, &r, &mut diags);
        body.links.extend(r.links);
        body.opinion_summary_html = Some(r.html);
    }
    (body, diags)
}

fn report(file: &std::path::Path, r: &Rendered, diags: &mut Diagnostics) {
    for e in &r.errors {
        diags.push(Diagnostic::new(file, e.line, e.message.clone()));
    }
}

/// Renders all pages (in library order) and checks every `#anchor` link.
pub fn render_all(lib: &Library) -> (Vec<Body>, Diagnostics) {
    let results: Vec<(Body, Diagnostics)> =
        lib.pages.par_iter().map(|p| render_page(lib, p)).collect();
    let mut diags = Diagnostics::default();
    let mut bodies = Vec::with_capacity(results.len());
    for (b, d) in results {
        diags.extend(d);
        bodies.push(b);
    }
    for (page, body) in lib.pages.iter().zip(&bodies) {
        diags.extend(check_anchors(lib, &bodies, page, body));
    }
    (bodies, diags)
}

pub fn check_anchors(lib: &Library, bodies: &[Body], page: &Page, body: &Body) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for link in &body.links {
        let Some(anchor) = &link.anchor else { continue };
        let Some(idx) = lib.index_of_source(&link.target_source) else {
            continue;
        };
        if !bodies.get(idx).is_some_and(|b| b.anchors.contains(anchor)) {
            diags.push(Diagnostic::new(
                &page.file,
                link.line,
                format!("broken anchor: @/{} has no #{anchor}", link.target_source),
            ));
        }
    }
    diags
}
