use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};
use serde_yaml_ng::Value;

use super::yaml::{id_value, Ctx, Map};
use crate::definition::{Access, Group, Schedule};
use crate::id::Id;

/// campaign.yaml as far as it could be read; each part is `None` when it
/// was wrong, so the forms can still be checked against the parts that
/// were right.
pub(crate) struct Header {
    pub id: Option<Id>,
    pub title: Option<String>,
    pub intro: String,
    pub contact: Option<String>,
    pub schedule: Option<Schedule>,
    pub access: Option<Access>,
    pub groups: Option<Vec<Group>>,
    pub forms: Vec<(String, Id)>,
}

pub(crate) fn decode(v: &Value, folder_name: Option<&str>, cx: &mut Ctx) -> Header {
    let mut header = Header {
        id: None,
        title: None,
        intro: String::new(),
        contact: None,
        schedule: None,
        access: None,
        groups: None,
        forms: Vec::new(),
    };
    let Some(m) = Map::of(v, "", cx) else {
        return header;
    };
    m.allow_only(
        &[
            "id",
            "title",
            "intro",
            "contact",
            "opens_at",
            "closes_at",
            "access",
            "groups",
            "forms",
        ],
        cx,
    );
    header.id = m.id("id", cx);
    if let (Some(id), Some(folder)) = (&header.id, folder_name) {
        if id != folder {
            cx.error(
                "id",
                format!("campaign id \"{id}\" does not match its folder name \"{folder}\", which gives its address"),
            );
        }
    }
    header.title = m.text("title", cx);
    header.intro = m.opt_text("intro", cx).unwrap_or_default();
    header.contact = m.opt_text("contact", cx);
    let opens_at = decode_datetime(&m, "opens_at", cx);
    let closes_at = decode_datetime(&m, "closes_at", cx);
    if let (Some(o), Some(c)) = (opens_at, closes_at) {
        header.schedule = Schedule::new(o, c)
            .map_err(|e| cx.error("closes_at", e))
            .ok();
    }
    header.access = decode_access(&m, cx);
    header.groups = decode_groups(&m, cx);
    header.forms = decode_form_list(&m, cx);
    header
}

/// "2026-11-01 08:00", read as Vietnam time whatever the build machine's zone.
fn decode_datetime(m: &Map, key: &str, cx: &mut Ctx) -> Option<DateTime<FixedOffset>> {
    let text = m.text(key, cx)?;
    let parsed = NaiveDateTime::parse_from_str(&text, "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|t| vntext::vn_offset().from_local_datetime(&t).single());
    if parsed.is_none() {
        cx.error(
            &m.field(key),
            format!(
                "\"{text}\" is not a date and time; write \"YYYY-MM-DD HH:MM\" in Vietnam time"
            ),
        );
    }
    parsed
}

fn decode_access(m: &Map, cx: &mut Ctx) -> Option<Access> {
    match m.text("access", cx)?.as_str() {
        "invited" => Some(Access::Invited),
        "public" => Some(Access::Public),
        other => {
            cx.error(
                "access",
                format!("must be \"invited\" or \"public\", not \"{other}\""),
            );
            None
        }
    }
}

fn decode_groups(m: &Map, cx: &mut Ctx) -> Option<Vec<Group>> {
    let items = m.list("groups", cx)?;
    let mut groups: Vec<Group> = Vec::new();
    let mut ok = true;
    for (path, v) in items {
        let Some(g) = Map::of(v, &path, cx) else {
            ok = false;
            continue;
        };
        g.allow_only(&["id", "name"], cx);
        let (Some(id), Some(name)) = (g.id("id", cx), g.text("name", cx)) else {
            ok = false;
            continue;
        };
        if groups.iter().any(|p| p.id == id) {
            cx.error(&g.field("id"), format!("duplicate group id \"{id}\""));
            ok = false;
            continue;
        }
        groups.push(Group { id, name });
    }
    ok.then_some(groups)
}

fn decode_form_list(m: &Map, cx: &mut Ctx) -> Vec<(String, Id)> {
    let mut forms: Vec<(String, Id)> = Vec::new();
    for (path, v) in m.list("forms", cx).unwrap_or_default() {
        let Some(id) = id_value(v, &path, cx) else {
            continue;
        };
        if forms.iter().any(|(_, p)| p == &id) {
            cx.error(
                &path,
                format!("duplicate form id \"{id}\": a form is listed twice"),
            );
            continue;
        }
        forms.push((path, id));
    }
    forms
}
