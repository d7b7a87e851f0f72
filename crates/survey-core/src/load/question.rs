use chrono::NaiveDate;
use serde_yaml_ng::Value;

use super::yaml::{id_value, Ctx, Map};
use crate::fields::RESERVED_ID_SUFFIXES;
use crate::id::Id;
use crate::question::{
    ChoiceOption, DateRange, MatrixRow, MaxLength, NumberRange, Options, OptionsError, Question,
    QuestionKind, Scale, SelectionBounds, ShowIf, QUESTION_TYPES,
};

const COMMON_KEYS: [&str; 6] = ["id", "type", "label", "hint", "required", "show_if"];

/// A question decoded on its own, before the form checks it against its
/// neighbours; the show_if paths are kept for those checks' messages.
pub(crate) struct Decoded {
    pub question: Question,
    pub path: String,
    pub show_if_paths: Option<ShowIfPaths>,
}

pub(crate) struct ShowIfPaths {
    pub question: String,
    pub values: Vec<String>,
}

pub(crate) fn decode(v: &Value, path: &str, cx: &mut Ctx) -> Option<Decoded> {
    let m = Map::of(v, path, cx)?;
    let id = m.id("id", cx);
    if let Some(id) = &id {
        if let Some(suffix) = RESERVED_ID_SUFFIXES
            .iter()
            .find(|s| id.as_str().ends_with(*s))
        {
            cx.error(
                &m.field("id"),
                format!("question ids may not end in \"{suffix}\": the page uses that ending for its own ids"),
            );
        }
    }
    let label = m.text("label", cx);
    let hint = m.opt_text("hint", cx);
    let required = m.opt_bool("required", cx).unwrap_or(false);
    let show_if = m
        .get("show_if")
        .and_then(|v| decode_show_if(v, &m.field("show_if"), cx));
    let kind = decode_kind(&m, cx);
    let as_select = match m.opt_text("display", cx).as_deref() {
        None | Some("radio") => false,
        Some("select") => true,
        Some(other) => {
            cx.error(
                &m.field("display"),
                format!("cách hiển thị \"{other}\" không hợp lệ (chỉ nhận radio hoặc select)"),
            );
            false
        }
    };
    if as_select && matches!(kind, Some(QuestionKind::SingleChoice { other: true, .. })) {
        cx.error(
            &m.field("display"),
            "display: select không có lựa chọn \"Khác\" (other: true): hãy dùng nút chọn (radio) cho câu hỏi này",
        );
    }
    let (show_if, show_if_paths) = match show_if {
        Some((s, p)) => (Some(s), Some(p)),
        None => (None, None),
    };
    Some(Decoded {
        question: Question {
            id: id?,
            number: 0,
            label: label?,
            hint,
            required,
            show_if,
            kind: kind?,
            as_select,
        },
        path: path.to_owned(),
        show_if_paths,
    })
}

