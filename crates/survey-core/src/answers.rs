use std::collections::BTreeMap;
use std::ops::Deref;

use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::fields::{other_field, row_field, value_field, OTHER_VALUE};
use crate::id::Id;
use crate::raw::RawAnswers;

/// One question's checked answer. Serialised untagged, so stored answers
/// read like the form: `"a"`, `["a", {"other": "…"}]`, `4`, `{"row": 3}`,
/// `"text"`, `12`, `"2026-11-02"`. The form definition says which is which.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// single_choice
    Choice(Choice),
    /// multiple_choice, in the form's option order with "Khác" last, so the
    /// order boxes were ticked in cannot change the digest.
    Choices(Vec<Choice>),
    /// rating: 1..=scale
    Rating(u8),
    /// matrix: row id → chosen column, only rows that were answered
    Matrix(BTreeMap<Id, Cell>),
    /// short_text and long_text, NFC, trimmed, line breaks as `\n`
    Text(String),
    Number(Number),
    Date(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Choice {
    Option(Id),
    /// "Khác (ghi rõ)" with what was written. Empty only in a draft.
    Other {
        other: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// A column of a `scale:` matrix, 1..=scale.
    Scale(u8),
    /// A column of an `options:` matrix.
    Option(Id),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    Integer(i64),
    Decimal(f64),
}

impl Number {
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Integer(i) => i as f64,
            Number::Decimal(d) => d,
        }
    }
}

/// The answers to one form, checked against it. Only the form's parsers
/// build one; [`Answers`] (complete, from a submission) and [`Draft`]
/// (possibly incomplete) wrap it so the two cannot be mixed up.
///
/// Serialises as canonical JSON: object keys in byte order at every level
/// (`answers`, `campaign`, `form`; question ids; row ids), no whitespace,
/// UTF-8 unescaped. Those are the bytes Python's `json.dumps(obj,
/// sort_keys=True, separators=(",", ":"), ensure_ascii=False)` writes, so a
/// receipt's digest can be checked without this crate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerSet {
    pub(crate) answers: BTreeMap<Id, Answer>,
    pub(crate) campaign: Id,
    pub(crate) form: Id,
}

impl AnswerSet {
    pub fn campaign(&self) -> &Id {
        &self.campaign
    }

    pub fn form(&self) -> &Id {
        &self.form
    }

    /// The answer to a question, if it was shown and answered.
    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.answers.get(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Id, &Answer)> {
        self.answers.iter()
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    pub fn canonical_json(&self) -> String {
        serde_json::to_string(self)
            .expect("answers contain only strings, integers and finite numbers")
    }

    /// The answers as the form would post them, to fill the form again
    /// (a saved draft, or "sửa" from the review page).
    pub fn to_raw(&self) -> RawAnswers {
        let mut raw = RawAnswers::new();
        for (id, answer) in &self.answers {
            let field = value_field(id);
            match answer {
                Answer::Choice(c) => push_choice(&mut raw, id, c),
                Answer::Choices(cs) => cs.iter().for_each(|c| push_choice(&mut raw, id, c)),
                Answer::Rating(n) => raw.push(field, n.to_string()),
                Answer::Matrix(cells) => {
                    for (row, cell) in cells {
                        let value = match cell {
                            Cell::Scale(n) => n.to_string(),
                            Cell::Option(v) => v.to_string(),
                        };
                        raw.push(row_field(id, row), value);
                    }
                }
                Answer::Text(t) => raw.push(field, t.clone()),
                Answer::Number(Number::Integer(i)) => raw.push(field, i.to_string()),
                Answer::Number(Number::Decimal(d)) => raw.push(field, d.to_string()),
                Answer::Date(d) => raw.push(field, d.format("%Y-%m-%d").to_string()),
            }
        }
        raw
    }
}

fn push_choice(raw: &mut RawAnswers, id: &Id, choice: &Choice) {
    match choice {
        Choice::Option(v) => raw.push(value_field(id), v.to_string()),
        Choice::Other { other } => {
            raw.push(value_field(id), OTHER_VALUE);
            raw.push(other_field(id), other.clone());
        }
    }
}

/// A complete, valid submission: every shown required question answered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Answers(pub(crate) AnswerSet);

impl Answers {
    /// SHA-256 of the canonical JSON, in lowercase hex: what a receipt quotes
    /// so a respondent can later show which answers they sent.
    pub fn digest(&self) -> String {
        let hash = Sha256::digest(self.0.canonical_json().as_bytes());
        hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl Deref for Answers {
    type Target = AnswerSet;

    fn deref(&self) -> &AnswerSet {
        &self.0
    }
}

/// Answers saved part-way: every value valid, but required questions may be
/// unanswered. Has no digest, so it cannot be receipted as a submission; to
/// submit it, parse its [`AnswerSet::to_raw`] with `parse_submission`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Draft(pub(crate) AnswerSet);

impl Deref for Draft {
    type Target = AnswerSet;

    fn deref(&self) -> &AnswerSet {
        &self.0
    }
}
