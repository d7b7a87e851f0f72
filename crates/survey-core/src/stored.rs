//! Reading answers back from their canonical JSON (a saved draft, a
//! submission to print a receipt for) by parsing them again against the
//! form, so stored data is trusted no more than a fresh post.

use serde_json::Value;

use crate::answers::{Answers, Draft};
use crate::definition::Form;
use crate::errors::FieldError;
use crate::fields::{other_field, row_field, value_field, OTHER_VALUE};
use crate::question::QuestionKind;
use crate::raw::RawAnswers;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoredAnswersError {
    #[error("not the canonical answers JSON: {0}")]
    Syntax(String),
    #[error("these answers belong to {campaign}/{form}, not to this form")]
    WrongForm { campaign: String, form: String },
    #[error("question {0:?} is not in this form")]
    UnknownQuestion(String),
    #[error("the answer to {0:?} does not have the shape its question type stores")]
    Shape(String),
    #[error("the stored answers no longer pass the form's rules: {0:?}")]
    Invalid(Vec<FieldError>),
}

impl Form {
    /// A complete submission from [`crate::AnswerSet::canonical_json`].
    pub fn parse_stored(&self, json: &str) -> Result<Answers, StoredAnswersError> {
        let raw = self.stored_to_raw(json)?;
        self.parse_submission(&raw)
            .map_err(StoredAnswersError::Invalid)
    }

    /// A draft from [`crate::AnswerSet::canonical_json`].
    pub fn parse_stored_draft(&self, json: &str) -> Result<Draft, StoredAnswersError> {
        let raw = self.stored_to_raw(json)?;
        self.parse_draft(&raw).map_err(StoredAnswersError::Invalid)
    }

    fn stored_to_raw(&self, json: &str) -> Result<RawAnswers, StoredAnswersError> {
        let doc: Value =
            serde_json::from_str(json).map_err(|e| StoredAnswersError::Syntax(e.to_string()))?;
        let text = |key: &str| {
            doc.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        let (campaign, form) = (text("campaign"), text("form"));
        if campaign != self.campaign().as_str() || form != self.id().as_str() {
            return Err(StoredAnswersError::WrongForm { campaign, form });
        }
        let Some(answers) = doc.get("answers").and_then(Value::as_object) else {
            return Err(StoredAnswersError::Syntax("no \"answers\" object".into()));
        };
        let mut raw = RawAnswers::new();
        for (id, value) in answers {
            let q = self
                .question(id)
                .ok_or_else(|| StoredAnswersError::UnknownQuestion(id.clone()))?;
            let shape = || StoredAnswersError::Shape(id.clone());
            let field = value_field(q.id());
            match (q.kind(), value) {
                (QuestionKind::SingleChoice { .. }, v) => {
                    push_choice(&mut raw, q.id(), v).ok_or_else(shape)?
                }
                (QuestionKind::MultipleChoice { .. }, Value::Array(items)) => {
                    for v in items {
                        push_choice(&mut raw, q.id(), v).ok_or_else(shape)?;
                    }
                }
                (QuestionKind::Matrix { .. }, Value::Object(cells)) => {
                    for (row, cell) in cells {
                        let row = crate::Id::parse(row).map_err(|_| shape())?;
                        raw.push(row_field(q.id(), &row), scalar(cell).ok_or_else(shape)?);
                    }
                }
                (QuestionKind::Rating { .. } | QuestionKind::Number { .. }, Value::Number(n)) => {
                    raw.push(field, n.to_string())
                }
                (
                    QuestionKind::ShortText { .. }
                    | QuestionKind::LongText { .. }
                    | QuestionKind::Date { .. },
                    Value::String(s),
                ) => raw.push(field, s.clone()),
                _ => return Err(shape()),
            }
        }
        Ok(raw)
    }
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn push_choice(raw: &mut RawAnswers, id: &crate::Id, v: &Value) -> Option<()> {
    match v {
        Value::String(s) => raw.push(value_field(id), s.clone()),
        Value::Object(o) if o.len() == 1 => {
            let text = o.get("other")?.as_str()?;
            raw.push(value_field(id), OTHER_VALUE);
            raw.push(other_field(id), text);
        }
        _ => return None,
    }
    Some(())
}
