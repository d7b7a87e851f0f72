//! Helpers shared by the integration tests: campaigns written to a tempdir
//! and loaded through the public `load_campaign`, as the site would.

#![allow(dead_code)] // each test file uses its own subset

use std::fs;
use std::path::{Path, PathBuf};

use survey_core::{load_campaign, Campaign, Form, RawAnswers};
use tempfile::TempDir;

pub const CAMPAIGN_ID: &str = "thu-nghiem";

pub const CAMPAIGN_YAML: &str = r#"
id: thu-nghiem
title: "Đợt thử nghiệm"
intro: "Giới thiệu."
opens_at: "2026-11-01 08:00"
closes_at: "2026-12-31 17:00"
access: invited
groups:
  - id: cong-chuc
    name: "Công chức"
  - id: dai-bieu-hdnd
    name: "Đại biểu HĐND"
forms:
  - phieu
"#;

pub fn shipped_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content/khao-sat")
}

/// A campaign folder named `thu-nghiem` inside a fresh tempdir, holding
/// the given files. Keep the TempDir alive while the folder is used.
pub fn write_campaign(files: &[(&str, &str)]) -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join(CAMPAIGN_ID);
    fs::create_dir(&dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    (tmp, dir)
}

/// A form `phieu` for group cong-chuc with one section holding `questions`
/// (YAML list items, indented by four spaces as in the section below).
pub fn form_yaml(questions: &str) -> String {
    format!(
        "id: phieu\ntitle: \"Phiếu\"\ngroups: [cong-chuc]\nsections:\n  - id: phan-1\n    title: \"Phần 1\"\n    questions:\n{questions}"
    )
}

/// Loads a one-form campaign from `questions` and returns its form.
pub fn form(questions: &str) -> Form {
    let (_tmp, dir) = write_campaign(&[
        ("campaign.yaml", CAMPAIGN_YAML),
        ("phieu.yaml", &form_yaml(questions)),
    ]);
    let campaign: Campaign =
        load_campaign(&dir).unwrap_or_else(|e| panic!("fixture should load:\n{e}"));
    campaign.forms()[0].clone()
}

pub fn raw(pairs: &[(&str, &str)]) -> RawAnswers {
    RawAnswers::from_pairs(pairs.iter().copied())
}

/// The (field, message) pairs of a failed parse, for exact comparisons.
pub fn errors_of<T: std::fmt::Debug>(
    result: Result<T, Vec<survey_core::FieldError>>,
) -> Vec<(String, String)> {
    result
        .expect_err("expected the answers to be rejected")
        .into_iter()
        .map(|e| (e.field, e.message))
        .collect()
}
