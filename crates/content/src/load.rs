use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::front_matter::{split_front_matter, FrontMatter};
use crate::kind::PageKind;
use crate::library::{Library, Section};
use crate::page::{Asset, Page, Part};

#[derive(Debug, Clone)]
pub struct LoadOptions {
    pub drafts: bool,
    pub future: bool,
    /// "Today" in Vietnam, injectable so tests can fix it.
    pub today: NaiveDate,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            drafts: false,
            future: false,
            today: vntext::today_vn(),
        }
    }
}

/// Files readers may download from a document or consultation folder.
const DOWNLOADABLE: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "png", "jpg", "jpeg", "zip",
];

/// Loads `content_dir` into a library. `display_root` is what paths in
/// messages are relative to (the project root), so they open in an editor.
pub fn load_library(
    content_dir: &Path,
    display_root: &Path,
    opts: &LoadOptions,
) -> Result<Library, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut page_files = Vec::new();
    let mut section_files = Vec::new();
    let entries = match read_dir_sorted(content_dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::new(
                display(content_dir, display_root),
                0,
                format!("cannot read content folder: {e}"),
            ));
            return Err(diags);
        }
    };
    for path in entries {
        let name = file_name(&path);
        if path.is_dir() {
            for inner in read_dir_sorted(&path).unwrap_or_default() {
                let inner_name = file_name(&inner);
                if inner_name == "_index.md" {
                    section_files.push((name.clone(), inner));
                } else if inner.is_dir() {
                    let index = inner.join("index.md");
                    if index.is_file() {
                        page_files.push(index);
                    }
                } else if inner_name.ends_with(".md") {
                    page_files.push(inner);
                }
            }
        } else if name == "_index.md" {
            section_files.push((String::new(), path));
        } else if name.ends_with(".md") {
            page_files.push(path);
        }
    }

    let results: Vec<Result<Option<Page>, Diagnostics>> = page_files
        .par_iter()
        .map(|p| load_page(content_dir, display_root, p, opts))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(Some(p)) => pages.push(p),
            Ok(None) => {}
            Err(d) => diags.extend(d),
        }
    }
    let mut sections = Vec::new();
    for (name, file) in section_files {
        match load_section(&name, &file, display_root) {
            Ok(s) => sections.push(s),
            Err(d) => diags.push(d),
        }
    }
    for p in &pages {
        if !p.section.is_empty() && !sections.iter().any(|s| s.name == p.section) {
            diags.push(Diagnostic::new(
                &p.file,
                1,
                format!("section \"{}\" has no _index.md", p.section),
            ));
        }
    }
    diags.into_result(Library::new(pages, sections))
}

fn load_section(name: &str, file: &Path, display_root: &Path) -> Result<Section, Diagnostic> {
    let shown = display(file, display_root);
    let text = read_nfc(file).map_err(|e| Diagnostic::new(&shown, 0, e))?;
    let (meta, _yaml, body, body_line) = parse(&text, &shown)?;
    Ok(Section {
        name: name.to_owned(),
        title: meta.title,
        description: meta.description,
        path: if name.is_empty() {
            "/".into()
        } else {
            format!("/{name}/")
        },
        file: shown,
        body: body.to_owned(),
        body_line,
        pages: Vec::new(),
    })
}

/// Loads one page; `Ok(None)` when it is a draft or dated in the future and
/// the options leave those out.
pub fn load_page(
    content_dir: &Path,
    display_root: &Path,
    file: &Path,
    opts: &LoadOptions,
) -> Result<Option<Page>, Diagnostics> {
    let shown = display(file, display_root);
    let text = read_nfc(file).map_err(|e| single(Diagnostic::new(&shown, 0, e)))?;
    let (meta, yaml, body, body_line) = parse(&text, &shown).map_err(single)?;
    if meta.draft && !opts.drafts {
        return Ok(None);
    }
    let rel = file.strip_prefix(content_dir).unwrap_or(file);
    let source = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let parts: Vec<&str> = source.split('/').collect();
    let (section, stem, bundle) = match parts.as_slice() {
        [f] => (String::new(), f.trim_end_matches(".md").to_owned(), false),
        [s, f] => (s.to_string(), f.trim_end_matches(".md").to_owned(), false),
        [s, d, "index.md"] => (s.to_string(), d.to_string(), true),
        _ => return Err(single(Diagnostic::new(
            &shown,
            1,
            "pages may only be one folder deep: <section>/<page>.md or <section>/<page>/index.md",
        ))),
    };
    let kind = PageKind::from_section(&section);
    let slug = vntext::slugify(meta.slug.as_deref().unwrap_or(&stem));
    let mut diags = Diagnostics::default();
    if slug.is_empty() {
        diags.push(Diagnostic::new(
            &shown,
            1,
            "the file name gives an empty URL slug; rename it or set slug:",
        ));
    }
    let path = if section.is_empty() {
        format!("/{slug}/")
    } else {
        format!("/{section}/{slug}/")
    };
    let mut page = Page {
        source,
        file: shown.clone(),
        section,
        kind,
        slug,
        path,
        meta,
        front_matter_src: yaml.to_owned(),
        body: body.to_owned(),
        body_line,
        assets: Vec::new(),
        opinion_summary: None,
        bundle_dir: None,
    };
    if bundle {
        let dir = file.parent().unwrap_or(content_dir).to_path_buf();
        page.assets = collect_assets(&dir, &page);
        let summary = dir.join("tong-hop.md");
        if kind == PageKind::Consultation && summary.is_file() {
            let shown_summary = display(&summary, display_root);
            match read_nfc(&summary) {
                Ok(t) => {
                    let (b, line) = match split_front_matter(&t) {
                        Some((_, b, l)) => (b.to_owned(), l),
                        None => (t.clone(), 1),
                    };
                    page.opinion_summary = Some(Part {
                        file: shown_summary,
                        body: b,
                        body_line: line,
                    });
                }
                Err(e) => diags.push(Diagnostic::new(shown_summary, 0, e)),
            }
        }
        page.bundle_dir = Some(dir);
    }
    diags.extend(required_fields(&page));
    if !opts.future {
        if let Some(d) = page.sort_date() {
            if d.0 > opts.today && page.kind != PageKind::Consultation {
                return diags.into_result(None);
            }
        }
    }
    diags.into_result(Some(page))
}

