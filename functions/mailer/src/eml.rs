//! RFC 5322 rendering of an [`Email`] as multipart/alternative, UTF-8.
//! Non-ASCII headers use RFC 2047 encoded-words and both parts are base64,
//! so the file is 7-bit clean and any mail client opens it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Utc};

use crate::Email;

pub(crate) fn render(msg: &Email, from: &str, id: &str, date: DateTime<Utc>) -> String {
    let boundary = format!("=_cchc_{}", crate::random_hex());
    let mut out = String::new();
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    };
    header("From", &encode_word(from));
    header("To", &msg.to);
    header("Subject", &encode_word(&msg.subject));
    header("Date", &date.to_rfc2822());
    header("Message-ID", &format!("<{id}@outbox.cchc.local>"));
    header("MIME-Version", "1.0");
    for (name, value) in &msg.headers {
        header(name, &encode_word(value));
    }
    if let Some(set) = &msg.configuration_set {
        header("X-SES-CONFIGURATION-SET", set);
    }
    for (name, value) in &msg.tags {
        header("X-SES-MESSAGE-TAGS", &format!("{name}={value}"));
    }
    header(
        "Content-Type",
        &format!("multipart/alternative; boundary=\"{boundary}\""),
    );
    out.push_str("\r\n");
    for (ctype, body) in [("text/plain", &msg.text), ("text/html", &msg.html)] {
        out.push_str(&format!(
            "--{boundary}\r\nContent-Type: {ctype}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        ));
        let encoded = STANDARD.encode(body.as_bytes());
        // RFC 2045: encoded lines of at most 76 characters.
        for chunk in encoded.as_bytes().chunks(76) {
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            out.push_str("\r\n");
        }
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

/// RFC 2047 B-encoding for header text that is not plain ASCII.
fn encode_word(s: &str) -> String {
    if s.is_ascii() {
        return s.to_owned();
    }
    format!("=?UTF-8?B?{}?=", STANDARD.encode(s.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_subject_is_encoded_and_parts_are_base64() {
        let msg = Email {
            to: "a@b.vn".into(),
            subject: "Thư mời khảo sát".into(),
            html: "<p>Xin chào</p>".into(),
            text: "Xin chào".into(),
            ..Email::default()
        };
        let eml = render(&msg, "CCHC <no-reply@cchc.vn>", "x", Utc::now());
        assert!(eml.contains("Subject: =?UTF-8?B?"));
        assert!(eml.contains(&STANDARD.encode("Xin chào".as_bytes())));
        assert!(eml.is_ascii());
        assert!(eml.contains("multipart/alternative"));
    }
}
