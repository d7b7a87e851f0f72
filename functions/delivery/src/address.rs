//! Email addresses as respondent lists give them: parsed once into a type that
//! cannot hold a bad value, normalised so one person is one address, and
//! checked for the misspellings that lost invitations in the 2021 pilot.

use std::fmt;

/// A syntactically valid address with a dotted domain, lower-cased.
///
/// Lower-casing the local part is not RFC-strict, but every provider our
/// respondents use (state mail servers, Gmail, Yahoo, Outlook) ignores case,
/// and treating `An@X.vn` and `an@x.vn` as one person is what stops duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

/// A likely misspelt domain and the address it probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypoHint {
    pub suggestion: String,
}

/// Domains most respondents use, by whose misspellings mail is lost.
const COMMON_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "yahoo.com.vn",
    "hotmail.com",
    "outlook.com",
    "outlook.com.vn",
    "icloud.com",
    "live.com",
];

/// Suffix fixes: state mail is on `*.gov.vn`.
const SUFFIX_TYPOS: &[(&str, &str)] = &[
    (".gov.vm", ".gov.vn"),
    (".gov.com.vn", ".gov.vn"),
    (".gob.vn", ".gov.vn"),
    (".gv.vn", ".gov.vn"),
    (".govn.vn", ".gov.vn"),
    (".gov.v", ".gov.vn"),
    (".com.vm", ".com.vn"),
    (".con", ".com"),
    (".cmo", ".com"),
    (".comm", ".com"),
    (".co", ".com"),
];

impl EmailAddress {
    /// The error is in Vietnamese: it is shown to coordinators next to the row.
    pub fn parse(input: &str) -> Result<EmailAddress, String> {
        let s = vntext::nfc(input.trim());
        if s.is_empty() {
            return Err("thiếu địa chỉ email".into());
        }
        if s.contains(char::is_whitespace) || s.contains(',') || s.contains(';') {
            return Err(format!(
                "“{s}” có khoảng trắng hoặc dấu phẩy: mỗi dòng chỉ một địa chỉ"
            ));
        }
        if !s.is_ascii() {
            return Err(format!(
                "“{s}” có chữ có dấu: địa chỉ email chỉ gồm chữ không dấu, số và . _ - @"
            ));
        }
        let parsed = email_address::EmailAddress::parse_with_options(
            &s,
            email_address::Options::default().without_display_text(),
        )
        .map_err(|_| format!("“{s}” không phải địa chỉ email hợp lệ"))?;
        let domain = parsed.domain();
        let dotted = domain.contains('.')
            && !domain.starts_with('[')
            && domain
                .split('.')
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        if !dotted || parsed.local_part().starts_with('"') {
            return Err(format!("“{s}” không phải địa chỉ email hợp lệ"));
        }
        Ok(EmailAddress(s.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }

    /// `Some` when the domain looks like a misspelling of a common one
    /// (gmial.com, gmai.com, yahoo.com.vm, moha.gov.vm).
    pub fn typo_hint(&self) -> Option<TypoHint> {
        let domain = self.domain();
        let local = &self.0[..self.0.len() - domain.len() - 1];
        let with = |d: &str| {
            Some(TypoHint {
                suggestion: format!("{local}@{d}"),
            })
        };
        if COMMON_DOMAINS.contains(&domain) {
            return None;
        }
        for (bad, good) in SUFFIX_TYPOS {
            if let Some(stem) = domain.strip_suffix(bad) {
                let fixed = format!("{stem}{good}");
                if COMMON_DOMAINS.contains(&fixed.as_str()) || fixed.ends_with(".gov.vn") {
                    return with(&fixed);
                }
            }
        }
        COMMON_DOMAINS
            .iter()
            .map(|c| (strsim::damerau_levenshtein(domain, c), *c))
            .filter(|(d, _)| *d <= 2)
            .min()
            .and_then(|(_, c)| with(c))
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises() {
        let a = EmailAddress::parse("  Nguyen.Van.An@MOHA.gov.vn ").unwrap();
        assert_eq!(a.as_str(), "nguyen.van.an@moha.gov.vn");
        assert_eq!(a.domain(), "moha.gov.vn");
    }

    #[test]
    fn rejects_what_cannot_be_mailed() {
        for bad in [
            "",
            "an",
            "an@",
            "@moha.gov.vn",
            "an@localhost",
            "an moha@gov.vn",
            "an@moha.gov.vn; binh@moha.gov.vn",
            "nguyễn@moha.gov.vn",
            "an@@moha.gov.vn",
            "an@-moha.gov.vn",
            "an@moha..gov.vn",
        ] {
            let err = EmailAddress::parse(bad).expect_err(bad);
            assert!(!err.is_empty());
        }
    }

    #[test]
    fn suggests_common_domain_typos() {
        let hint = |s: &str| {
            EmailAddress::parse(s)
                .unwrap()
                .typo_hint()
                .map(|h| h.suggestion)
        };
        assert_eq!(hint("an@gmial.com").as_deref(), Some("an@gmail.com"));
        assert_eq!(hint("an@gmai.com").as_deref(), Some("an@gmail.com"));
        assert_eq!(hint("an@gmail.con").as_deref(), Some("an@gmail.com"));
        assert_eq!(hint("an@yahoo.com.vm").as_deref(), Some("an@yahoo.com.vn"));
        assert_eq!(hint("an@yaho.com.vn").as_deref(), Some("an@yahoo.com.vn"));
        assert_eq!(hint("an@hotmial.com").as_deref(), Some("an@hotmail.com"));
        assert_eq!(hint("an@moha.gov.vm").as_deref(), Some("an@moha.gov.vn"));
        assert_eq!(hint("an@gmail.com"), None);
        assert_eq!(hint("an@moha.gov.vn"), None);
        assert_eq!(hint("an@hanoi.gov.vn"), None);
    }
}
