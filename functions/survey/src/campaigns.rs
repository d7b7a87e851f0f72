//! Where the function finds the campaign definitions.
//!
//! They are the same YAML files the site is built from (`content/khao-sat/`).
//! Locally they are read from the project; for Lambda the deployment package
//! carries a copy of `content/khao-sat/` beside the `bootstrap` binary and
//! `CCHC_CONTENT_DIR` names the folder holding it (`/var/task/content`). Reading
//! files at cold start (a few ms) keeps one code path for both, and a campaign
//! change ships with the site build that publishes it.

use std::path::{Path, PathBuf};

use survey_core::{load_campaigns, Campaign};

pub const CONTENT_DIR_VAR: &str = "CCHC_CONTENT_DIR";

/// `<content>/khao-sat/`, from `CCHC_CONTENT_DIR` or `./content`.
pub fn surveys_dir_from_env() -> PathBuf {
    let content = std::env::var_os(CONTENT_DIR_VAR)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("content"));
    content.join("khao-sat")
}

/// Loads every campaign, with all definition errors in one message.
pub fn load(dir: &Path) -> Result<Vec<Campaign>, String> {
    load_campaigns(dir).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        format!(
            "campaign definitions in {} have errors:\n{}",
            dir.display(),
            lines.join("\n")
        )
    })
}
