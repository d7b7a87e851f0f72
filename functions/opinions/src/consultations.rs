//! The consultations the function accepts opinions for, read from the same
//! markdown the site is built from, so the form on the page and the function
//! agree on the dates and on the parts an opinion may name.
//!
//! Locally that is `<project>/content/gop-y/`; on Lambda the content layer
//! (`CCHC_CONTENT_DIR`, `/opt`) carries the tree.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use content::{split_front_matter, FrontMatter};
use markdown::{LinkResolver, RenderOptions};

pub const CONTENT_DIR_VAR: &str = "CCHC_CONTENT_DIR";
/// The `pham_vi` of an opinion on the draft as a whole.
pub const WHOLE: &str = "toan-bo";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    /// URL slug, as the site computes it.
    pub slug: String,
    /// Path under `content/` (`gop-y/<folder>/index.md`), for `@/` links.
    pub source: String,
    pub title: String,
    pub agency: String,
    pub opens: DateTime<Utc>,
    pub closes: DateTime<Utc>,
    /// Chương, Điều and Khoản in reading order.
    pub parts: Vec<Part>,
}

/// A part of the draft: the anchor on the page and its label.
pub use markdown::DraftPart as Part;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Upcoming,
    Open,
    Closed,
}

impl Consultation {
    /// Open from `opens` (inclusive) to `closes` (exclusive), as the site shows it.
    pub fn state_at(&self, now: DateTime<Utc>) -> State {
        if now < self.opens {
            State::Upcoming
        } else if now < self.closes {
            State::Open
        } else {
            State::Closed
        }
    }

    /// The label of a part, or `None` when the draft has no such part.
    pub fn part_label(&self, id: &str) -> Option<String> {
        if id == WHOLE {
            return Some("Toàn bộ dự thảo".to_owned());
        }
        self.parts
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.clone())
    }

    /// Position of a part in reading order (the whole draft first).
    pub fn part_rank(&self, id: &str) -> usize {
        if id == WHOLE {
            return 0;
        }
        self.parts
            .iter()
            .position(|p| p.id == id)
            .map_or(usize::MAX, |i| i + 1)
    }

    /// The page on the site.
    pub fn path(&self) -> String {
        format!("/gop-y/{}/", self.slug)
    }
}

/// `<content>/gop-y/`, from `CCHC_CONTENT_DIR` (the folder holding `gop-y/`,
/// or one holding `content/`) or `./content`.
pub fn dir_from_env() -> PathBuf {
    let root = std::env::var_os(CONTENT_DIR_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("content"));
    if !root.join("gop-y").is_dir() && root.join("content").join("gop-y").is_dir() {
        return root.join("content").join("gop-y");
    }
    root.join("gop-y")
}

/// Every published (non-draft) consultation under `dir`, with every problem
/// in one message.
pub fn load(dir: &Path) -> Result<Vec<Consultation>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut folders: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("index.md").is_file())
        .collect();
    folders.sort();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for folder in folders {
        match load_one(&folder) {
            Ok(Some(c)) => out.push(c),
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors.join("\n"))
    }
}

fn load_one(folder: &Path) -> Result<Option<Consultation>, String> {
    let file = folder.join("index.md");
    let shown = file.display();
    let bytes = std::fs::read(&file).map_err(|e| format!("{shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{shown}: not UTF-8"))?;
    let text = vntext::nfc(text.strip_prefix('\u{feff}').unwrap_or(&text)).replace("\r\n", "\n");
    let (yaml, body, body_line) =
        split_front_matter(&text).ok_or_else(|| format!("{shown}: no front matter"))?;
    let meta: FrontMatter =
        serde_yaml_ng::from_str(yaml).map_err(|e| format!("{shown}: front matter: {e}"))?;
    if meta.draft {
        return Ok(None);
    }
    let (Some(opens), Some(closes)) = (meta.opens, meta.closes) else {
        return Err(format!("{shown}: a consultation needs opens: and closes:"));
    };
    let folder_name = folder
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = vntext::slugify(meta.slug.as_deref().unwrap_or(&folder_name));
    let rendered = markdown::render(
        body,
        &RenderOptions {
            legal_anchors: true,
            first_line: body_line,
        },
        &NoLinks,
    );
    Ok(Some(Consultation {
        source: format!("gop-y/{folder_name}/index.md"),
        slug,
        title: meta.title,
        agency: meta.agency.unwrap_or_default(),
        opens: opens.0.with_timezone(&Utc),
        closes: closes.0.with_timezone(&Utc),
        parts: markdown::draft_parts(
            rendered
                .toc
                .iter()
                .map(|h| (h.id.as_str(), h.title.as_str())),
            &rendered.anchors,
        ),
    }))
}

/// Links in a draft do not matter to the function; the site checks them.
struct NoLinks;

impl LinkResolver for NoLinks {
    fn page_url(&self, _source: &str) -> Option<String> {
        None
    }
    fn document(&self, _number: &str) -> Option<(String, String)> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_consultations_load_with_their_parts() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/gop-y");
        let list = load(&dir).expect("shipped consultations load");
        assert_eq!(list.len(), 3);
        let c = list
            .iter()
            .find(|c| c.slug == "du-thao-quy-che-khao-sat-su-hai-long")
            .expect("open one");
        assert!(c
            .part_label("dieu-1")
            .is_some_and(|l| l.starts_with("Điều 1.")));
        assert_eq!(
            c.part_label("dieu-1-khoan-1").as_deref(),
            Some("Khoản 1, Điều 1")
        );
        assert!(c.part_label("chuong-i").is_some());
        assert!(c.part_label("dieu-999").is_none());
        assert!(c.part_rank("dieu-1") < c.part_rank("dieu-1-khoan-1"));
        assert_eq!(
            c.source,
            "gop-y/du-thao-quy-che-khao-sat-su-hai-long/index.md"
        );
    }
}
