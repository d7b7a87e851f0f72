//! One question's wrapper, heading, notes and single-input controls.

use super::groups;
use super::html::{esc, Tag};
use super::parts::QuestionCtx;
use super::parts::{error_message, Parts};
use crate::errors::FieldError;
use crate::fields::{condition_id, hint_id, other_field};
use crate::messages;
use crate::question::{Question, QuestionKind};

pub(crate) fn question_html(out: &mut String, q: &Question, cx: &QuestionCtx) {
    let field = q.field();
    let errors: Vec<&FieldError> = cx
        .errors
        .iter()
        .filter(|e| e.question == q.id().as_str())
        .collect();
    let p = Parts {
        q,
        cx,
        field,
        errors,
    };
    wrapper_open(out, &p);
    if q.as_select() {
        select_question(out, &p);
    } else if q.kind().is_single_input() {
        single_input_question(out, &p);
    } else {
        fieldset_question(out, &p);
    }
    out.push_str("</div>\n");
}

/// The wrapper carries the rules as data-* attributes (the same rules as
/// `client_rules_json`) so a script can check and show/hide without a
/// second copy of the form.
fn wrapper_open(out: &mut String, p: &Parts) {
    let q = p.q;
    let kind = q.kind();
    let mut class = format!("question question--{}", kind.type_name().replace('_', "-"));
    if !p.errors.is_empty() {
        class.push_str(" question--error");
    }
    let mut tag = Tag::new("div")
        .attr("class", class)
        .attr("data-question", q.id())
        .attr("data-type", kind.type_name())
        .attr("data-required", if q.required() { "true" } else { "false" });
    if let Some(s) = q.show_if() {
        let values: Vec<&str> = s.values().iter().map(|v| v.as_str()).collect();
        tag = tag
            .attr("data-show-if-question", s.question())
            .attr("data-show-if-values", values.join(" "));
    }
    tag = match kind {
        QuestionKind::SingleChoice { other, .. } => {
            tag.attr_opt("data-other", other.then_some("true"))
        }
        QuestionKind::MultipleChoice { other, bounds, .. } => tag
            .attr_opt("data-other", other.then_some("true"))
            .attr_opt("data-min", bounds.min().map(|n| n.to_string()))
            .attr_opt("data-max", bounds.max().map(|n| n.to_string())),
        QuestionKind::Rating { scale, .. } => tag.attr("data-scale", scale.points().to_string()),
        QuestionKind::Matrix { .. } => tag,
        QuestionKind::ShortText { max_length } | QuestionKind::LongText { max_length } => {
            tag.attr("data-maxlength", max_length.get().to_string())
        }
        QuestionKind::Number { range, integer } => tag
            .attr_opt("data-min", range.min().map(number_attr))
            .attr_opt("data-max", range.max().map(number_attr))
            .attr("data-integer", if *integer { "true" } else { "false" }),
        QuestionKind::Date { range } => tag
            .attr_opt(
                "data-min",
                range.min().map(|d| d.format("%Y-%m-%d").to_string()),
            )
            .attr_opt(
                "data-max",
                range.max().map(|d| d.format("%Y-%m-%d").to_string()),
            ),
    };
    tag.write(out);
    out.push('\n');
}

/// Bounds in data-* attributes are for scripts: a plain decimal point.
fn number_attr(v: f64) -> String {
    v.to_string()
}

/// "Câu 3. Nhãn (bắt buộc)" — required is said in words, not only by colour
/// or an asterisk.
fn heading_inner(q: &Question) -> String {
    let mut s = format!(
        "<span class=\"question-number\">Câu {}.</span> {}",
        q.number(),
        esc(q.label())
    );
    if q.required() {
        s.push_str(" <span class=\"question-required\">(bắt buộc)</span>");
    }
    s
}

/// The note, hint and messages between the heading and the controls;
/// returns the ids to put in `aria-describedby`.
fn notes(out: &mut String, p: &Parts, extra_hint: Option<String>) -> Vec<String> {
    let q = p.q;
    let mut ids = Vec::new();
    if let Some(note) = condition_note(p) {
        let id = condition_id(q.id());
        out.push_str(&format!(
            "<p class=\"show-if-note\" id=\"{}\">{}</p>\n",
            esc(&id),
            esc(&note)
        ));
        ids.push(id);
    }
    let hint: Vec<String> = q
        .hint()
        .map(str::to_owned)
        .into_iter()
        .chain(extra_hint)
        .collect();
    if !hint.is_empty() {
        let id = hint_id(q.id());
        out.push_str(&format!(
            "<div class=\"hint\" id=\"{}\">{}</div>\n",
            esc(&id),
            esc(&hint.join(" "))
        ));
        ids.push(id);
    }
    // The "Khác" text's own message sits beside its box instead.
    let other = other_field(q.id());
    for e in p.errors.iter().filter(|e| e.field != other) {
        ids.push(error_message(out, e));
    }
    ids
}

