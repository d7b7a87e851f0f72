//! One question as posted, checked field by field (and file by file, by
//! content) with Vietnamese messages.

use web::form::{char_len, looks_like_email, FieldError};
use web::Fields;

use crate::fields::is_known;
use crate::multipart::Upload;
use crate::settings::{mb, Settings};
use crate::sniff::{sniff, Kind};

pub const MAX_NAME: usize = 100;
pub const MAX_DISPLAY: usize = 60;
pub const MAX_EMAIL: usize = 254;
pub const MAX_PHONE: usize = 20;
pub const MAX_PROVINCE: usize = 60;
pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 5000;
/// The form's file input.
pub const FILE_FIELD: &str = "tep";

/// A file that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidFile {
    pub kind: Kind,
    /// As the person's computer called it; shown back to them only.
    pub original_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub name: String,
    /// Shown when published; empty: "Bạn đọc".
    pub display_name: Option<String>,
    pub email: String,
    pub phone: Option<String>,
    pub province: String,
    pub field: String,
    pub title: String,
    pub text: String,
    pub files: Vec<ValidFile>,
}

fn required(
    fields: &Fields,
    name: &str,
    max: usize,
    missing: &str,
    what: &str,
    errors: &mut Vec<FieldError>,
) -> String {
    let v = fields.get(name).unwrap_or_default().to_owned();
    if v.is_empty() {
        errors.push(FieldError::new(name, missing));
    } else if char_len(&v) > max {
        errors.push(FieldError::new(
            name,
            format!(
                "{what} không quá {max} ký tự (hiện có {} ký tự).",
                char_len(&v)
            ),
        ));
    }
    v
}

/// A phone number as people write it: 8 to 15 digits, with spaces, dots,
/// dashes, brackets or a leading +.
fn looks_like_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " .-()".contains(c) || c == '+')
        && s.rfind('+').is_none_or(|i| i == 0)
}

/// Checks every field and every file; reports every problem at once.
pub fn parse(
    fields: &Fields,
    uploads: &[Upload],
    s: &Settings,
) -> Result<NewQuestion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = required(
        fields,
        "ho_ten",
        MAX_NAME,
        "Vui lòng nhập họ và tên.",
        "Họ và tên",
        &mut errors,
    );
    let display_name = fields.get("ten_hien_thi").map(str::to_owned);
    if display_name
        .as_deref()
        .is_some_and(|d| char_len(d) > MAX_DISPLAY)
    {
        errors.push(FieldError::new(
            "ten_hien_thi",
            format!("Tên hiển thị không quá {MAX_DISPLAY} ký tự."),
        ));
    }
    let email = fields.get("email").unwrap_or_default().to_owned();
    if email.is_empty() {
        errors.push(FieldError::new(
            "email",
            "Vui lòng nhập địa chỉ thư điện tử để nhận mã theo dõi và câu trả lời.",
        ));
    } else if char_len(&email) > MAX_EMAIL || !looks_like_email(&email) {
        errors.push(FieldError::new(
            "email",
            "Địa chỉ thư điện tử chưa đúng dạng, ví dụ ten@example.vn.",
        ));
    }
    let phone = fields.get("dien_thoai").map(str::to_owned);
    if phone
        .as_deref()
        .is_some_and(|p| char_len(p) > MAX_PHONE || !looks_like_phone(p))
    {
        errors.push(FieldError::new(
            "dien_thoai",
            "Số điện thoại chưa đúng dạng, ví dụ 0912 345 678; có thể để trống.",
        ));
    }
    let province = required(
        fields,
        "tinh",
        MAX_PROVINCE,
        "Vui lòng nhập tỉnh, thành phố.",
        "Tên tỉnh, thành phố",
        &mut errors,
    );
    let field = fields.get("linh_vuc").unwrap_or_default().to_owned();
    if !is_known(&field) {
        errors.push(FieldError::new(
            "linh_vuc",
            "Vui lòng chọn lĩnh vực của câu hỏi.",
        ));
    }
    let title = required(
        fields,
        "tieu_de",
        MAX_TITLE,
        "Vui lòng nhập tiêu đề câu hỏi.",
        "Tiêu đề",
        &mut errors,
    );
    let text = required(
        fields,
        "noi_dung",
        MAX_TEXT,
        "Vui lòng nhập nội dung câu hỏi.",
        "Nội dung câu hỏi",
        &mut errors,
    );
    let files = check_files(uploads, s, &mut errors);
    if fields.get("dong_y").is_none() {
        errors.push(FieldError::new(
            "dong_y",
            "Vui lòng đánh dấu đồng ý với Chính sách bảo vệ dữ liệu cá nhân để gửi câu hỏi.",
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewQuestion {
        name,
        display_name,
        email,
        phone,
        province,
        field,
        title,
        text,
        files,
    })
}

fn check_files(uploads: &[Upload], s: &Settings, errors: &mut Vec<FieldError>) -> Vec<ValidFile> {
    let files: Vec<&Upload> = uploads.iter().filter(|u| u.field == FILE_FIELD).collect();
    if files.len() > s.max_files {
        errors.push(FieldError::new(
            FILE_FIELD,
            format!(
                "Chỉ gửi được tối đa {} tệp; quý vị đã chọn {} tệp.",
                s.max_files,
                files.len()
            ),
        ));
        return Vec::new();
    }
    let total: usize = files.iter().map(|u| u.bytes.len()).sum();
    let one_too_big = files.iter().any(|u| u.bytes.len() > s.max_files_bytes);
    if total > s.max_files_bytes && !one_too_big {
        tracing::info!(total, "attachments over the total size limit refused");
        errors.push(FieldError::new(
            FILE_FIELD,
            format!(
                "Các tệp đã chọn có tổng dung lượng {} MB, vượt quá giới hạn {} MB. Vui lòng bỏ bớt tệp hoặc giảm dung lượng (ví dụ chụp ảnh ở độ phân giải thấp hơn).",
                mb(total),
                mb(s.max_files_bytes)
            ),
        ));
        return Vec::new();
    }
    let mut out = Vec::new();
    for u in files {
        if u.bytes.len() > s.max_files_bytes {
            tracing::info!(
                size = u.bytes.len(),
                "attachment over the size limit refused"
            );
            errors.push(FieldError::new(
                FILE_FIELD,
                format!(
                    "Tệp “{}” có dung lượng {} MB, vượt quá giới hạn {} MB cho tất cả tệp đính kèm.",
                    u.name,
                    mb(u.bytes.len()),
                    mb(s.max_files_bytes)
                ),
            ));
            continue;
        }
        match sniff(&u.bytes) {
            Some(kind) => out.push(ValidFile {
                kind,
                original_name: u.name.clone(),
                bytes: u.bytes.clone(),
            }),
            None => {
                tracing::info!(
                    size = u.bytes.len(),
                    "attachment of a refused type (by content)"
                );
                errors.push(FieldError::new(
                    FILE_FIELD,
                    format!(
                        "Tệp “{}” không phải PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG. Loại tệp được kiểm tra theo nội dung, không theo tên tệp.",
                        u.name
                    ),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "0912345678",
            "0912 345 678",
            "+84 912.345.678",
            "(024) 3824 1234",
        ] {
            assert!(looks_like_phone(ok), "{ok}");
        }
        for bad in ["123", "09123abc78", "0912+345678", "1234567890123456"] {
            assert!(!looks_like_phone(bad), "{bad}");
        }
    }
}
