use super::html::{esc, Tag};
use super::markdown;
use super::parts::QuestionCtx;
use super::question;
use super::FormRender;
use crate::definition::{Form, Section};
use crate::errors::FieldError;
use crate::fields::{ACTION_DRAFT, ACTION_FIELD, ACTION_SUBMIT};
use crate::raw::RawAnswers;

/// The whole form as an HTML fragment: error summary, intro, sections with
/// their questions, hidden fields and buttons. The page supplies the `<h1>`.
pub fn form_html(form: &Form, opts: &FormRender) -> String {
    let empty = RawAnswers::new();
    let raw = opts.answers.map(|p| p.to_raw());
    let raw = raw.as_deref().unwrap_or(&empty);
    let mut out = String::new();

    if opts.readonly {
        Tag::new("div")
            .attr("class", "survey-form survey-form--readonly")
            .attr("data-form", form.id())
            .write(&mut out);
    } else {
        // novalidate: the browser's own bubbles would say other things, in
        // the browser's language, than the server and the summary below.
        Tag::new("form")
            .attr("class", "survey-form")
            .attr("method", "post")
            .attr("action", opts.action)
            .attr("accept-charset", "UTF-8")
            .attr("data-form", form.id())
            .attr("data-campaign", form.campaign())
            .flag("novalidate", true)
            .write(&mut out);
    }
    out.push('\n');
    error_summary(&mut out, form, opts.errors);
    if !form.intro().is_empty() {
        out.push_str("<div class=\"form-intro\">\n");
        out.push_str(&markdown::to_html(form.intro()));
        out.push_str("</div>\n");
    }
    if !opts.readonly {
        for (name, value) in opts.hidden {
            Tag::new("input")
                .attr("type", "hidden")
                .attr("name", name)
                .attr("value", value)
                .write(&mut out);
            out.push('\n');
        }
    }
    let cx = QuestionCtx {
        form,
        raw,
        errors: opts.errors,
        readonly: opts.readonly,
    };
    for section in form.sections() {
        section_html(&mut out, section, &cx);
    }
    if opts.readonly {
        out.push_str("</div>\n");
    } else {
        buttons(&mut out, opts);
        out.push_str("</form>\n");
    }
    out
}

/// GOV.UK's error summary: announced on load (role="alert"), one link per
/// problem to the field to fix, the message as the link text.
fn error_summary(out: &mut String, form: &Form, errors: &[FieldError]) {
    if errors.is_empty() {
        return;
    }
    let title_id = format!("{}-error-summary-title", form.id());
    Tag::new("div")
        .attr("class", "error-summary")
        .attr("role", "alert")
        .attr("aria-labelledby", &title_id)
        .attr("tabindex", "-1")
        .write(out);
    out.push('\n');
    out.push_str(&format!(
        "<h2 class=\"error-summary-title\" id=\"{}\">Có lỗi cần sửa</h2>\n<ul class=\"error-summary-list\">\n",
        esc(&title_id)
    ));
    for e in errors {
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            esc(&e.anchor()),
            esc(&e.message)
        ));
    }
    out.push_str("</ul>\n</div>\n");
}

fn section_html(out: &mut String, section: &Section, cx: &QuestionCtx) {
    let id = format!("phan-{}", section.id());
    let title_id = format!("{id}-title");
    Tag::new("section")
        .attr("class", "form-section")
        .attr("id", &id)
        .attr("aria-labelledby", &title_id)
        .write(out);
    out.push('\n');
    out.push_str(&format!(
        "<h2 class=\"form-section-title\" id=\"{}\">{}</h2>\n",
        esc(&title_id),
        esc(section.title())
    ));
    if let Some(intro) = section.intro() {
        out.push_str("<div class=\"form-section-intro\">\n");
        out.push_str(&markdown::to_html(intro));
        out.push_str("</div>\n");
    }
    for q in section.questions() {
        question::question_html(out, q, cx);
    }
    out.push_str("</section>\n");
}

fn buttons(out: &mut String, opts: &FormRender) {
    out.push_str("<div class=\"form-actions\">\n");
    Tag::new("button")
        .attr("type", "submit")
        .attr("class", "button")
        .attr("name", ACTION_FIELD)
        .attr("value", ACTION_SUBMIT)
        .write(out);
    out.push_str(&esc(opts.submit_label));
    out.push_str("</button>\n");
    if let Some(label) = opts.draft_label {
        Tag::new("button")
            .attr("type", "submit")
            .attr("class", "button button--secondary")
            .attr("name", ACTION_FIELD)
            .attr("value", ACTION_DRAFT)
            .write(out);
        out.push_str(&esc(label));
        out.push_str("</button>\n");
    }
    out.push_str("</div>\n");
}
