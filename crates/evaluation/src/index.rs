//! The PAR Index structure of one year for one kind of unit: areas →
//! criteria → sub-criteria, each with its maximum points, and for the
//! sub-criteria fed by the survey of officials, which question feeds them and
//! how a distribution of answers becomes points.
//!
//! An [`Index`] is only made by [`Index::parse`] (see [`crate::index_yaml`]),
//! which checks every rule of the structure: children add up to their
//! parent's maximum, the areas add up to 100, ids are unique, the declared
//! survey share equals the survey sub-criteria's sum, and each survey link is
//! well formed. Code that holds an `Index` never re-checks these.

use serde::Serialize;

use crate::points::Points;
use crate::units::{Unit, UnitKind};

/// How an answer distribution becomes points; see [`crate::survey_score`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// points × mean rating ÷ scale maximum (the issue's "mean rating over
    /// the scale times the sub-criterion's points").
    MeanRating,
    /// points × share of ratings in `positive` (e.g. 4 and 5 of 5).
    SharePositive { positive: Vec<u32> },
}

/// The survey question (or matrix row) feeding a sub-criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SurveyLink {
    pub form: String,
    pub question: String,
    pub row: Option<String>,
    /// Ratings run 1..=scale.
    pub scale: u32,
    pub method: Method,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Scored by the ministry's appraisal of the unit's self-assessment.
    Appraisal,
    /// Computed from the survey of officials.
    Survey(SurveyLink),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubCriterion {
    pub id: String,
    pub name: String,
    pub max: Points,
    /// How the appraisal scores it (thang điểm, hướng dẫn chấm).
    pub guidance: String,
    /// Documents the unit must show (tài liệu kiểm chứng).
    pub evidence: Vec<String>,
    pub source: Source,
}

impl SubCriterion {
    pub fn survey(&self) -> Option<&SurveyLink> {
        match &self.source {
            Source::Survey(l) => Some(l),
            Source::Appraisal => None,
        }
    }

    pub fn is_survey(&self) -> bool {
        self.survey().is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub max: Points,
    pub subs: Vec<SubCriterion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    pub id: String,
    pub name: String,
    pub max: Points,
    pub criteria: Vec<Criterion>,
}

impl Area {
    pub fn subs(&self) -> impl Iterator<Item = &SubCriterion> {
        self.criteria.iter().flat_map(|c| c.subs.iter())
    }
}

/// A checked index structure; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Index {
    pub(crate) year: u16,
    pub(crate) kind: UnitKind,
    pub(crate) title: String,
    pub(crate) total: Points,
    pub(crate) survey_share: Points,
    pub(crate) min_respondents: u32,
    pub(crate) units: Vec<Unit>,
    pub(crate) areas: Vec<Area>,
}

impl Index {
    pub fn year(&self) -> u16 {
        self.year
    }

    pub fn kind(&self) -> UnitKind {
        self.kind
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Always 100 points.
    pub fn total(&self) -> Points {
        self.total
    }

    /// Points from the survey of officials (31.5 for ministries in 2022).
    pub fn survey_share(&self) -> Points {
        self.survey_share
    }

    /// Points from the appraisal: the total minus the survey share.
    pub fn appraisal_share(&self) -> Points {
        self.total - self.survey_share
    }

    /// Below this many respondents a unit's survey score is not published.
    pub fn min_respondents(&self) -> u32 {
        self.min_respondents
    }

    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn subs(&self) -> impl Iterator<Item = &SubCriterion> {
        self.areas.iter().flat_map(|a| a.subs())
    }

    pub fn sub(&self, id: &str) -> Option<&SubCriterion> {
        self.subs().find(|s| s.id == id)
    }

    pub fn survey_subs(&self) -> impl Iterator<Item = &SubCriterion> {
        self.subs().filter(|s| s.is_survey())
    }

    pub fn appraisal_subs(&self) -> impl Iterator<Item = &SubCriterion> {
        self.subs().filter(|s| !s.is_survey())
    }

    pub fn unit(&self, slug: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.slug == slug)
    }
}
