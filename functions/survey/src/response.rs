//! Responses with the headers every page of the function carries.

use http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION, SET_COOKIE};
use http::{HeaderValue, StatusCode};
use lambda_http::{Body, Response};
use serde_json::Value;

/// Strict CSP: the pages have no inline script or style; the rules JSON is a
/// `type="application/json"` data block, which CSP does not treat as script.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

pub struct Reply {
    pub status: StatusCode,
    pub content_type: &'static str,
    pub body: String,
    pub location: Option<String>,
    pub cookies: Vec<String>,
}

impl Reply {
    pub fn html(status: StatusCode, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/html; charset=utf-8",
            body,
            location: None,
            cookies: Vec::new(),
        }
    }

    pub fn json(status: StatusCode, value: Value) -> Reply {
        Reply {
            status,
            content_type: "application/json",
            body: value.to_string(),
            location: None,
            cookies: Vec::new(),
        }
    }

    /// 303 See Other: after a post, the browser GETs the result page, so
    /// reloading it never posts twice.
    pub fn see_other(location: String) -> Reply {
        Reply {
            status: StatusCode::SEE_OTHER,
            content_type: "text/plain; charset=utf-8",
            body: String::new(),
            location: Some(location),
            cookies: Vec::new(),
        }
    }

    pub fn with_cookie(mut self, cookie: String) -> Reply {
        self.cookies.push(cookie);
        self
    }

    pub fn into_response(self) -> Response<Body> {
        let mut res = Response::new(Body::Text(self.body));
        *res.status_mut() = self.status;
        let h = res.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        // Pages hold personal links and answers: never cache them anywhere.
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert("content-security-policy", HeaderValue::from_static(CSP));
        // The URL carries the invitation token: never send it to another site.
        h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
        h.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
        h.insert("x-frame-options", HeaderValue::from_static("DENY"));
        if let Some(loc) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            h.insert(LOCATION, loc);
        }
        for c in self.cookies {
            if let Ok(v) = HeaderValue::from_str(&c) {
                h.append(SET_COOKIE, v);
            }
        }
        res
    }
}
