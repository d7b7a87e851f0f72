use super::html::esc;
use super::ReviewRender;
use crate::answers::{Answer, AnswerSet, Cell, Choice};
use crate::definition::Form;
use crate::fields::OTHER_LABEL;
use crate::messages::format_number;
use crate::question::{Options, Question, QuestionKind};

const UNANSWERED: &str = "Không trả lời";

/// Question → answer as a definition list per section, for the "xem lại"
/// page and the printable receipt. Questions hidden by show_if are left out;
/// shown ones left blank say so, so a printed receipt is complete.
pub fn review_html(form: &Form, answers: &AnswerSet, opts: &ReviewRender) -> String {
    let mut out = format!(
        "<div class=\"review\" data-form=\"{}\">\n",
        esc(form.id().as_str())
    );
    for section in form.sections() {
        let shown: Vec<&Question> = section
            .questions()
            .iter()
            .filter(|q| form.is_shown(q, answers))
            .collect();
        if shown.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "<section class=\"review-section\">\n<h2 class=\"review-section-title\">{}</h2>\n<dl class=\"review-list\">\n",
            esc(section.title())
        ));
        for q in shown {
            row(&mut out, q, answers.get(q.id().as_str()), opts);
        }
        out.push_str("</dl>\n</section>\n");
    }
    out.push_str("</div>\n");
    out
}

fn row(out: &mut String, q: &Question, answer: Option<&Answer>, opts: &ReviewRender) {
    out.push_str(&format!(
        "<div class=\"review-row\">\n<dt class=\"review-question\"><span class=\"question-number\">Câu {}.</span> {}</dt>\n",
        q.number(),
        esc(q.label())
    ));
    match answer {
        Some(a) => out.push_str(&format!(
            "<dd class=\"review-answer\">{}</dd>\n",
            answer_html(q, a)
        )),
        None => out.push_str(&format!(
            "<dd class=\"review-answer review-answer--empty\">{UNANSWERED}</dd>\n"
        )),
    }
    if let Some(href) = opts.edit_href {
        out.push_str(&format!(
            "<dd class=\"review-change\"><a href=\"{}#{}\">Sửa<span class=\"visually-hidden\"> câu {}</span></a></dd>\n",
            esc(href),
            esc(&q.field()),
            q.number()
        ));
    }
    out.push_str("</div>\n");
}

fn choice_text(options: &Options, c: &Choice) -> String {
    match c {
        Choice::Option(v) => esc(options.get(v.as_str()).map_or(v.as_str(), |o| o.label())),
        Choice::Other { other } => format!("{}: {}", esc(OTHER_LABEL), esc(other)),
    }
}

fn answer_html(q: &Question, a: &Answer) -> String {
    match (q.kind(), a) {
        (QuestionKind::SingleChoice { options, .. }, Answer::Choice(c)) => choice_text(options, c),
        (QuestionKind::MultipleChoice { options, .. }, Answer::Choices(cs)) => {
            let items: String = cs
                .iter()
                .map(|c| format!("<li>{}</li>", choice_text(options, c)))
                .collect();
            format!("<ul class=\"review-choices\">{items}</ul>")
        }
        (
            QuestionKind::Rating {
                scale,
                min_label,
                max_label,
            },
            Answer::Rating(n),
        ) => {
            let end = match *n {
                1 => format!(" ({})", esc(min_label)),
                n if n == scale.points() => format!(" ({})", esc(max_label)),
                _ => String::new(),
            };
            format!("{n}/{}{end}", scale.points())
        }
        (QuestionKind::Matrix { rows, columns, .. }, Answer::Matrix(cells)) => {
            let items: String = rows
                .iter()
                .map(|r| {
                    let value = match cells.get(r.id().as_str()) {
                        Some(Cell::Scale(n)) => n.to_string(),
                        Some(Cell::Option(v)) => v.to_string(),
                        None => String::new(),
                    };
                    let label = columns.get(&value).map_or(UNANSWERED, |c| c.label());
                    format!("<li>{}: {}</li>", esc(r.label()), esc(label))
                })
                .collect();
            format!("<ul class=\"review-matrix\">{items}</ul>")
        }
        (_, Answer::Text(t)) => t.lines().map(esc).collect::<Vec<_>>().join("<br>"),
        (_, Answer::Number(n)) => format_number(n.as_f64()),
        (_, Answer::Date(d)) => vntext::format_date_short(*d),
        // Answers are only built by parsing against this form, so the kinds
        // match; anything else would be a stored answer from another form.
        _ => esc(&serde_json::to_string(a).unwrap_or_default()),
    }
}
