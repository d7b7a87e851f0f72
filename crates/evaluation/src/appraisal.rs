//! Appraisal scores: what the ministry's appraisal council gave each unit on
//! each appraisal sub-criterion, from a CSV or XLSX in long form:
//!
//! ```csv
//! don_vi,tieu_chi,diem
//! Khánh Hòa,1.1.1,1
//! ```
//!
//! Headers may be written in Vietnamese ("Đơn vị", "Tiêu chí", "Điểm"); a
//! decimal comma is accepted. One file may hold ministries and provinces:
//! each row's sub-criterion is looked up in its unit's own index. Every
//! problem is reported with its row (`file:line: …`) and nothing is loaded
//! from a file with problems: a score silently dropped or taken as 0 would
//! move a unit in a national ranking.

use std::collections::BTreeMap;
use std::path::Path;

use crate::index::Index;
use crate::messages::{did_you_mean, Msg, Problem, Problems};
use crate::points::Points;
use crate::sheet::{self, Sheet};
use crate::units::Registry;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Appraisal {
    /// (unit slug, sub-criterion id) → points.
    scores: BTreeMap<(String, String), Points>,
}

impl Appraisal {
    pub fn read(path: &Path, indexes: &[&Index]) -> Result<Appraisal, Problems> {
        let file = path.display().to_string();
        let sheet = sheet::read(path).map_err(|m| Problem::new(&file, None, m))?;
        Self::from_sheet(&file, &sheet, indexes)
    }

    pub fn from_csv(file: &str, bytes: &[u8], indexes: &[&Index]) -> Result<Appraisal, Problems> {
        let sheet = sheet::parse_csv(bytes).map_err(|m| Problem::new(file, None, m))?;
        Self::from_sheet(file, &sheet, indexes)
    }

    pub fn from_xlsx(file: &str, bytes: &[u8], indexes: &[&Index]) -> Result<Appraisal, Problems> {
        let sheet = sheet::parse_xlsx(bytes).map_err(|m| Problem::new(file, None, m))?;
        Self::from_sheet(file, &sheet, indexes)
    }

    fn from_sheet(file: &str, sheet: &Sheet, indexes: &[&Index]) -> Result<Appraisal, Problems> {
        let col = |k| sheet.column(k).map_err(|m| Problem::new(file, Some(1), m));
        let (cu, cc, cd) = (col("don_vi")?, col("tieu_chi")?, col("diem")?);
        let registry = Registry::new(indexes.iter().flat_map(|i| i.units()));
        let index_of = |kind| {
            indexes
                .iter()
                .find(|i| i.kind() == kind)
                .expect("a unit comes from an index")
        };
        let mut p = Vec::new();
        let mut scores = BTreeMap::new();
        let mut first_line: BTreeMap<(String, String), usize> = BTreeMap::new();
        for (line, cells) in &sheet.rows {
            let get = |c: usize| cells.get(c).map(String::as_str).unwrap_or("");
            let mut bad = |m| p.push(Problem::new(file, Some(*line), m));
            let unit = match registry.find(get(cu)) {
                Ok(u) => u,
                Err(hint) => {
                    bad(Msg::UnknownUnit {
                        name: get(cu).to_owned(),
                        hint: did_you_mean(hint),
                    });
                    continue;
                }
            };
            let id = get(cc).to_owned();
            let Some(sub) = index_of(unit.kind).sub(&id) else {
                bad(Msg::UnknownCriterion {
                    unit: unit.name.clone(),
                    id,
                });
                continue;
            };
            if sub.is_survey() {
                bad(Msg::SurveyCriterionAppraised(id));
                continue;
            }
            let Some(score) = Points::parse(get(cd)) else {
                bad(Msg::NotANumber(get(cd).to_owned()));
                continue;
            };
            if score < Points::ZERO || score > sub.max {
                bad(Msg::OutOfRange {
                    unit: unit.name.clone(),
                    id,
                    score,
                    max: sub.max,
                });
                continue;
            }
            let key = (unit.slug.clone(), id.clone());
            if let Some(&first) = first_line.get(&key) {
                bad(Msg::DuplicateScore {
                    unit: unit.name.clone(),
                    id,
                    first,
                });
                continue;
            }
            first_line.insert(key.clone(), *line);
            scores.insert(key, score);
        }
        for index in indexes {
            for unit in index.units() {
                let missing: Vec<&str> = index
                    .appraisal_subs()
                    .filter(|s| !scores.contains_key(&(unit.slug.clone(), s.id.clone())))
                    .map(|s| s.id.as_str())
                    .collect();
                if missing.len() == index.appraisal_subs().count() {
                    p.push(Problem::new(
                        file,
                        None,
                        Msg::NoAppraisal(unit.name.clone()),
                    ));
                } else if !missing.is_empty() {
                    p.push(Problem::new(
                        file,
                        None,
                        Msg::MissingScores {
                            unit: unit.name.clone(),
                            ids: missing.join(", "),
                        },
                    ));
                }
            }
        }
        if p.is_empty() {
            Ok(Appraisal { scores })
        } else {
            Err(Problems(p))
        }
    }

    pub fn score(&self, unit: &str, sub: &str) -> Option<Points> {
        self.scores.get(&(unit.to_owned(), sub.to_owned())).copied()
    }
}
