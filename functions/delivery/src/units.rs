//! Ministries, ministry-level agencies and provinces: data, not code. The
//! shipped registry is `data/units-2025.csv` (the units as of 1 July 2025,
//! each with the 2021 units it was formed from); a campaign may use another
//! file with the same columns. Sub-units (departments, districts) are not
//! listed: a respondent names one freely below a registered unit, and reports
//! nest them under it.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

/// The registry shipped with the product.
pub const UNITS_2025_CSV: &str = include_str!("../../../data/units-2025.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    Ministry,
    Agency,
    Province,
}

impl UnitKind {
    fn parse(s: &str) -> Option<UnitKind> {
        match s.trim() {
            "ministry" => Some(UnitKind::Ministry),
            "agency" => Some(UnitKind::Agency),
            "province" => Some(UnitKind::Province),
            _ => None,
        }
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            UnitKind::Ministry => "Bộ",
            UnitKind::Agency => "Cơ quan ngang bộ, cơ quan thuộc Chính phủ",
            UnitKind::Province => "Tỉnh, thành phố",
        }
    }

    /// Ministries and agencies are reported together, before provinces.
    pub fn is_central(self) -> bool {
        !matches!(self, UnitKind::Province)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    pub name: String,
    /// Units this one was formed from (itself when unchanged).
    pub formed_from: Vec<String>,
    /// Position in the official order: central units first, then provinces,
    /// each in the order of the registry file.
    pub order: usize,
}

/// How a name typed in a respondent list matched the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitMatch<'a> {
    Exact(&'a Unit),
    /// A unit that has since merged: the name of a 2021 unit, resolved to the
    /// unit it is now part of.
    Successor {
        old: String,
        unit: &'a Unit,
    },
    /// Not a unit; `suggestion` is the closest name, when one is close.
    Unknown {
        suggestion: Option<&'a Unit>,
    },
}

