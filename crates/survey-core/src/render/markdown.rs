use pulldown_cmark::{html, Event, Options, Parser};

/// Renders an intro written in markdown. Raw HTML in it is shown as text:
/// intros are prose, and the same fragment is served by the survey
/// function, where nothing should be able to inject markup.
pub(crate) fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_but_not_raw_html() {
        let html = to_html("Xin **cảm ơn**.\n\n<script>alert(1)</script>");
        assert!(html.contains("<strong>cảm ơn</strong>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
    }
}
