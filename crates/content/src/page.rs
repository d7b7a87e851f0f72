use std::path::PathBuf;

use serde::Serialize;

use crate::front_matter::FrontMatter;
use crate::kind::PageKind;
use crate::types::YmdDate;

/// One page of content, as loaded from its markdown file.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Path relative to `content/` with forward slashes: what `@/` links name.
    pub source: String,
    /// Path for messages, as the editor would open it (e.g. `content/van-ban/x/index.md`).
    #[serde(skip)]
    pub file: PathBuf,
    pub section: String,
    pub kind: PageKind,
    pub slug: String,
    /// URL path, always starting and ending with `/`.
    pub path: String,
    pub meta: FrontMatter,
    #[serde(skip)]
    pub front_matter_src: String,
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub body_line: usize,
    /// Files beside `index.md` that readers may download.
    pub assets: Vec<Asset>,
    /// `tong-hop.md` of a consultation: the agency's summary of opinions.
    #[serde(skip)]
    pub opinion_summary: Option<Part>,
    /// The folder of a page that is a bundle (`<slug>/index.md`).
    #[serde(skip)]
    pub bundle_dir: Option<PathBuf>,
}

/// A second markdown file that belongs to a page.
#[derive(Debug, Clone)]
pub struct Part {
    pub file: PathBuf,
    pub body: String,
    pub body_line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Asset {
    pub file_name: String,
    pub title: String,
    /// Upper-case type label shown to readers: PDF, DOCX, XLSX.
    pub kind: String,
    pub size: u64,
    pub url: String,
    #[serde(skip)]
    pub disk_path: PathBuf,
}

impl Page {
    /// The date a listing sorts and dates this page by.
    pub fn sort_date(&self) -> Option<YmdDate> {
        let m = &self.meta;
        match self.kind {
            PageKind::Document => m.issued.or(m.date),
            PageKind::Question => m.date.or(m.answered).or(m.asked),
            PageKind::Consultation => m.date.or(m.opens.map(|t| YmdDate(t.0.date_naive()))),
            _ => m.date,
        }
    }

    pub fn line_of(&self, key: &str) -> usize {
        crate::front_matter::key_line(&self.front_matter_src, key)
    }

    pub fn line_of_value(&self, key: &str, value: &str) -> usize {
        crate::front_matter::value_line(&self.front_matter_src, key, value)
    }
}
