//! The inverted index: folded key → documents, each posting with a quantised
//! BM25 impact, and for each exact form of the key the documents holding it.
//!
//! Scores are precomputed integers (impact 1..=32, idf ×100) so that the
//! browser adds and multiplies integers and ranks exactly as Rust does: no
//! floating-point `log` whose last bit could differ between engines.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;

use crate::codec::MAX_IMPACT;
use crate::tokenize::{for_each_token, key_of, lower, nfc_if_needed, Token};
use crate::SearchDoc;

/// A title word counts as this many body words (BM25F-style field weight).
pub const TITLE_WEIGHT: u32 = 5;
const K1: f64 = 1.2;
const B: f64 = 0.75;

#[derive(Debug)]
pub struct Term {
    pub key: String,
    /// ln(1 + (N − df + ½)/(df + ½)) × 100, rounded, at least 1.
    pub idf: u32,
    pub docs: Vec<u32>,
    pub impacts: Vec<u8>,
    /// Most frequent first; ties by text.
    pub forms: Vec<Form>,
}

#[derive(Debug)]
pub struct Form {
    pub text: String,
    pub docs: Vec<u32>,
}

/// Terms sorted by key in UTF-16 order, the order of JS `<` on strings, so
/// that the browser's binary search over shard boundaries agrees with Rust.
#[derive(Debug, Default)]
pub struct Terms {
    pub terms: Vec<Term>,
}

pub fn cmp_utf16(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

impl Terms {
    pub fn find(&self, key: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| cmp_utf16(&t.key, key)).ok()
    }

    /// The terms whose key starts with `p`: contiguous in sorted order.
    pub fn prefix_range(&self, p: &str) -> Range<usize> {
        let lo = self
            .terms
            .partition_point(|t| cmp_utf16(&t.key, p) == Ordering::Less);
        let hi = lo + self.terms[lo..].partition_point(|t| t.key.starts_with(p));
        lo..hi
    }

    /// Up to `k` longer keys starting with `p`, most documents first (ties by
    /// key): what a half-typed last word expands to.
    pub fn completions(&self, p: &str, k: usize) -> Vec<usize> {
        let mut c: Vec<usize> = self
            .prefix_range(p)
            .filter(|&i| self.terms[i].key != p)
            .collect();
        c.sort_by(|&a, &b| {
            let (ta, tb) = (&self.terms[a], &self.terms[b]);
            tb.docs
                .len()
                .cmp(&ta.docs.len())
                .then_with(|| cmp_utf16(&ta.key, &tb.key))
        });
        c.truncate(k);
        c
    }
}

pub fn idf(n: usize, df: usize) -> u32 {
    let (n, df) = (n as f64, df as f64);
    let v = (1.0 + (n - df + 0.5) / (df + 0.5)).ln() * 100.0;
    (v.round() as u32).max(1)
}

/// BM25's term-frequency part divided by its bound (k1 + 1), in 32 steps;
/// `norm` is k1·(1 − b + b·dl/avgdl) for the document.
fn impact(wtf: u32, norm: f64) -> u8 {
    let x = wtf as f64 * MAX_IMPACT as f64 / (wtf as f64 + norm);
    // ceil by hand: f64::ceil is a library call on baseline x86-64.
    let i = x as u32;
    let up = i + u32::from((i as f64) < x);
    up.clamp(1, MAX_IMPACT as u32) as u8
}

/// A slot of the vocabulary table: the spelling's first 16 bytes inline, so
/// that finding a known one (nearly every token) compares two words and
/// touches no other memory.
#[derive(Clone, Copy, Default)]
struct Slot {
    w0: u64,
    w1: u64,
    /// Spelling length in the high half, id + 1 in the low half; 0 when empty.
    meta: u64,
}

/// Multiply-xorshift over the first 16 bytes and the length; longer tokens
/// (rare: Vietnamese syllables are at most ~10 bytes) hash their rest too.
/// Input is our own content, so SipHash's flood resistance buys nothing in
/// the hottest loop of the build.
#[inline(always)]
fn hash(w0: u64, w1: u64, form: &[u8]) -> u64 {
    const M: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (w0 ^ (form.len() as u64).rotate_left(32)).wrapping_mul(M);
    h = (h.rotate_left(29) ^ w1).wrapping_mul(M);
    if form.len() > 16 {
        for &b in &form[16..] {
            h = (h.rotate_left(8) ^ b as u64).wrapping_mul(M);
        }
    }
    h ^ (h >> 31)
}

