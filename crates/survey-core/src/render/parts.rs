//! What the markup of one question needs besides the question itself, and
//! the inline error message: shared by the question wrapper (`question.rs`)
//! and the grouped controls (`groups.rs`), which both build on it.

use super::html::esc;
use crate::definition::Form;
use crate::errors::FieldError;
use crate::fields::error_id;
use crate::question::Question;
use crate::raw::RawAnswers;

pub(crate) struct QuestionCtx<'a> {
    pub form: &'a Form,
    pub raw: &'a RawAnswers,
    pub errors: &'a [FieldError],
    pub readonly: bool,
}

/// What one question's markup needs to know besides the question.
pub(super) struct Parts<'a> {
    pub q: &'a Question,
    pub cx: &'a QuestionCtx<'a>,
    pub field: String,
    pub errors: Vec<&'a FieldError>,
}

impl Parts<'_> {
    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    pub fn posted(&self, field: &str) -> Option<&str> {
        self.cx.raw.first(field)
    }

    pub fn is_checked(&self, field: &str, value: &str) -> bool {
        self.cx.raw.get(field).iter().any(|v| v.trim() == value)
    }
}

pub(super) fn error_message(out: &mut String, e: &FieldError) -> String {
    let id = error_id(&e.field);
    out.push_str(&format!(
        "<p class=\"error-message\" id=\"{}\"><span class=\"visually-hidden\">Lỗi:</span> {}</p>\n",
        esc(&id),
        esc(&e.message)
    ));
    id
}
