use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One problem in a campaign's YAML files, named the way an editor can find
/// it: the file, then the field path inside it (`sections[1].questions[3].type`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    pub file: PathBuf,
    /// Dotted path from the document root; empty when the problem is the
    /// file as a whole (missing, unreadable, not YAML).
    pub field: String,
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.file.display(),
                self.field,
                self.message
            )
        }
    }
}

/// Every problem found in a campaign, so an editor fixes them in one pass
/// instead of one build per mistake.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DefinitionErrors(pub Vec<DefinitionError>);

impl DefinitionErrors {
    pub fn iter(&self) -> std::slice::Iter<'_, DefinitionError> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn push(
        &mut self,
        file: &Path,
        field: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.0.push(DefinitionError {
            file: file.to_path_buf(),
            field: field.into(),
            message: message.into(),
        });
    }
}

impl fmt::Display for DefinitionErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DefinitionErrors {}

impl<'a> IntoIterator for &'a DefinitionErrors {
    type Item = &'a DefinitionError;
    type IntoIter = std::slice::Iter<'a, DefinitionError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A problem with one submitted answer, ready to show to the respondent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field name as posted (`q_<id>`, `q_<id>_other`, `q_<id>__<row>`);
    /// the input carrying that name also carries it as its HTML id, so
    /// `#<field>` is the link target in the error summary.
    pub field: String,
    /// The question the field belongs to, so a renderer can put the message
    /// beside the right question.
    pub question: String,
    /// The question's label, for contexts that show errors away from the form.
    pub label: String,
    /// What is wrong and how to fix it, in Vietnamese.
    pub message: String,
}

impl FieldError {
    /// The link target for the error summary.
    pub fn anchor(&self) -> String {
        format!("#{}", self.field)
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}
