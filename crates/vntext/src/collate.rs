use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

/// The CLDR Vietnamese collation: a < ă < â, d < đ, o < ô < ơ, u < ư, and the
/// tones as a secondary difference (ngang, huyền, hỏi, ngã, sắc, nặng).
fn collator() -> &'static CollatorBorrowed<'static> {
    static C: OnceLock<CollatorBorrowed<'static>> = OnceLock::new();
    C.get_or_init(|| {
        Collator::try_new(locale!("vi").into(), CollatorOptions::default())
            .expect("Vietnamese collation data is compiled in")
    })
}

pub fn cmp_vi(a: &str, b: &str) -> Ordering {
    collator().compare(a, b)
}

pub fn sort_vi(items: &mut [String]) {
    items.sort_by(|a, b| cmp_vi(a, b));
}

pub fn sort_vi_by_key<T, F: Fn(&T) -> &str>(items: &mut [T], key: F) {
    items.sort_by(|a, b| cmp_vi(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        sort_vi(&mut v);
        v
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        // Byte order would put "Đà Nẵng" after "Yên Bái" and "Ân" after "Bắc".
        assert_eq!(
            sorted(&[
                "Đà Nẵng",
                "Yên Bái",
                "Dak Lak",
                "Ân Thi",
                "An Giang",
                "Bắc Ninh",
                "Ăn",
                "Bà Rịa"
            ]),
            vec![
                "An Giang",
                "Ăn",
                "Ân Thi",
                "Bà Rịa",
                "Bắc Ninh",
                "Dak Lak",
                "Đà Nẵng",
                "Yên Bái"
            ]
        );
        assert_eq!(
            sorted(&["ư", "u", "ơ", "ô", "o"]),
            vec!["o", "ô", "ơ", "u", "ư"]
        );
    }

    #[test]
    fn tones_order_ngang_huyen_hoi_nga_sac_nang() {
        assert_eq!(
            sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]),
            vec!["ma", "mà", "mả", "mã", "má", "mạ"]
        );
    }

    #[test]
    fn provinces_sort_as_a_vietnamese_reader_expects() {
        assert_eq!(
            sorted(&[
                "Thừa Thiên Huế",
                "Tây Ninh",
                "Hà Tĩnh",
                "Hà Nội",
                "Hải Phòng",
                "Điện Biên",
                "Cao Bằng"
            ]),
            vec![
                "Cao Bằng",
                "Điện Biên",
                "Hà Nội",
                "Hà Tĩnh",
                "Hải Phòng",
                "Tây Ninh",
                "Thừa Thiên Huế"
            ]
        );
    }
}
