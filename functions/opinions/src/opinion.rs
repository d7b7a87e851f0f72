//! One opinion as posted, checked field by field with Vietnamese messages.

use serde::{Deserialize, Serialize};
use web::form::{char_len, looks_like_email, FieldError};
use web::Fields;

use crate::consultations::{Consultation, WHOLE};

pub const MAX_NAME: usize = 100;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PROVINCE: usize = 60;
pub const MAX_TEXT: usize = 5000;

/// A valid opinion, NFC text, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOpinion {
    pub name: String,
    pub email: Option<String>,
    pub province: String,
    /// `toan-bo` or a part's anchor.
    pub part: String,
    pub text: String,
}

/// An opinion as stored and exported: no email.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredOpinion {
    pub id: String,
    pub name: String,
    pub province: String,
    pub part: String,
    pub text: String,
    /// RFC 3339, UTC.
    pub submitted_at: String,
}

/// Checks every field and reports every problem at once.
pub fn parse(fields: &Fields, c: &Consultation) -> Result<NewOpinion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = fields.get("ho_ten").unwrap_or_default().to_owned();
    if name.is_empty() {
        errors.push(FieldError::new("ho_ten", "Vui lòng nhập họ và tên."));
    } else if char_len(&name) > MAX_NAME {
        errors.push(FieldError::new(
            "ho_ten",
            format!("Họ và tên không quá {MAX_NAME} ký tự."),
        ));
    }
    let email = fields.get("email").map(str::to_owned);
    if let Some(e) = &email {
        if char_len(e) > MAX_EMAIL || !looks_like_email(e) {
            errors.push(FieldError::new(
                "email",
                "Địa chỉ thư điện tử chưa đúng dạng, ví dụ ten@example.vn; có thể để trống.",
            ));
        }
    }
    let province = fields.get("tinh").unwrap_or_default().to_owned();
    if province.is_empty() {
        errors.push(FieldError::new("tinh", "Vui lòng nhập tỉnh, thành phố."));
    } else if char_len(&province) > MAX_PROVINCE {
        errors.push(FieldError::new(
            "tinh",
            format!("Tên tỉnh, thành phố không quá {MAX_PROVINCE} ký tự."),
        ));
    }
    let part = fields.get("pham_vi").unwrap_or(WHOLE).to_owned();
    if c.part_label(&part).is_none() {
        errors.push(FieldError::new(
            "pham_vi",
            "Phần dự thảo được chọn không có trong dự thảo này; vui lòng chọn lại.",
        ));
    }
    let text = fields.get("noi_dung").unwrap_or_default().to_owned();
    if text.is_empty() {
        errors.push(FieldError::new(
            "noi_dung",
            "Vui lòng nhập nội dung ý kiến.",
        ));
    } else if char_len(&text) > MAX_TEXT {
        errors.push(FieldError::new(
            "noi_dung",
            format!(
                "Nội dung ý kiến không quá {} ký tự (hiện có {} ký tự).",
                fmt_thousands(MAX_TEXT),
                fmt_thousands(char_len(&text))
            ),
        ));
    }
    if fields.get("dong_y").is_none() {
        errors.push(FieldError::new(
            "dong_y",
            "Vui lòng đánh dấu đồng ý với Chính sách bảo vệ dữ liệu cá nhân để gửi ý kiến.",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewOpinion {
        name,
        email,
        province,
        part,
        text,
    })
}

/// 5000 → "5.000", as Vietnamese writes numbers.
pub fn fmt_thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(fmt_thousands(5000), "5.000");
        assert_eq!(fmt_thousands(12), "12");
        assert_eq!(fmt_thousands(1234567), "1.234.567");
    }
}
