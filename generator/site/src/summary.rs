use chrono::{DateTime, FixedOffset};
use content::{Page, PageKind};
use serde::Serialize;

/// What listings, feeds and the home page show of a page.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub title: String,
    /// The title as listings show it: a document's type and number first,
    /// unless the title already says them.
    pub label: String,
    pub path: String,
    pub description: Option<String>,
    pub date: Option<String>,
    pub kind: PageKind,
    pub section: String,
    pub number: Option<String>,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub status: Option<&'static str>,
    pub category: Option<String>,
    pub fields: Vec<String>,
    pub tags: Vec<String>,
    pub year: Option<i32>,
    pub consultation: Option<ConsultationState>,
}

/// Where a consultation stands at build time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationState {
    Upcoming,
    Open,
    Closed,
}

impl ConsultationState {
    pub fn of(page: &Page, now: DateTime<FixedOffset>) -> Option<ConsultationState> {
        let (opens, closes) = (page.meta.opens?, page.meta.closes?);
        Some(if now < opens.0 {
            ConsultationState::Upcoming
        } else if now < closes.0 {
            ConsultationState::Open
        } else {
            ConsultationState::Closed
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            ConsultationState::Upcoming => "Sắp mở",
            ConsultationState::Open => "Đang lấy ý kiến",
            ConsultationState::Closed => "Đã kết thúc",
        }
    }
}

impl Summary {
    pub fn of(page: &Page, now: DateTime<FixedOffset>) -> Summary {
        let m = &page.meta;
        let date = page.sort_date();
        let description =
            m.description
                .clone()
                .or_else(|| m.summary.clone())
                .or_else(|| match page.kind {
                    PageKind::Question => m.question.as_deref().map(first_sentence),
                    _ => None,
                });
        let label = match (&m.number, &m.doc_type) {
            (Some(n), Some(t)) if !m.title.contains(n.as_str()) => format!("{t} {n}: {}", m.title),
            _ => m.title.clone(),
        };
        Summary {
            label,
            title: m.title.clone(),
            path: page.path.clone(),
            description,
            date: date.map(|d| d.to_string()),
            kind: page.kind,
            section: page.section.clone(),
            number: m.number.as_ref().map(|n| n.to_string()),
            doc_type: m.doc_type.clone(),
            issuer: m.issuer.clone(),
            status: m.status.map(|s| s.label()),
            category: m.category.clone(),
            fields: m.fields.clone(),
            tags: m.tags.clone(),
            year: date.map(|d| chrono::Datelike::year(&d.0)),
            consultation: if page.kind == PageKind::Consultation {
                ConsultationState::of(page, now)
            } else {
                None
            },
        }
    }
}

/// The first sentence of a markdown question, for listings.
fn first_sentence(md: &str) -> String {
    let flat: String = md.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut = flat
        .char_indices()
        .find(|&(i, c)| (c == '?' || c == '.') && i > 40)
        .map(|(i, c)| i + c.len_utf8());
    let s = match cut {
        Some(i) => &flat[..i],
        None => &flat,
    };
    if s.chars().count() > 240 {
        let end: String = s.chars().take(240).collect();
        format!("{end}…")
    } else {
        s.to_owned()
    }
}
