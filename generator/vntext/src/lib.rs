//! Vietnamese text handling shared by the generator and the functions.
//!
//! Every piece of user text passes through here: it is stored as NFC, turned
//! into ASCII slugs, folded for diacritic-insensitive search, sorted in
//! Vietnamese alphabetical order and dated the way Vietnamese documents are.

mod collate;
mod dates;
mod fold;

pub use collate::{cmp_vi, sort_vi, sort_vi_by_key};
pub use dates::{
    format_date, format_date_short, format_datetime, now_vn, parse_date, today_vn, vn_offset,
};
pub use fold::{fold, fold_char, slugify};

use unicode_normalization::UnicodeNormalization;

/// Returns `s` in Unicode Normalization Form C.
///
/// Editors type on keyboards (Unikey, macOS Telex) that may emit decomposed
/// tone marks; two spellings of one word must compare, slug and search equal.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
