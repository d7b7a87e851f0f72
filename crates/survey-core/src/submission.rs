//! Turning posted fields into [`Answers`]: the one place the rules live.

use std::collections::BTreeMap;

use crate::answers::{Answer, AnswerSet, Answers, Cell, Choice, Draft, Number};
use crate::definition::Form;
use crate::errors::FieldError;
use crate::fields::{other_field, row_field, OTHER_VALUE};
use crate::id::Id;
use crate::messages as msg;
use crate::question::{MaxLength, Options, Question, QuestionKind, ShowIf};
use crate::raw::RawAnswers;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Everything required must be there.
    Complete,
    /// Saving part-way: what is there must be valid, nothing more.
    Draft,
}

impl Form {
    /// Checks a submission. Questions hidden by their show_if are skipped:
    /// not required, and whatever was posted for them is dropped, since the
    /// respondent was told not to answer them.
    pub fn parse_submission(&self, raw: &RawAnswers) -> Result<Answers, Vec<FieldError>> {
        self.parse(raw, Mode::Complete).map(Answers)
    }

    /// Like [`Form::parse_submission`], without the completeness rules
    /// (required, a minimum of ticks, the text of a chosen "Khác").
    pub fn parse_draft(&self, raw: &RawAnswers) -> Result<Draft, Vec<FieldError>> {
        self.parse(raw, Mode::Draft).map(Draft)
    }

    /// Whether a question is shown given the answers so far; a question is
    /// hidden when the one it depends on is hidden, unanswered or invalid.
    pub fn is_shown(&self, question: &Question, answers: &AnswerSet) -> bool {
        question
            .show_if()
            .is_none_or(|s| condition_met(s, &answers.answers))
    }

    fn parse(&self, raw: &RawAnswers, mode: Mode) -> Result<AnswerSet, Vec<FieldError>> {
        let mut answers = BTreeMap::new();
        let mut errors = Vec::new();
        // Document order matters: a show_if only looks back, so by the time
        // a question is reached the answer deciding its visibility is known.
        for q in self.questions() {
            if q.show_if().is_some_and(|s| !condition_met(s, &answers)) {
                continue;
            }
            let mut p = QuestionParser {
                q,
                raw,
                mode,
                errors: Vec::new(),
            };
            let answer = p.parse();
            if p.errors.is_empty() {
                if let Some(a) = answer {
                    answers.insert(q.id().clone(), a);
                }
            } else {
                errors.extend(p.errors);
            }
        }
        if errors.is_empty() {
            Ok(AnswerSet {
                answers,
                campaign: self.campaign().clone(),
                form: self.id().clone(),
            })
        } else {
            Err(errors)
        }
    }
}

fn condition_met(show_if: &ShowIf, answers: &BTreeMap<Id, Answer>) -> bool {
    let wanted = |v: &str| show_if.values().iter().any(|w| w == v);
    match answers.get(show_if.question()) {
        Some(Answer::Choice(Choice::Option(v))) => wanted(v.as_str()),
        Some(Answer::Choices(cs)) => cs
            .iter()
            .any(|c| matches!(c, Choice::Option(v) if wanted(v.as_str()))),
        Some(Answer::Rating(n)) => wanted(&n.to_string()),
        _ => false,
    }
}

/// What a browser or script sent, made comparable: NFC (keyboards differ),
/// `\r\n` as `\n` (browsers post textarea breaks as CRLF but count them as
/// one character for maxlength), trimmed, blanks dropped (an empty text box
/// still posts its name).
fn cleaned(raw: &RawAnswers, field: &str) -> Vec<String> {
    raw.get(field)
        .iter()
        .map(|v| vntext::nfc(v.replace("\r\n", "\n").replace('\r', "\n").trim()))
        .filter(|v| !v.is_empty())
        .collect()
}

struct QuestionParser<'a> {
    q: &'a Question,
    raw: &'a RawAnswers,
    mode: Mode,
    errors: Vec<FieldError>,
}

