//! How answers are named in a form post, shared by the HTML and the parser.
//!
//! | field                 | holds                                                 |
//! |-----------------------|-------------------------------------------------------|
//! | `q_<question>`        | the value(s): an option value, a number, text, a date |
//! | `q_<question>_other`  | the text of "Khác (ghi rõ)"                           |
//! | `q_<question>__<row>` | one matrix row's chosen column                        |
//!
//! Ids never contain `_` (see [`crate::Id`]), so each name has one reading.
//! A checkbox question repeats `q_<question>` once per ticked box; choosing
//! "Khác" posts the reserved value [`OTHER_VALUE`]. Anything not starting
//! with `q_` (CSRF token, the button pressed) is left to the caller.

use crate::id::Id;

/// Prefix of every answer field.
pub const FIELD_PREFIX: &str = "q_";

/// Posted value of the "Khác (ghi rõ)" option. It contains `_`, which option
/// values cannot, so it never clashes with an editor's option.
pub const OTHER_VALUE: &str = "_other";

/// What the "Khác" option is called on the page.
pub const OTHER_LABEL: &str = "Khác (ghi rõ)";

/// The name of the submit buttons; the value says which was pressed.
pub const ACTION_FIELD: &str = "_action";
pub const ACTION_SUBMIT: &str = "submit";
pub const ACTION_DRAFT: &str = "draft";

pub fn value_field(question: &Id) -> String {
    format!("{FIELD_PREFIX}{question}")
}

pub fn other_field(question: &Id) -> String {
    format!("{FIELD_PREFIX}{question}_other")
}

pub fn row_field(question: &Id, row: &Id) -> String {
    format!("{FIELD_PREFIX}{question}__{row}")
}

/// HTML id of a question's hint, referenced by `aria-describedby`.
pub fn hint_id(question: &Id) -> String {
    format!("{FIELD_PREFIX}{question}-hint")
}

/// HTML id of the inline error message of a field.
pub fn error_id(field: &str) -> String {
    format!("{field}-error")
}

/// HTML id of the "Chỉ trả lời nếu …" note.
pub fn condition_id(question: &Id) -> String {
    format!("{FIELD_PREFIX}{question}-condition")
}

/// Suffixes the page appends to `q_<question>`; a question id ending in one
/// of them could collide with another question's HTML ids.
pub(crate) const RESERVED_ID_SUFFIXES: [&str; 3] = ["-hint", "-error", "-condition"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_follow_the_convention() {
        let q = Id::parse("thai-do").unwrap();
        let row = Id::parse("dung-hen").unwrap();
        assert_eq!(value_field(&q), "q_thai-do");
        assert_eq!(other_field(&q), "q_thai-do_other");
        assert_eq!(row_field(&q, &row), "q_thai-do__dung-hen");
        assert_eq!(error_id("q_thai-do"), "q_thai-do-error");
    }
}
