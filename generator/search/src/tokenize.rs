//! Tokens, forms and keys, defined so that search.js reproduces them exactly.
//!
//! A *token* is a maximal run of alphanumeric characters (Rust's
//! `char::is_alphanumeric`, which is JS `[\p{Alphabetic}\p{N}]`) in NFC text.
//! Its *form* is the lowercased token ("đường"); its *key* folds the form:
//! NFD, drop U+0300–U+036F, đ/Đ → d, lowercase ("duong"). The browser runs
//! the same four steps on the query, so a key typed without tones meets the
//! key the index stored. Vietnamese is written one syllable per token, which
//! is why the index needs no word segmentation.

use std::borrow::Cow;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// A query uses at most this many tokens: each one may cost a shard fetch,
/// so the cap keeps a pasted paragraph within the download budget.
pub const MAX_QUERY_TOKENS: usize = 8;

/// Characters below this have a table entry; Latin, Vietnamese (U+1E00–U+1EFF),
/// Greek and Cyrillic all fall inside, so body text rarely leaves the table.
const TABLE_LEN: usize = 0x2000;
const SEPARATOR: u32 = 0;
/// The character is alphanumeric but its lowercase depends on context (Σ) or
/// is several characters (İ): the token takes the exact, slower path.
const SLOW: u32 = u32::MAX;

/// Per-character "separator / lowercase / slow" table. Tokenising is the hot
/// loop of every site build (millions of characters), and `char::is_alphanumeric`
/// plus `char::to_lowercase` cost a table search each; one array read does not.
fn table() -> &'static [u32; TABLE_LEN] {
    static T: OnceLock<Box<[u32; TABLE_LEN]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([SEPARATOR; TABLE_LEN]);
        for (i, slot) in t.iter_mut().enumerate() {
            let Some(c) = char::from_u32(i as u32) else {
                continue;
            };
            *slot = classify(c);
        }
        t
    })
}

fn classify(c: char) -> u32 {
    if !c.is_alphanumeric() {
        return SEPARATOR;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if c != 'Σ' && (c as usize) < TABLE_LEN => l as u32,
        _ => SLOW,
    }
}

fn lookup(c: char) -> u32 {
    match table().get(c as usize) {
        Some(&v) => v,
        None => classify(c),
    }
}

pub fn is_token_char(c: char) -> bool {
    lookup(c) != SEPARATOR
}

/// Calls `f(form)` for every token of `text` (NFC), in order.
pub fn for_each_form(text: &str, mut f: impl FnMut(&str)) {
    for_each_form_bytes(text, |b| {
        f(std::str::from_utf8(b).expect("forms are built from whole chars"))
    });
}

/// The same, handing over the form's UTF-8 bytes.
pub fn for_each_form_bytes(text: &str, mut f: impl FnMut(&[u8])) {
    for_each_token(text, |t| f(t.form()));
}

/// A token's lowercase form, as seen by the index: `window` starts with the
/// form and runs on for at least 16 bytes, so the form's first 16 bytes can
/// be read as two words without copying or a length-dependent loop.
pub struct Token<'a> {
    len: usize,
    window: &'a [u8],
}

impl Token<'_> {
    pub fn form(&self) -> &[u8] {
        &self.window[..self.len]
    }

    /// The form's first 16 bytes as two little-endian words, zero past its
    /// end.
    #[inline(always)]
    pub fn words(&self) -> (u64, u64) {
        const MASK: [u64; 9] = [
            0,
            0xFF,
            0xFFFF,
            0xFF_FFFF,
            0xFFFF_FFFF,
            0xFF_FFFF_FFFF,
            0xFFFF_FFFF_FFFF,
            0xFF_FFFF_FFFF_FFFF,
            u64::MAX,
        ];
        let w =
            |at: usize| u64::from_le_bytes(self.window[at..at + 8].try_into().expect("8 bytes"));
        let m0 = MASK[self.len.min(8)];
        let m1 = MASK[self.len.clamp(8, 16) - 8];
        (w(0) & m0, w(8) & m1)
    }
}

/// Every token of `text` (NFC), in order. This is the hot loop of every
/// site build (tens of megabytes of text), so it is byte-driven: ASCII needs
/// no decoding, and a token already in lowercase (most of them) is handed
/// over in place.
pub fn for_each_token(text: &str, mut f: impl FnMut(&Token)) {
    let bytes = text.as_bytes();
    let t = table();
    let mut buf: Vec<u8> = Vec::new();
    let mut i = 0;
    let n = bytes.len();
    loop {
        // Skip separators.
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                if t[b as usize] != SEPARATOR {
                    break;
                }
                i += 1;
            } else {
                let (cp, w) = decode(bytes, i, b);
                if lookup_cp(t, cp) != SEPARATOR {
                    break;
                }
                i += w;
            }
        }
        if i >= n {
            return;
        }
        let start = i;
        let (mut cased, mut slow) = (false, false);
        while i < n {
            let b = bytes[i];
            if b < 0x80 {
                let v = t[b as usize];
                if v == SEPARATOR {
                    break;
                }
                cased |= v != b as u32;
                i += 1;
            } else {
                let (cp, w) = decode(bytes, i, b);
                let v = lookup_cp(t, cp);
                if v == SEPARATOR {
                    break;
                }
                slow |= v == SLOW;
                cased |= v != cp;
                i += w;
            }
        }
        let len = i - start;
        if !cased && !slow && (len >= 16 || start + 16 <= n) {
            f(&Token {
                len,
                window: &bytes[start..i.max(start + 16)],
            });
            continue;
        }
        buf.clear();
        let token = std::str::from_utf8(&bytes[start..i]).expect("tokens end on char boundaries");
        if slow {
            // str::to_lowercase applies the context rules (final sigma) that
            // a per-character table cannot, and that JS toLowerCase applies.
            buf.extend_from_slice(token.to_lowercase().as_bytes());
        } else if cased {
            for c in token.chars() {
                let l = char::from_u32(t[c as usize]).expect("table holds chars");
                let mut tmp = [0u8; 4];
                buf.extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        } else {
            buf.extend_from_slice(token.as_bytes());
        }
        let len = buf.len();
        buf.resize(len + 16, 0);
        f(&Token { len, window: &buf });
    }
}

