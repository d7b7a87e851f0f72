//! Server-rendered form fields that keep what the person typed and show each
//! error beside its field and in a summary at the top, the markup the site's
//! static forms use (theme/templates), so one stylesheet serves both.

use crate::fields::Fields;
use crate::layout::esc;

/// One problem with one field, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// The honeypot: hidden from people (CSS and aria-hidden), filled by bots.
pub const HONEYPOT_FIELD: &str = "website";

pub struct Input<'a> {
    pub name: &'a str,
    pub label: &'a str,
    /// `text`, `email`, `tel`.
    pub kind: &'a str,
    pub required: bool,
    pub maxlength: usize,
    pub autocomplete: Option<&'a str>,
    pub hint: Option<&'a str>,
}

/// The values and errors a form is drawn with.
pub struct FormState<'a> {
    pub values: &'a Fields,
    pub errors: &'a [FieldError],
}

impl FormState<'_> {
    fn error(&self, name: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == name)
            .map(|e| e.message.as_str())
    }

    /// The list of errors linking to their fields; empty when there are none.
    pub fn summary(&self) -> String {
        if self.errors.is_empty() {
            return String::new();
        }
        let items: String = self
            .errors
            .iter()
            .map(|e| {
                format!(
                    "<li><a href=\"#{}\">{}</a></li>\n",
                    esc(&e.field),
                    esc(&e.message)
                )
            })
            .collect();
        format!(
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"loi-tieu-de\">\n\
             <h2 id=\"loi-tieu-de\">Có lỗi cần sửa</h2>\n\
             <p>Nội dung quý vị đã nhập vẫn được giữ nguyên bên dưới.</p>\n<ul>\n{items}</ul>\n</div>\n"
        )
    }

    /// Label, hint, error and the attributes tying them to the control.
    fn head(
        &self,
        name: &str,
        label: &str,
        required: bool,
        hint: Option<&str>,
    ) -> (String, String) {
        let mut html = format!(
            "<label for=\"{n}\">{l}{r}</label>\n",
            n = esc(name),
            l = esc(label),
            r = if required { " (bắt buộc)" } else { "" }
        );
        let mut described = Vec::new();
        if let Some(h) = hint {
            html.push_str(&format!(
                "<p class=\"hint\" id=\"{}-hint\">{}</p>\n",
                esc(name),
                esc(h)
            ));
            described.push(format!("{name}-hint"));
        }
        let mut attrs = String::new();
        if let Some(e) = self.error(name) {
            html.push_str(&format!(
                "<p class=\"error-message\" id=\"{}-error\">Lỗi: {}</p>\n",
                esc(name),
                esc(e)
            ));
            described.push(format!("{name}-error"));
            attrs.push_str(" aria-invalid=\"true\"");
        }
        if !described.is_empty() {
            attrs.push_str(&format!(
                " aria-describedby=\"{}\"",
                esc(&described.join(" "))
            ));
        }
        if required {
            attrs.push_str(" required");
        }
        (html, attrs)
    }

    pub fn input(&self, i: &Input) -> String {
        let (head, attrs) = self.head(i.name, i.label, i.required, i.hint);
        let auto = i
            .autocomplete
            .map(|a| format!(" autocomplete=\"{}\"", esc(a)))
            .unwrap_or_default();
        format!(
            "<div class=\"field\">\n{head}<input id=\"{n}\" name=\"{n}\" type=\"{k}\" maxlength=\"{m}\" value=\"{v}\"{auto}{attrs}>\n</div>\n",
            n = esc(i.name),
            k = esc(i.kind),
            m = i.maxlength,
            v = esc(self.values.raw(i.name)),
        )
    }

    pub fn textarea(&self, i: &Input, rows: u32) -> String {
        let (head, attrs) = self.head(i.name, i.label, i.required, i.hint);
        format!(
            "<div class=\"field\">\n{head}<textarea id=\"{n}\" name=\"{n}\" rows=\"{rows}\" maxlength=\"{m}\"{attrs}>{v}</textarea>\n</div>\n",
            n = esc(i.name),
            m = i.maxlength,
            v = esc(self.values.raw(i.name)),
        )
    }

    /// A select whose first option is chosen when nothing (or something
    /// unknown) was sent.
    pub fn select(
        &self,
        name: &str,
        label: &str,
        required: bool,
        options: &[(String, String)],
    ) -> String {
        let (head, attrs) = self.head(name, label, required, None);
        let chosen = self.values.raw(name);
        let opts: String = options
            .iter()
            .map(|(v, l)| {
                let sel = if v == chosen { " selected" } else { "" };
                format!("<option value=\"{}\"{sel}>{}</option>", esc(v), esc(l))
            })
            .collect();
        format!(
            "<div class=\"field\">\n{head}<select id=\"{n}\" name=\"{n}\"{attrs}>{opts}</select>\n</div>\n",
            n = esc(name)
        )
    }

    /// The consent checkbox; `label_html` may hold the privacy notice link.
    pub fn consent(&self, name: &str, label_html: &str) -> String {
        let checked = if self.values.get(name).is_some() {
            " checked"
        } else {
            ""
        };
        let (err, attrs) = match self.error(name) {
            Some(e) => (
                format!(
                    "<p class=\"error-message\" id=\"{n}-error\">Lỗi: {}</p>\n",
                    esc(e),
                    n = esc(name)
                ),
                format!(
                    " aria-invalid=\"true\" aria-describedby=\"{}-error\"",
                    esc(name)
                ),
            ),
            None => (String::new(), String::new()),
        };
        format!(
            "{err}<div class=\"field checkbox\">\n<input id=\"{n}\" name=\"{n}\" type=\"checkbox\" value=\"co\" required{checked}{attrs}>\n<label for=\"{n}\">{label_html} (bắt buộc)</label>\n</div>\n",
            n = esc(name)
        )
    }

    pub fn honeypot(&self) -> String {
        format!(
            "<div class=\"field hp\" aria-hidden=\"true\">\n<label for=\"{n}\">Không điền vào ô này</label>\n<input id=\"{n}\" name=\"{n}\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\">\n</div>\n",
            n = HONEYPOT_FIELD
        )
    }
}

/// Length in characters (what people count), not bytes.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A plausible address: one @, a dot in the domain, no spaces. The mail
/// provider is the real check; this catches typos on the spot.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && !s.contains(['<', '>', '"', ',', ';'])
        && s.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_keeps_its_value_and_shows_its_error() {
        let mut values = Fields::default();
        values.push("ho_ten", "Nguyễn \"An\"");
        let errors = [FieldError::new("ho_ten", "Vui lòng nhập họ và tên.")];
        let st = FormState {
            values: &values,
            errors: &errors,
        };
        let html = st.input(&Input {
            name: "ho_ten",
            label: "Họ và tên",
            kind: "text",
            required: true,
            maxlength: 100,
            autocomplete: Some("name"),
            hint: None,
        });
        assert!(html.contains("value=\"Nguyễn &quot;An&quot;\""));
        assert!(html.contains("aria-invalid=\"true\""));
        assert!(html.contains("aria-describedby=\"ho_ten-error\""));
        assert!(st.summary().contains("href=\"#ho_ten\""));
    }

    #[test]
    fn email_shapes() {
        assert!(looks_like_email("an.nguyen@hagiang.gov.vn"));
        for bad in [
            "an",
            "an@",
            "@x.vn",
            "a b@x.vn",
            "a@x",
            "a@.vn",
            "a@x.vn,b@y.vn",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