fn decode_kind(m: &Map, cx: &mut Ctx) -> Option<QuestionKind> {
    let type_path = m.field("type");
    let Some(type_value) = m.get("type") else {
        cx.error(
            &type_path,
            format!("missing (one of: {})", QUESTION_TYPES.join(", ")),
        );
        return None;
    };
    let Some(type_name) = type_value.as_str() else {
        cx.error(&type_path, "expected a question type such as single_choice");
        return None;
    };
    let extra: &[&str] = match type_name {
        "single_choice" => &["options", "other", "display"],
        "multiple_choice" => &["options", "other", "min", "max"],
        "rating" => &["scale", "min_label", "max_label"],
        "matrix" => &["rows", "scale", "labels", "options"],
        "short_text" | "long_text" => &["max_length"],
        "number" => &["min", "max", "integer"],
        "date" => &["min", "max"],
        unknown => {
            cx.error(
                &type_path,
                format!(
                    "unknown question type \"{unknown}\" (expected one of: {})",
                    QUESTION_TYPES.join(", ")
                ),
            );
            return None;
        }
    };
    let allowed: Vec<&str> = COMMON_KEYS.iter().chain(extra).copied().collect();
    m.allow_only(&allowed, cx);

    match type_name {
        "single_choice" => {
            let options = decode_options(m, "options", cx);
            let other = m.opt_bool("other", cx).unwrap_or(false);
            Some(QuestionKind::SingleChoice {
                options: options?,
                other,
            })
        }
        "multiple_choice" => decode_multiple_choice(m, cx),
        "rating" => {
            let scale = decode_scale(m, cx);
            let min_label = m.text("min_label", cx);
            let max_label = m.text("max_label", cx);
            Some(QuestionKind::Rating {
                scale: scale?,
                min_label: min_label?,
                max_label: max_label?,
            })
        }
        "matrix" => decode_matrix(m, cx),
        "short_text" => Some(QuestionKind::ShortText {
            max_length: decode_max_length(m, MaxLength::SHORT_TEXT_DEFAULT, cx)?,
        }),
        "long_text" => Some(QuestionKind::LongText {
            max_length: decode_max_length(m, MaxLength::LONG_TEXT_DEFAULT, cx)?,
        }),
        "number" => {
            let min = m.opt_f64("min", cx);
            let max = m.opt_f64("max", cx);
            let integer = m.opt_bool("integer", cx).unwrap_or(false);
            let range = NumberRange::new(min, max)
                .map_err(|e| cx.error(&m.field("min"), e))
                .ok()?;
            Some(QuestionKind::Number { range, integer })
        }
        "date" => {
            let min = decode_date(m, "min", cx);
            let max = decode_date(m, "max", cx);
            let range = DateRange::new(min, max)
                .map_err(|e| cx.error(&m.field("min"), e))
                .ok()?;
            Some(QuestionKind::Date { range })
        }
        _ => unreachable!("every type name was matched above"),
    }
}

fn decode_multiple_choice(m: &Map, cx: &mut Ctx) -> Option<QuestionKind> {
    let options = decode_options(m, "options", cx);
    let other = m.opt_bool("other", cx).unwrap_or(false);
    let min = decode_count(m, "min", cx);
    let max = decode_count(m, "max", cx);
    let bounds = SelectionBounds::new(min, max)
        .map_err(|e| cx.error(&m.field("min"), e))
        .ok();
    let options = options?;
    let choices = options.len() as u64 + u64::from(other);
    for (key, n) in [("min", min), ("max", max)] {
        if let Some(n) = n.filter(|&n| u64::from(n) > choices) {
            cx.error(
                &m.field(key),
                format!("{key} ({n}) is more than the {choices} choices offered"),
            );
            return None;
        }
    }
    Some(QuestionKind::MultipleChoice {
        options,
        other,
        bounds: bounds?,
    })
}

fn decode_count(m: &Map, key: &str, cx: &mut Ctx) -> Option<u32> {
    let n = m.opt_u64(key, cx)?;
    match u32::try_from(n) {
        Ok(n) => Some(n),
        Err(_) => {
            cx.error(&m.field(key), "is too large");
            None
        }
    }
}

fn decode_matrix(m: &Map, cx: &mut Ctx) -> Option<QuestionKind> {
    let rows = decode_rows(m, cx);
    let columns = match (m.has("scale"), m.has("options")) {
        (true, true) => {
            cx.error(
                &m.path,
                "a matrix takes either scale (with labels) or options, not both",
            );
            None
        }
        (false, false) => {
            cx.error(
                &m.path,
                "a matrix needs scale (with labels) or options for its columns",
            );
            None
        }
        (true, false) => decode_scale_columns(m, cx),
        (false, true) => decode_options(m, "options", cx).map(|o| (o, false)),
    };
    let (columns, numeric) = columns?;
    Some(QuestionKind::Matrix {
        rows: rows?,
        columns,
        numeric,
    })
}

/// A scale's columns become options valued "1".."N" so the matrix handles
/// both column styles alike; `numeric` remembers to store numbers.
fn decode_scale_columns(m: &Map, cx: &mut Ctx) -> Option<(Options, bool)> {
    let scale = decode_scale(m, cx)?;
    let items = m.list("labels", cx)?;
    if items.len() != usize::from(scale.points()) {
        cx.error(
            &m.field("labels"),
            format!(
                "a {}-point scale needs {} labels, found {}",
                scale.points(),
                scale.points(),
                items.len()
            ),
        );
        return None;
    }
    let mut columns = Vec::new();
    for (i, (path, v)) in items.into_iter().enumerate() {
        let label = match v.as_str().map(|s| vntext::nfc(s.trim())) {
            Some(s) if !s.is_empty() => s,
            _ => {
                cx.error(&path, "expected the column's label as text");
                continue;
            }
        };
        let value = Id::parse(&(i + 1).to_string()).expect("a positive number is a valid id");
        columns.push(ChoiceOption { value, label });
    }
    let options = Options::new(columns).ok()?;
    Some((options, true))
}

