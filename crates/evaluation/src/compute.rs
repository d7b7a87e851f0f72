//! Rankings: for each unit, appraisal points and rank, survey points and
//! rank, the index (appraisal + survey) and its rank, and the gap between
//! the survey rank and the appraisal rank (Khánh Hòa 2020: 57 − 20 = 37).
//!
//! - One [`Ranking`] per index, so ministries and provinces are ranked apart.
//! - Ranks are standard competition ranks on the published (two-decimal)
//!   figures: equal points share a rank and the next rank skips (1, 2, 2, 4),
//!   so two units the table shows equal are never ranked apart.
//! - A unit whose survey sample is below the index's `min_respondents`, or
//!   with a sub-criterion nobody rated, is [`Status::InsufficientSample`]: its
//!   appraisal is ranked (it does not depend on the survey), but it gets no
//!   survey points, no index and no survey or index rank, and it does not
//!   take a rank from anyone. It is listed after the ranked units with the
//!   note "chưa đủ mẫu". A small sample is never turned into a score.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::appraisal::Appraisal;
use crate::index::Index;
use crate::messages::{Msg, Problem, Problems};
use crate::points::Points;
use crate::survey_score::{SurveyPoints, SurveyScores};
use crate::units::{Unit, UnitKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ranked,
    InsufficientSample,
}

/// One area's points for a unit (the unit page shows them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AreaScore {
    pub id: String,
    pub name: String,
    pub max: Points,
    pub appraisal: Points,
    /// `None` when the survey points are not published for the unit, or only
    /// its survey total is known.
    pub survey: Option<Points>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitResult {
    pub unit: Unit,
    pub appraisal: Points,
    pub appraisal_rank: u32,
    pub survey: Option<Points>,
    pub survey_rank: Option<u32>,
    pub index: Option<Points>,
    pub index_rank: Option<u32>,
    /// Survey rank − appraisal rank: positive when officials rate the unit
    /// lower than its appraisal does.
    pub gap: Option<i64>,
    pub sample: u32,
    pub status: Status,
    pub areas: Vec<AreaScore>,
    /// Survey points per survey sub-criterion id, when published.
    pub survey_by_criterion: BTreeMap<String, Points>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ranking {
    pub year: u16,
    pub kind: UnitKind,
    pub title: String,
    pub appraisal_max: Points,
    pub survey_max: Points,
    pub min_respondents: u32,
    /// Ranked units by index rank, then flagged units by appraisal rank;
    /// equal ranks in Vietnamese alphabetical order.
    pub units: Vec<UnitResult>,
}

impl Ranking {
    pub fn unit(&self, slug: &str) -> Option<&UnitResult> {
        self.units.iter().find(|u| u.unit.slug == slug)
    }
}

/// Standard competition ranks, highest value first: [9, 7, 7, 5] → [1, 2, 2, 4].
pub fn competition_ranks(values: &[Points]) -> Vec<u32> {
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|w| *w > v).count() as u32)
        .collect()
}

/// Computes the ranking of one index's units.
pub fn compute(
    index: &Index,
    appraisal: &Appraisal,
    survey: &SurveyScores,
) -> Result<Ranking, Problems> {
    let mut p = Vec::new();
    let mut rows = Vec::new();
    for unit in index.units() {
        let mut areas = Vec::new();
        let mut total = Points::ZERO;
        for a in index.areas() {
            let mut s = Points::ZERO;
            for sub in a.subs().filter(|s| !s.is_survey()) {
                match appraisal.score(&unit.slug, &sub.id) {
                    Some(x) => s = s + x,
                    None => p.push(Problem::new(
                        index.title(),
                        None,
                        Msg::NoAppraisal(unit.name.clone()),
                    )),
                }
            }
            total = total + s;
            areas.push(AreaScore {
                id: a.id.clone(),
                name: a.name.clone(),
                max: a.max,
                appraisal: s,
                survey: None,
            });
        }
        let us = survey.get(&unit.slug);
        let sample = us.map_or(0, |u| u.sample);
        let points = us
            .and_then(|u| u.points.as_ref())
            .filter(|_| sample >= index.min_respondents());
        let mut by = BTreeMap::new();
        if let Some(SurveyPoints::ByCriterion(m)) = points {
            by = m.clone();
            for (area, a) in areas.iter_mut().zip(index.areas()) {
                area.survey = Some(a.subs().filter_map(|s| m.get(&s.id)).copied().sum());
            }
        }
        let survey_total = points.map(SurveyPoints::total);
        rows.push(UnitResult {
            unit: unit.clone(),
            appraisal: total,
            appraisal_rank: 0,
            survey: survey_total,
            survey_rank: None,
            index: survey_total.map(|s| s + total),
            index_rank: None,
            gap: None,
            sample,
            status: if survey_total.is_some() {
                Status::Ranked
            } else {
                Status::InsufficientSample
            },
            areas,
            survey_by_criterion: by,
        });
    }
    if !p.is_empty() {
        p.dedup();
        return Err(Problems(p));
    }
    let appraisal_values: Vec<Points> = rows.iter().map(|r| r.appraisal).collect();
    for (r, rank) in rows.iter_mut().zip(competition_ranks(&appraisal_values)) {
        r.appraisal_rank = rank;
    }
    let ranked: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].status == Status::Ranked)
        .collect();
    let survey_values: Vec<Points> = ranked
        .iter()
        .map(|&i| rows[i].survey.expect("ranked"))
        .collect();
    let index_values: Vec<Points> = ranked
        .iter()
        .map(|&i| rows[i].index.expect("ranked"))
        .collect();
    for ((&i, s), x) in ranked
        .iter()
        .zip(competition_ranks(&survey_values))
        .zip(competition_ranks(&index_values))
    {
        let r = &mut rows[i];
        r.survey_rank = Some(s);
        r.index_rank = Some(x);
        r.gap = Some(i64::from(s) - i64::from(r.appraisal_rank));
    }
    rows.sort_by(|a, b| {
        (a.status != Status::Ranked, a.index_rank, a.appraisal_rank)
            .cmp(&(b.status != Status::Ranked, b.index_rank, b.appraisal_rank))
            .then_with(|| vntext::cmp_vi(&a.unit.name, &b.unit.name))
    });
    Ok(Ranking {
        year: index.year(),
        kind: index.kind(),
        title: index.title().to_owned(),
        appraisal_max: index.appraisal_share(),
        survey_max: index.survey_share(),
        min_respondents: index.min_respondents(),
        units: rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_the_next_skips() {
        let v: Vec<Points> = [9, 7, 7, 5, 9]
            .iter()
            .map(|&h| Points::from_hundredths(h))
            .collect();
        assert_eq!(competition_ranks(&v), vec![1, 3, 3, 5, 1]);
        assert_eq!(competition_ranks(&[]), Vec::<u32>::new());
    }
}