/// A batch's vocabulary. Tokens are looked up as written (open addressing
/// over spellings in one arena, so a known token costs a hash, a probe and a
/// two-word compare); each new spelling is lowercased once into its form,
/// and each new form folded once into its key.
#[derive(Default)]
struct Vocab {
    slots: Vec<Slot>,
    arena: Vec<u8>,
    spans: Vec<(u32, u32)>,
    /// Form id of each spelling.
    spelling_form: Vec<u32>,
    forms: Vec<String>,
    form_ids: HashMap<String, u32>,
    /// Local key id of each form.
    form_key: Vec<u32>,
    keys: Vec<String>,
    key_ids: HashMap<String, u32>,
}

impl Vocab {
    fn spelling(&self, id: u32) -> &[u8] {
        let (a, l) = self.spans[id as usize];
        &self.arena[a as usize..(a + l) as usize]
    }

    /// The form id of a token.
    #[inline(always)]
    fn intern(&mut self, t: &Token) -> u32 {
        if self.slots.len() < 2 * (self.spans.len() + 1) {
            self.grow();
        }
        let sp = t.spelling();
        let (w0, w1) = t.words();
        let meta_len = (sp.len() as u64) << 32;
        let mask = self.slots.len() - 1;
        let mut i = hash(w0, w1, sp) as usize & mask;
        loop {
            let s = self.slots[i];
            if s.meta == 0 {
                break;
            }
            if s.w0 == w0 && s.w1 == w1 && s.meta & !0xFFFF_FFFF == meta_len {
                let id = (s.meta as u32) - 1;
                if sp.len() <= 16 || self.spelling(id) == sp {
                    return self.spelling_form[id as usize];
                }
            }
            i = (i + 1) & mask;
        }
        let id = self.spans.len() as u32;
        self.slots[i] = Slot {
            w0,
            w1,
            meta: meta_len | (id as u64 + 1),
        };
        self.spans.push((self.arena.len() as u32, sp.len() as u32));
        self.arena.extend_from_slice(sp);
        let form = lower(sp);
        let f = match self.form_ids.get(&form) {
            Some(&f) => f,
            None => self.new_form(form),
        };
        self.spelling_form.push(f);
        f
    }

    fn new_form(&mut self, form: String) -> u32 {
        let f = self.forms.len() as u32;
        let key = key_of(&form);
        let next = self.keys.len() as u32;
        let k = *self.key_ids.entry(key.clone()).or_insert_with(|| {
            self.keys.push(key);
            next
        });
        self.form_key.push(k);
        self.form_ids.insert(form.clone(), f);
        self.forms.push(form);
        f
    }

    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(4096);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        for s in old.into_iter().filter(|s| s.meta != 0) {
            let id = (s.meta as u32) - 1;
            let mut i = hash(s.w0, s.w1, self.spelling(id)) as usize & (cap - 1);
            while self.slots[i].meta != 0 {
                i = (i + 1) & (cap - 1);
            }
            self.slots[i] = s;
        }
    }
}

/// One batch of consecutive documents, inverted on its own: since batches
/// are consecutive, a key's global posting list is the concatenation of its
/// batch lists in batch order, with no sorting and no shared state.
struct Batch {
    vocab: Vocab,
    /// Per local key: (doc, weighted term frequency), docs ascending.
    postings: Vec<Vec<(u32, u32)>>,
    /// Per local form: docs holding it, ascending.
    form_docs: Vec<Vec<u32>>,
    /// Weighted length of each document of the batch.
    lengths: Vec<u32>,
}

fn scan(first_doc: usize, docs: &[SearchDoc]) -> Batch {
    let mut v = Vocab::default();
    let mut postings: Vec<Vec<(u32, u32)>> = Vec::new();
    let mut form_docs: Vec<Vec<u32>> = Vec::new();
    let mut lengths = Vec::with_capacity(docs.len());
    let (mut form_tf, mut key_tf): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
    // forms_seen is one longer than the vocabulary; its first `seen` entries are
    // the current document's forms.
    let (mut forms_seen, mut keys_seen): (Vec<u32>, Vec<u32>) = (vec![0], Vec::new());
    let mut seen = 0;
    for (j, doc) in docs.iter().enumerate() {
        let d = (first_doc + j) as u32;
        let mut len = 0u32;
        for (text, w) in [
            (doc.title.as_str(), TITLE_WEIGHT),
            (doc.summary.as_str(), 1),
            (&*doc.body, 1),
        ] {
            let text = nfc_if_needed(text);
            for_each_token(&text, |tok| {
                let id = v.intern(tok) as usize;
                if id == form_tf.len() {
                    form_tf.push(0);
                    form_docs.push(Vec::new());
                    forms_seen.push(0);
                }
                // Branch-free "first time in this document": a word's first
                // occurrence is unpredictable, so append unconditionally and
                // advance only when it was.
                forms_seen[seen] = id as u32;
                seen += usize::from(form_tf[id] == 0);
                form_tf[id] += w;
                len += w;
            });
        }
        for &f in &forms_seen[..seen] {
            let tf = std::mem::take(&mut form_tf[f as usize]);
            form_docs[f as usize].push(d);
            let k = v.form_key[f as usize] as usize;
            if k >= key_tf.len() {
                key_tf.resize(k + 1, 0);
                postings.resize_with(k + 1, Vec::new);
            }
            if key_tf[k] == 0 {
                keys_seen.push(k as u32);
            }
            key_tf[k] += tf;
        }
        seen = 0;
        for k in keys_seen.drain(..) {
            let tf = std::mem::take(&mut key_tf[k as usize]);
            postings[k as usize].push((d, tf));
        }
        lengths.push(len);
    }
    Batch {
        vocab: v,
        postings,
        form_docs,
        lengths,
    }
}

