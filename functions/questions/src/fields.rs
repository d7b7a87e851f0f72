//! The fields (lĩnh vực) a question may be filed under: the site's taxonomy
//! (docs/CONTENT.md), so a published question joins its field's listing.

pub const FIELDS: &[&str] = &[
    "Thủ tục hành chính",
    "Đánh giá cải cách hành chính",
    "Chính phủ điện tử, chính phủ số",
    "Công vụ, công chức",
    "Tổ chức bộ máy",
    "Tài chính công",
    "Thể chế",
];

/// The value of "another field": the editor files the question.
pub const OTHER: &str = "Khác";

pub fn is_known(field: &str) -> bool {
    field == OTHER || FIELDS.contains(&field)
}
