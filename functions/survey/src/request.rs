//! What the handlers need from a request: path segments, the posted answers
//! (urlencoded or JSON), whether the caller wants JSON, cookies, client IP.

use http::header::{ACCEPT, CONTENT_TYPE, COOKIE};
use http::Method;
use lambda_http::{Body, Request, RequestExt};
use survey_core::RawAnswers;

use crate::app::App;

pub struct Incoming {
    pub method: Method,
    /// Path segments after `/api/khao-sat/`, percent-decoded.
    pub segments: Vec<String>,
    pub query: String,
    /// `Accept: application/json` or a JSON body: answer with JSON, not pages.
    pub wants_json: bool,
    pub body: Body,
    pub content_type: String,
    pub cookies: Vec<(String, String)>,
    pub client_ip: Option<String>,
}

/// Why a body could not be read; each becomes a Vietnamese page.
#[derive(Debug)]
pub enum BodyError {
    TooLarge,
    Unsupported(String),
    Malformed(String),
}

impl Incoming {
    pub fn from_request(app: &App, req: Request) -> Option<Incoming> {
        let path = req.uri().path().to_owned();
        // Behind API Gateway a stage name may precede the prefix.
        let rest = path
            .find(crate::API_PREFIX)
            .map(|i| &path[i + crate::API_PREFIX.len()..])?;
        let segments = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect::<Option<Vec<_>>>()?;
        let header = |name: http::HeaderName| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let content_type = header(CONTENT_TYPE).to_ascii_lowercase();
        let accept = header(ACCEPT).to_ascii_lowercase();
        let wants_json =
            accept.contains("application/json") || content_type.starts_with("application/json");
        let cookies = req
            .headers()
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let client_ip = client_ip(app, &req);
        let query = req.uri().query().unwrap_or_default().to_owned();
        let method = req.method().clone();
        Some(Incoming {
            method,
            segments,
            query,
            wants_json,
            body: req.into_body(),
            content_type,
            cookies,
            client_ip,
        })
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn query_flag(&self, name: &str) -> bool {
        form_urlencoded::parse(self.query.as_bytes()).any(|(k, _)| k == name)
    }

    /// The posted fields, from a form post or a JSON object.
    pub fn answers(&self, max_bytes: usize) -> Result<RawAnswers, BodyError> {
        let bytes: &[u8] = match &self.body {
            Body::Empty => &[],
            Body::Text(t) => t.as_bytes(),
            Body::Binary(b) => b,
            // Other variants of a non-exhaustive enum carry nothing a form posts.
            #[allow(unreachable_patterns)]
            _ => &[],
        };
        if bytes.len() > max_bytes {
            return Err(BodyError::TooLarge);
        }
        let ct = self
            .content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim();
        match ct {
            "application/json" => {
                let text =
                    std::str::from_utf8(bytes).map_err(|e| BodyError::Malformed(e.to_string()))?;
                if text.trim().is_empty() {
                    return Ok(RawAnswers::new());
                }
                RawAnswers::from_json_str(text).map_err(|e| BodyError::Malformed(e.to_string()))
            }
            "" | "application/x-www-form-urlencoded" => Ok(RawAnswers::from_urlencoded(bytes)),
            other => Err(BodyError::Unsupported(other.to_owned())),
        }
    }
}

fn percent_decode(s: &str) -> Option<String> {
    // form_urlencoded would turn '+' into a space, which a path does not.
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The client address: from X-Forwarded-For, skipping the entries our own
/// proxies appended, else from the API Gateway request context.
fn client_ip(app: &App, req: &Request) -> Option<String> {
    let xff: Vec<String> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    let hops = app.settings.trusted_proxy_hops;
    if xff.len() > hops {
        return Some(xff[xff.len() - 1 - hops].clone());
    }
    use lambda_http::request::RequestContext;
    match req.request_context_ref()? {
        RequestContext::ApiGatewayV2(ctx) => ctx.http.source_ip.clone(),
        RequestContext::ApiGatewayV1(ctx) => ctx.identity.source_ip.clone(),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}