/// (batch, local id): where a key or form sits in one batch.
type Local = (u32, u32);

/// Where a global key's postings and forms are, batch by batch.
#[derive(Default)]
struct Parts {
    keys: Vec<Local>,
    /// Each form's text and its places, in batch order.
    forms: Vec<(String, Vec<Local>)>,
}

pub fn build_terms(docs: &[SearchDoc]) -> Terms {
    let n = docs.len();
    if n == 0 {
        return Terms::default();
    }
    // 1. Tokenise and invert consecutive batches in parallel. Two per
    //    thread: enough to even out, few enough that each batch's vocabulary
    //    warm-up (every new spelling lowercased and folded) is paid rarely.
    let size = n.div_ceil(rayon::current_num_threads() * 2).max(16);
    let batches: Vec<Batch> = docs
        .par_chunks(size)
        .enumerate()
        .map(|(b, chunk)| scan(b * size, chunk))
        .collect();

    // 2. The global, sorted key list and where each key lives per batch.
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut keys: Vec<&str> = Vec::new();
    for b in &batches {
        for k in &b.vocab.keys {
            index.entry(k).or_insert_with(|| {
                keys.push(k);
                keys.len() as u32 - 1
            });
        }
    }
    keys.par_sort_unstable_by(|a, b| cmp_utf16(a, b));
    for (i, k) in keys.iter().enumerate() {
        index.insert(k, i as u32);
    }
    let mut parts: Vec<Parts> = (0..keys.len()).map(|_| Parts::default()).collect();
    for (bi, b) in batches.iter().enumerate() {
        let global: Vec<u32> = b.vocab.keys.iter().map(|k| index[k.as_str()]).collect();
        for (lk, &g) in global.iter().enumerate() {
            parts[g as usize].keys.push((bi as u32, lk as u32));
        }
        for (f, text) in b.vocab.forms.iter().enumerate() {
            let p = &mut parts[global[b.vocab.form_key[f] as usize] as usize];
            let at = (bi as u32, f as u32);
            match p.forms.iter_mut().find(|(t, _)| t == text) {
                Some((_, places)) => places.push(at),
                None => p.forms.push((text.clone(), vec![at])),
            }
        }
    }

    // 3. Concatenate batch lists per key, in parallel, scoring each posting.
    let lengths: Vec<u32> = batches
        .iter()
        .flat_map(|b| b.lengths.iter().copied())
        .collect();
    let avgdl = (lengths.iter().map(|&l| l as f64).sum::<f64>() / n as f64).max(1.0);
    let norms: Vec<f64> = lengths
        .iter()
        .map(|&dl| K1 * (1.0 - B + B * dl as f64 / avgdl))
        .collect();
    let terms = parts
        .into_par_iter()
        .zip(keys.par_iter())
        .map(|(p, key)| {
            let df: usize = p
                .keys
                .iter()
                .map(|&(b, k)| batches[b as usize].postings[k as usize].len())
                .sum();
            let (mut docs, mut impacts) = (Vec::with_capacity(df), Vec::with_capacity(df));
            for &(b, k) in &p.keys {
                for &(d, wtf) in &batches[b as usize].postings[k as usize] {
                    docs.push(d);
                    impacts.push(impact(wtf, norms[d as usize]));
                }
            }
            let mut forms: Vec<Form> = p
                .forms
                .into_iter()
                .map(|(text, at)| Form {
                    text,
                    docs: at
                        .iter()
                        .flat_map(|&(b, f)| {
                            batches[b as usize].form_docs[f as usize].iter().copied()
                        })
                        .collect(),
                })
                .collect();
            forms.sort_by(|a, b| {
                b.docs
                    .len()
                    .cmp(&a.docs.len())
                    .then_with(|| cmp_utf16(&a.text, &b.text))
            });
            Term {
                key: (*key).to_owned(),
                idf: idf(n, df),
                docs,
                impacts,
                forms,
            }
        })
        .collect();
    Terms { terms }
}
