//! The YAML of an index structure, `content/chi-so/<year>/bo.yaml` (ministries)
//! and `tinh.yaml` (provinces): one file per year and unit kind, because the
//! two structures differ in areas, points and survey share and are ranked
//! apart; two small files review better than one large one.
//!
//! ```yaml
//! year: 2020
//! kind: bo                   # bo | tinh, must match the file name
//! title: Chỉ số cải cách hành chính năm 2020 của các bộ, cơ quan ngang bộ
//! total: 100
//! survey_share: 31.5         # = the sum of the survey sub-criteria
//! min_respondents: 30        # fewer: flagged, not scored
//! units: [Bộ Tư pháp, Bộ Y tế]   # or {name: …, slug: …}
//! areas:
//!   - id: "1"                # quote ids: 1.10 unquoted is the number 1.1
//!     name: Công tác chỉ đạo, điều hành cải cách hành chính
//!     max: 9
//!     criteria:
//!       - id: "1.1"
//!         name: Kế hoạch cải cách hành chính năm
//!         max: 2
//!         sub:
//!           - id: "1.1.1"
//!             name: Ban hành kế hoạch kịp thời
//!             max: 1
//!             guidance: Ban hành trước 15/12 năm trước: 1 điểm; …
//!             evidence: [Kế hoạch cải cách hành chính năm]
//!           - id: "1.1.2"
//!             name: Đánh giá của công chức về việc thực hiện kế hoạch
//!             max: 1
//!             survey:
//!               form: danh-gia-bo-chu-quan
//!               question: ke-hoach
//!               row: dung-tien-do       # a matrix row, optional
//!               scale: 5
//!               method: mean_rating     # or share_positive with positive: [4, 5]
//! ```
//!
//! A criterion scored as a whole is written with one sub-criterion.

use std::collections::BTreeSet;

use serde::Deserialize;

