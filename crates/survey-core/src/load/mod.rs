//! Reading a campaign folder into checked types.

mod campaign;
mod form;
mod question;
mod yaml;

use std::fs;
use std::path::Path;

use serde_yaml_ng::Value;

use crate::definition::Campaign;
use crate::errors::DefinitionErrors;
use yaml::Ctx;

pub const CAMPAIGN_FILE: &str = "campaign.yaml";

/// Loads `content/khao-sat/<campaign>/`: campaign.yaml and one
/// `<form-id>.yaml` per form it lists. Reports every problem found, each
/// with its file and field path.
pub fn load_campaign(dir: &Path) -> Result<Campaign, DefinitionErrors> {
    let mut errors = DefinitionErrors::default();
    let campaign_file = dir.join(CAMPAIGN_FILE);
    let folder_name = dir.file_name().and_then(|n| n.to_str());

    let header = read_yaml(&campaign_file, &mut errors).map(|v| {
        let mut cx = Ctx {
            file: &campaign_file,
            errors: &mut errors,
        };
        campaign::decode(&v, folder_name, &mut cx)
    });
    let Some(header) = header else {
        return Err(errors);
    };

    let mut forms = Vec::new();
    for (list_path, form_id) in &header.forms {
        let file = dir.join(format!("{form_id}.yaml"));
        if !file.is_file() {
            errors.push(
                &campaign_file,
                list_path.clone(),
                format!(
                    "form \"{form_id}\" has no file {form_id}.yaml in {}",
                    dir.display()
                ),
            );
            continue;
        }
        let Some(v) = read_yaml(&file, &mut errors) else {
            continue;
        };
        let fc = form::FormContext {
            campaign: header.id.as_ref(),
            groups: header.groups.as_deref(),
            listed_as: form_id,
        };
        let mut cx = Ctx {
            file: &file,
            errors: &mut errors,
        };
        if let Some(f) = form::decode(&v, &fc, &mut cx) {
            forms.push(f);
        }
    }
    report_unlisted_forms(dir, &header.forms, &mut errors);

    if !errors.is_empty() {
        return Err(errors);
    }
    let missing = "every campaign field was checked above";
    Ok(Campaign {
        id: header.id.expect(missing),
        title: header.title.expect(missing),
        intro: header.intro,
        contact: header.contact,
        schedule: header.schedule.expect(missing),
        access: header.access.expect(missing),
        groups: header.groups.expect(missing),
        forms,
    })
}

/// Loads every campaign folder under `root` (`content/khao-sat`), sorted by
/// id, reporting the problems of all of them together. Files beside the
/// folders, such as `_index.md`, are not campaigns and are skipped.
pub fn load_campaigns(root: &Path) -> Result<Vec<Campaign>, DefinitionErrors> {
    let mut errors = DefinitionErrors::default();
    let mut dirs: Vec<_> = match fs::read_dir(root) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect(),
        Err(e) => {
            errors.push(root, "", format!("cannot read the folder: {e}"));
            return Err(errors);
        }
    };
    dirs.sort();
    let mut campaigns = Vec::new();
    for dir in dirs {
        match load_campaign(&dir) {
            Ok(c) => campaigns.push(c),
            Err(e) => errors.0.extend(e.0),
        }
    }
    if errors.is_empty() {
        Ok(campaigns)
    } else {
        Err(errors)
    }
}

/// A form file campaign.yaml forgot to list would never be shown; an
/// editor who wrote it surely meant it to be.
fn report_unlisted_forms(
    dir: &Path,
    listed: &[(String, crate::Id)],
    errors: &mut DefinitionErrors,
) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut unlisted: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .filter(|p| p.file_name().is_some_and(|n| n != CAMPAIGN_FILE))
        .filter(|p| {
            let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
            !listed.iter().any(|(_, id)| id == stem)
        })
        .collect();
    unlisted.sort();
    for file in unlisted {
        errors.push(
            &file,
            "",
            "this form is not listed under forms in campaign.yaml",
        );
    }
}

fn read_yaml(file: &Path, errors: &mut DefinitionErrors) -> Option<Value> {
    let text = match fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            errors.push(file, "", format!("cannot read the file: {e}"));
            return None;
        }
    };
    match serde_yaml_ng::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            errors.push(file, "", format!("not valid YAML: {e}"));
            None
        }
    }
}
