use chrono::NaiveDate;

use crate::id::Id;

/// One question of a form, as loaded and checked.
///
/// Fields are private so a `Question` only exists once the loader has
/// checked it against its form: its show_if points backwards at a real
/// option, its bounds are ordered, its option values are unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub(crate) id: Id,
    pub(crate) number: usize,
    pub(crate) label: String,
    pub(crate) hint: Option<String>,
    pub(crate) required: bool,
    pub(crate) show_if: Option<ShowIf>,
    pub(crate) kind: QuestionKind,
    /// A single choice shown as a drop-down list (`display: select`): for
    /// long lists such as the 34 provinces, where radios would fill a phone's
    /// screen. It posts the same field, so parsing and review are unchanged.
    pub(crate) as_select: bool,
}

impl Question {
    pub fn id(&self) -> &Id {
        &self.id
    }

    /// 1-based position in the whole form ("Câu 7"), counted across sections.
    pub fn number(&self) -> usize {
        self.number
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// Required when shown; a question hidden by its show_if never is.
    pub fn required(&self) -> bool {
        self.required
    }

    pub fn show_if(&self) -> Option<&ShowIf> {
        self.show_if.as_ref()
    }

    pub fn kind(&self) -> &QuestionKind {
        &self.kind
    }

    /// True for a single choice shown as a drop-down list.
    pub fn as_select(&self) -> bool {
        self.as_select
    }

    /// The name of the posted field holding this question's value.
    pub fn field(&self) -> String {
        crate::fields::value_field(&self.id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    SingleChoice {
        options: Options,
        other: bool,
    },
    MultipleChoice {
        options: Options,
        other: bool,
        bounds: SelectionBounds,
    },
    Rating {
        scale: Scale,
        min_label: String,
        max_label: String,
    },
    Matrix {
        rows: Vec<MatrixRow>,
        columns: Options,
        /// Columns come from `scale:` and their values are the numbers 1..N,
        /// stored as numbers so they can be averaged like ratings.
        numeric: bool,
    },
    ShortText {
        max_length: MaxLength,
    },
    LongText {
        max_length: MaxLength,
    },
    Number {
        range: NumberRange,
        integer: bool,
    },
    Date {
        range: DateRange,
    },
}

impl QuestionKind {
    /// The `type:` an editor writes for this kind.
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::MultipleChoice { .. } => "multiple_choice",
            QuestionKind::Rating { .. } => "rating",
            QuestionKind::Matrix { .. } => "matrix",
            QuestionKind::ShortText { .. } => "short_text",
            QuestionKind::LongText { .. } => "long_text",
            QuestionKind::Number { .. } => "number",
            QuestionKind::Date { .. } => "date",
        }
    }

    /// Whether the question is answered with a single `<input>`/`<textarea>`
    /// (and so is labelled with `<label for>` rather than a fieldset legend).
    pub fn is_single_input(&self) -> bool {
        matches!(
            self,
            QuestionKind::ShortText { .. }
                | QuestionKind::LongText { .. }
                | QuestionKind::Number { .. }
                | QuestionKind::Date { .. }
        )
    }
}

pub const QUESTION_TYPES: [&str; 8] = [
    "single_choice",
    "multiple_choice",
    "rating",
    "matrix",
    "short_text",
    "long_text",
    "number",
    "date",
];

/// A question is shown only when an earlier choice question's answer is one
/// of `values`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowIf {
    pub(crate) question: Id,
    pub(crate) values: Vec<Id>,
}

impl ShowIf {
    pub fn question(&self) -> &Id {
        &self.question
    }

    /// Never empty.
    pub fn values(&self) -> &[Id] {
        &self.values
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    pub(crate) value: Id,
    pub(crate) label: String,
}

impl ChoiceOption {
    pub fn value(&self) -> &Id {
        &self.value
    }

    pub fn label(&self) -> &str {
        &self.label
    }
}

/// A non-empty list of options whose values are unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options(Vec<ChoiceOption>);

impl Options {
    /// Returns the offending value when two options share it.
    pub(crate) fn new(options: Vec<ChoiceOption>) -> Result<Options, OptionsError> {
        if options.is_empty() {
            return Err(OptionsError::Empty);
        }
        for (i, o) in options.iter().enumerate() {
            if options[..i].iter().any(|p| p.value == o.value) {
                return Err(OptionsError::Duplicate(i, o.value.clone()));
            }
        }
        Ok(Options(options))
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ChoiceOption> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false; present because clippy expects it beside `len`.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, value: &str) -> Option<&ChoiceOption> {
        self.0.iter().find(|o| o.value == value)
    }

