use serde_yaml_ng::Value;

use super::question::{self, Decoded};
use super::yaml::{id_value, Ctx, Map};
use crate::definition::{Form, Group, Section};
use crate::id::Id;
use crate::question::{Question, QuestionKind};

/// What a form file is checked against: the campaign around it.
pub(crate) struct FormContext<'a> {
    pub campaign: Option<&'a Id>,
    /// `None` when campaign.yaml's groups could not be read; group checks are
    /// then skipped rather than reported against every form.
    pub groups: Option<&'a [Group]>,
    /// The id campaign.yaml lists, which is also the file's name.
    pub listed_as: &'a Id,
}

pub(crate) fn decode(v: &Value, fc: &FormContext, cx: &mut Ctx) -> Option<Form> {
    let m = Map::of(v, "", cx)?;
    m.allow_only(&["id", "title", "intro", "groups", "sections"], cx);
    let id = m.id("id", cx);
    if let Some(id) = &id {
        if id != fc.listed_as {
            cx.error(
                "id",
                format!(
                    "form id \"{id}\" does not match its file name {}.yaml, which campaign.yaml lists",
                    fc.listed_as
                ),
            );
        }
    }
    let title = m.text("title", cx);
    let intro = m.opt_text("intro", cx).unwrap_or_default();
    let groups = decode_groups(&m, fc.groups, cx);
    let sections = decode_sections(&m, cx);
    Some(Form {
        campaign: fc.campaign?.clone(),
        id: id?,
        title: title?,
        intro,
        groups: groups?,
        sections: sections?,
    })
}

fn decode_groups(m: &Map, known: Option<&[Group]>, cx: &mut Ctx) -> Option<Vec<Id>> {
    let items = m.list("groups", cx)?;
    let mut groups: Vec<Id> = Vec::new();
    for (path, v) in items {
        let Some(id) = id_value(v, &path, cx) else {
            continue;
        };
        if let Some(known) = known {
            if !known.iter().any(|g| g.id == id) {
                let names: Vec<&str> = known.iter().map(|g| g.id.as_str()).collect();
                cx.error(
                    &path,
                    format!(
                        "unknown group \"{id}\" (campaign.yaml defines: {})",
                        names.join(", ")
                    ),
                );
                continue;
            }
        }
        if groups.contains(&id) {
            cx.error(&path, format!("group \"{id}\" is listed twice"));
            continue;
        }
        groups.push(id);
    }
    Some(groups)
}

fn decode_sections(m: &Map, cx: &mut Ctx) -> Option<Vec<Section>> {
    let items = m.list("sections", cx)?;
    let errors_before = cx.errors.len();
    let mut sections: Vec<(Section, Vec<Decoded>)> = Vec::new();
    for (path, v) in items {
        let Some(s) = Map::of(v, &path, cx) else {
            continue;
        };
        s.allow_only(&["id", "title", "intro", "questions"], cx);
        let id = s.id("id", cx);
        if let Some(id) = &id {
            if sections.iter().any(|(p, _)| &p.id == id) {
                cx.error(&s.field("id"), format!("duplicate section id \"{id}\""));
            }
        }
        let title = s.text("title", cx);
        let intro = s.opt_text("intro", cx);
        let questions: Vec<Decoded> = s
            .list("questions", cx)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(qp, qv)| question::decode(qv, &qp, cx))
            .collect();
        if let (Some(id), Some(title)) = (id, title) {
            let section = Section {
                id,
                title,
                intro,
                questions: Vec::new(),
            };
            sections.push((section, questions));
        }
    }
    let all: Vec<&Decoded> = sections.iter().flat_map(|(_, qs)| qs.iter()).collect();
    check_question_ids(&all, cx);
    check_show_ifs(&all, cx);
    if cx.errors.len() > errors_before {
        return None;
    }
    let mut number = 0;
    Some(
        sections
            .into_iter()
            .map(|(mut section, decoded)| {
                section.questions = decoded
                    .into_iter()
                    .map(|d| {
                        number += 1;
                        Question {
                            number,
                            ..d.question
                        }
                    })
                    .collect();
                section
            })
            .collect(),
    )
}

fn check_question_ids(all: &[&Decoded], cx: &mut Ctx) {
    for (i, d) in all.iter().enumerate() {
        if let Some(first) = all[..i].iter().find(|p| p.question.id == d.question.id) {
            cx.error(
                &format!("{}.id", d.path),
                format!(
                    "duplicate question id \"{}\" (first used at {})",
                    d.question.id, first.path
                ),
            );
        }
    }
}

/// A show_if may only look back: the answer it depends on must already be
/// on the page above it, or the respondent could never see the question
/// appear, and a loop of conditions could never be settled.
fn check_show_ifs(all: &[&Decoded], cx: &mut Ctx) {
    for (i, d) in all.iter().enumerate() {
        let (Some(show_if), Some(paths)) = (&d.question.show_if, &d.show_if_paths) else {
            continue;
        };
        let target = &show_if.question;
        let Some(earlier) = all[..i].iter().find(|p| &p.question.id == target) else {
            let message = if all[i..].iter().any(|p| &p.question.id == target) {
                format!("question \"{target}\" does not come before this one; show_if may only refer to an earlier question")
            } else {
                format!("unknown question \"{target}\"")
            };
            cx.error(&paths.question, message);
            continue;
        };
        let values = match &earlier.question.kind {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. } => options
                .iter()
                .map(|o| o.value.to_string())
                .collect::<Vec<_>>(),
            QuestionKind::Rating { scale, .. } => {
                (1..=scale.points()).map(|n| n.to_string()).collect()
            }
            other => {
                cx.error(
                    &paths.question,
                    format!(
                        "question \"{target}\" is a {}; show_if needs a single_choice, multiple_choice or rating question",
                        other.type_name()
                    ),
                );
                continue;
            }
        };
        for (value, path) in show_if.values.iter().zip(&paths.values) {
            if !values.iter().any(|v| value == v.as_str()) {
                cx.error(
                    path,
                    format!(
                        "\"{value}\" is not an option of question \"{target}\" (options: {})",
                        values.join(", ")
                    ),
                );
            }
        }
    }
}
