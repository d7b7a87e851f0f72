use std::sync::OnceLock;

use regex::Regex;

/// Stable anchors for the parts of a legal draft: `Chương II` → `chuong-ii`,
/// `Điều 12` → `dieu-12`. Opinions cite these, so they must not change when
/// an article's title is reworded.
pub fn legal_anchor(heading: &str) -> Option<String> {
    static CHAPTER: OnceLock<Regex> = OnceLock::new();
    static ARTICLE: OnceLock<Regex> = OnceLock::new();
    let chapter =
        CHAPTER.get_or_init(|| Regex::new(r"^(?i:chương)\s+([IVXLC]+)\b").expect("valid regex"));
    let article = ARTICLE.get_or_init(|| Regex::new(r"^(?i:điều)\s+(\d+)\b").expect("valid regex"));
    let h = heading.trim();
    if let Some(c) = chapter.captures(h) {
        return Some(format!("chuong-{}", c[1].to_ascii_lowercase()));
    }
    article.captures(h).map(|c| format!("dieu-{}", &c[1]))
}

/// The anchor of an ordinary heading: its text as a slug.
pub fn heading_id(text: &str) -> String {
    let s = vntext::slugify(text);
    if s.is_empty() {
        "muc".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_anchors_are_stable() {
        assert_eq!(
            legal_anchor("Chương II. Quy định cụ thể").as_deref(),
            Some("chuong-ii")
        );
        assert_eq!(
            legal_anchor("Điều 12. Trách nhiệm thi hành").as_deref(),
            Some("dieu-12")
        );
        assert_eq!(
            legal_anchor("Điều 3 Giải thích từ ngữ").as_deref(),
            Some("dieu-3")
        );
        assert_eq!(legal_anchor("Điều kiện áp dụng"), None);
        assert_eq!(legal_anchor("Chương trình tổng thể"), None);
    }

    #[test]
    fn heading_ids_drop_diacritics() {
        assert_eq!(heading_id("Đánh giá kết quả"), "danh-gia-ket-qua");
        assert_eq!(heading_id("—"), "muc");
    }
}
