//! HTML for forms and answers, shared by the static site and the survey
//! function so both show the same form with the same field names.
//!
//! The markup follows the GOV.UK Design System's patterns (error summary,
//! fieldset and legend for groups, hint and error linked by
//! `aria-describedby`) with Vietnamese wording; class names are the theme's.

mod form;
mod groups;
mod html;
mod markdown;
mod parts;
mod question;
mod review;

use std::borrow::Cow;

pub use form::form_html;
pub use review::review_html;

use crate::answers::{AnswerSet, Answers, Draft};
use crate::errors::FieldError;
use crate::raw::RawAnswers;

/// What to fill a form with.
#[derive(Debug, Clone, Copy)]
pub enum Prefill<'a> {
    /// What was just posted, kept verbatim, to show a form again with errors.
    Raw(&'a RawAnswers),
    /// Checked answers, e.g. a saved draft.
    Answers(&'a AnswerSet),
}

impl<'a> Prefill<'a> {
    fn to_raw(self) -> Cow<'a, RawAnswers> {
        match self {
            Prefill::Raw(r) => Cow::Borrowed(r),
            Prefill::Answers(a) => Cow::Owned(a.to_raw()),
        }
    }
}

impl<'a> From<&'a RawAnswers> for Prefill<'a> {
    fn from(r: &'a RawAnswers) -> Self {
        Prefill::Raw(r)
    }
}

impl<'a> From<&'a AnswerSet> for Prefill<'a> {
    fn from(a: &'a AnswerSet) -> Self {
        Prefill::Answers(a)
    }
}

impl<'a> From<&'a Answers> for Prefill<'a> {
    fn from(a: &'a Answers) -> Self {
        Prefill::Answers(a)
    }
}

impl<'a> From<&'a Draft> for Prefill<'a> {
    fn from(a: &'a Draft) -> Self {
        Prefill::Answers(a)
    }
}

/// How to render a form.
#[derive(Debug, Clone)]
pub struct FormRender<'a> {
    /// Where the form posts.
    pub action: &'a str,
    pub answers: Option<Prefill<'a>>,
    /// From a failed `parse_submission`; shown in the summary and inline.
    pub errors: &'a [FieldError],
    /// Shows the questions with their answers but nothing to post: every
    /// control disabled, no `<form>` element, no buttons, no hidden fields.
    pub readonly: bool,
    /// Extra `<input type="hidden">` fields, such as a CSRF token.
    pub hidden: &'a [(&'a str, &'a str)],
    pub submit_label: &'a str,
    /// Shows a second button that posts `_action=draft` when set.
    pub draft_label: Option<&'a str>,
}

impl Default for FormRender<'_> {
    fn default() -> Self {
        FormRender {
            action: "",
            answers: None,
            errors: &[],
            readonly: false,
            hidden: &[],
            submit_label: "Gửi phiếu khảo sát",
            draft_label: None,
        }
    }
}

/// How to render answers for review.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewRender<'a> {
    /// The form's address; when set each answer gets a "Sửa" link to
    /// `<edit_href>#q_<id>`. Leave unset for a printable receipt.
    pub edit_href: Option<&'a str>,
}
