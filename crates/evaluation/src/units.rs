//! The units ranked in a year (ministries, provinces) and how a name typed in
//! a spreadsheet finds its unit.
//!
//! Spreadsheets write "Khánh Hòa", "Tỉnh Khánh Hòa", "UBND tỉnh Khánh Hoà"
//! (old-style tone placement), "Khanh Hoa" or "khanh-hoa"; all must reach the
//! same unit, and a name that reaches none must say which unit was meant, not
//! be dropped. Names are compared by their slug (diacritics folded, đ → d)
//! with administrative prefixes removed on both sides.

use serde::Serialize;

/// Ministries and provinces are ranked apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Ministry,
    Province,
}

impl UnitKind {
    /// The code used in file names and YAML: `bo`, `tinh`.
    pub fn code(self) -> &'static str {
        match self {
            UnitKind::Ministry => "bo",
            UnitKind::Province => "tinh",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        match s.trim() {
            "bo" => Some(UnitKind::Ministry),
            "tinh" => Some(UnitKind::Province),
            _ => None,
        }
    }

    /// "Bộ, cơ quan ngang bộ" or "Tỉnh, thành phố trực thuộc trung ương".
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Ministry => crate::messages::KIND_MINISTRY,
            UnitKind::Province => crate::messages::KIND_PROVINCE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Unit {
    /// The URL slug and the key in every file: `khanh-hoa`.
    pub slug: String,
    /// The name as published: "Khánh Hòa".
    pub name: String,
    pub kind: UnitKind,
}

impl Unit {
    pub fn new(name: &str, kind: UnitKind) -> Self {
        let name = vntext::nfc(name.trim());
        Unit {
            slug: vntext::slugify(&name),
            name,
            kind,
        }
    }
}

const PREFIXES: [&str; 10] = [
    "uy-ban-nhan-dan-",
    "ubnd-",
    "tinh-",
    "thanh-pho-",
    "tp-",
    "co-quan-",
    "bo-truong-",
    "bo-",
    "uy-ban-",
    "ban-",
];

/// A slug without "ubnd tỉnh", "thành phố", "bộ" and the like in front.
fn core(slug: &str) -> String {
    let mut s = slug.to_owned();
    loop {
        match PREFIXES
            .iter()
            .find(|p| s.starts_with(*p) && s.len() > p.len())
        {
            Some(p) => s = s[p.len()..].to_owned(),
            None => return s,
        }
    }
}

/// Finds units by any of the spellings above.
#[derive(Debug, Clone)]
pub struct Registry<'a> {
    units: Vec<&'a Unit>,
    cores: Vec<String>,
}

impl<'a> Registry<'a> {
    pub fn new(units: impl IntoIterator<Item = &'a Unit>) -> Self {
        let units: Vec<&Unit> = units.into_iter().collect();
        let cores = units.iter().map(|u| core(&u.slug)).collect();
        Registry { units, cores }
    }

    /// The unit a written name means, or the closest name as a hint.
    pub fn find(&self, written: &str) -> Result<&'a Unit, Option<&'a str>> {
        let slug = vntext::slugify(written);
        if let Some(u) = self.units.iter().find(|u| u.slug == slug) {
            return Ok(u);
        }
        let c = core(&slug);
        let hits: Vec<usize> = (0..self.units.len())
            .filter(|&i| self.cores[i] == c)
            .collect();
        if let [one] = hits[..] {
            return Ok(self.units[one]);
        }
        let best = (0..self.units.len())
            .map(|i| (levenshtein(&self.cores[i], &c), i))
            .min()
            .filter(|(d, _)| *d <= 3.max(c.len() / 4));
        Err(best.map(|(_, i)| self.units[i].name.as_str()))
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_province_find_it() {
        let units = [
            Unit::new("Khánh Hòa", UnitKind::Province),
            Unit::new("Thành phố Hồ Chí Minh", UnitKind::Province),
            Unit::new("Hà Nội", UnitKind::Province),
            Unit::new("Bộ Tư pháp", UnitKind::Ministry),
        ];
        let r = Registry::new(&units);
        for w in [
            "Khánh Hòa",
            "Tỉnh Khánh Hoà",
            "UBND tỉnh Khánh Hòa",
            "khanh-hoa",
            "KHANH HOA",
        ] {
            assert_eq!(r.find(w).unwrap().slug, "khanh-hoa", "{w}");
        }
        assert_eq!(
            r.find("TP. Hồ Chí Minh").unwrap().slug,
            "thanh-pho-ho-chi-minh"
        );
        assert_eq!(r.find("Thành phố Hà Nội").unwrap().slug, "ha-noi");
        assert_eq!(r.find("Tư pháp").unwrap().slug, "bo-tu-phap");
        assert_eq!(r.find("Khánh Hào").unwrap_err(), Some("Khánh Hòa"));
        assert_eq!(r.find("Nam Cực").unwrap_err(), None);
    }
}
