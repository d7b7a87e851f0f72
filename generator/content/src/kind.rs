use serde::Serialize;

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