    pub fn position(&self, value: &str) -> Option<usize> {
        self.0.iter().position(|o| o.value == value)
    }
}

impl<'a> IntoIterator for &'a Options {
    type Item = &'a ChoiceOption;
    type IntoIter = std::slice::Iter<'a, ChoiceOption>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OptionsError {
    Empty,
    /// Index of the second occurrence and the repeated value.
    Duplicate(usize, Id),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub(crate) id: Id,
    pub(crate) label: String,
}

impl MatrixRow {
    pub fn id(&self) -> &Id {
        &self.id
    }

    pub fn label(&self) -> &str {
        &self.label
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Five,
    Ten,
}

impl Scale {
    pub fn from_points(n: u64) -> Option<Scale> {
        match n {
            5 => Some(Scale::Five),
            10 => Some(Scale::Ten),
            _ => None,
        }
    }

    pub fn points(self) -> u8 {
        match self {
            Scale::Five => 5,
            Scale::Ten => 10,
        }
    }
}

/// How many options a multiple-choice answer may tick; `min <= max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SelectionBounds {
    min: Option<u32>,
    max: Option<u32>,
}

impl SelectionBounds {
    pub(crate) fn new(min: Option<u32>, max: Option<u32>) -> Result<SelectionBounds, String> {
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => {
                Err(format!("min ({lo}) is greater than max ({hi})"))
            }
            (_, Some(0)) => Err("max must be at least 1".into()),
            _ => Ok(SelectionBounds { min, max }),
        }
    }

    pub fn min(&self) -> Option<u32> {
        self.min
    }

    pub fn max(&self) -> Option<u32> {
        self.max
    }
}

/// Longest text answer accepted, in Unicode characters after NFC; at least 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxLength(u32);

impl MaxLength {
    pub const SHORT_TEXT_DEFAULT: MaxLength = MaxLength(200);
    pub const LONG_TEXT_DEFAULT: MaxLength = MaxLength(2000);
    /// The "Khác (ghi rõ)" box is a short answer beside a choice.
    pub const OTHER_TEXT: MaxLength = MaxLength(200);

    pub(crate) fn new(n: u64) -> Result<MaxLength, String> {
        match u32::try_from(n) {
            Ok(n) if (1..=100_000).contains(&n) => Ok(MaxLength(n)),
            _ => Err(format!("max_length must be between 1 and 100000, not {n}")),
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// Bounds for a number answer; finite and `min <= max`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NumberRange {
    min: Option<f64>,
    max: Option<f64>,
}

impl NumberRange {
    pub(crate) fn new(min: Option<f64>, max: Option<f64>) -> Result<NumberRange, String> {
        if min.is_some_and(|v| !v.is_finite()) || max.is_some_and(|v| !v.is_finite()) {
            return Err("min and max must be finite numbers".into());
        }
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => Err(format!(
                "min ({}) is greater than max ({})",
                crate::messages::format_number(lo),
                crate::messages::format_number(hi)
            )),
            _ => Ok(NumberRange { min, max }),
        }
    }

    pub fn min(&self) -> Option<f64> {
        self.min
    }

    pub fn max(&self) -> Option<f64> {
        self.max
    }

    pub fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|lo| v >= lo) && self.max.is_none_or(|hi| v <= hi)
    }
}

/// Bounds for a date answer, inclusive; `min <= max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    min: Option<NaiveDate>,
    max: Option<NaiveDate>,
}

impl DateRange {
    pub(crate) fn new(min: Option<NaiveDate>, max: Option<NaiveDate>) -> Result<DateRange, String> {
        match (min, max) {
            (Some(lo), Some(hi)) if lo > hi => Err(format!("min ({lo}) is after max ({hi})")),
            _ => Ok(DateRange { min, max }),
        }
    }

    pub fn min(&self) -> Option<NaiveDate> {
        self.min
    }

    pub fn max(&self) -> Option<NaiveDate> {
        self.max
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.min.is_none_or(|lo| d >= lo) && self.max.is_none_or(|hi| d <= hi)
    }
}