fn decode_rows(m: &Map, cx: &mut Ctx) -> Option<Vec<MatrixRow>> {
    let items = m.list("rows", cx)?;
    let mut rows: Vec<MatrixRow> = Vec::new();
    let mut ok = true;
    for (path, v) in items {
        let Some(r) = Map::of(v, &path, cx) else {
            ok = false;
            continue;
        };
        r.allow_only(&["id", "label"], cx);
        let (id, label) = (r.id("id", cx), r.text("label", cx));
        let (Some(id), Some(label)) = (id, label) else {
            ok = false;
            continue;
        };
        if rows.iter().any(|p| p.id == id) {
            cx.error(&r.field("id"), format!("duplicate row id \"{id}\""));
            ok = false;
            continue;
        }
        rows.push(MatrixRow { id, label });
    }
    ok.then_some(rows)
}

fn decode_options(m: &Map, key: &str, cx: &mut Ctx) -> Option<Options> {
    let path = m.field(key);
    let items = m.list(key, cx)?;
    let mut options = Vec::new();
    let mut ok = true;
    for (item_path, v) in items {
        let Some(o) = Map::of(v, &item_path, cx) else {
            ok = false;
            continue;
        };
        o.allow_only(&["value", "label"], cx);
        match (o.id("value", cx), o.text("label", cx)) {
            (Some(value), Some(label)) => options.push(ChoiceOption { value, label }),
            _ => ok = false,
        }
    }
    if !ok {
        return None;
    }
    match Options::new(options) {
        Ok(o) => Some(o),
        Err(OptionsError::Empty) => {
            cx.error(&path, "must list at least one option");
            None
        }
        Err(OptionsError::Duplicate(i, value)) => {
            cx.error(
                &format!("{path}[{i}].value"),
                format!("duplicate option value \"{value}\""),
            );
            None
        }
    }
}

fn decode_scale(m: &Map, cx: &mut Ctx) -> Option<Scale> {
    let Some(v) = m.get("scale") else {
        cx.error(&m.field("scale"), "missing (5 or 10)");
        return None;
    };
    match v.as_u64().and_then(Scale::from_points) {
        Some(s) => Some(s),
        None => {
            cx.error(&m.field("scale"), "must be 5 or 10");
            None
        }
    }
}

fn decode_max_length(m: &Map, default: MaxLength, cx: &mut Ctx) -> Option<MaxLength> {
    if !m.has("max_length") {
        return Some(default);
    }
    let n = m.opt_u64("max_length", cx)?;
    MaxLength::new(n)
        .map_err(|e| cx.error(&m.field("max_length"), e))
        .ok()
}

fn decode_date(m: &Map, key: &str, cx: &mut Ctx) -> Option<NaiveDate> {
    let v = m.get(key)?;
    let parsed = v
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
    if parsed.is_none() {
        cx.error(&m.field(key), "expected a date written YYYY-MM-DD");
    }
    parsed
}

fn decode_show_if(v: &Value, path: &str, cx: &mut Ctx) -> Option<(ShowIf, ShowIfPaths)> {
    let m = Map::of(v, path, cx)?;
    m.allow_only(&["question", "equals", "any_of"], cx);
    let question = m.id("question", cx);
    let values: Vec<(String, &Value)> = match (m.get("equals"), m.has("any_of")) {
        (Some(_), true) => {
            cx.error(path, "use either equals or any_of, not both");
            return None;
        }
        (None, false) => {
            cx.error(
                path,
                "needs equals (one option value) or any_of (a list of option values)",
            );
            return None;
        }
        (Some(v), false) => vec![(m.field("equals"), v)],
        (None, true) => m.list("any_of", cx)?,
    };
    let mut ids = Vec::new();
    let mut paths = Vec::new();
    for (p, v) in values {
        if let Some(id) = id_value(v, &p, cx) {
            ids.push(id);
            paths.push(p);
        }
    }
    let question = question?;
    Some((
        ShowIf {
            question,
            values: ids,
        },
        ShowIfPaths {
            question: m.field("question"),
            values: paths,
        },
    ))
}
