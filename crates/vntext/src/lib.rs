//! Vietnamese text handling shared by the generator and the functions.
//!
//! Every piece of user text passes through here: it is stored as NFC, turned
//! into ASCII slugs, folded for diacritic-insensitive search, sorted in
//! Vietnamese alphabetical order and dated the way Vietnamese documents are.

mod collate;
mod dates;
mod fold;
mod html;

pub use collate::{cmp_vi, sort_vi, sort_vi_by_key};
pub use dates::{
    format_date, format_date_short, format_datetime, now_vn, parse_date, today_vn, vn_offset,
};
pub use fold::{fold, fold_char, slugify};
pub use html::escape_html;

use unicode_normalization::UnicodeNormalization;

/// Returns `s` in Unicode Normalization Form C.
///
/// Editors type on keyboards (Unikey, macOS Telex) that may emit decomposed
/// tone marks; two spellings of one word must compare, slug and search equal.
pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// [`nfc`] that keeps `s` itself when it is already NFC (a whole file, say).
pub fn into_nfc(s: String) -> String {
    if is_nfc(&s) {
        return s;
    }
    s.nfc().collect()
}

/// Whether `s` is certainly NFC. Every character below U+0300 (ASCII and the
/// precomposed Latin letters) and in Latin Extended Additional (U+1E00 to
/// U+1EFF, where Vietnamese letters with two marks live) is NFC by itself,
/// so text made only of those skips the table lookup per character, which
/// was 2.6 % of a 10,000-page build.
fn is_nfc(s: &str) -> bool {
    let plain = |c: char| (c as u32) < 0x300 || ('\u{1E00}'..='\u{1EFF}').contains(&c);
    s.chars().all(plain)
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_only_passes_characters_that_are_nfc_alone() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in ('\0'..'\u{300}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        // A base letter followed by a combining mark must not take the fast path.
        assert_eq!(into_nfc("a\u{0301}".to_owned()), "á");
        assert_eq!(into_nfc("Việt".to_owned()), "Việt");
    }

    #[test]
    fn nfc_composes_decomposed_input() {
        let decomposed = "Ngh\u{0069}\u{0323} \u{0111}i\u{0323}nh"; // "Nghị định" typed as base + combining dot below
        let composed = nfc(decomposed);
        assert_eq!(composed, "Nghị định");
        assert_ne!(decomposed, composed);
        assert_eq!(composed.chars().count(), 9);
    }

    #[test]
    fn nfc_leaves_composed_text_alone() {
        assert_eq!(nfc("Cải cách hành chính"), "Cải cách hành chính");
    }
}
