//! The controls of group questions: radios and checkboxes (with "Khác"),
//! rating points and matrix tables.

use super::html::{esc, Tag};
use super::parts::{error_message, Parts};
use crate::fields::{error_id, other_field, row_field, OTHER_LABEL, OTHER_VALUE};
use crate::question::{MatrixRow, MaxLength, Options};

/// The first control of a group takes the field's own name as its id, so
/// `#q_<id>` from the error summary lands on something focusable.
fn control_id(field: &str, index: usize) -> String {
    if index == 0 {
        field.to_owned()
    } else {
        format!("{field}_{}", index + 1)
    }
}

fn choice_input(
    p: &Parts,
    input_type: &str,
    id: &str,
    name: &str,
    value: &str,
    invalid: bool,
) -> Tag {
    Tag::new("input")
        .attr("class", "choice-input")
        .attr("type", input_type)
        .attr("id", id)
        .attr("name", name)
        .attr("value", value)
        .flag("checked", p.is_checked(name, value))
        // `required` on a checkbox would mean "this box must be ticked".
        .flag("required", input_type == "radio" && p.q.required())
        .attr_opt("aria-invalid", invalid.then_some("true"))
        .flag("disabled", p.cx.readonly)
}

pub(super) fn choices(
    out: &mut String,
    p: &Parts,
    options: &Options,
    other: bool,
    input_type: &str,
) {
    let invalid = p.has_error(&p.field);
    out.push_str(&format!("<div class=\"choices choices--{input_type}\">\n"));
    for (i, o) in options.iter().enumerate() {
        let id = control_id(&p.field, i);
        out.push_str("<div class=\"choice\">");
        choice_input(p, input_type, &id, &p.field, o.value().as_str(), invalid).write(out);
        out.push_str(&format!(
            "<label class=\"choice-label\" for=\"{}\">{}</label></div>\n",
            esc(&id),
            esc(o.label())
        ));
    }
    if other {
        other_choice(out, p, input_type, invalid);
    }
    out.push_str("</div>\n");
}

fn other_choice(out: &mut String, p: &Parts, input_type: &str, invalid: bool) {
    let id = format!("{}_khac", p.field);
    let text_field = other_field(p.q.id());
    out.push_str("<div class=\"choice choice--other\">");
    choice_input(p, input_type, &id, &p.field, OTHER_VALUE, invalid).write(out);
    out.push_str(&format!(
        "<label class=\"choice-label\" for=\"{}\">{}</label></div>\n",
        esc(&id),
        esc(OTHER_LABEL)
    ));
    Tag::new("div")
        .attr("class", "choice-other")
        .attr("data-other-for", &p.field)
        .write(out);
    out.push_str(&format!(
        "\n<label class=\"choice-other-label\" for=\"{}\">Ghi rõ phương án khác</label>\n",
        esc(&text_field)
    ));
    let mut described = Vec::new();
    for e in p.errors.iter().filter(|e| e.field == text_field) {
        described.push(error_message(out, e));
    }
    let max = MaxLength::OTHER_TEXT.get().to_string();
    Tag::new("input")
        .attr("class", "text-input")
        .attr("type", "text")
        .attr("id", &text_field)
        .attr("name", &text_field)
        .attr("value", p.posted(&text_field).unwrap_or_default())
        .attr("maxlength", &max)
        .attr("data-maxlength", &max)
        .described_by(&described)
        .attr_opt("aria-invalid", p.has_error(&text_field).then_some("true"))
        .flag("disabled", p.cx.readonly)
        .write(out);
    out.push_str("\n</div>\n");
}

/// Points 1..N in a row between the two end labels. The end labels are
/// drawn for sighted users and repeated, hidden, inside the first and last
/// point's label so a screen reader hears them with the number.
pub(super) fn rating(out: &mut String, p: &Parts, points: u8, min_label: &str, max_label: &str) {
    let invalid = p.has_error(&p.field);
    out.push_str(&format!(
        "<div class=\"rating\">\n<span class=\"rating-end rating-end--min\" aria-hidden=\"true\">{}</span>\n<div class=\"rating-points\">\n",
        esc(min_label)
    ));
    for n in 1..=points {
        let id = control_id(&p.field, usize::from(n - 1));
        let value = n.to_string();
        let end = match n {
            1 => Some(min_label),
            n if n == points => Some(max_label),
            _ => None,
        };
        out.push_str("<div class=\"rating-point\">");
        choice_input(p, "radio", &id, &p.field, &value, invalid).write(out);
        out.push_str(&format!(
            "<label class=\"rating-label\" for=\"{}\">{n}",
            esc(&id)
        ));
        if let Some(end) = end {
            out.push_str(&format!(
                "<span class=\"visually-hidden\"> – {}</span>",
                esc(end)
            ));
        }
        out.push_str("</label></div>\n");
    }
    out.push_str(&format!(
        "</div>\n<span class=\"rating-end rating-end--max\" aria-hidden=\"true\">{}</span>\n</div>\n",
        esc(max_label)
    ));
}

/// A table whose every row is its own radio group (`q_<id>__<row>`). Each
/// radio has a real, visually hidden label naming both row and column, so
/// it makes sense read alone.
pub(super) fn matrix(out: &mut String, p: &Parts, rows: &[MatrixRow], columns: &Options) {
    out.push_str("<div class=\"matrix-scroll\">\n<table class=\"matrix\">\n<thead>\n<tr><td></td>");
    for c in columns {
        out.push_str(&format!("<th scope=\"col\">{}</th>", esc(c.label())));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in rows {
        let name = row_field(p.q.id(), row.id());
        let invalid = p.has_error(&name);
        let described: Vec<String> = invalid.then(|| error_id(&name)).into_iter().collect();
        let class = if invalid {
            "matrix-row matrix-row--error"
        } else {
            "matrix-row"
        };
        out.push_str(&format!(
            "<tr class=\"{class}\" data-row=\"{}\">\n<th scope=\"row\">{}</th>\n",
            esc(row.id().as_str()),
            esc(row.label())
        ));
        for (i, c) in columns.iter().enumerate() {
            let id = control_id(&name, i);
            out.push_str("<td>");
            choice_input(p, "radio", &id, &name, c.value().as_str(), invalid)
                .described_by(&described)
                .write(out);
            out.push_str(&format!(
                "<label class=\"visually-hidden\" for=\"{}\">{}: {}</label></td>\n",
                esc(&id),
                esc(row.label()),
                esc(c.label())
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
