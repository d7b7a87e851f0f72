use std::fmt::Write;

pub use vntext::escape_html as esc;

/// An element's start tag, built attribute by attribute so every value goes
/// through [`esc`] and absent attributes simply are not written.
pub(crate) struct Tag {
    html: String,
}

impl Tag {
    pub fn new(name: &str) -> Tag {
        Tag {
            html: format!("<{name}"),
        }
    }

    pub fn attr(mut self, name: &str, value: impl AsRef<str>) -> Tag {
        let _ = write!(self.html, " {name}=\"{}\"", esc(value.as_ref()));
        self
    }

    pub fn attr_opt(self, name: &str, value: Option<impl AsRef<str>>) -> Tag {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// A boolean attribute such as `checked`.
    pub fn flag(mut self, name: &str, on: bool) -> Tag {
        if on {
            self.html.push(' ');
            self.html.push_str(name);
        }
        self
    }

    /// `aria-describedby` from the ids that exist; omitted when none do.
    pub fn described_by(self, ids: &[String]) -> Tag {
        let joined = ids.join(" ");
        self.attr_opt("aria-describedby", (!joined.is_empty()).then_some(joined))
    }

    pub fn write(mut self, out: &mut String) {
        self.html.push('>');
        out.push_str(&self.html);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn escapes_between_multibyte_runs() {
        assert_eq!(
            esc("Nghị định <số> 'đ' & \"ý\""),
            "Nghị định &lt;số&gt; &#39;đ&#39; &amp; &quot;ý&quot;"
        );
        assert_eq!(esc("đường"), "đường");
        assert_eq!(esc(""), "");
    }

    #[test]
    fn tags_escape_attribute_values() {
        let mut out = String::new();
        Tag::new("input")
            .attr("value", "\"><script>")
            .flag("checked", true)
            .flag("disabled", false)
            .write(&mut out);
        assert_eq!(out, r#"<input value="&quot;&gt;&lt;script&gt;" checked>"#);
    }
}
