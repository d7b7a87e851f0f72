//! SIPAS, the index of citizens' satisfaction with public administrative
//! services (Decision 1001/QĐ-BNV of 2023): per province and per factor, the
//! share of ratings 4 (satisfied) or 5 (very satisfied) of 1..5, with n and a
//! 95 % Wilson score interval.
//!
//! Wilson rather than the normal ("Wald") interval: with the shares near 90 %
//! SIPAS reports and provincial samples of a few hundred, Wald intervals run
//! past 100 % and undercover; Wilson's stay inside 0..1 and hold their level.
//!
//! A factor of a province whose n (ratings of that factor; "no opinion" is not
//! a rating) is below `min_sample` of the YAML is [`Share::ChuaDuMau`], shown
//! as "chưa đủ mẫu", never as a number.
//!
//! ```yaml
//! # content/chi-so/<year>/sipas.yaml
//! year: 2023
//! min_sample: 30
//! factors:            # exactly the five of the decision, in its order
//!   - id: tiep-can
//!     name: Tiếp cận dịch vụ
//!     form: danh-gia-su-hai-long
//!     question: cac-yeu-to
//!     row: tiep-can
//! ```

use std::collections::BTreeMap;
use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::messages::{self, heading, Msg, Problem, Problems};

/// z for a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval of `x` successes in `n` trials (`n > 0`).
pub fn wilson(x: u32, n: u32, z: f64) -> (f64, f64) {
    let (x, n) = (f64::from(x), f64::from(n));
    let p = x / n;
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    pub id: String,
    pub name: String,
    pub form: String,
    pub question: String,
    #[serde(default)]
    pub row: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SipasConfig {
    pub year: u16,
    pub min_sample: u32,
    pub factors: Vec<Factor>,
}

impl SipasConfig {
    pub fn parse(text: &str, file: &str) -> Result<SipasConfig, Problems> {
        let c: SipasConfig = serde_yaml_ng::from_str(&vntext::nfc(text)).map_err(|e| {
            Problem::new(
                file,
                e.location().map(|l| l.line()),
                Msg::Yaml(e.to_string()),
            )
        })?;
        let mut p = Vec::new();
        if c.factors.len() != 5 {
            p.push(Problem::new(
                file,
                None,
                Msg::SipasFactorCount(c.factors.len()),
            ));
        }
        if c.min_sample == 0 {
            p.push(Problem::new(file, None, Msg::SipasMinSample));
        }
        let mut seen = std::collections::BTreeSet::new();
        for f in &c.factors {
            if !seen.insert(f.id.clone()) {
                p.push(Problem::new(file, None, Msg::DuplicateId(f.id.clone())));
            }
        }
        if p.is_empty() {
            Ok(c)
        } else {
            Err(Problems(p))
        }
    }
}

/// Counts of ratings 1..=5 of one factor: `[r1, r2, r3, r4, r5]`.
pub type Ratings = [u32; 5];

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    Value {
        satisfied: u32,
        n: u32,
        share: f64,
        low: f64,
        high: f64,
    },
    /// Below the minimum sample: "chưa đủ mẫu".
    ChuaDuMau { n: u32 },
}

impl Share {
    pub fn of(r: &Ratings, min_sample: u32) -> Share {
        let n: u32 = r.iter().sum();
        if n < min_sample || n == 0 {
            return Share::ChuaDuMau { n };
        }
        let satisfied = r[3] + r[4];
        let (low, high) = wilson(satisfied, n, Z95);
        Share::Value {
            satisfied,
            n,
            share: f64::from(satisfied) / f64::from(n),
            low,
            high,
        }
    }

