//! Survey points: from each unit's answer distributions, or from a file of
//! points already computed.
//!
//! **From answers.** For a survey sub-criterion worth `max` points, fed by a
//! question rated 1..=`scale` ("Không có thông tin" is not a rating and is not
//! counted):
//! - `mean_rating`: `max × mean ÷ scale`, the issue's "mean rating over the
//!   scale times the points". All-5 of 5 gives the full points; all-1 gives a
//!   fifth of them, not 0: the formula rewards the lowest rating a little, and
//!   that is the published method, not an oversight;
//! - `share_positive`: `max × (ratings in positive) ÷ (all ratings)`.
//!
//! Each sub-criterion's points are rounded to hundredths, then summed, so the
//! published breakdown adds up to the published total.
//!
//! **Sample.** A unit's sample is the smallest number of ratings behind any of
//! its survey sub-criteria, and never more than its respondents: a score is
//! only as solid as its thinnest part, and a mean of 3 people's ratings would
//! also disclose them. Under the index's `min_respondents` the unit is flagged
//! (see [`crate::compute`]).
//!
//! **From a file** (`khao-sat.csv`), either per sub-criterion
//! `don_vi,tieu_chi,diem,so_phieu` (`so_phieu`: ratings behind that row) or
//! per unit `don_vi,diem_khao_sat,so_phieu`. A unit absent from the file has
//! no respondents: it is flagged, never scored 0.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::index::{Index, Method, SurveyLink};
use crate::messages::{did_you_mean, Msg, Problem, Problems};
use crate::points::Points;
use crate::sheet::{self, Sheet};
use crate::units::Registry;

/// Counts of ratings 1..=scale: `counts[r - 1]` respondents rated `r`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distribution(pub Vec<u32>);

impl Distribution {
    pub fn n(&self) -> u32 {
        self.0.iter().sum()
    }

    pub fn mean(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| {
            self.0
                .iter()
                .enumerate()
                .map(|(i, &c)| (i as f64 + 1.0) * f64::from(c))
                .sum::<f64>()
                / f64::from(n)
        })
    }

    /// Share of ratings among `positive` (values 1..=scale).
    pub fn share(&self, positive: &[u32]) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| {
            let hit: u32 = positive
                .iter()
                .filter_map(|&v| self.0.get(v as usize - 1))
                .sum();
            f64::from(hit) / f64::from(n)
        })
    }
}

/// Points for one sub-criterion from its distribution; `None` without ratings.
pub fn points(link: &SurveyLink, max: Points, d: &Distribution) -> Option<Points> {
    let fraction = match &link.method {
        Method::MeanRating => d.mean()? / f64::from(link.scale),
        Method::SharePositive { positive } => d.share(positive)?,
    };
    Some(Points::from_f64(max.as_f64() * fraction))
}

/// One unit's answers: respondents of the form and, per survey
/// sub-criterion id, the ratings of its question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitAnswers {
    pub respondents: u32,
    pub ratings: BTreeMap<String, Distribution>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyPoints {
    /// Per sub-criterion id (the unit page shows them).
    ByCriterion(BTreeMap<String, Points>),
    /// Only the unit's total was given.
    Total(Points),
}

