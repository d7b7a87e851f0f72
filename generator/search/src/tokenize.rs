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

/// Characters below this have a table entry: Latin, Vietnamese (U+1E00–U+1EFF),
/// Greek, Cyrillic and the typographic punctuation (“ ” – …) all fall inside,
/// so body text rarely leaves the table.
const TABLE_LEN: usize = 0x3000;

/// Which characters below `TABLE_LEN` are token characters. Tokenising is
/// the hot loop of every site build (tens of megabytes of text), and
/// `char::is_alphanumeric` costs a table search per character; this costs
/// one array read.
fn table() -> &'static [bool; TABLE_LEN] {
    static T: OnceLock<Box<[bool; TABLE_LEN]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([false; TABLE_LEN]);
        for (i, slot) in t.iter_mut().enumerate() {
            *slot = char::from_u32(i as u32).is_some_and(char::is_alphanumeric);
        }
        t
    })
}

pub fn is_token_char(c: char) -> bool {
    match table().get(c as usize) {
        Some(&t) => t,
        None => c.is_alphanumeric(),
    }
}

/// Calls `f(form)` for every token of `text` (NFC), in order, lowercased.
pub fn for_each_form(text: &str, mut f: impl FnMut(&str)) {
    for_each_token(text, |t| f(&lower(t.spelling())));
}

/// The form of a spelling: `str::to_lowercase`, which applies the context
/// rules (final sigma) that JS `toLowerCase` applies too.
pub fn lower(spelling: &[u8]) -> String {
    std::str::from_utf8(spelling)
        .expect("tokens end on char boundaries")
        .to_lowercase()
}

/// A token as written ("Nghị", "NGHỊ", "nghị" are three spellings of the
/// form "nghị"). `window` starts with the spelling and runs on for at least
/// 16 bytes, so its first 16 bytes can be read as two words without copying
/// or a length-dependent loop.
pub struct Token<'a> {
    len: usize,
    window: &'a [u8],
}

impl Token<'_> {
    pub fn spelling(&self) -> &[u8] {
        &self.window[..self.len]
    }

    /// The spelling's first 16 bytes as two little-endian words, zero past
    /// its end.
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

/// Byte-pair classes: `TOKEN` for the first byte of a token character,
/// `CONT` for a continuation byte, `RARE` when the pair does not settle it
/// (four-byte characters, three-byte blocks mixing letters and symbols).
const TOKEN: u8 = 1;
const CONT: u8 = 2;
const RARE: u8 = 4;

/// The class of every (byte, next byte) pair. Two bytes decide any
/// character below U+0800 and, for the three-byte ones, a block of 64, which
/// covers Vietnamese (U+1E80–U+1EFF: all letters) and punctuation (U+2000–
/// U+203F: none).
fn pair_table() -> &'static [u8; 65536] {
    static T: OnceLock<Box<[u8; 65536]>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Box::new([0u8; 65536]);
        for (i, slot) in t.iter_mut().enumerate() {
            let (b0, b1) = ((i >> 8) as u32, (i & 0xFF) as u32);
            *slot = match b0 {
                0x00..=0x7F => u8::from(is_token_char(char::from(b0 as u8))),
                0x80..=0xBF => CONT,
                0xC0..=0xDF => {
                    let cp = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
                    u8::from(char::from_u32(cp).is_some_and(is_token_char))
                }
                0xE0..=0xEF => {
                    let block = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6);
                    let tokens = (0..64)
                        .filter(|x| char::from_u32(block | x).is_some_and(is_token_char))
                        .count();
                    match tokens {
                        0 => 0,
                        64 => TOKEN,
                        _ => RARE,
                    }
                }
                _ => RARE,
            };
        }
        t
    })
}

