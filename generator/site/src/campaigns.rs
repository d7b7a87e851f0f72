//! Loads the survey campaigns of `content/khao-sat/` for the site, turning the
//! survey loader's field paths into editors' `file:line` diagnostics.

use std::path::Path;

use content::{Diagnostic, Diagnostics};
use survey_core::Campaign;

pub fn load(root: &Path) -> Result<Vec<Campaign>, Diagnostics> {
    let dir = root.join("content/khao-sat");
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    survey_core::load_campaigns(&dir).map_err(|errs| {
        Diagnostics(
            errs.iter()
                .map(|e| {
                    let file = e.file.strip_prefix(root).unwrap_or(&e.file);
                    let where_ = if e.field.is_empty() {
                        String::new()
                    } else {
                        format!("{}: ", e.field)
                    };
                    Diagnostic::new(
                        file,
                        line_of_field(&e.file, &e.field),
                        format!("{where_}{}", e.message),
                    )
                })
                .collect(),
        )
    })
}

/// The line of a field path's last key in the YAML file, best effort: the
/// survey loader names fields by path, editors want a line.
fn line_of_field(file: &Path, field: &str) -> usize {
    let key = field
        .rsplit('.')
        .next()
        .unwrap_or("")
        .split('[')
        .next()
        .unwrap_or("");
    if key.is_empty() {
        return 1;
    }
    std::fs::read_to_string(file)
        .ok()
        .and_then(|t| {
            t.lines().position(|l| {
                l.trim_start()
                    .trim_start_matches("- ")
                    .starts_with(&format!("{key}:"))
            })
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}