impl QuestionParser<'_> {
    fn error(&mut self, field: String, message: String) {
        self.errors.push(FieldError {
            field,
            question: self.q.id().to_string(),
            label: self.q.label().to_owned(),
            message,
        });
    }

    fn required_here(&self) -> bool {
        self.mode == Mode::Complete && self.q.required()
    }

    /// The single value of a one-value field; `None` when absent or wrong.
    fn single(&mut self, field: &str, required_message: impl FnOnce() -> String) -> Option<String> {
        let mut values = cleaned(self.raw, field);
        match values.len() {
            0 => {
                if self.required_here() {
                    self.error(field.to_owned(), required_message());
                }
                None
            }
            1 => values.pop(),
            _ => {
                let message = if self.q.kind().is_single_input() {
                    msg::only_one_value()
                } else {
                    msg::only_one_choice()
                };
                self.error(field.to_owned(), message);
                None
            }
        }
    }

    fn parse(&mut self) -> Option<Answer> {
        let field = self.q.field();
        let label = self.q.label();
        match self.q.kind() {
            QuestionKind::SingleChoice { options, other } => {
                let v = self.single(&field, || msg::required_choice(label))?;
                self.choice(&field, options, *other, &v).map(Answer::Choice)
            }
            QuestionKind::MultipleChoice {
                options,
                other,
                bounds,
            } => {
                let values = cleaned(self.raw, &field);
                let mut chosen: Vec<Choice> = Vec::new();
                for v in &values {
                    match self.choice(&field, options, *other, v) {
                        Some(c) if !chosen.contains(&c) => chosen.push(c),
                        Some(_) => {}
                        // One message per field is enough, however many bad values.
                        None => break,
                    }
                }
                if !self.errors.is_empty() {
                    return None;
                }
                let count = chosen.len() as u32;
                if count == 0 {
                    if self.required_here() {
                        self.error(field, msg::required_multiple(label));
                    }
                    return None;
                }
                if let Some(min) = bounds
                    .min()
                    .filter(|&m| self.mode == Mode::Complete && count < m)
                {
                    self.error(field, msg::too_few_choices(min));
                    return None;
                }
                if let Some(max) = bounds.max().filter(|&m| count > m) {
                    self.error(field, msg::too_many_choices(max));
                    return None;
                }
                chosen.sort_by_key(|c| match c {
                    Choice::Option(v) => options.position(v.as_str()).unwrap_or(usize::MAX),
                    Choice::Other { .. } => usize::MAX,
                });
                Some(Answer::Choices(chosen))
            }
            QuestionKind::Rating { scale, .. } => {
                let v = self.single(&field, || msg::required_choice(label))?;
                match v.parse::<u8>() {
                    Ok(n) if (1..=scale.points()).contains(&n) => Some(Answer::Rating(n)),
                    _ => {
                        self.error(field, msg::unknown_option());
                        None
                    }
                }
            }
            QuestionKind::Matrix {
                rows,
                columns,
                numeric,
            } => {
                let mut cells = BTreeMap::new();
                for row in rows {
                    let row_field = row_field(self.q.id(), row.id());
                    let Some(v) = self.single(&row_field, || msg::required_row(row.label())) else {
                        continue;
                    };
                    match columns.get(&v) {
                        Some(col) => {
                            let cell = match col.value().as_str().parse::<u8>() {
                                Ok(n) if *numeric => Cell::Scale(n),
                                _ => Cell::Option(col.value().clone()),
                            };
                            cells.insert(row.id().clone(), cell);
                        }
                        None => self.error(row_field, msg::unknown_option()),
                    }
                }
                (!cells.is_empty()).then_some(Answer::Matrix(cells))
            }
            QuestionKind::ShortText { max_length } => {
                let v = self.single(&field, || msg::required_text(label))?;
                // A one-line box cannot hold a line break; a script might send one.
                let v = v.replace('\n', " ");
                self.text(&field, v, *max_length).map(Answer::Text)
            }
            QuestionKind::LongText { max_length } => {
                let v = self.single(&field, || msg::required_text(label))?;
                self.text(&field, v, *max_length).map(Answer::Text)
            }
            QuestionKind::Number { range, integer } => {
                let v = self.single(&field, || msg::required_text(label))?;
                let Some(n) = parse_number(&v) else {
                    self.error(field, msg::not_a_number(*integer));
                    return None;
                };
                if *integer && n.fract() != 0.0 {
                    self.error(field, msg::not_an_integer());
                    return None;
                }
                if !range.contains(n) {
                    let m = msg::number_out_of_range(range.min(), range.max())
                        .expect("a range that excludes has a bound");
                    self.error(field, m);
                    return None;
                }
                Some(Answer::Number(if n.fract() == 0.0 {
                    Number::Integer(n as i64)
                } else {
                    Number::Decimal(n)
                }))
            }
            QuestionKind::Date { range } => {
                let v = self.single(&field, || msg::required_text(label))?;
                let Some(d) = vntext::parse_date(&v) else {
                    self.error(field, msg::invalid_date());
                    return None;
                };
                if !range.contains(d) {
                    let m = msg::date_out_of_range(range.min(), range.max())
                        .expect("a range that excludes has a bound");
                    self.error(field, m);
                    return None;
                }
                Some(Answer::Date(d))
            }
        }
    }

    fn choice(
        &mut self,
        field: &str,
        options: &Options,
        other: bool,
        value: &str,
    ) -> Option<Choice> {
        if other && value == OTHER_VALUE {
            let other_field = other_field(self.q.id());
            let text = cleaned(self.raw, &other_field).join(" ").replace('\n', " ");
            if text.is_empty() && self.mode == Mode::Complete {
                self.error(other_field, msg::other_required());
                return None;
            }
            return self
                .text(&other_field, text, MaxLength::OTHER_TEXT)
                .map(|other| Choice::Other { other });
        }
        match options.get(value) {
            Some(o) => Some(Choice::Option(o.value().clone())),
            None => {
                self.error(field.to_owned(), msg::unknown_option());
                None
            }
        }
    }

    /// Length is counted in characters after NFC, as the page promises.
    fn text(&mut self, field: &str, text: String, max: MaxLength) -> Option<String> {
        if text.chars().count() > max.get() as usize {
            self.error(field.to_owned(), msg::too_long(max.get()));
            return None;
        }
        Some(text)
    }
}

/// "12", "-3", "3.5" (as `<input type=number>` posts) or "3,5" (as people
/// write it in Vietnamese). Grouped thousands ("1.000.000") are refused
/// rather than guessed at, as is anything a float parser would take but a
/// person would not write ("1e5", "inf").
fn parse_number(s: &str) -> Option<f64> {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = match unsigned.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) || whole.len() > 15 {
        return None;
    }
    s.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::parse_number;

    #[test]
    fn numbers_accept_both_decimal_marks_and_nothing_else() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("-3,5"), Some(-3.5));
        assert_eq!(parse_number("3.25"), Some(3.25));
        for bad in [
            "",
            "abc",
            "1e5",
            "1.000.000",
            "1,",
            ".5",
            "inf",
            "NaN",
            "12 người",
            "0x10",
        ] {
            assert_eq!(parse_number(bad), None, "{bad:?}");
        }
    }
}
