//! The draft page `cchc questions pull` writes for an editor: front matter the
//! site's `FrontMatter` accepts, the question as literal text (no HTML, link
//! or emphasis a person typed reaches the published page), the attachments
//! listed, and no contact details at all.

use serde::Serialize;

use crate::records::QuestionRecord;

/// Stands where the answer goes; `notify` refuses a page that still has it.
pub const ANSWER_PLACEHOLDER: &str = "Biên tập viên viết câu trả lời thay cho đoạn này.";
/// Who answers, until the editor says otherwise.
pub const DEFAULT_ANSWERED_BY: &str = "Vụ Cải cách hành chính, Bộ Nội vụ";
/// The asker as published when they gave no display name.
pub const ANONYMOUS: &str = "Bạn đọc";

/// Text shown as typed: markdown and HTML specials escaped, paragraphs kept.
pub fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.trim().lines() {
        let line = line.trim_end();
        for ch in line.chars() {
            match ch {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '!' | '|' => {
                    out.push('\\');
                    out.push(ch);
                }
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct Front<'a> {
    title: &'a str,
    draft: bool,
    asker: &'a str,
    province: &'a str,
    asked: String,
    answered: String,
    answered_by: &'a str,
    code: &'a str,
    question: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fields: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<AttachmentMeta>,
}

#[derive(Serialize)]
struct AttachmentMeta {
    file: String,
    title: String,
}

/// The whole `index.md`. `today` (YYYY-MM-DD) stands in for the answer date
/// until the editor sets it.
pub fn draft_page(r: &QuestionRecord, today: &str) -> String {
    let asked = chrono::DateTime::parse_from_rfc3339(&r.asked_at)
        .map(|t| {
            t.with_timezone(&vntext::vn_offset())
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|_| today.to_owned());
    let front = Front {
        title: &r.title,
        draft: true,
        asker: r.display_name.as_deref().unwrap_or(ANONYMOUS),
        province: &r.province,
        asked,
        answered: today.to_owned(),
        answered_by: DEFAULT_ANSWERED_BY,
        code: &r.code,
        question: literal(&r.text),
        fields: if r.field == crate::fields::OTHER {
            Vec::new()
        } else {
            vec![r.field.as_str()]
        },
        attachments: r
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| AttachmentMeta {
                file: a.file_name().to_owned(),
                title: format!(
                    "Tệp đính kèm {} của người hỏi ({})",
                    i + 1,
                    a.ext.to_ascii_uppercase()
                ),
            })
            .collect(),
    };
    let yaml = serde_yaml_ng::to_string(&front).unwrap_or_default();
    format!("---\n{yaml}---\n\n{ANSWER_PLACEHOLDER}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_keeps_lines_and_defuses_markup() {
        assert_eq!(
            literal("Xin hỏi <b>gấp</b>\n[bấm](http://x) *ngay*\n"),
            "Xin hỏi &lt;b&gt;gấp&lt;/b&gt;\n\\[bấm\\](http://x) \\*ngay\\*\n"
        );
    }
}