impl SurveyPoints {
    pub fn total(&self) -> Points {
        match self {
            SurveyPoints::ByCriterion(m) => m.values().copied().sum(),
            SurveyPoints::Total(t) => *t,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitSurvey {
    /// See the module documentation: the thinnest part's ratings.
    pub sample: u32,
    /// `None` when some sub-criterion has no rating at all.
    pub points: Option<SurveyPoints>,
}

/// A unit's rows of a survey file: the fewest respondents over its rows, the
/// points per sub-criterion, or its one total.
type RowScores = (u32, BTreeMap<String, Points>, Option<Points>);

/// Survey points per unit slug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SurveyScores {
    units: BTreeMap<String, UnitSurvey>,
}

impl SurveyScores {
    pub fn get(&self, slug: &str) -> Option<&UnitSurvey> {
        self.units.get(slug)
    }

    /// Scores units from their answers (slug → answers).
    pub fn from_answers(
        index: &Index,
        answers: &BTreeMap<String, UnitAnswers>,
    ) -> Result<SurveyScores, Problems> {
        let mut units = BTreeMap::new();
        let mut p = Vec::new();
        for (slug, a) in answers {
            let Some(unit) = index.unit(slug) else {
                p.push(Problem::new(
                    index.title(),
                    None,
                    Msg::UnknownUnit {
                        name: slug.clone(),
                        hint: String::new(),
                    },
                ));
                continue;
            };
            let mut by = BTreeMap::new();
            let mut sample = a.respondents;
            let mut complete = true;
            for sub in index.survey_subs() {
                let link = sub.survey().expect("a survey sub-criterion");
                let empty = Distribution(vec![0; link.scale as usize]);
                let d = a.ratings.get(&sub.id).unwrap_or(&empty);
                if d.0.len() != link.scale as usize {
                    p.push(Problem::new(
                        index.title(),
                        None,
                        Msg::DistributionScale {
                            unit: unit.name.clone(),
                            id: sub.id.clone(),
                            found: d.0.len(),
                            scale: link.scale,
                        },
                    ));
                    continue;
                }
                sample = sample.min(d.n());
                match points(link, sub.max, d) {
                    Some(x) => {
                        by.insert(sub.id.clone(), x);
                    }
                    None => complete = false,
                }
            }
            let points = complete.then_some(SurveyPoints::ByCriterion(by));
            units.insert(slug.clone(), UnitSurvey { sample, points });
        }
        if p.is_empty() {
            Ok(SurveyScores { units })
        } else {
            Err(Problems(p))
        }
    }

    pub fn read(path: &Path, indexes: &[&Index]) -> Result<SurveyScores, Problems> {
        let file = path.display().to_string();
        let sheet = sheet::read(path).map_err(|m| Problem::new(&file, None, m))?;
        Self::from_sheet(&file, &sheet, indexes)
    }

    pub fn from_csv(
        file: &str,
        bytes: &[u8],
        indexes: &[&Index],
    ) -> Result<SurveyScores, Problems> {
        let sheet = sheet::parse_csv(bytes).map_err(|m| Problem::new(file, None, m))?;
        Self::from_sheet(file, &sheet, indexes)
    }

    fn from_sheet(file: &str, sheet: &Sheet, indexes: &[&Index]) -> Result<SurveyScores, Problems> {
        let col = |k| sheet.column(k).map_err(|m| Problem::new(file, Some(1), m));
        let per_unit = sheet.has("diem_khao_sat");
        let cu = col("don_vi")?;
        let cn = col("so_phieu")?;
        let (cc, cd) = if per_unit {
            (usize::MAX, col("diem_khao_sat")?)
        } else {
            (col("tieu_chi")?, col("diem")?)
        };
        let registry = Registry::new(indexes.iter().flat_map(|i| i.units()));
        let index_of = |kind| {
            *indexes
                .iter()
                .find(|i| i.kind() == kind)
                .expect("a unit comes from an index")
        };
        let mut p = Vec::new();
        let mut rows: BTreeMap<String, RowScores> = BTreeMap::new();
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
            let index = index_of(unit.kind);
            let Ok(n) = get(cn).parse::<u32>() else {
                bad(Msg::NotACount(get(cn).to_owned()));
                continue;
            };
            let Some(score) = Points::parse(get(cd)) else {
                bad(Msg::NotANumber(get(cd).to_owned()));
                continue;
            };
            let id = if per_unit {
                String::new()
            } else {
                get(cc).to_owned()
            };
            let key = (unit.slug.clone(), id.clone());
            if let Some(&first) = first_line.get(&key) {
                bad(if per_unit {
                    Msg::DuplicateSurvey {
                        unit: unit.name.clone(),
                        first,
                    }
                } else {
                    Msg::DuplicateScore {
                        unit: unit.name.clone(),
                        id,
                        first,
                    }
                });
                continue;
            }
            let entry = rows
                .entry(unit.slug.clone())
                .or_insert((u32::MAX, BTreeMap::new(), None));
            if per_unit {
                if score < Points::ZERO || score > index.survey_share() {
                    bad(Msg::SurveyOutOfRange {
                        unit: unit.name.clone(),
                        score,
                        max: index.survey_share(),
                    });
                    continue;
                }
                entry.2 = Some(score);
            } else {
                let Some(sub) = index.sub(&id) else {
                    bad(Msg::UnknownCriterion {
                        unit: unit.name.clone(),
                        id,
                    });
                    continue;
                };
                if !sub.is_survey() {
                    bad(Msg::AppraisalCriterionSurveyed(id));
                    continue;
                }
                if score < Points::ZERO || score > sub.max {
                    bad(Msg::OutOfRange {
                        unit: unit.name.clone(),
                        id,
                        score,
                        max: sub.max,
                    });
                    continue;
                }
                entry.1.insert(id, score);
            }
            entry.0 = entry.0.min(n);
            first_line.insert(key, *line);
        }
        let mut units = BTreeMap::new();
        for (slug, (n, by, total)) in rows {
            let index = indexes
                .iter()
                .find(|i| i.unit(&slug).is_some())
                .expect("found above");
            let points = match total {
                Some(t) => SurveyPoints::Total(t),
                None => {
                    let missing: Vec<&str> = index
                        .survey_subs()
                        .filter(|s| !by.contains_key(&s.id))
                        .map(|s| s.id.as_str())
                        .collect();
                    if !missing.is_empty() {
                        let name = index
                            .unit(&slug)
                            .map(|u| u.name.clone())
                            .unwrap_or_default();
                        p.push(Problem::new(
                            file,
                            None,
                            Msg::MissingSurveyScores {
                                unit: name,
                                ids: missing.join(", "),
                            },
                        ));
                    }
                    SurveyPoints::ByCriterion(by)
                }
            };
            units.insert(
                slug,
                UnitSurvey {
                    sample: n,
                    points: Some(points),
                },
            );
        }
        if p.is_empty() {
            Ok(SurveyScores { units })
        } else {
            Err(Problems(p))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(method: Method) -> SurveyLink {
        SurveyLink {
            form: "f".into(),
            question: "q".into(),
            row: None,
            scale: 5,
            method,
        }
    }

    #[test]
    fn mean_rating_is_points_times_mean_over_scale() {
        // 10 ratings: 1×1, 2×1, 3×2, 4×3, 5×3 → mean 3.6 → 2 × 3.6 / 5 = 1.44.
        let d = Distribution(vec![1, 1, 2, 3, 3]);
        assert_eq!(d.mean(), Some(3.6));
        assert_eq!(
            points(&link(Method::MeanRating), Points::from_hundredths(200), &d),
            Some(Points::from_hundredths(144))
        );
        // All top ratings give the full points; all bottom ratings a fifth.
        let top = Distribution(vec![0, 0, 0, 0, 7]);
        assert_eq!(
            points(
                &link(Method::MeanRating),
                Points::from_hundredths(150),
                &top
            ),
            Some(Points::from_hundredths(150))
        );
        let low = Distribution(vec![7, 0, 0, 0, 0]);
        assert_eq!(
            points(
                &link(Method::MeanRating),
                Points::from_hundredths(150),
                &low
            ),
            Some(Points::from_hundredths(30))
        );
    }

    #[test]
    fn share_positive_counts_the_top_ratings() {
        let d = Distribution(vec![1, 1, 2, 3, 3]);
        let m = Method::SharePositive {
            positive: vec![4, 5],
        };
        // 6 of 10 → 0.6 × 2.5 = 1.5.
        assert_eq!(
            points(&link(m), Points::from_hundredths(250), &d),
            Some(Points::from_hundredths(150))
        );
        assert_eq!(
            points(
                &link(Method::MeanRating),
                Points::from_hundredths(250),
                &Distribution(vec![0; 5])
            ),
            None
        );
    }
}