/// Visible to everyone; a script may hide the question and the note, but
/// without one the respondent still knows when to skip.
fn condition_note(p: &Parts) -> Option<String> {
    let s = p.q.show_if()?;
    let target = p.cx.form.question(s.question().as_str())?;
    let labels: Vec<&str> = s
        .values()
        .iter()
        .map(|v| match target.kind() {
            QuestionKind::SingleChoice { options, .. }
            | QuestionKind::MultipleChoice { options, .. } => {
                options.get(v.as_str()).map_or(v.as_str(), |o| o.label())
            }
            _ => v.as_str(),
        })
        .collect();
    Some(messages::show_if_note(target.number(), &labels))
}

/// A single choice as `<select>`: a label, the notes, and the options with a
/// first empty one, so nothing is chosen for the respondent. "Khác" is not
/// offered this way (the loader allows `other` only with radios).
fn select_question(out: &mut String, p: &Parts) {
    let q = p.q;
    let QuestionKind::SingleChoice { options, .. } = q.kind() else {
        unreachable!("the loader allows display: select on single choices only")
    };
    out.push_str(&format!(
        "<label class=\"question-label\" for=\"{}\">{}</label>\n",
        esc(&p.field),
        heading_inner(q)
    ));
    let described = notes(out, p, None);
    let posted = p.posted(&p.field).map(str::trim).unwrap_or_default();
    Tag::new("select")
        .attr("class", "select")
        .attr("id", &p.field)
        .attr("name", &p.field)
        .flag("required", q.required())
        .described_by(&described)
        .attr_opt("aria-invalid", p.has_error(&p.field).then_some("true"))
        .flag("disabled", p.cx.readonly)
        .write(out);
    out.push_str(&format!(
        "\n<option value=\"\"{}>{}</option>\n",
        if posted.is_empty() { " selected" } else { "" },
        esc(crate::messages::SELECT_PROMPT)
    ));
    for o in options.iter() {
        let value = o.value().as_str();
        out.push_str(&format!(
            "<option value=\"{}\"{}>{}</option>\n",
            esc(value),
            if posted == value { " selected" } else { "" },
            esc(o.label())
        ));
    }
    out.push_str("</select>\n");
}

fn single_input_question(out: &mut String, p: &Parts) {
    let q = p.q;
    out.push_str(&format!(
        "<label class=\"question-label\" for=\"{}\">{}</label>\n",
        esc(&p.field),
        heading_inner(q)
    ));
    let described = notes(out, p, None);
    let value = p.posted(&p.field).unwrap_or_default();
    let base = |tag: Tag| {
        tag.attr("id", &p.field)
            .attr("name", &p.field)
            .flag("required", q.required())
            .described_by(&described)
            .attr_opt("aria-invalid", p.has_error(&p.field).then_some("true"))
            .flag("disabled", p.cx.readonly)
    };
    match q.kind() {
        QuestionKind::ShortText { max_length } => {
            base(
                Tag::new("input")
                    .attr("class", "text-input")
                    .attr("type", "text"),
            )
            .attr("value", value)
            .attr("maxlength", max_length.get().to_string())
            .write(out);
        }
        QuestionKind::LongText { max_length } => {
            base(
                Tag::new("textarea")
                    .attr("class", "textarea")
                    .attr("rows", "6"),
            )
            .attr("maxlength", max_length.get().to_string())
            .write(out);
            // The parser drops one newline right after <textarea>; giving it
            // one keeps an answer that starts with a blank line intact.
            out.push('\n');
            out.push_str(&esc(value));
            out.push_str("</textarea>");
        }
        QuestionKind::Number { integer, .. } => {
            // type="text" with inputmode, as GOV.UK advises: type="number"
            // silently drops "3,5" and changes values on scroll. The bounds
            // are on the wrapper's data-min/data-max.
            let (mode, pattern) = if *integer {
                ("numeric", "-?[0-9]+")
            } else {
                ("decimal", "-?[0-9]+([.,][0-9]+)?")
            };
            base(
                Tag::new("input")
                    .attr("class", "text-input text-input--number")
                    .attr("type", "text"),
            )
            .attr("inputmode", mode)
            .attr("pattern", pattern)
            .attr("value", value)
            .write(out);
        }
        QuestionKind::Date { range } => {
            // A date input's value must be an ISO date: one typed as
            // 15/11/2026 where the browser had no date picker is shown back
            // as ISO, and one that is no date at all is left out (a browser
            // with a picker would drop it anyway; the error says what to do).
            let value = vntext::parse_date(value).map(|d| d.format("%Y-%m-%d").to_string());
            base(
                Tag::new("input")
                    .attr("class", "text-input text-input--date")
                    .attr("type", "date"),
            )
            .attr_opt("value", value)
            .attr_opt("min", range.min().map(|d| d.format("%Y-%m-%d").to_string()))
            .attr_opt("max", range.max().map(|d| d.format("%Y-%m-%d").to_string()))
            .write(out);
        }
        _ => unreachable!("only single-input kinds reach here"),
    }
    out.push('\n');
}

