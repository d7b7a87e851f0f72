use serde::Serialize;

/// The site's main navigation, in menu order: section folder and short label.
/// The site's templates and every page a function renders show this one list.
pub const NAV: &[(&str, &str)] = &[
    ("kien-thuc", "Kiến thức"),
    ("van-ban", "Văn bản"),
    ("hoi-dap", "Hỏi đáp"),
    ("gop-y", "Góp ý dự thảo"),
    ("khao-sat", "Khảo sát"),
    ("tin-tuc", "Tin tức"),
];

/// What a page is, decided by the top-level folder it lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Article,
    Document,
    Question,
    Consultation,
    News,
    Survey,
    Plain,
}

impl PageKind {
    pub fn from_section(section: &str) -> PageKind {
        match section {
            "kien-thuc" => PageKind::Article,
            "van-ban" => PageKind::Document,
            "hoi-dap" => PageKind::Question,
            "gop-y" => PageKind::Consultation,
            "tin-tuc" => PageKind::News,
            "khao-sat" => PageKind::Survey,
            _ => PageKind::Plain,
        }
    }

    /// Kinds whose listings and feeds are ordered by date, so a date is required.
    pub fn needs_date(self) -> bool {
        matches!(self, PageKind::Article | PageKind::News)
    }
}
