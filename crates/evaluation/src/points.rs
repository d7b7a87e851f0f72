//! Points as exact hundredths.
//!
//! The index is published to two decimals and its structure is checked by
//! sums ("the criteria of an area add up to its maximum"). Binary floats make
//! 0.1 + 0.2 ≠ 0.3 and would rank two units apart that the published table
//! shows equal, so every maximum, appraisal score and computed survey score
//! is held as an integer count of hundredths. Survey points are computed in
//! `f64` and rounded once, half away from zero, by [`Points::from_f64`].

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Serialize, Serializer};

/// A number of points in hundredths: `Points(3150)` is 31.50 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(i64);

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    /// Rounds to the nearest hundredth (half away from zero).
    pub fn from_f64(x: f64) -> Self {
        Points((x * 100.0).round() as i64)
    }

    /// An exact two-decimal value, or `None` when `x` has finer digits
    /// (a maximum of 2.125 points is a typo, not something to round away).
    pub fn exact(x: f64) -> Option<Self> {
        if !x.is_finite() {
            return None;
        }
        let h = (x * 100.0).round();
        ((x * 100.0 - h).abs() < 1e-6).then_some(Points(h as i64))
    }

    /// Reads "12.5", "12,5" (a Vietnamese spreadsheet's decimal comma) or "12".
    pub fn parse(s: &str) -> Option<Self> {
        let t = s.trim().replace(',', ".");
        if t.is_empty() || t.starts_with('+') {
            return None;
        }
        let x: f64 = t.parse().ok()?;
        Self::exact(x)
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// The figure with a dot, for CSV and JSON: "31.50".
    pub fn dot(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// The figure as Vietnamese writes it, with a decimal comma: "31,50".
    pub fn vi(self) -> String {
        self.dot().replace('.', ",")
    }
}

impl fmt::Display for Points {
    /// Vietnamese notation (decimal comma), as in messages and tables.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.vi())
    }
}

impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0 + o.0)
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0 - o.0)
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(it: I) -> Points {
        Points(it.map(|p| p.0).sum())
    }
}

impl Serialize for Points {
    /// A JSON number with two decimals' worth of precision.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dot_and_comma_and_refuses_finer_digits() {
        assert_eq!(Points::parse("31.5"), Some(Points(3150)));
        assert_eq!(Points::parse("31,5"), Some(Points(3150)));
        assert_eq!(Points::parse(" 7 "), Some(Points(700)));
        assert_eq!(Points::parse("0.1"), Some(Points(10)));
        assert_eq!(Points::parse("2.125"), None);
        assert_eq!(Points::parse("abc"), None);
        assert_eq!(Points::parse(""), None);
        assert_eq!(Points::parse("NaN"), None);
    }

    #[test]
    fn sums_are_exact_where_floats_are_not() {
        let s: Points = [0.1, 0.2].iter().map(|x| Points::exact(*x).unwrap()).sum();
        assert_eq!(s, Points::exact(0.3).unwrap());
    }

    #[test]
    fn prints_both_notations() {
        assert_eq!(Points(3150).dot(), "31.50");
        assert_eq!(Points(3150).vi(), "31,50");
        assert_eq!(Points(-5).dot(), "-0.05");
        assert_eq!(format!("{:>7}", Points(705)), "   7,05");
        assert_eq!(Points::from_f64(2.345_000_1), Points(235));
    }
}