fn fieldset_question(out: &mut String, p: &Parts) {
    let q = p.q;
    // The fieldset's describedby is known only after the notes are written,
    // so they are rendered first and the fieldset wrapped around them.
    let mut body = String::new();
    let extra_hint = match q.kind() {
        QuestionKind::MultipleChoice { bounds, .. } => {
            Some(messages::selection_hint(bounds.min(), bounds.max()))
        }
        _ => None,
    };
    let described = notes(&mut body, p, extra_hint);
    match q.kind() {
        QuestionKind::SingleChoice { options, other } => {
            groups::choices(&mut body, p, options, *other, "radio")
        }
        QuestionKind::MultipleChoice { options, other, .. } => {
            groups::choices(&mut body, p, options, *other, "checkbox")
        }
        QuestionKind::Rating {
            scale,
            min_label,
            max_label,
        } => groups::rating(&mut body, p, scale.points(), min_label, max_label),
        QuestionKind::Matrix { rows, columns, .. } => groups::matrix(&mut body, p, rows, columns),
        _ => unreachable!("only group kinds reach here"),
    }
    Tag::new("fieldset")
        .attr("class", "question-fieldset")
        .described_by(&described)
        .write(out);
    out.push('\n');
    out.push_str(&format!(
        "<legend class=\"question-legend\">{}</legend>\n",
        heading_inner(q)
    ));
    out.push_str(&body);
    out.push_str("</fieldset>\n");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::render::{form_html, FormRender};
    use crate::RawAnswers;

    /// The citizens' form asks the province as a drop-down of the 34
    /// provinces of `data/units-2025.csv`, nothing pre-chosen, and keeps a
    /// posted choice when the form is shown again.
    #[test]
    fn the_province_is_a_select_of_every_province_with_nothing_chosen() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let c = crate::load_campaign(&root.join("content/khao-sat/hai-long-nguoi-dan-2026"))
            .expect("shipped campaign loads");
        let form = c.form("danh-gia-su-hai-long").expect("form");
        let q = form.question("tinh").expect("province question");
        assert!(q.as_select());
        let html = form_html(form, &FormRender::default());
        let select = &html[html.find("<select").expect("a select")..];
        let select = &select[..select.find("</select>").expect("closed")];
        assert!(select.contains("name=\"q_tinh\"") && select.contains(" required"));
        assert!(select.contains("<option value=\"\" selected>"));
        let units = std::fs::read_to_string(root.join("data/units-2025.csv")).expect("units");
        let provinces: Vec<&str> = units
            .lines()
            .filter_map(|l| l.strip_prefix("province,"))
            .map(|l| l.split(',').next().unwrap_or(""))
            .collect();
        assert_eq!(provinces.len(), 34);
        assert_eq!(select.matches("<option value=\"").count(), 35);
        for p in &provinces {
            assert!(select.contains(&format!(">{p}</option>")), "{p} missing");
        }
        let mut raw = RawAnswers::new();
        raw.push("q_tinh", "khanh-hoa");
        let again = form_html(
            form,
            &FormRender {
                answers: Some((&raw).into()),
                ..FormRender::default()
            },
        );
        assert!(again.contains("<option value=\"khanh-hoa\" selected>Khánh Hòa</option>"));
        assert!(!again.contains("<option value=\"\" selected>"));
    }
}