fn single(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

fn parse<'a>(
    text: &'a str,
    shown: &Path,
) -> Result<(FrontMatter, &'a str, &'a str, usize), Diagnostic> {
    let (yaml, body, body_line) = split_front_matter(text)
        .ok_or_else(|| Diagnostic::new(shown, 1, "missing front matter: the file must start with a line '---', the YAML fields, then '---'"))?;
    let meta: FrontMatter = serde_yaml_ng::from_str(yaml).map_err(|e| {
        let msg = e.to_string();
        // serde_yaml appends "at line N column M", which counts from the YAML start, not the file.
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
        // A value refused by our own types is located at its mapping, not at
        // itself; the message quotes the value, so find its line.
        let quoted = msg.split('"').nth(1).filter(|q| !q.is_empty());
        let line = quoted
            .and_then(|q| {
                let is_value = |l: &str| {
                    let v = l
                        .trim_start()
                        .strip_prefix("- ")
                        .or_else(|| l.split_once(':').map(|(_, v)| v))
                        .unwrap_or("");
                    v.trim().trim_matches(|c| c == '"' || c == '\'') == q
                };
                yaml.lines()
                    .position(is_value)
                    .or_else(|| yaml.lines().position(|l| l.contains(q)))
                    .map(|i| i + 2)
            })
            .or_else(|| e.location().map(|l| l.line() + 1))
            .unwrap_or(1);
        Diagnostic::new(shown, line, format!("front matter: {msg}"))
    })?;
    if meta.title.trim().is_empty() {
        return Err(Diagnostic::new(
            shown,
            crate::front_matter::key_line(yaml, "title"),
            "title must not be empty",
        ));
    }
    Ok((meta, yaml, body, body_line))
}

/// The fields each kind of page cannot do without.
fn required_fields(p: &Page) -> Diagnostics {
    let m = &p.meta;
    let mut missing: Vec<&str> = Vec::new();
    match p.kind {
        PageKind::Article | PageKind::News => {
            if m.date.is_none() {
                missing.push("date");
            }
        }
        PageKind::Document => {
            for (name, present) in [
                ("number", m.number.is_some()),
                ("doc_type", m.doc_type.is_some()),
                ("issuer", m.issuer.is_some()),
                ("issued", m.issued.is_some()),
                ("status", m.status.is_some()),
                ("summary", m.summary.is_some()),
            ] {
                if !present {
                    missing.push(name);
                }
            }
        }
        PageKind::Question => {
            for (name, present) in [
                ("question", m.question.is_some()),
                ("asked", m.asked.is_some()),
                ("answered", m.answered.is_some()),
            ] {
                if !present {
                    missing.push(name);
                }
            }
        }
        PageKind::Consultation => {
            for (name, present) in [
                ("agency", m.agency.is_some()),
                ("opens", m.opens.is_some()),
                ("closes", m.closes.is_some()),
            ] {
                if !present {
                    missing.push(name);
                }
            }
        }
        PageKind::Survey | PageKind::Plain => {}
    }
    let mut diags = Diagnostics::default();
    for name in missing {
        diags.push(Diagnostic::new(
            &p.file,
            1,
            format!("missing required field `{name}` for a {:?} page", p.kind).to_lowercase(),
        ));
    }
    diags
}

fn collect_assets(dir: &Path, page: &Page) -> Vec<Asset> {
    let mut assets = Vec::new();
    for f in read_dir_sorted(dir).unwrap_or_default() {
        let name = file_name(&f);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !f.is_file() || !DOWNLOADABLE.contains(&ext.as_str()) {
            continue;
        }
        let title = page
            .meta
            .attachments
            .iter()
            .find(|a| a.file == name)
            .and_then(|a| a.title.clone())
            .unwrap_or_else(|| name.clone());
        let size = fs::metadata(&f).map(|m| m.len()).unwrap_or(0);
        assets.push(Asset {
            url: format!("{}{}", page.path, name),
            file_name: name,
            title,
            kind: ext.to_ascii_uppercase(),
            size,
            disk_path: f,
        });
    }
    assets
}

fn read_nfc(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|e| format!("cannot read file: {e}"))?;
    let mut text = String::from_utf8(bytes)
        .map_err(|_| "file is not UTF-8 text; save it as UTF-8".to_owned())?;
    // Most files need none of these changes: no copy of the file then.
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    Ok(vntext::into_nfc(text))
}

fn read_dir_sorted(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.retain(|p| !file_name(p).starts_with('.'));
    v.sort();
    Ok(v)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn display(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
