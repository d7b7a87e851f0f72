use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folds one character to its base lowercase letter: "Ấ" → 'a', "Đ" → 'd'.
///
/// Đ/đ have no Unicode decomposition (they are distinct letters, not d plus a
/// mark), so tone-stripping alone would leave them and "dang ky" would miss
/// "đăng ký". They are mapped explicitly.
pub fn fold_char(c: char) -> Option<char> {
    match c {
        'đ' | 'Đ' => return Some('d'),
        _ if c.is_ascii() => return Some(c.to_ascii_lowercase()),
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() && !is_combining_mark(d) {
            base = Some(d);
        }
    });
    match base {
        Some(b) => b.to_lowercase().next(),
        None => None, // a lone combining mark folds to nothing
    }
}

/// Lowercases and strips every diacritic, mapping đ to d.
pub fn fold(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// An ASCII URL slug: "Cải cách hành chính" → "cai-cach-hanh-chinh".
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_dash = false;
    for c in s.chars().filter_map(fold_char) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_diacritics_and_maps_d_stroke() {
        assert_eq!(slugify("Cải cách hành chính"), "cai-cach-hanh-chinh");
        assert_eq!(slugify("Đăng ký đường dây nóng"), "dang-ky-duong-day-nong");
        assert_eq!(slugify("Công văn 5628/BNV-CCHC"), "cong-van-5628-bnv-cchc");
        assert_eq!(
            slugify("  Ủy ban   nhân dân — tỉnh Khánh Hòa!  "),
            "uy-ban-nhan-dan-tinh-khanh-hoa"
        );
        assert_eq!(slugify("Nghị quyết 76/NQ-CP"), "nghi-quyet-76-nq-cp");
    }

    #[test]
    fn slug_of_decomposed_input_matches_composed() {
        assert_eq!(
            slugify("Nghi\u{0323} \u{0111}i\u{0323}nh"),
            slugify("Nghị định")
        );
    }

    #[test]
    fn slug_of_punctuation_only_is_empty() {
        assert_eq!(slugify("—!?"), "");
    }

    #[test]
    fn fold_covers_every_vietnamese_vowel_form() {
        let all = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
        let folded = fold(all);
        assert!(folded.chars().all(|c| "aeioudy".contains(c)), "{folded}");
        assert_eq!(fold(&all.to_uppercase()), folded);
        assert_eq!(fold("thủ tục hành chính"), "thu tuc hanh chinh");
        assert_eq!(fold("Nghị định"), "nghi dinh");
        assert_eq!(fold("ĐƯỜNG"), "duong");
    }
}
