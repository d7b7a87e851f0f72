//! Survey campaigns for the CCHC portal, shared by the static site and the
//! survey function so the page and the server never disagree about a form.
//!
//! - [`load_campaign`] reads `content/khao-sat/<campaign>/` into checked
//!   types: a [`Campaign`] cannot hold an unknown question type, a
//!   forward-looking show_if or a form for an unknown group.
//! - [`Form::parse_submission`] / [`Form::parse_draft`] turn posted fields
//!   ([`RawAnswers`], named as in [`fields`]) into [`Answers`] / [`Draft`],
//!   or Vietnamese [`FieldError`]s; [`Form::parse_stored`] reads their
//!   canonical JSON back through the same rules.
//! - [`render::form_html`] and [`render::review_html`] draw the form and the
//!   answers; [`Form::client_rules_json`] gives a script the same rules.

mod answers;
mod client_rules;
mod definition;
mod errors;
pub mod fields;
mod id;
mod load;
pub mod messages;
mod question;
mod raw;
pub mod render;
mod stored;
mod submission;

pub use answers::{Answer, AnswerSet, Answers, Cell, Choice, Draft, Number};
pub use definition::{Access, Campaign, CampaignStatus, Form, Group, Schedule, Section};
pub use errors::{DefinitionError, DefinitionErrors, FieldError};
pub use id::Id;
pub use load::{load_campaign, load_campaigns, CAMPAIGN_FILE};
pub use question::{
    ChoiceOption, DateRange, MatrixRow, MaxLength, NumberRange, Options, Question, QuestionKind,
    Scale, SelectionBounds, ShowIf, QUESTION_TYPES,
};
pub use raw::{RawAnswers, RawAnswersError};
pub use stored::StoredAnswersError;
