//! The function's limits and knobs, with production defaults, and how they
//! read to a person ("4,1 MB"). Both the app and the question parser use them.

use web::guard::RateLimit;

/// Knobs with production defaults; tests lower them.
#[derive(Debug, Clone)]
pub struct Settings {
    pub configuration_set: Option<String>,
    pub rate: RateLimit,
    pub trusted_proxy_hops: usize,
    pub max_files: usize,
    /// All attachments of one question together. Lambda takes at most 6 MB
    /// per request, and API Gateway hands it a multipart body in base64
    /// (4/3 larger): 4 MiB of files, the text and headers still fit.
    pub max_files_bytes: usize,
    /// Largest accepted body: the attachments and the text fields. Bodies
    /// between `max_files_bytes` and this get a per-field error with the text
    /// kept; larger ones never reach a Lambda function at all.
    pub max_body_bytes: usize,
}

pub const MIB: usize = 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Self {
            configuration_set: None,
            rate: RateLimit {
                limit: 10,
                window_secs: 3600,
            },
            trusted_proxy_hops: 0,
            max_files: 3,
            max_files_bytes: 4 * MIB,
            max_body_bytes: 4 * MIB + 128 * 1024,
        }
    }
}

impl Settings {
    /// The attachment rules as the form states them (the site's Q&A page says
    /// the same, checked by a test).
    pub fn files_hint(&self) -> String {
        format!(
            "Tối đa {} tệp PDF, DOC, DOCX, XLS, XLSX, JPG hoặc PNG, tổng dung lượng không quá {} MB.",
            self.max_files,
            mb(self.max_files_bytes)
        )
    }
}

/// "4", "4,1": megabytes with the Vietnamese decimal comma, rounded up, so a
/// size just over a limit never reads as the limit itself.
pub fn mb(bytes: usize) -> String {
    let tenths = (bytes * 10).div_ceil(MIB);
    match tenths % 10 {
        0 => format!("{}", tenths / 10),
        d => format!("{},{d}", tenths / 10),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_with_a_decimal_comma() {
        assert_eq!(mb(4 * MIB), "4");
        assert_eq!(mb(4 * MIB + 1), "4,1");
        assert_eq!(mb(MIB / 2), "0,5");
        assert_eq!(mb(5 * MIB + MIB / 5), "5,2");
    }

    /// The site's Q&A page states the rules and carries the limits its script
    /// checks; they must be the function's own.
    #[test]
    fn the_site_form_states_the_functions_limits() {
        let page = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../theme/templates/section/hoi-dap.html"),
        )
        .expect("theme/templates/section/hoi-dap.html");
        let s = Settings::default();
        assert!(
            page.contains(&s.files_hint()),
            "hint differs from {:?}",
            s.files_hint()
        );
        assert!(page.contains(&format!("data-max-files=\"{}\"", s.max_files)));
        assert!(page.contains(&format!("data-max-bytes=\"{}\"", s.max_files_bytes)));
    }
}
