//! The form's rules for the browser, as JSON, from the same definitions and
//! messages the server uses.

use serde_json::{json, Map, Value};

use crate::definition::Form;
use crate::fields::{other_field, row_field, FIELD_PREFIX, OTHER_VALUE};
use crate::messages as msg;
use crate::question::{MaxLength, Question, QuestionKind};

impl Form {
    /// Rules for the client-side script: per question its field names,
    /// type, required flag, show_if, limits and the exact messages the
    /// server would return. Keys are sorted, so the output is stable.
    pub fn client_rules(&self) -> Value {
        let questions: Vec<Value> = self.questions().map(question_rules).collect();
        json!({
            "campaign": self.campaign(),
            "form": self.id(),
            "fields": {
                "prefix": FIELD_PREFIX,
                "other_suffix": "_other",
                "row_separator": "__",
                "other_value": OTHER_VALUE,
            },
            "questions": questions,
        })
    }

    pub fn client_rules_json(&self) -> String {
        self.client_rules().to_string()
    }
}

fn question_rules(q: &Question) -> Value {
    let label = q.label();
    let mut r = Map::new();
    let mut m = Map::new();
    r.insert("id".into(), json!(q.id()));
    r.insert("field".into(), json!(q.field()));
    r.insert("type".into(), json!(q.kind().type_name()));
    r.insert("label".into(), json!(label));
    r.insert("required".into(), json!(q.required()));
    if let Some(s) = q.show_if() {
        r.insert(
            "show_if".into(),
            json!({ "question": s.question(), "values": s.values() }),
        );
    }
    let other_rules = |r: &mut Map<String, Value>, m: &mut Map<String, Value>, other: bool| {
        r.insert("other".into(), json!(other));
        if other {
            r.insert("other_field".into(), json!(other_field(q.id())));
            r.insert(
                "other_max_length".into(),
                json!(MaxLength::OTHER_TEXT.get()),
            );
            m.insert("other_required".into(), json!(msg::other_required()));
            m.insert(
                "other_too_long".into(),
                json!(msg::too_long(MaxLength::OTHER_TEXT.get())),
            );
        }
    };
    match q.kind() {
        QuestionKind::SingleChoice { options, other } => {
            r.insert(
                "options".into(),
                json!(options.iter().map(|o| o.value()).collect::<Vec<_>>()),
            );
            other_rules(&mut r, &mut m, *other);
            m.insert("required".into(), json!(msg::required_choice(label)));
            m.insert("unknown_option".into(), json!(msg::unknown_option()));
        }
        QuestionKind::MultipleChoice {
            options,
            other,
            bounds,
        } => {
            r.insert(
                "options".into(),
                json!(options.iter().map(|o| o.value()).collect::<Vec<_>>()),
            );
            other_rules(&mut r, &mut m, *other);
            m.insert("required".into(), json!(msg::required_multiple(label)));
            m.insert("unknown_option".into(), json!(msg::unknown_option()));
            if let Some(min) = bounds.min() {
                r.insert("min".into(), json!(min));
                m.insert("too_few".into(), json!(msg::too_few_choices(min)));
            }
            if let Some(max) = bounds.max() {
                r.insert("max".into(), json!(max));
                m.insert("too_many".into(), json!(msg::too_many_choices(max)));
            }
        }
        QuestionKind::Rating { scale, .. } => {
            r.insert("scale".into(), json!(scale.points()));
            m.insert("required".into(), json!(msg::required_choice(label)));
            m.insert("unknown_option".into(), json!(msg::unknown_option()));
        }
        QuestionKind::Matrix { rows, columns, .. } => {
            let rows: Vec<Value> = rows
                .iter()
                .map(|row| {
                    json!({
                        "id": row.id(),
                        "field": row_field(q.id(), row.id()),
                        "label": row.label(),
                        "required_message": msg::required_row(row.label()),
                    })
                })
                .collect();
            r.insert("rows".into(), json!(rows));
            r.insert(
                "columns".into(),
                json!(columns.iter().map(|c| c.value()).collect::<Vec<_>>()),
            );
            m.insert("unknown_option".into(), json!(msg::unknown_option()));
        }
        QuestionKind::ShortText { max_length } | QuestionKind::LongText { max_length } => {
            r.insert("max_length".into(), json!(max_length.get()));
            m.insert("required".into(), json!(msg::required_text(label)));
            m.insert("too_long".into(), json!(msg::too_long(max_length.get())));
        }
        QuestionKind::Number { range, integer } => {
            r.insert("integer".into(), json!(integer));
            if let Some(min) = range.min() {
                r.insert("min".into(), json!(min));
            }
            if let Some(max) = range.max() {
                r.insert("max".into(), json!(max));
            }
            m.insert("required".into(), json!(msg::required_text(label)));
            m.insert("not_a_number".into(), json!(msg::not_a_number(*integer)));
            m.insert("not_an_integer".into(), json!(msg::not_an_integer()));
            if let Some(range_msg) = msg::number_out_of_range(range.min(), range.max()) {
                m.insert("out_of_range".into(), json!(range_msg));
            }
        }
        QuestionKind::Date { range } => {
            if let Some(min) = range.min() {
                r.insert("min".into(), json!(min.format("%Y-%m-%d").to_string()));
            }
            if let Some(max) = range.max() {
                r.insert("max".into(), json!(max.format("%Y-%m-%d").to_string()));
            }
            m.insert("required".into(), json!(msg::required_text(label)));
            m.insert("invalid_date".into(), json!(msg::invalid_date()));
            if let Some(range_msg) = msg::date_out_of_range(range.min(), range.max()) {
                m.insert("out_of_range".into(), json!(range_msg));
            }
        }
    }
    r.insert("messages".into(), Value::Object(m));
    Value::Object(r)
}
