//! A year's folder, `content/chi-so/<year>/`, loaded in one call so that
//! `cchc index compute <year>` needs no other argument:
//!
//! - `bo.yaml`, `tinh.yaml`: the index structures (either may be absent);
//! - `tham-dinh.csv` or `tham-dinh.xlsx`: appraisal scores of both kinds
//!   (`--appraisal FILE` replaces it);
//! - `khao-sat.csv`: survey points per unit, when the survey is not computed
//!   from stored answers (the caller then passes [`SurveyScores`] itself).

use std::path::{Path, PathBuf};

use crate::appraisal::Appraisal;
use crate::compute::{compute, Ranking};
use crate::index::Index;
use crate::messages::{Msg, Problem, Problems};
use crate::survey_score::SurveyScores;
use crate::units::UnitKind;

#[derive(Debug, Clone)]
pub struct Year {
    pub dir: PathBuf,
    /// Ministries first, then provinces.
    pub indexes: Vec<Index>,
}

impl Year {
    /// Reads and checks the index files, and that no unit is in both.
    pub fn load(dir: &Path) -> Result<Year, Problems> {
        let mut indexes = Vec::new();
        let mut p = Vec::new();
        for kind in [UnitKind::Ministry, UnitKind::Province] {
            let path = dir.join(format!("{}.yaml", kind.code()));
            if !path.exists() {
                continue;
            }
            let file = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => match Index::parse(&text, &file, Some(kind)) {
                    Ok(i) => indexes.push(i),
                    Err(Problems(mut e)) => p.append(&mut e),
                },
                Err(e) => p.push(Problem::new(&file, None, Msg::Unreadable(e.to_string()))),
            }
        }
        if indexes.is_empty() && p.is_empty() {
            p.push(Problem::new(
                &dir.display().to_string(),
                None,
                Msg::NoIndexFile(dir.display().to_string()),
            ));
        }
        if let [a, b] = &indexes[..] {
            for u in a.units() {
                if b.unit(&u.slug).is_some() {
                    p.push(Problem::new(
                        &dir.display().to_string(),
                        None,
                        Msg::UnitInBothKinds(u.name.clone()),
                    ));
                }
            }
        }
        if p.is_empty() {
            Ok(Year {
                dir: dir.to_owned(),
                indexes,
            })
        } else {
            Err(Problems(p))
        }
    }

    pub fn index(&self, kind: UnitKind) -> Option<&Index> {
        self.indexes.iter().find(|i| i.kind() == kind)
    }

    fn refs(&self) -> Vec<&Index> {
        self.indexes.iter().collect()
    }

    /// The appraisal file: `over` when given, else `tham-dinh.csv|xlsx`.
    pub fn appraisal(&self, over: Option<&Path>) -> Result<Appraisal, Problems> {
        let path = match over {
            Some(p) => p.to_owned(),
            None => ["tham-dinh.csv", "tham-dinh.xlsx"]
                .iter()
                .map(|f| self.dir.join(f))
                .find(|p| p.exists())
                .ok_or_else(|| {
                    Problem::new(
                        &self.dir.display().to_string(),
                        None,
                        Msg::NoAppraisalFile(self.dir.display().to_string()),
                    )
                })?,
        };
        Appraisal::read(&path, &self.refs())
    }

    /// The survey points file `khao-sat.csv`.
    pub fn survey_file(&self) -> Result<SurveyScores, Problems> {
        let path = self.dir.join("khao-sat.csv");
        if !path.exists() {
            let d = self.dir.display().to_string();
            return Err(Problem::new(&d, None, Msg::NoSurveyFile(d.clone())).into());
        }
        SurveyScores::read(&path, &self.refs())
    }

    /// Every ranking of the year, ministries first.
    pub fn compute(
        &self,
        appraisal: &Appraisal,
        survey: &SurveyScores,
    ) -> Result<Vec<Ranking>, Problems> {
        self.indexes
            .iter()
            .map(|i| compute(i, appraisal, survey))
            .collect()
    }

    /// Loads the folder's files and computes: what `cchc index compute` does.
    pub fn compute_from_files(&self, appraisal: Option<&Path>) -> Result<Vec<Ranking>, Problems> {
        let a = self.appraisal(appraisal)?;
        let s = self.survey_file()?;
        self.compute(&a, &s)
    }
}