    pub fn n(&self) -> u32 {
        match *self {
            Share::Value { n, .. } | Share::ChuaDuMau { n } => n,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactorResult {
    pub factor: String,
    pub name: String,
    pub share: Share,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvinceSipas {
    pub province: String,
    pub factors: Vec<FactorResult>,
}

/// Per province (name → ratings of the five factors, in the config's order),
/// the five shares; provinces in Vietnamese alphabetical order.
pub fn evaluate(
    config: &SipasConfig,
    ratings: &BTreeMap<String, Vec<Ratings>>,
) -> Vec<ProvinceSipas> {
    let mut out: Vec<ProvinceSipas> = ratings
        .iter()
        .map(|(province, rs)| ProvinceSipas {
            province: province.clone(),
            factors: config
                .factors
                .iter()
                .enumerate()
                .map(|(i, f)| FactorResult {
                    factor: f.id.clone(),
                    name: f.name.clone(),
                    share: Share::of(rs.get(i).unwrap_or(&[0; 5]), config.min_sample),
                })
                .collect(),
        })
        .collect();
    vntext::sort_vi_by_key(&mut out, |p| &p.province);
    out
}

/// CSV `province,factor,n,satisfied,share,low,high,status`; shares as
/// fractions with four decimals, empty with status `chua_du_mau`.
pub fn write_csv<W: Write>(results: &[ProvinceSipas], out: W) -> Result<(), Msg> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| Msg::Write(e.to_string());
    w.write_record([
        "province",
        "factor",
        "n",
        "satisfied",
        "share",
        "low",
        "high",
        "status",
    ])
    .map_err(io)?;
    for p in results {
        for f in &p.factors {
            let row = match f.share {
                Share::Value {
                    satisfied,
                    n,
                    share,
                    low,
                    high,
                } => [
                    p.province.clone(),
                    f.factor.clone(),
                    n.to_string(),
                    satisfied.to_string(),
                    format!("{share:.4}"),
                    format!("{low:.4}"),
                    format!("{high:.4}"),
                    "ok".to_owned(),
                ],
                Share::ChuaDuMau { n } => [
                    p.province.clone(),
                    f.factor.clone(),
                    n.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    "chua_du_mau".to_owned(),
                ],
            };
            w.write_record(&row).map_err(io)?;
        }
    }
    w.flush().map_err(|e| Msg::Write(e.to_string()))
}

/// "81,2 % (77,0–84,9)", or "chưa đủ mẫu".
pub fn format_share(s: &Share) -> String {
    match *s {
        Share::Value {
            share, low, high, ..
        } => format!(
            "{} % ({}–{})",
            format!("{:.1}", share * 100.0).replace('.', ","),
            format!("{:.1}", low * 100.0).replace('.', ","),
            format!("{:.1}", high * 100.0).replace('.', ",")
        ),
        Share::ChuaDuMau { .. } => messages::CHUA_DU_MAU.to_owned(),
    }
}

/// A plain text table, one line per province and factor.
pub fn table(results: &[ProvinceSipas]) -> String {
    let mut out = format!(
        "{}\t{}\t{}\t{}\n",
        heading::PROVINCE,
        heading::FACTOR,
        heading::RESPONDENTS,
        heading::SHARE
    );
    for p in results {
        for f in &p.factors {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                p.province,
                f.name,
                f.share.n(),
                format_share(&f.share)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_reference_values() {
        let (lo, hi) = wilson(81, 263, Z95);
        assert!(
            (lo - 0.25529).abs() < 5e-5 && (hi - 0.36621).abs() < 5e-5,
            "{lo} {hi}"
        );
        // x = 0 and x = n stay inside 0..1.
        let (lo, hi) = wilson(0, 10, Z95);
        assert!(lo.abs() < 1e-12);
        assert!((hi - 0.27753).abs() < 5e-5, "{hi}");
        let (lo, hi) = wilson(10, 10, Z95);
        assert!(
            (lo - 0.72247).abs() < 5e-5 && (hi - 1.0).abs() < 1e-12,
            "{lo}"
        );
        // A share near SIPAS's usual level: 230 of 263.
        let (lo, hi) = wilson(230, 263, Z95);
        assert!(
            (lo - 0.82902).abs() < 5e-5 && (hi - 0.90924).abs() < 5e-5,
            "{lo} {hi}"
        );
    }
}