#[derive(Debug, Clone)]
pub struct Units {
    units: Vec<Unit>,
    by_key: HashMap<String, usize>,
    by_old_key: HashMap<String, usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum UnitsError {
    #[error("{source_name}: {detail}")]
    Bad { source_name: String, detail: String },
}

#[derive(Deserialize)]
struct Row {
    kind: String,
    name: String,
    #[serde(default)]
    formed_from: String,
}

/// Case-insensitive and NFC, but diacritic-sensitive: "Hà Nam" and "Hà Năm"
/// are different words.
fn key(name: &str) -> String {
    vntext::nfc(name.trim())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Units {
    /// The registry shipped in `data/units-2025.csv`.
    pub fn official() -> Units {
        // The shipped file is checked by a test, so this cannot fail at runtime.
        Units::parse("data/units-2025.csv", UNITS_2025_CSV).expect("shipped units registry")
    }

    pub fn load(path: &Path) -> Result<Units, UnitsError> {
        let text = std::fs::read_to_string(path).map_err(|e| UnitsError::Bad {
            source_name: path.display().to_string(),
            detail: e.to_string(),
        })?;
        Units::parse(&path.display().to_string(), &text)
    }

    pub fn parse(source_name: &str, csv_text: &str) -> Result<Units, UnitsError> {
        let bad = |detail: String| UnitsError::Bad {
            source_name: source_name.to_owned(),
            detail,
        };
        let mut rows = Vec::new();
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        for (i, row) in reader.deserialize::<Row>().enumerate() {
            let line = i + 2;
            let row = row.map_err(|e| bad(format!("line {line}: {e}")))?;
            let kind = UnitKind::parse(&row.kind).ok_or_else(|| {
                bad(format!(
                    "line {line}: kind {:?} is not ministry, agency or province",
                    row.kind
                ))
            })?;
            let name = vntext::nfc(row.name.trim());
            if name.is_empty() {
                return Err(bad(format!("line {line}: empty name")));
            }
            let formed_from = row
                .formed_from
                .split(';')
                .map(|s| vntext::nfc(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
            rows.push(Unit {
                kind,
                name,
                formed_from,
                order: 0,
            });
        }
        // Central units keep their file order ahead of provinces.
        rows.sort_by_key(|u| !u.kind.is_central());
        let mut by_key = HashMap::new();
        let mut by_old_key = HashMap::new();
        for (i, u) in rows.iter_mut().enumerate() {
            u.order = i;
            if by_key.insert(key(&u.name), i).is_some() {
                return Err(bad(format!("{} is listed twice", u.name)));
            }
        }
        for (i, u) in rows.iter().enumerate() {
            for old in &u.formed_from {
                let k = key(old);
                if !by_key.contains_key(&k) {
                    by_old_key.insert(k, i);
                }
            }
        }
        if rows.is_empty() {
            return Err(bad("no units".into()));
        }
        Ok(Units {
            units: rows,
            by_key,
            by_old_key,
        })
    }

    /// In official order.
    pub fn all(&self) -> &[Unit] {
        &self.units
    }

    pub fn get(&self, name: &str) -> Option<&Unit> {
        self.by_key.get(&key(name)).map(|&i| &self.units[i])
    }

    pub fn resolve(&self, name: &str) -> UnitMatch<'_> {
        let k = key(name);
        if let Some(&i) = self.by_key.get(&k) {
            return UnitMatch::Exact(&self.units[i]);
        }
        if let Some(&i) = self.by_old_key.get(&k) {
            return UnitMatch::Successor {
                old: vntext::nfc(name.trim()),
                unit: &self.units[i],
            };
        }
        // A typo usually keeps the letters and loses or swaps a tone mark, so
        // compare without diacritics first.
        let folded = vntext::fold(&k);
        let suggestion = self
            .units
            .iter()
            .map(|u| {
                (
                    strsim::levenshtein(&folded, &vntext::fold(&key(&u.name))),
                    u,
                )
            })
            .filter(|(d, _)| *d <= 2.max(folded.chars().count() / 8))
            .min_by_key(|(d, u)| (*d, u.order))
            .map(|(_, u)| u);
        UnitMatch::Unknown { suggestion }
    }

    /// Official position of a unit name; names outside the registry sort last.
    pub fn order_of(&self, name: &str) -> usize {
        self.get(name).map_or(usize::MAX, |u| u.order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_registry_has_the_2025_units_in_official_order() {
        let units = Units::official();
        let central = units.all().iter().filter(|u| u.kind.is_central()).count();
        let provinces = units
            .all()
            .iter()
            .filter(|u| u.kind == UnitKind::Province)
            .count();
        assert_eq!((central, provinces), (17, 34));
        assert_eq!(units.all()[0].name, "Bộ Quốc phòng");
        assert!(units.all()[..17].iter().all(|u| u.kind.is_central()));
        assert_eq!(units.order_of("Hà Nội"), 17);
        assert_eq!(units.order_of("Sao Hỏa"), usize::MAX);
    }

    #[test]
    fn resolves_exact_merged_and_misspelt_names() {
        let units = Units::official();
        assert!(matches!(units.resolve("  hà   nội "), UnitMatch::Exact(u) if u.name == "Hà Nội"));
        match units.resolve("Hà Giang") {
            UnitMatch::Successor { old, unit } => {
                assert_eq!(old, "Hà Giang");
                assert_eq!(unit.name, "Tuyên Quang");
            }
            other => panic!("{other:?}"),
        }
        match units.resolve("Bộ Kế hoạch và Đầu tư") {
            UnitMatch::Successor { unit, .. } => assert_eq!(unit.name, "Bộ Tài chính"),
            other => panic!("{other:?}"),
        }
        match units.resolve("Bo Tu phap") {
            UnitMatch::Unknown { suggestion } => {
                assert_eq!(suggestion.map(|u| u.name.as_str()), Some("Bộ Tư pháp"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            units.resolve("Sở Thú Thành Phố"),
            UnitMatch::Unknown { suggestion: None }
        );
    }

    #[test]
    fn decomposed_input_matches() {
        let units = Units::official();
        let decomposed = "Ha\u{300} Nô\u{323}i";
        assert!(matches!(units.resolve(decomposed), UnitMatch::Exact(u) if u.name == "Hà Nội"));
    }

    #[test]
    fn bad_files_say_where() {
        let err = Units::parse("x.csv", "kind,name,formed_from\ncity,Hà Nội,\n").unwrap_err();
        assert!(err.to_string().contains("x.csv: line 2"), "{err}");
    }
}
