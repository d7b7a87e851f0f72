//! The static files: a manifest, key-range shards of postings, and chunks of
//! document metadata, laid out so that a query fetches little.
//!
//! ```text
//! tim-kiem/chi-muc/manifest.json        {"v","n","c","k","d","s":[[first key, shard name]…]}
//! tim-kiem/chi-muc/s/<name>.json        {"k":[[key,df,idf,postings,[[form,set]…]]…],"c":{prefix:[keys]}}
//! tim-kiem/chi-muc/d/<i>.<d>.json       [[url,title,section,date,excerpt]…] for docs i·c … i·c+c−1
//! ```
//!
//! Shards are contiguous ranges of sorted keys, cut by size rather than by a
//! fixed prefix: Vietnamese keys crowd into a few initials ("th", "ng", "tr"),
//! so fixed prefixes would make a few huge shards. A shard is named by its
//! first key and the hash of its bytes, so it can be cached for ever; the
//! manifest, fetched fresh, is the only file that names them. Doc chunks share
//! one hash of all their bytes, which keeps the manifest from listing a
//! thousand names.

use std::cmp::Ordering;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::codec::{encode_postings, encode_set};
use crate::index::{cmp_utf16, Term, Terms};
use crate::DocMeta;

pub const INDEX_DIR: &str = "tim-kiem/chi-muc";
/// Postings of neighbouring keys are packed into one file up to this size; a
/// key larger than that gets a file to itself. Small enough that a rare word
/// costs little, large enough that the manifest stays short.
pub const SHARD_TARGET: usize = 12 * 1024;
/// Documents per metadata chunk: a query fetches one chunk per shown result
/// in the worst case, so chunks stay small.
pub const DOCS_PER_CHUNK: usize = 8;
/// How many longer keys a half-typed last word expands to.
pub const COMPLETIONS: usize = 3;
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Default)]
pub struct Layout {
    /// First key of each shard; the first shard's is "" so every key has a
    /// shard.
    pub firsts: Vec<String>,
    pub names: Vec<String>,
    pub shards: Vec<Vec<u8>>,
    pub docs_hash: String,
    pub chunks: Vec<Vec<u8>>,
    pub manifest: Vec<u8>,
}

impl Layout {
    /// The shard whose key range holds `key` (present or not).
    pub fn locate(&self, key: &str) -> usize {
        self.firsts
            .partition_point(|f| cmp_utf16(f, key) != Ordering::Greater)
            .saturating_sub(1)
    }

    pub fn shard_path(&self, i: usize) -> String {
        format!("{INDEX_DIR}/s/{}.json", self.names[i])
    }

    pub fn chunk_path(&self, i: usize) -> String {
        format!("{INDEX_DIR}/d/{i}.{}.json", self.docs_hash)
    }

    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::with_capacity(1 + self.shards.len() + self.chunks.len());
        out.push((format!("{INDEX_DIR}/manifest.json"), self.manifest.clone()));
        for (i, s) in self.shards.iter().enumerate() {
            out.push((self.shard_path(i), s.clone()));
        }
        for (i, c) in self.chunks.iter().enumerate() {
            out.push((self.chunk_path(i), c.clone()));
        }
        out
    }
}

#[derive(Serialize)]
struct Manifest<'a> {
    v: u32,
    /// Number of documents.
    n: usize,
    /// Documents per chunk.
    c: usize,
    /// Completions per prefix.
    k: usize,
    /// Hash shared by the doc chunks' names.
    d: &'a str,
    s: Vec<(&'a str, &'a str)>,
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest[..4].iter().map(|b| format!("{b:02x}")).collect()
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// `[key,df,idf,"postings",[[form,set],…]]`; a set is relative to the key's
/// posting positions, which are smaller numbers than doc ids. `pos` is a
/// scratch doc → position array as long as the corpus.
fn encode_entry(t: &Term, pos: &mut [u32]) -> String {
    let mut s = format!(
        "[{},{},{},\"{}\",[",
        json_str(&t.key),
        t.docs.len(),
        t.idf,
        encode_postings(&t.docs, &t.impacts)
    );
    if t.forms.len() > 1 {
        for (j, &d) in t.docs.iter().enumerate() {
            pos[d as usize] = j as u32;
        }
    }
    for (i, f) in t.forms.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        let set = if t.forms.len() == 1 {
            String::new()
        } else {
            let positions: Vec<u32> = f.docs.iter().map(|&d| pos[d as usize]).collect();
            encode_set(&positions, t.docs.len())
        };
        s.push_str(&format!("[{},\"{}\"]", json_str(&f.text), set));
    }
    s.push_str("]]");
    s
}