/// One multi-byte code point from valid UTF-8 (the input is a `&str`).
#[inline(always)]
fn decode(bytes: &[u8], i: usize, b0: u8) -> (u32, usize) {
    let b0 = b0 as u32;
    if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        let cp = ((b0 & 0x0F) << 12)
            | ((bytes[i + 1] as u32 & 0x3F) << 6)
            | (bytes[i + 2] as u32 & 0x3F);
        (cp, 3)
    } else {
        let cp = ((b0 & 0x07) << 18)
            | ((bytes[i + 1] as u32 & 0x3F) << 12)
            | ((bytes[i + 2] as u32 & 0x3F) << 6)
            | (bytes[i + 3] as u32 & 0x3F);
        (cp, 4)
    }
}

#[inline(always)]
fn lookup_cp(t: &[u32; TABLE_LEN], cp: u32) -> u32 {
    match t.get(cp as usize) {
        Some(&v) => v,
        None => classify(char::from_u32(cp).expect("valid UTF-8")),
    }
}

/// Token boundaries in code points: `(start, end)` pairs over `chars`.
/// Snippets count in code points because JS and Rust agree on those, while
/// their string indices (UTF-16 units, UTF-8 bytes) differ.
pub fn token_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate() {
        match (is_token_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, chars.len()));
    }
    spans
}

/// The index key of a form: NFD, drop U+0300–U+036F, đ → d, lowercase, the
/// same steps as search.js `fold`. (vntext::fold agrees on Vietnamese but
/// drops every combining mark, which JS cannot cheaply mirror.)
pub fn key_of(form: &str) -> String {
    if form.is_ascii() {
        return form.to_ascii_lowercase();
    }
    let stripped: String = form
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' || c == 'Đ' { 'd' } else { c })
        .collect();
    stripped.to_lowercase()
}

/// Text from editors is NFC already (the content loader normalises it); a
/// tone typed as a combining mark (U+0300–U+036F, UTF-8 lead bytes CC/CD)
/// still gets composed so "Nghị" has one form whatever keyboard typed it.
pub fn nfc_if_needed(text: &str) -> Cow<'_, str> {
    // Checked 64 bytes at a time without early exit, so the loop vectorises:
    // this runs over every byte of the site.
    let suspect = text
        .as_bytes()
        .chunks(64)
        .any(|c| c.iter().fold(false, |acc, &b| acc | (b & 0xFE == 0xCC)));
    if suspect {
        Cow::Owned(vntext::nfc(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// One query term: what the user typed (lowercased) and its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryToken {
    pub form: String,
    pub key: String,
}

impl QueryToken {
    /// A token typed without any diacritic states no preference, so no
    /// document gets the exact-form bonus for it.
    pub fn neutral(&self) -> bool {
        self.form == self.key
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedQuery {
    pub tokens: Vec<QueryToken>,
    /// The query ends inside a word, so its last token is still being typed
    /// and matches as a prefix.
    pub prefix: bool,
}

pub fn parse_query(q: &str) -> ParsedQuery {
    let q = vntext::nfc(q);
    let mut tokens = Vec::new();
    for_each_form(&q, |form| {
        let key = key_of(form);
        if !key.is_empty() {
            tokens.push(QueryToken {
                form: form.to_owned(),
                key,
            });
        }
    });
    let ends_in_word = q.chars().last().is_some_and(is_token_char);
    let prefix = ends_in_word && !tokens.is_empty() && tokens.len() <= MAX_QUERY_TOKENS;
    tokens.truncate(MAX_QUERY_TOKENS);
    ParsedQuery { tokens, prefix }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_form(s, |f| out.push(f.to_owned()));
        out
    }

    #[test]
    fn splits_on_punctuation_and_lowercases() {
        assert_eq!(
            forms("Công văn 5628/BNV-CCHC, Nghị định!"),
            ["công", "văn", "5628", "bnv", "cchc", "nghị", "định"]
        );
        assert_eq!(forms("ΟΔΟΣ İstanbul"), ["οδος", "i̇stanbul"]);
    }

    #[test]
    fn keys_fold_tones_and_d_stroke() {
        assert_eq!(key_of("đường"), "duong");
        assert_eq!(key_of("nghị"), "nghi");
        assert_eq!(key_of("i̇stanbul"), "istanbul");
        let all = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
        assert_eq!(key_of(all), vntext::fold(all));
    }

    #[test]
    fn decomposed_input_gives_the_composed_form() {
        let q = parse_query("Ngh\u{0069}\u{0323} \u{0111}i\u{0323}nh");
        assert_eq!(q.tokens[0].form, "nghị");
        assert_eq!(q.tokens[1].key, "dinh");
        assert!(q.prefix);
        assert!(!parse_query("nghi dinh ").prefix);
    }
}
