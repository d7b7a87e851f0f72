//! The released form of a year's PAR Index and SIPAS results: what `cchc
//! index publish <year>` writes under `data/chi-so-cchc/<year>/` and what the
//! site's build renders. (Not [`crate::published`], which is one results
//! table after disclosure control.) One set of types for writer and reader, so a page
//! can only show what was published, and the downloads are the same figures.
//!
//! Files of a year's folder:
//! - `ket-qua.json`: [`Published`] (the index) and, when there is one,
//!   `sipas.json`: [`PublishedSipas`];
//! - `bang-xep-hang-bo.csv|.xlsx`, `bang-xep-hang-tinh.csv|.xlsx`: the rankings;
//! - `sipas-tinh.csv|.xlsx`: SIPAS by province and factor.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::appraisal::Appraisal;
use crate::compute::{Ranking, Status};
use crate::index::Index;
use crate::messages::Msg;
use crate::units::UnitKind;

/// Where published years live, under the site root.
pub const DATA_DIR: &str = "data/chi-so-cchc";
pub const INDEX_FILE: &str = "ket-qua.json";
pub const SIPAS_FILE: &str = "sipas.json";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Published {
    pub year: i32,
    /// Below this many survey respondents a unit gets no survey score.
    pub min_respondents: u32,
    /// Ministries first, then provinces; each ranked on its own.
    pub kinds: Vec<PublishedKind>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublishedKind {
    /// `bo` or `tinh`.
    pub kind: String,
    /// "Bộ, cơ quan ngang bộ" / "Tỉnh, thành phố trực thuộc trung ương".
    pub label: String,
    pub max_appraisal: f64,
    pub max_survey: f64,
    /// Sorted by index rank; units without one (too few respondents) last.
    pub units: Vec<PublishedUnit>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublishedUnit {
    pub slug: String,
    pub name: String,
    pub appraisal_points: f64,
    pub appraisal_rank: u32,
    /// `None` when the unit had too few respondents to publish.
    pub survey_points: Option<f64>,
    pub survey_rank: Option<u32>,
    pub index_points: Option<f64>,
    pub index_rank: Option<u32>,
    /// Survey rank minus appraisal rank: positive when the survey placed the
    /// unit lower than the appraisal did (Khánh Hòa 2020: 57 − 20 = 37).
    pub gap: Option<i64>,
    pub respondents: u32,
    pub insufficient_sample: bool,
    /// Areas and their criteria, in the index's order.
    pub criteria: Vec<PublishedCriterion>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublishedCriterion {
    pub id: String,
    pub name: String,
    /// An area (lĩnh vực) row, whose points are the sum of its criteria.
    pub is_area: bool,
    pub from_survey: bool,
    pub max: f64,
    /// `None` for a survey criterion of a unit with too few respondents.
    pub points: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublishedSipas {
    pub year: i32,
    pub min_sample: u32,
    /// The five factors' names, in order.
    pub factors: Vec<String>,
    pub provinces: Vec<SipasRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SipasRow {
    pub slug: String,
    pub name: String,
    pub cells: Vec<SipasCell>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SipasCell {
    pub n: u32,
    /// Share satisfied or very satisfied, in percent; `None` below the
    /// minimum sample ("chưa đủ mẫu"), and then no interval either.
    pub share_pct: Option<f64>,
    pub lo_pct: Option<f64>,
    pub hi_pct: Option<f64>,
}

/// What one year's folder holds.
pub struct ReadYear {
    pub index: Option<Published>,
    pub sipas: Option<PublishedSipas>,
    /// (file name, bytes) of every CSV and XLSX file, by name.
    pub downloads: Vec<(String, Vec<u8>)>,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishedError {
    #[error("không đọc được {file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file} không đúng định dạng dữ liệu công bố: {source}")]
    Json {
        file: String,
        source: serde_json::Error,
    },
}

pub fn read_year(folder: &Path) -> Result<ReadYear, PublishedError> {
    let read_json = |name: &str| -> Result<Option<Vec<u8>>, PublishedError> {
        let file = folder.join(name);
        match std::fs::read(&file) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(PublishedError::Io {
                file: file.display().to_string(),
                source,
            }),
        }
    };
    fn parse<T: serde::de::DeserializeOwned>(
        folder: &Path,
        name: &str,
        bytes: Vec<u8>,
    ) -> Result<T, PublishedError> {
        serde_json::from_slice(&bytes).map_err(|source| PublishedError::Json {
            file: folder.join(name).display().to_string(),
            source,
        })
    }
    let index = match read_json(INDEX_FILE)? {
        Some(b) => Some(parse(folder, INDEX_FILE, b)?),
        None => None,
    };
    let sipas = match read_json(SIPAS_FILE)? {
        Some(b) => Some(parse(folder, SIPAS_FILE, b)?),
        None => None,
    };
    let mut downloads = Vec::new();
    let entries = std::fs::read_dir(folder).map_err(|source| PublishedError::Io {
        file: folder.display().to_string(),
        source,
    })?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.ends_with(".csv") || name.ends_with(".xlsx") {
            let bytes = std::fs::read(e.path()).map_err(|source| PublishedError::Io {
                file: e.path().display().to_string(),
                source,
            })?;
            downloads.push((name, bytes));
        }
    }
    downloads.sort();
    Ok(ReadYear {
        index,
        sipas,
        downloads,
    })
}

/// "Bảng xếp hạng tỉnh, thành phố (CSV)" for a download's file name.
pub fn download_label(file: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let what = match stem {
        "bang-xep-hang-bo" => "Bảng xếp hạng bộ, cơ quan ngang bộ",
        "bang-xep-hang-tinh" => "Bảng xếp hạng tỉnh, thành phố",
        "sipas-tinh" => "Chỉ số SIPAS theo tỉnh, thành phố",
        other => other,
    };
    format!("{what} ({})", ext.to_uppercase())
}

/// The appraisal rank, the survey rank and the index rank of one unit among
/// `count` as three horizontal markers on a common rank axis (1 at the top),
/// with a text alternative; the page puts the same figures in a table beside it.
pub fn rank_chart_svg(u: &PublishedUnit, count: usize) -> String {
    let count = count.max(1) as f64;
    let rows: Vec<(&str, Option<u32>)> = vec![
        ("Thẩm định", Some(u.appraisal_rank)),
        ("Điều tra xã hội học", u.survey_rank),
        ("Chỉ số CCHC", u.index_rank),
    ];
    let (w, left, right) = (360.0, 130.0, 20.0);
    let bar_w = w - left - right;
    let x = |rank: u32| left + bar_w * (rank as f64 - 1.0) / (count - 1.0).max(1.0);
    let mut body = String::new();
    for (i, (label, rank)) in rows.iter().enumerate() {
        let y = 30.0 + i as f64 * 36.0;
        body.push_str(&format!(
            "<text x=\"0\" y=\"{:.0}\" font-size=\"13\">{}</text>\
             <line x1=\"{left}\" y1=\"{y:.0}\" x2=\"{:.0}\" y2=\"{y:.0}\" stroke=\"#949494\" stroke-width=\"2\"/>",
            y + 4.0,
            vntext::escape_html(label),
            left + bar_w
        ));
        if let Some(r) = rank {
            body.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{y:.0}\" r=\"7\" fill=\"#0b4f8a\"/>\
                 <text x=\"{:.1}\" y=\"{:.0}\" font-size=\"12\" text-anchor=\"middle\">{r}</text>",
                x(*r),
                x(*r),
                y - 11.0
            ));
        }
    }
    let desc =
        format!(
        "{}: hạng thẩm định {}, hạng điều tra xã hội học {}, hạng Chỉ số CCHC {}, trong {} đơn vị.",
        u.name,
        u.appraisal_rank,
        u.survey_rank.map_or("chưa đủ mẫu".to_owned(), |r| r.to_string()),
        u.index_rank.map_or("chưa xếp hạng".to_owned(), |r| r.to_string()),
        count as u32
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} 120\" role=\"img\" aria-labelledby=\"bieu-do-hang-mo-ta\">\
         <title id=\"bieu-do-hang-mo-ta\">{}</title>{body}\
         <text x=\"{left}\" y=\"116\" font-size=\"11\">1</text>\
         <text x=\"{:.0}\" y=\"116\" font-size=\"11\" text-anchor=\"end\">{}</text></svg>",
        vntext::escape_html(&desc),
        left + bar_w,
        count as u32
    )
}

impl Published {
    /// The release of a year's rankings: every figure comes from `rankings`
    /// (and, for appraisal sub-criteria, from the appraisal they were
    /// computed from), so the pages and the downloads can only agree.
    pub fn of(
        year: u16,
        rankings: &[Ranking],
        indexes: &[&Index],
        appraisal: &Appraisal,
    ) -> Published {
        let min_respondents = rankings
            .iter()
            .map(|r| r.min_respondents)
            .max()
            .unwrap_or(0);
        let kinds = rankings
            .iter()
            .filter_map(|r| indexes.iter().find(|i| i.kind() == r.kind).map(|i| (r, *i)))
            .map(|(r, index)| PublishedKind {
                kind: r.kind.code().to_owned(),
                label: r.kind.label().to_owned(),
                max_appraisal: r.appraisal_max.as_f64(),
                max_survey: r.survey_max.as_f64(),
                units: r
                    .units
                    .iter()
                    .map(|u| {
                        let published_survey = u.status == Status::Ranked;
                        let mut criteria = Vec::new();
                        for (area, score) in index.areas().iter().zip(&u.areas) {
                            let survey = if published_survey { score.survey } else { None };
                            criteria.push(PublishedCriterion {
                                id: area.id.clone(),
                                name: area.name.clone(),
                                is_area: true,
                                from_survey: false,
                                max: area.max.as_f64(),
                                // An area holding survey points is only summed when they are published.
                                points: match survey {
                                    Some(s) => Some((score.appraisal + s).as_f64()),
                                    None if area.subs().any(|s| s.is_survey()) => None,
                                    None => Some(score.appraisal.as_f64()),
                                },
                            });
                            for sub in area.subs() {
                                let points = if sub.is_survey() {
                                    u.survey_by_criterion
                                        .get(&sub.id)
                                        .filter(|_| published_survey)
                                        .map(|p| p.as_f64())
                                } else {
                                    appraisal.score(&u.unit.slug, &sub.id).map(|p| p.as_f64())
                                };
                                criteria.push(PublishedCriterion {
                                    id: sub.id.clone(),
                                    name: sub.name.clone(),
                                    is_area: false,
                                    from_survey: sub.is_survey(),
                                    max: sub.max.as_f64(),
                                    points,
                                });
                            }
                        }
                        PublishedUnit {
                            slug: u.unit.slug.clone(),
                            name: u.unit.name.clone(),
                            appraisal_points: u.appraisal.as_f64(),
                            appraisal_rank: u.appraisal_rank,
                            survey_points: u
                                .survey
                                .filter(|_| published_survey)
                                .map(|p| p.as_f64()),
                            survey_rank: u.survey_rank,
                            index_points: u.index.map(|p| p.as_f64()),
                            index_rank: u.index_rank,
                            gap: u.gap,
                            respondents: u.sample,
                            insufficient_sample: !published_survey,
                            criteria,
                        }
                    })
                    .collect(),
            })
            .collect();
        Published {
            year: i32::from(year),
            min_respondents,
            kinds,
        }
    }
}

/// The ranking file's stem for a kind: `bang-xep-hang-tinh`.
pub fn ranking_stem(kind: UnitKind) -> String {
    format!("bang-xep-hang-{}", kind.code())
}

/// Writes a year's release into `folder` (created if need be): the JSON the
/// site renders, and the CSV and XLSX of each ranking for download.
pub fn write_year(
    folder: &Path,
    published: &Published,
    rankings: &[Ranking],
) -> Result<Vec<String>, Msg> {
    let io = |e: std::io::Error| Msg::Write(format!("{}: {e}", folder.display()));
    std::fs::create_dir_all(folder).map_err(io)?;
    let mut written = Vec::new();
    let mut put = |name: String, bytes: Vec<u8>| -> Result<(), Msg> {
        std::fs::write(folder.join(&name), bytes).map_err(io)?;
        written.push(name);
        Ok(())
    };
    let json = serde_json::to_vec_pretty(published).map_err(|e| Msg::Write(e.to_string()))?;
    put(INDEX_FILE.to_owned(), json)?;
    for r in rankings {
        let stem = ranking_stem(r.kind);
        let mut csv = Vec::new();
        crate::output::write_csv(std::slice::from_ref(r), &mut csv)?;
        put(format!("{stem}.csv"), csv)?;
        put(
            format!("{stem}.xlsx"),
            crate::output::xlsx(std::slice::from_ref(r))?,
        )?;
    }
    Ok(written)
}
