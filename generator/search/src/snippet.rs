//! Result snippets, cut from each document's stored excerpt.
//!
//! The excerpt is the page's summary (or, without one, the opening of its
//! body), stored with the result metadata. Cutting snippets from the whole
//! body would find the match wherever it is, but the browser would then have
//! to download bodies, which the download budget rules out; the summary is
//! what an editor wrote to describe the page anyway. Matched words are marked
//! whatever their tones, as the match itself ignored them.
//!
//! All positions count code points, the unit JS and Rust agree on.

use crate::tokenize::{key_of, token_spans};

/// Longest snippet, in code points, before the ellipses.
pub const SNIPPET_CHARS: usize = 180;
/// Context kept before the first match when the excerpt must be cut.
const LEAD_CHARS: usize = 40;
/// Length of the excerpt taken from a body when the page has no summary.
pub const EXCERPT_CHARS: usize = 200;

pub struct Matcher<'a> {
    pub keys: Vec<&'a str>,
    /// The last query word, while it is still being typed.
    pub prefix: Option<&'a str>,
}

impl Matcher<'_> {
    fn matches(&self, key: &str) -> bool {
        self.keys.contains(&key) || self.prefix.is_some_and(|p| key.starts_with(p))
    }
}

/// The snippet and its marked ranges, in code points of the snippet.
pub fn snippet(text: &str, m: &Matcher) -> (String, Vec<(usize, usize)>) {
    let chars: Vec<char> = text.chars().collect();
    let spans = token_spans(&chars);
    let matched: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| {
            let token: String = chars[s..e].iter().collect();
            m.matches(&key_of(&token.to_lowercase()))
        })
        .collect();
    let (mut a, mut b) = (0, chars.len());
    if chars.len() > SNIPPET_CHARS {
        let first = matched.first().map_or(0, |&(s, _)| s);
        a = first.saturating_sub(LEAD_CHARS);
        if a > 0 {
            a = spans
                .iter()
                .map(|&(s, _)| s)
                .find(|&s| s >= a)
                .unwrap_or(first);
        }
        b = a + SNIPPET_CHARS;
        if b >= chars.len() {
            b = chars.len();
        } else if let Some(end) = spans
            .iter()
            .rev()
            .find(|&&(s, e)| s >= a && e <= b)
            .map(|&(_, e)| e)
        {
            b = end;
        }
    }
    let lead = usize::from(a > 0);
    let mut out = String::new();
    if a > 0 {
        out.push('…');
    }
    out.extend(&chars[a..b]);
    if b < chars.len() {
        out.push('…');
    }
    let marks = matched
        .into_iter()
        .filter(|&(s, e)| s >= a && e <= b)
        .map(|(s, e)| (s - a + lead, e - a + lead))
        .collect();
    (out, marks)
}

/// The opening of a body, cut after a whole word, for pages without summary.
pub fn excerpt(body: &str) -> String {
    // Whitespace runs become one space; stop reading once past the limit,
    // as bodies are long and only their opening is wanted.
    let mut chars: Vec<char> = Vec::with_capacity(EXCERPT_CHARS + 32);
    for word in body.split_whitespace() {
        if chars.len() > EXCERPT_CHARS {
            break;
        }
        if !chars.is_empty() {
            chars.push(' ');
        }
        chars.extend(word.chars());
    }
    if chars.len() <= EXCERPT_CHARS {
        return chars.into_iter().collect();
    }
    let end = token_spans(&chars[..EXCERPT_CHARS])
        .iter()
        .rev()
        .find(|&&(_, e)| e < EXCERPT_CHARS)
        .map(|&(_, e)| e)
        .unwrap_or(EXCERPT_CHARS);
    let mut s: String = chars[..end].iter().collect();
    s.push('…');
    s
}

/// Code-point ranges of `s` → byte ranges, for Rust callers slicing strings.
pub fn byte_ranges(s: &str, marks: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let offsets: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    marks
        .iter()
        .map(|&(a, b)| (offsets[a], offsets[b]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole_with_marks() {
        let m = Matcher {
            keys: vec!["dang", "ky"],
            prefix: None,
        };
        let (s, marks) = snippet("Hướng dẫn đăng ký kinh doanh.", &m);
        assert_eq!(s, "Hướng dẫn đăng ký kinh doanh.");
        assert_eq!(marks, [(10, 14), (15, 17)]);
        assert_eq!(byte_ranges(&s, &marks)[0], (15, 21));
    }

    #[test]
    fn long_text_is_cut_around_the_first_match() {
        let text = format!(
            "{} đường bộ {}",
            "mở đầu ".repeat(40),
            "kết thúc ".repeat(40)
        );
        let m = Matcher {
            keys: vec![],
            prefix: Some("duon"),
        };
        let (s, marks) = snippet(&text, &m);
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.chars().count() <= SNIPPET_CHARS + 2);
        let (a, b) = marks[0];
        let marked: String = s.chars().skip(a).take(b - a).collect();
        assert_eq!(marked, "đường");
    }

    #[test]
    fn excerpt_ends_on_a_word() {
        let e = excerpt(&"thủ tục hành chính ".repeat(30));
        assert!(e.ends_with("…"));
        assert!(!e.ends_with(" …"));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