/// Every token of `text` (NFC), in order, as written. The index lowercases
/// each distinct spelling once rather than every token, so this only finds
/// boundaries; it is the hot loop of every site build (tens of megabytes).
///
/// Vietnamese mixes one-, two- and three-byte letters in every word, so a
/// character-by-character loop mispredicts a branch on nearly every letter.
/// Instead every byte is classed on its own from a byte-pair table into
/// bitmasks (64 bytes a word), continuation bytes take their lead's class
/// by shifts, and tokens are the runs of ones. Text the pairs cannot settle
/// takes the exact loop.
pub fn for_each_token(text: &str, mut f: impl FnMut(&Token)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let pairs = pair_table();
    let words = n.div_ceil(64);
    let mut own = vec![0u64; words];
    let mut cont = vec![0u64; words];
    let mut classes = 0u8;
    for (w, chunk) in bytes.chunks(64).enumerate() {
        let next = bytes.get((w + 1) * 64).copied().unwrap_or(0);
        let (mut o, mut c) = (0u64, 0u64);
        for (k, pair) in chunk.windows(2).enumerate() {
            let e = pairs[(pair[0] as usize) << 8 | pair[1] as usize];
            o |= u64::from(e & TOKEN) << k;
            c |= u64::from((e & CONT) >> 1) << k;
            classes |= e;
        }
        let k = chunk.len() - 1;
        let e = pairs[(chunk[k] as usize) << 8 | next as usize];
        o |= u64::from(e & TOKEN) << k;
        c |= u64::from((e & CONT) >> 1) << k;
        classes |= e;
        own[w] = o;
        cont[w] = c;
    }
    if classes & RARE != 0 {
        return for_each_token_exact(text, f);
    }
    // A continuation byte is in a token when its lead is (one or two bytes
    // back, four-byte characters having gone the exact way); then each
    // change of bit starts or ends a token.
    let mut start = usize::MAX;
    let (mut o_prev, mut c_prev, mut t_prev) = (0u64, 0u64, 0u64);
    for w in 0..words {
        let (o, c) = (own[w], cont[w]);
        let o1 = (o << 1) | (o_prev >> 63);
        let o2 = (o << 2) | (o_prev >> 62);
        let c1 = (c << 1) | (c_prev >> 63);
        let t = o | (c & o1) | (c & c1 & o2);
        let mut changes = t ^ ((t << 1) | (t_prev >> 63));
        (o_prev, c_prev, t_prev) = (o, c, t);
        while changes != 0 {
            let pos = w * 64 + changes.trailing_zeros() as usize;
            changes &= changes - 1;
            if start == usize::MAX {
                start = pos;
            } else {
                emit(bytes, start, pos, &mut f);
                start = usize::MAX;
            }
        }
    }
    if start != usize::MAX {
        emit(bytes, start, n, &mut f);
    }
}

#[inline(always)]
fn emit(bytes: &[u8], start: usize, end: usize, f: &mut impl FnMut(&Token)) {
    let len = end - start;
    if len >= 16 || start + 16 <= bytes.len() {
        f(&Token {
            len,
            window: &bytes[start..end.max(start + 16)],
        });
    } else {
        // A token near the end of the text: pad a copy.
        let mut tmp = [0u8; 16];
        tmp[..len].copy_from_slice(&bytes[start..end]);
        f(&Token { len, window: &tmp });
    }
}

/// The same, a character at a time: for text with characters beyond the
/// table (CJK, emoji, other scripts), and the reference the fast loop is
/// tested against.
pub fn for_each_token_exact(text: &str, mut f: impl FnMut(&Token)) {
    let bytes = text.as_bytes();
    let t = table();
    let n = bytes.len();
    let mut i = 0;
    loop {
        while i < n {
            let b = bytes[i];
            let (cp, w) = if b < 0x80 {
                (b as u32, 1)
            } else {
                decode(bytes, i, b)
            };
            if is_token_cp(t, cp) {
                break;
            }
            i += w;
        }
        if i >= n {
            return;
        }
        let start = i;
        while i < n {
            let b = bytes[i];
            let (cp, w) = if b < 0x80 {
                (b as u32, 1)
            } else {
                decode(bytes, i, b)
            };
            if !is_token_cp(t, cp) {
                break;
            }
            i += w;
        }
        emit(bytes, start, i, &mut f);
    }
}

#[inline(always)]
fn is_token_cp(t: &[bool; TABLE_LEN], cp: u32) -> bool {
    match t.get(cp as usize) {
        Some(&v) => v,
        None => char::from_u32(cp).is_some_and(char::is_alphanumeric),
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
    fn the_fast_loop_agrees_with_the_exact_one() {
        let spellings = |text: &str, exact: bool| {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut push = |t: &Token| out.push(t.spelling().to_vec());
            if exact {
                for_each_token_exact(text, &mut push);
            } else {
                for_each_token(text, &mut push);
            }
            out
        };
        let mut texts: Vec<String> = [
            "",
            "a",
            "Đ",
            " x ",
            "Nghị định 61/2018/NĐ-CP, “một cửa” – liên\u{a0}thông… 5×3 ÷ ½ ²",
            "ΟΔΟΣ İstanbul Москва",
            "mixed 漢字 and emoji 🙂 here",
            "trailing đường",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for d in crate::synth::corpus(20, 200) {
            texts.push(d.body.into_owned());
        }
        texts.push("x".repeat(63) + " đường " + &"y".repeat(70));
        for text in &texts {
            assert_eq!(spellings(text, false), spellings(text, true), "{text}");
        }
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
