//! Checks that need the whole library: references between documents and
//! metadata that must agree with dates.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::kind::PageKind;
use crate::library::Library;
use crate::page::Page;
use crate::types::DocStatus;

pub fn check_library(lib: &Library, today: NaiveDate) -> Diagnostics {
    let mut d = Diagnostics::default();
    duplicate_paths(lib, &mut d);
    for p in &lib.pages {
        references(lib, p, &mut d);
        if p.kind == PageKind::Document {
            document_metadata(lib, p, today, &mut d);
        }
        if p.kind == PageKind::Consultation {
            if let (Some(o), Some(c)) = (p.meta.opens, p.meta.closes) {
                if c <= o {
                    d.push(Diagnostic::new(
                        &p.file,
                        p.line_of("closes"),
                        "closes must be after opens",
                    ));
                }
            }
        }
        if p.kind == PageKind::Question {
            if let (Some(a), Some(b)) = (p.meta.asked, p.meta.answered) {
                if b < a {
                    d.push(Diagnostic::new(
                        &p.file,
                        p.line_of("answered"),
                        format!("answered ({b}) is before asked ({a})"),
                    ));
                }
            }
        }
    }
    d
}

fn duplicate_paths(lib: &Library, d: &mut Diagnostics) {
    let mut seen: HashMap<&str, &Page> = HashMap::new();
    let mut numbers: HashMap<&str, &Page> = HashMap::new();
    for p in &lib.pages {
        if let Some(first) = seen.insert(&p.path, p) {
            d.push(Diagnostic::new(
                &p.file,
                1,
                format!("URL {} is also used by {}", p.path, first.file.display()),
            ));
        }
        if let Some(n) = &p.meta.number {
            if let Some(first) = numbers.insert(n.as_str(), p) {
                d.push(Diagnostic::new(
                    &p.file,
                    p.line_of("number"),
                    format!(
                        "document number {n} is also used by {}",
                        first.file.display()
                    ),
                ));
            }
        }
    }
}

fn references(lib: &Library, p: &Page, d: &mut Diagnostics) {
    for (key, list) in [
        ("replaces", &p.meta.replaces),
        ("replaced_by", &p.meta.replaced_by),
        ("related", &p.meta.related),
    ] {
        for n in list {
            match lib.by_number(n.as_str()) {
                None => d.push(Diagnostic::new(
                    &p.file,
                    p.line_of_value(key, n.as_str()),
                    format!("{key}: no document with number {n}"),
                )),
                Some(target) if std::ptr::eq(target, p) => d.push(Diagnostic::new(
                    &p.file,
                    p.line_of_value(key, n.as_str()),
                    format!("{key}: a document cannot refer to itself ({n})"),
                )),
                Some(_) => {}
            }
        }
    }
}

fn document_metadata(lib: &Library, p: &Page, today: NaiveDate, d: &mut Diagnostics) {
    let m = &p.meta;
    let Some(number) = &m.number else { return };
    if let (Some(issued), Some(effective)) = (m.issued, m.effective) {
        if effective < issued {
            d.push(Diagnostic::new(
                &p.file,
                p.line_of("effective"),
                format!("effective ({effective}) is before issued ({issued})"),
            ));
        }
    }
    if let Some(issued) = m.issued {
        if issued.0 > today {
            d.push(Diagnostic::new(
                &p.file,
                p.line_of("issued"),
                format!("issued ({issued}) is in the future"),
            ));
        }
    }
    // replaces / replaced_by must be stated on both documents.
    for r in &m.replaced_by {
        if let Some(newer) = lib.by_number(r.as_str()) {
            if !newer.meta.replaces.contains(number) {
                d.push(Diagnostic::new(
                    &p.file,
                    p.line_of_value("replaced_by", r.as_str()),
                    format!(
                        "replaced_by: {r} does not list {number} in its replaces ({})",
                        newer.file.display()
                    ),
                ));
            }
        }
    }
    for r in &m.replaces {
        if let Some(older) = lib.by_number(r.as_str()) {
            if !older.meta.replaced_by.contains(number) {
                d.push(Diagnostic::new(
                    &p.file,
                    p.line_of_value("replaces", r.as_str()),
                    format!(
                        "replaces: {r} does not list {number} in its replaced_by ({})",
                        older.file.display()
                    ),
                ));
            }
        }
    }
    let line = p.line_of("status");
    match m.status {
        Some(DocStatus::InForce | DocStatus::NotYetInForce) if !m.replaced_by.is_empty() => {
            d.push(Diagnostic::new(
                &p.file,
                line,
                "status: a document with replaced_by must be \"hết hiệu lực\"",
            ));
        }
        Some(DocStatus::NotYetInForce) => match m.effective {
            Some(e) if e.0 > today => {}
            Some(e) => d.push(Diagnostic::new(
                &p.file,
                line,
                format!("status: \"chưa có hiệu lực\" but effective ({e}) has passed"),
            )),
            None => d.push(Diagnostic::new(
                &p.file,
                line,
                "status: \"chưa có hiệu lực\" needs an effective date",
            )),
        },
        Some(DocStatus::InForce) => {
            if let Some(e) = m.effective.filter(|e| e.0 > today) {
                d.push(Diagnostic::new(&p.file, line, format!("status: \"còn hiệu lực\" but effective ({e}) is in the future; use \"chưa có hiệu lực\"")));
            }
        }
        _ => {}
    }
    for a in &m.attachments {
        if !p.assets.iter().any(|x| x.file_name == a.file) {
            d.push(Diagnostic::new(
                &p.file,
                p.line_of_value("attachments", &a.file),
                format!(
                    "attachments: file {} is missing from the document folder",
                    a.file
                ),
            ));
        }
    }
}
