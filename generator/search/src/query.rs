//! Query evaluation: the ranking search.js reproduces, and the list of files
//! it fetches to do so.
//!
//! Every query token must match (AND). A token matches its key; the last
//! token, while still being typed, also matches up to `COMPLETIONS` longer
//! keys (the most frequent), at half weight. A document's score is
//!
//! ```text
//! Σ over tokens  max over the token's matching keys  (weight × idf × impact)
//!   + EXACT_BONUS × (number of tokens typed with diacritics whose exact
//!                    lowercase form the document contains)
//! ```
//!
//! The bonus outweighs any BM25 sum, so "đường" puts every document that
//! says "đường" above those that only say "dương". Ties go to the earlier
//! document in `build`'s input. Everything is an integer, so JS agrees.

use serde::Serialize;

use crate::shard::COMPLETIONS;
use crate::snippet::{byte_ranges, snippet, Matcher};
use crate::tokenize::{parse_query, ParsedQuery};
use crate::SearchIndex;

/// Larger than any token-score sum (8 tokens × 2 × idf ≤ 2 000 × 32).
pub const EXACT_BONUS: u64 = 1 << 24;
const FULL_WEIGHT: u64 = 2;
const COMPLETION_WEIGHT: u64 = 1;
/// Results per page; the figure the download budget is measured for.
pub const PAGE_SIZE: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub section: String,
    pub date: Option<String>,
    /// An excerpt of the page's summary around the first match, with its
    /// original diacritics; "…" where it was cut.
    pub snippet: String,
    /// Byte ranges of `snippet` to wrap in `<mark>`.
    pub marks: Vec<(usize, usize)>,
    pub score: u64,
}

impl Hit {
    /// The snippet as HTML: escaped, with `<mark>` around matched words.
    pub fn snippet_html(&self) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(a, b) in &self.marks {
            out.push_str(&escape(&self.snippet[at..a]));
            out.push_str("<mark>");
            out.push_str(&escape(&self.snippet[a..b]));
            out.push_str("</mark>");
            at = b;
        }
        out.push_str(&escape(&self.snippet[at..]));
        out
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Results {
    /// How many documents match in all.
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Which terms each query token matches, with their weights.
struct Plan {
    parsed: ParsedQuery,
    /// Per token: (term index, weight).
    terms: Vec<Vec<(usize, u64)>>,
    completions: Vec<usize>,
}

impl SearchIndex {
    fn plan(&self, q: &str) -> Plan {
        let parsed = parse_query(q);
        let last = parsed.tokens.len().saturating_sub(1);
        let mut completions = Vec::new();
        let terms = parsed
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut v: Vec<(usize, u64)> = self
                    .terms
                    .find(&t.key)
                    .map(|k| (k, FULL_WEIGHT))
                    .into_iter()
                    .collect();
                if parsed.prefix && i == last {
                    completions = self.terms.completions(&t.key, COMPLETIONS);
                    v.extend(completions.iter().map(|&k| (k, COMPLETION_WEIGHT)));
                }
                v
            })
            .collect();
        Plan {
            parsed,
            terms,
            completions,
        }
    }