fn shard_name(i: usize, first_key: &str, hash: &str) -> String {
    let plain = !first_key.is_empty()
        && first_key.len() <= 24
        && first_key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if plain {
        format!("{first_key}.{hash}")
    } else {
        format!("_{i}.{hash}")
    }
}

pub fn layout(terms: &Terms, docs: &[DocMeta], shard_target: usize) -> Layout {
    let entries: Vec<String> = terms
        .terms
        .par_iter()
        .map_init(|| vec![0u32; docs.len()], |pos, t| encode_entry(t, pos))
        .collect();

    // Greedy cut by size over sorted keys.
    let mut starts = Vec::new();
    let mut size = 0;
    for (i, e) in entries.iter().enumerate() {
        if i == 0 || size + e.len() + 1 > shard_target {
            starts.push(i);
            size = 0;
        }
        size += e.len() + 1;
    }
    let bounds: Vec<(usize, usize)> = starts
        .iter()
        .enumerate()
        .map(|(s, &lo)| (lo, starts.get(s + 1).copied().unwrap_or(entries.len())))
        .collect();
    let mut firsts: Vec<String> = starts.iter().map(|&i| terms.terms[i].key.clone()).collect();
    if let Some(f) = firsts.first_mut() {
        f.clear();
    }

    let built: Vec<(Vec<u8>, String)> = bounds
        .par_iter()
        .enumerate()
        .map(|(s, &(lo, hi))| {
            let mut body = String::from("{\"k\":[");
            body.push_str(&entries[lo..hi].join(","));
            body.push(']');
            let spanning = spanning_completions(terms, &firsts, s);
            if !spanning.is_empty() {
                body.push_str(",\"c\":{");
                let parts: Vec<String> = spanning
                    .iter()
                    .map(|(p, ks)| {
                        let ks: Vec<String> =
                            ks.iter().map(|&k| json_str(&terms.terms[k].key)).collect();
                        format!("{}:[{}]", json_str(p), ks.join(","))
                    })
                    .collect();
                body.push_str(&parts.join(","));
                body.push('}');
            }
            body.push('}');
            let hash = short_hash(body.as_bytes());
            let name = shard_name(s, &terms.terms[lo].key, &hash);
            (body.into_bytes(), name)
        })
        .collect();
    let (shards, names): (Vec<Vec<u8>>, Vec<String>) = built.into_iter().unzip();

    let chunks: Vec<Vec<u8>> = docs
        .par_chunks(DOCS_PER_CHUNK)
        .map(|c| {
            let rows: Vec<_> = c
                .iter()
                .map(|d| (&d.url, &d.title, &d.section, &d.date, &d.excerpt))
                .collect();
            serde_json::to_vec(&rows).expect("doc metadata serialises")
        })
        .collect();
    // A hash of the chunks' hashes: the same guarantee, computed in parallel.
    let chunk_digests: Vec<_> = chunks.par_iter().map(Sha256::digest).collect();
    let mut h = Sha256::new();
    chunk_digests.iter().for_each(|d| h.update(d));
    let docs_hash: String = h.finalize()[..4]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();

    let manifest = serde_json::to_vec(&Manifest {
        v: FORMAT_VERSION,
        n: docs.len(),
        c: DOCS_PER_CHUNK,
        k: COMPLETIONS,
        d: &docs_hash,
        s: firsts
            .iter()
            .zip(&names)
            .map(|(f, n)| (f.as_str(), n.as_str()))
            .collect(),
    })
    .expect("manifest serialises");

    Layout {
        firsts,
        names,
        shards,
        docs_hash,
        chunks,
        manifest,
    }
}

/// Completions the browser cannot work out from shard `s` alone: for a
/// prefix that falls in this shard while keys starting with it run on into
/// the next one (exactly the proper prefixes of the next shard's first key).
/// Every other prefix's keys all sit in the shard it falls in.
fn spanning_completions(terms: &Terms, firsts: &[String], s: usize) -> Vec<(String, Vec<usize>)> {
    let Some(next) = firsts.get(s + 1) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (end, _) in next.char_indices().skip(1) {
        let p = &next[..end];
        if cmp_utf16(p, &firsts[s]) != Ordering::Less {
            out.push((p.to_owned(), terms.completions(p, COMPLETIONS)));
        }
    }
    out
}
