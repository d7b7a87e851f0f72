use std::collections::HashMap;
use std::path::PathBuf;

use serde::Serialize;

use crate::page::Page;

/// A top-level folder with its `_index.md` (the home page is the section "").
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub name: String,
    pub title: String,
    pub description: Option<String>,
    pub path: String,
    #[serde(skip)]
    pub file: PathBuf,
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub body_line: usize,
    /// Indexes into [`Library::pages`], newest first.
    #[serde(skip)]
    pub pages: Vec<usize>,
}

/// All content, loaded and cross-indexed, ready to render.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    by_source: HashMap<String, usize>,
    by_number: HashMap<String, usize>,
}

impl Library {
    pub fn new(pages: Vec<Page>, sections: Vec<Section>) -> Library {
        let mut lib = Library {
            pages,
            sections,
            ..Default::default()
        };
        lib.reindex();
        lib
    }

    /// Rebuilds lookups and section membership after pages change.
    pub fn reindex(&mut self) {
        self.pages.sort_by(|a, b| {
            b.sort_date()
                .cmp(&a.sort_date())
                .then_with(|| vntext::cmp_vi(&a.meta.title, &b.meta.title))
        });
        self.by_source = self
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.source.clone(), i))
            .collect();
        self.by_number = self
            .pages
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.meta.number.as_ref().map(|n| (n.as_str().to_owned(), i)))
            .collect();
        for s in &mut self.sections {
            s.pages = self
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.section == s.name && !s.name.is_empty())
                .map(|(i, _)| i)
                .collect();
        }
    }

    /// A page by its path under `content/`, as written in `@/` links.
    pub fn by_source(&self, source: &str) -> Option<&Page> {
        self.by_source.get(source).map(|&i| &self.pages[i])
    }

    pub fn index_of_source(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// A document by its số ký hiệu.
    pub fn by_number(&self, number: &str) -> Option<&Page> {
        self.by_number.get(number).map(|&i| &self.pages[i])
    }

    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    pub fn section_pages(&self, name: &str) -> impl Iterator<Item = &Page> {
        self.section(name)
            .into_iter()
            .flat_map(|s| s.pages.iter().map(|&i| &self.pages[i]))
    }
}
