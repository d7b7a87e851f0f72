//! Site-wide search for the static site, Vietnamese first.
//!
//! People type Vietnamese without tones ("thu tuc hanh chinh", "dang ky"),
//! so every word is indexed under a folded key (tones stripped, đ → d) and
//! also remembers the exact forms it was written in, so that a query typed
//! with tones ranks the documents spelled that way first. Pagefind was not
//! used: it strips tones but keeps đ, so "dang ky" would miss "đăng ký", and
//! feeding it folded text would spoil its excerpts.
//!
//! `SearchIndex::build` makes the index; `files` is what the site writes
//! under `public/` for `theme/static/js/search.js`; `query` ranks exactly
//! as the script does, for the no-JS fallback and for tests. See `shard`
//! for the file layout and `query` for the ranking.

mod codec;
mod index;
mod query;
mod shard;
mod snippet;
#[doc(hidden)]
pub mod synth;
mod tokenize;

use rayon::prelude::*;
use std::borrow::Cow;

use serde::{Deserialize, Serialize};

pub use query::{Hit, Results, EXACT_BONUS, PAGE_SIZE};
pub use shard::{COMPLETIONS, DOCS_PER_CHUNK, INDEX_DIR};
pub use tokenize::{key_of, MAX_QUERY_TOKENS};

/// One page as the search sees it. Text may be in any Unicode normal form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDoc<'a> {
    pub url: String,
    pub title: String,
    /// The section's name, e.g. "Văn bản".
    pub section: String,
    /// Already formatted for display.
    #[serde(default)]
    pub date: Option<String>,
    /// Short text shown in results; also indexed.
    #[serde(default)]
    pub summary: String,
    /// The page's plain text, borrowed from the site where it can be: the
    /// whole site's text is the largest thing a build holds.
    #[serde(default)]
    pub body: Cow<'a, str>,
}

/// What a result shows, stored in the doc chunks.
#[derive(Debug, Clone)]
pub(crate) struct DocMeta {
    pub url: String,
    pub title: String,
    pub section: String,
    pub date: Option<String>,
    /// The summary, or the opening of the body: where snippets are cut.
    pub excerpt: String,
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    docs: Vec<DocMeta>,
    terms: index::Terms,
    layout: shard::Layout,
}

impl SearchIndex {
    /// Indexes `docs`. Ties in ranking keep this order, so pass the pages in
    /// the order a tie should show them (e.g. newest first).
    pub fn build(docs: &[SearchDoc]) -> SearchIndex {
        Self::build_with_shard_size(docs, shard::SHARD_TARGET)
    }

    /// `build` with another shard size: tests use tiny shards so that a
    /// small corpus still spreads over many.
    #[doc(hidden)]
    pub fn build_with_shard_size(docs: &[SearchDoc], shard_target: usize) -> SearchIndex {
        let terms = index::build_terms(docs);
        let metas: Vec<DocMeta> = docs
            .par_iter()
            .map(|d| {
                let nfc = |s: &str| tokenize::nfc_if_needed(s).into_owned();
                let summary = nfc(d.summary.trim());
                DocMeta {
                    url: d.url.clone(),
                    title: nfc(&d.title),
                    section: nfc(&d.section),
                    date: d.date.clone(),
                    excerpt: if summary.is_empty() {
                        snippet::excerpt(&tokenize::nfc_if_needed(&d.body))
                    } else {
                        summary
                    },
                }
            })
            .collect();
        let layout = shard::layout(&terms, &metas, shard_target);
        SearchIndex {
            docs: metas,
            terms,
            layout,
        }
    }

    /// Every file of the index: (path under the output dir, bytes).
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        self.layout.files()
    }

    /// Number of distinct keys.
    pub fn key_count(&self) -> usize {
        self.terms.terms.len()
    }
}
