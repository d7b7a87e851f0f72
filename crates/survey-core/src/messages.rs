//! Every Vietnamese sentence a respondent can see about their answers.
//!
//! The server, the HTML and the client rules all take their wording from
//! here, so the message a script shows before posting is the very one the
//! server would have returned.

use chrono::NaiveDate;

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// The first, empty entry of a drop-down list.
pub const SELECT_PROMPT: &str = "— Chọn một mục —";

pub fn required_choice(label: &str) -> String {
    format!("Vui lòng chọn một phương án cho câu {}", quoted(label))
}

pub fn required_multiple(label: &str) -> String {
    format!(
        "Vui lòng chọn ít nhất một phương án cho câu {}",
        quoted(label)
    )
}

pub fn required_text(label: &str) -> String {
    format!("Vui lòng trả lời câu {}", quoted(label))
}

pub fn required_row(row_label: &str) -> String {
    format!("Vui lòng chọn một phương án cho dòng {}", quoted(row_label))
}

pub fn unknown_option() -> String {
    "Vui lòng chọn một trong các phương án đã cho".into()
}

pub fn only_one_choice() -> String {
    "Chỉ được chọn một phương án".into()
}

pub fn only_one_value() -> String {
    "Chỉ được nhập một câu trả lời".into()
}

pub fn too_few_choices(min: u32) -> String {
    format!("Vui lòng chọn ít nhất {min} phương án")
}

pub fn too_many_choices(max: u32) -> String {
    format!("Chỉ được chọn tối đa {max} phương án")
}

pub fn other_required() -> String {
    "Vui lòng ghi rõ nội dung phương án “Khác”".into()
}

pub fn too_long(max: u32) -> String {
    format!("Câu trả lời không được dài quá {max} ký tự")
}

pub fn not_a_number(integer: bool) -> String {
    if integer {
        "Vui lòng nhập một số nguyên, ví dụ 12".into()
    } else {
        "Vui lòng nhập một số, ví dụ 12 hoặc 3,5".into()
    }
}

pub fn not_an_integer() -> String {
    "Vui lòng nhập một số nguyên, không có phần thập phân".into()
}

/// `None` when the question has no bounds and any number fits.
pub fn number_out_of_range(min: Option<f64>, max: Option<f64>) -> Option<String> {
    match (min, max) {
        (Some(lo), Some(hi)) => Some(format!(
            "Vui lòng nhập một số từ {} đến {}",
            format_number(lo),
            format_number(hi)
        )),
        (Some(lo), None) => Some(format!(
            "Vui lòng nhập một số không nhỏ hơn {}",
            format_number(lo)
        )),
        (None, Some(hi)) => Some(format!(
            "Vui lòng nhập một số không lớn hơn {}",
            format_number(hi)
        )),
        (None, None) => None,
    }
}

pub fn invalid_date() -> String {
    "Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm".into()
}

pub fn date_out_of_range(min: Option<NaiveDate>, max: Option<NaiveDate>) -> Option<String> {
    let d = vntext::format_date_short;
    match (min, max) {
        (Some(lo), Some(hi)) => Some(format!("Vui lòng nhập ngày từ {} đến {}", d(lo), d(hi))),
        (Some(lo), None) => Some(format!("Vui lòng nhập ngày từ {} trở về sau", d(lo))),
        (None, Some(hi)) => Some(format!("Vui lòng nhập ngày không muộn hơn {}", d(hi))),
        (None, None) => None,
    }
}

/// The hint every checkbox question gets, so the limits are known before
/// the respondent hits them.
pub fn selection_hint(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) if lo == hi => format!("Chọn {lo} phương án."),
        (Some(lo), Some(hi)) if lo > 1 => format!("Chọn từ {lo} đến {hi} phương án."),
        (_, Some(hi)) => format!("Chọn tối đa {hi} phương án."),
        (Some(lo), None) if lo > 1 => format!("Chọn ít nhất {lo} phương án."),
        _ => "Chọn tất cả các phương án phù hợp.".into(),
    }
}

/// "Chỉ trả lời nếu ở câu 3 đã chọn “Có” hoặc “Không rõ”."
pub fn show_if_note(question_number: usize, labels: &[&str]) -> String {
    format!(
        "Chỉ trả lời nếu ở câu {question_number} đã chọn {}.",
        join_alternatives(labels)
    )
}

/// “A”, “B” hoặc “C”
fn join_alternatives(labels: &[&str]) -> String {
    let quoted: Vec<String> = labels.iter().map(|l| quoted(l)).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} hoặc {last}", rest.join(", ")),
    }
}

/// A number the Vietnamese way: decimal comma, no exponent ("3,5", "2026").
pub fn format_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_decimal_comma() {
        assert_eq!(format_number(2026.0), "2026");
        assert_eq!(format_number(-3.5), "-3,5");
    }

    #[test]
    fn alternatives_read_naturally() {
        assert_eq!(
            show_if_note(2, &["Có"]),
            "Chỉ trả lời nếu ở câu 2 đã chọn “Có”."
        );
        assert_eq!(
            show_if_note(4, &["A", "B", "C"]),
            "Chỉ trả lời nếu ở câu 4 đã chọn “A”, “B” hoặc “C”."
        );
    }
}
