//! The parts of a draft regulation an opinion can be about. The site's opinion
//! form offers them and the opinions function accepts them: both call
//! [`draft_parts`], so the form never offers a part the function refuses, nor
//! the other way round.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

/// A Chương, an Điều or one of its khoản, by its anchor on the page.
/// Serialize: the site's templates list them in the opinion form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftPart {
    /// `chuong-i`, `dieu-3`, `dieu-3-khoan-2`.
    pub id: String,
    /// The heading, or "Khoản 2, Điều 3" for a clause.
    pub label: String,
}

/// Chapters, articles and their clauses in reading order, from a draft's
/// headings (`(id, title)` in page order) and the anchors it defines.
pub fn draft_parts<'a>(
    headings: impl IntoIterator<Item = (&'a str, &'a str)>,
    anchors: &HashSet<String>,
) -> Vec<DraftPart> {
    let mut clauses: HashMap<&str, Vec<u32>> = HashMap::new();
    for a in anchors {
        if let Some((article, n)) = a.split_once("-khoan-") {
            if let Ok(n) = n.parse() {
                clauses.entry(article).or_default().push(n);
            }
        }
    }
    let mut out = Vec::new();
    for (id, title) in headings {
        if !id.starts_with("chuong-") && !id.starts_with("dieu-") {
            continue;
        }
        out.push(DraftPart {
            id: id.to_owned(),
            label: title.to_owned(),
        });
        if id.starts_with("dieu-") {
            let short = title.split('.').next().unwrap_or(title).trim();
            let mut ns = clauses.remove(id).unwrap_or_default();
            ns.sort_unstable();
            for n in ns {
                out.push(DraftPart {
                    id: format!("{id}-khoan-{n}"),
                    label: format!("Khoản {n}, {short}"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapters_articles_and_sorted_clauses_in_reading_order() {
        let anchors: HashSet<String> = ["dieu-1-khoan-2", "dieu-1-khoan-1", "dieu-2-khoan-x"]
            .into_iter()
            .map(String::from)
            .collect();
        let parts = draft_parts(
            [
                ("chuong-i", "Chương I. Quy định chung"),
                ("dieu-1", "Điều 1. Phạm vi điều chỉnh"),
                ("dieu-2", "Điều 2. Đối tượng áp dụng"),
                ("muc-luc", "Mục lục"),
            ],
            &anchors,
        );
        let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "chuong-i",
                "dieu-1",
                "dieu-1-khoan-1",
                "dieu-1-khoan-2",
                "dieu-2"
            ]
        );
        assert_eq!(parts[2].label, "Khoản 1, Điều 1");
    }
}