use crate::index::{Area, Criterion, Index, Method, Source, SubCriterion, SurveyLink};
use crate::messages::{Msg, Problem, Problems};
use crate::points::Points;
use crate::units::{Unit, UnitKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    year: i64,
    kind: String,
    title: String,
    total: f64,
    survey_share: f64,
    min_respondents: u32,
    units: Vec<RawUnit>,
    areas: Vec<RawArea>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawUnit {
    Name(String),
    Full { name: String, slug: Option<String> },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    id: serde_yaml_ng::Value,
    name: String,
    max: f64,
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: serde_yaml_ng::Value,
    name: String,
    max: f64,
    sub: Vec<RawSub>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSub {
    id: serde_yaml_ng::Value,
    name: String,
    max: f64,
    #[serde(default)]
    guidance: String,
    #[serde(default)]
    evidence: Vec<String>,
    survey: Option<RawSurvey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSurvey {
    form: String,
    question: String,
    row: Option<String>,
    scale: u32,
    method: RawMethod,
    positive: Option<Vec<u32>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawMethod {
    MeanRating,
    SharePositive,
}

/// The line where `id: <id>` is written, for pointing at a node.
fn line_of(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .map(|r| r.trim().trim_matches(|c| c == '"' || c == '\'') == value)
                .unwrap_or(false)
        })
        .map(|i| i + 1)
}

fn id_text(v: &serde_yaml_ng::Value) -> String {
    match v {
        serde_yaml_ng::Value::String(s) => s.trim().to_owned(),
        serde_yaml_ng::Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

impl Index {
    /// Parses and checks an index file; `file` names it in problems, and its
    /// stem (`bo`, `tinh`) when given must match `kind`.
    pub fn parse(text: &str, file: &str, expected: Option<UnitKind>) -> Result<Index, Problems> {
        let text = vntext::nfc(text);
        let raw: RawIndex = serde_yaml_ng::from_str(&text).map_err(|e| {
            Problem::new(
                file,
                e.location().map(|l| l.line()),
                Msg::Yaml(e.to_string()),
            )
        })?;
        let mut p = Vec::new();
        let at = |key: &str, value: &str| line_of(&text, key, value);
        let mut push = |line: Option<usize>, msg: Msg| p.push(Problem::new(file, line, msg));

        let year = match u16::try_from(raw.year) {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                push(at("year", &raw.year.to_string()), Msg::BadYear(raw.year));
                0
            }
        };
        let kind = match (UnitKind::from_code(&raw.kind), expected) {
            (Some(k), Some(e)) if k != e => {
                push(
                    at("kind", raw.kind.trim()),
                    Msg::KindMismatch {
                        file: file.to_owned(),
                        found: raw.kind.clone(),
                        expected: e.code().into(),
                    },
                );
                e
            }
            (Some(k), _) => k,
            (None, e) => {
                push(
                    at("kind", raw.kind.trim()),
                    Msg::KindMismatch {
                        file: file.to_owned(),
                        found: raw.kind.clone(),
                        expected: e.map_or("bo | tinh", |k| k.code()).into(),
                    },
                );
                e.unwrap_or(UnitKind::Province)
            }
        };
        let total = Points::exact(raw.total).unwrap_or(Points::ZERO);
        if total != Points::from_hundredths(10_000) {
            push(at("total", &raw.total.to_string()), Msg::TotalNot100(total));
        }
        if raw.min_respondents == 0 {
            push(at("min_respondents", "0"), Msg::MinRespondents);
        }

        let mut units = Vec::new();
        let mut slugs = BTreeSet::new();
        for ru in &raw.units {
            let (name, slug) = match ru {
                RawUnit::Name(n) => (n.clone(), None),
                RawUnit::Full { name, slug } => (name.clone(), slug.clone()),
            };
            let mut u = Unit::new(&name, kind);
            if let Some(s) = slug {
                u.slug = s.trim().to_owned();
            }
            if u.name.is_empty() || u.slug.is_empty() {
                push(None, Msg::EmptyName("units".into()));
                continue;
            }
            if !slugs.insert(u.slug.clone()) {
                let line = text
                    .lines()
                    .position(|l| l.contains(name.trim()))
                    .map(|i| i + 1);
                push(line, Msg::DuplicateUnit(u.name.clone()));
                continue;
            }
            units.push(u);
        }
        if units.is_empty() {
            push(at("units", "[]").or(at("units", "")), Msg::NoUnits);
        }

        let mut ids = BTreeSet::new();
        let mut check_node = |id: &str, name: &str, max: f64, p: &mut Vec<Problem>| -> Points {
            let line = line_of(&text, "id", id);
            if id.is_empty() {
                p.push(Problem::new(file, line, Msg::EmptyId));
            } else if !ids.insert(id.to_owned()) {
                p.push(Problem::new(file, line, Msg::DuplicateId(id.to_owned())));
            }
            if name.trim().is_empty() {
                p.push(Problem::new(file, line, Msg::EmptyName(id.to_owned())));
            }
            match Points::exact(max) {
                Some(m) if m > Points::ZERO => m,
                _ => {
                    p.push(Problem::new(
                        file,
                        line,
                        Msg::BadMax {
                            id: id.to_owned(),
                            value: max.to_string(),
                        },
                    ));
                    Points::ZERO
                }
            }
        };

        let mut areas = Vec::new();
        for ra in raw.areas {
            let aid = id_text(&ra.id);
            let amax = check_node(&aid, &ra.name, ra.max, &mut p);
            let mut criteria = Vec::new();
            for rc in ra.criteria {
                let cid = id_text(&rc.id);
                let cmax = check_node(&cid, &rc.name, rc.max, &mut p);
                let mut subs = Vec::new();
                for rs in rc.sub {
                    let sid = id_text(&rs.id);
                    let smax = check_node(&sid, &rs.name, rs.max, &mut p);
                    let source = match rs.survey {
                        None => Source::Appraisal,
                        Some(s) => Source::Survey(survey_link(
                            &sid,
                            s,
                            file,
                            line_of(&text, "id", &sid),
                            &mut p,
                        )),
                    };
                    subs.push(SubCriterion {
                        id: sid,
                        name: vntext::nfc(rs.name.trim()),
                        max: smax,
                        guidance: rs.guidance.trim().to_owned(),
                        evidence: rs.evidence.iter().map(|e| e.trim().to_owned()).collect(),
                        source,
                    });
                }
                if subs.is_empty() {
                    p.push(Problem::new(
                        file,
                        line_of(&text, "id", &cid),
                        Msg::EmptyCriterion(cid.clone()),
                    ));
                }
                let sum: Points = subs.iter().map(|s| s.max).sum();
                if !subs.is_empty() && sum != cmax {
                    p.push(Problem::new(
                        file,
                        line_of(&text, "id", &cid),
                        Msg::ChildrenSum {
                            id: cid.clone(),
                            max: cmax,
                            sum,
                        },
                    ));
                }
                criteria.push(Criterion {
                    id: cid,
                    name: rc.name.trim().to_owned(),
                    max: cmax,
                    subs,
                });
            }
            if criteria.is_empty() {
                p.push(Problem::new(
                    file,
                    line_of(&text, "id", &aid),
                    Msg::EmptyArea(aid.clone()),
                ));
            }
            let sum: Points = criteria.iter().map(|c| c.max).sum();
            if !criteria.is_empty() && sum != amax {
                p.push(Problem::new(
                    file,
                    line_of(&text, "id", &aid),
                    Msg::ChildrenSum {
                        id: aid.clone(),
                        max: amax,
                        sum,
                    },
                ));
            }
            areas.push(Area {
                id: aid,
                name: ra.name.trim().to_owned(),
                max: amax,
                criteria,
            });
        }
        let sum: Points = areas.iter().map(|a| a.max).sum();
        if sum != total {
            p.push(Problem::new(
                file,
                line_of(&text, "areas", ""),
                Msg::TotalSum { total, sum },
            ));
        }
        let survey_share = Points::exact(raw.survey_share).unwrap_or(Points::ZERO);
        let survey_sum: Points = areas
            .iter()
            .flat_map(|a| a.subs())
            .filter(|s| s.is_survey())
            .map(|s| s.max)
            .sum();
        if survey_sum != survey_share {
            p.push(Problem::new(
                file,
                line_of(&text, "survey_share", &raw.survey_share.to_string()),
                Msg::SurveyShare {
                    declared: survey_share,
                    sum: survey_sum,
                },
            ));
        }
        if !p.is_empty() {
            return Err(Problems(p));
        }
        Ok(Index {
            year,
            kind,
            title: raw.title.trim().to_owned(),
            total,
            survey_share,
            min_respondents: raw.min_respondents,
            units,
            areas,
        })
    }
}

fn survey_link(
    id: &str,
    s: RawSurvey,
    file: &str,
    line: Option<usize>,
    p: &mut Vec<Problem>,
) -> SurveyLink {
    if !(2..=10).contains(&s.scale) {
        p.push(Problem::new(
            file,
            line,
            Msg::BadScale {
                id: id.to_owned(),
                scale: s.scale,
            },
        ));
    }
    let method = match s.method {
        RawMethod::MeanRating => Method::MeanRating,
        RawMethod::SharePositive => {
            let mut positive = s.positive.unwrap_or_default();
            positive.sort_unstable();
            positive.dedup();
            if positive.is_empty() {
                p.push(Problem::new(
                    file,
                    line,
                    Msg::MissingPositive(id.to_owned()),
                ));
            }
            for &v in &positive {
                if v < 1 || v > s.scale {
                    p.push(Problem::new(
                        file,
                        line,
                        Msg::PositiveOutOfScale {
                            id: id.to_owned(),
                            value: v,
                            scale: s.scale,
                        },
                    ));
                }
            }
            Method::SharePositive { positive }
        }
    };
    SurveyLink {
        form: s.form.trim().to_owned(),
        question: s.question.trim().to_owned(),
        row: s.row.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()),
        scale: s.scale,
        method,
    }
}