    /// Matching documents, best first, with their scores.
    fn rank(&self, plan: &Plan) -> Vec<(u32, u64)> {
        let n = self.docs.len();
        if plan.parsed.tokens.is_empty() || n == 0 {
            return Vec::new();
        }
        let last = plan.parsed.tokens.len() - 1;
        let mut total = vec![0u64; n];
        let mut matched = vec![0usize; n];
        let mut best = vec![0u64; n];
        let mut exact = vec![false; n];
        for (i, (tok, terms)) in plan.parsed.tokens.iter().zip(&plan.terms).enumerate() {
            best.iter_mut().for_each(|b| *b = 0);
            exact.iter_mut().for_each(|e| *e = false);
            let prefix = plan.parsed.prefix && i == last;
            for &(k, w) in terms {
                let term = &self.terms.terms[k];
                for (&d, &imp) in term.docs.iter().zip(&term.impacts) {
                    let s = w * term.idf as u64 * imp as u64;
                    let b = &mut best[d as usize];
                    *b = (*b).max(s);
                }
                if tok.neutral() {
                    continue;
                }
                for f in &term.forms {
                    let hit = if prefix {
                        f.text.starts_with(&tok.form)
                    } else {
                        f.text == tok.form
                    };
                    if hit {
                        f.docs.iter().for_each(|&d| exact[d as usize] = true);
                    }
                }
            }
            for d in 0..n {
                if best[d] > 0 {
                    matched[d] += 1;
                    total[d] += best[d] + if exact[d] { EXACT_BONUS } else { 0 };
                }
            }
        }
        let want = plan.parsed.tokens.len();
        let mut out: Vec<(u32, u64)> = (0..n)
            .filter(|&d| matched[d] == want)
            .map(|d| (d as u32, total[d]))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The results of `q` from `offset`, at most `limit`, with the total.
    pub fn search(&self, q: &str, offset: usize, limit: usize) -> Results {
        let plan = self.plan(q);
        let ranked = self.rank(&plan);
        let last = plan.parsed.tokens.len().saturating_sub(1);
        let matcher = Matcher {
            keys: plan
                .parsed
                .tokens
                .iter()
                .enumerate()
                .filter(|&(i, _)| !(plan.parsed.prefix && i == last))
                .map(|(_, t)| t.key.as_str())
                .collect(),
            prefix: plan
                .parsed
                .prefix
                .then(|| plan.parsed.tokens[last].key.as_str()),
        };
        let hits = ranked
            .iter()
            .skip(offset)
            .take(limit)
            .map(|&(d, score)| {
                let doc = &self.docs[d as usize];
                let (snippet, marks) = snippet(&doc.excerpt, &matcher);
                let marks = byte_ranges(&snippet, &marks);
                Hit {
                    url: doc.url.clone(),
                    title: doc.title.clone(),
                    section: doc.section.clone(),
                    date: doc.date.clone(),
                    snippet,
                    marks,
                    score,
                }
            })
            .collect();
        Results {
            total: ranked.len(),
            hits,
        }
    }

    pub fn query(&self, q: &str, limit: usize) -> Vec<Hit> {
        self.search(q, 0, limit).hits
    }

    /// Bytes search.js downloads for `q` on a cold cache: the manifest, the
    /// shard of every token's key, the shards of the last token's completions,
    /// and the metadata chunks of the first page of results.
    pub fn bytes_for_query(&self, q: &str) -> usize {
        self.fetches_for_query(q).iter().map(|(_, n)| n).sum()
    }

    /// The files behind `bytes_for_query`: (path, size), in fetch order.
    pub fn fetches_for_query(&self, q: &str) -> Vec<(String, usize)> {
        let plan = self.plan(q);
        if plan.parsed.tokens.is_empty() {
            return Vec::new();
        }
        let l = &self.layout;
        let mut out = vec![(
            format!("{}/manifest.json", crate::shard::INDEX_DIR),
            l.manifest.len(),
        )];
        let mut shards: Vec<usize> = Vec::new();
        let keys = plan.parsed.tokens.iter().map(|t| t.key.as_str()).chain(
            plan.completions
                .iter()
                .map(|&k| self.terms.terms[k].key.as_str()),
        );
        for key in keys {
            if l.shards.is_empty() {
                break; // an index without words: the manifest says so
            }
            let s = l.locate(key);
            if !shards.contains(&s) {
                shards.push(s);
                out.push((l.shard_path(s), l.shards[s].len()));
            }
        }
        let mut chunks: Vec<usize> = Vec::new();
        for (d, _) in self.rank(&plan).into_iter().take(PAGE_SIZE) {
            let c = d as usize / crate::shard::DOCS_PER_CHUNK;
            if !chunks.contains(&c) {
                chunks.push(c);
                out.push((l.chunk_path(c), l.chunks[c].len()));
            }
        }
        out
    }
}
