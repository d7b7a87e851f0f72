//! What the handlers need from a request: path segments after the function's
//! prefix, the query, whether the caller wants JSON, the raw body with its
//! content type, and the client address.

use http::header::{ACCEPT, CONTENT_TYPE};
use http::Method;
use lambda_http::{Body, Request, RequestExt};

pub struct Incoming {
    pub method: Method,
    /// Path segments after the prefix (e.g. `/api/gop-y/`), percent-decoded.
    pub segments: Vec<String>,
    pub query: String,
    /// `Accept: application/json` or a JSON body: answer with JSON, not pages.
    pub wants_json: bool,
    pub body: Vec<u8>,
    /// Lower-cased, parameters kept (a multipart boundary lives there).
    pub content_type: String,
    pub client_ip: Option<String>,
}

/// Why a body could not be read; each becomes a Vietnamese page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    TooLarge,
    Unsupported(String),
    Malformed(String),
}

impl Incoming {
    /// `None` when the path is not under `prefix` or is not valid UTF-8.
    /// `trusted_proxy_hops`: proxies of ours that append to X-Forwarded-For
    /// (0: the last entry is the client, as API Gateway adds it).
    pub fn from_request(req: Request, prefix: &str, trusted_proxy_hops: usize) -> Option<Incoming> {
        let path = req.uri().path().to_owned();
        // Behind API Gateway a stage name may precede the prefix; `/api/gop-y`
        // without the slash is the prefix too.
        let bare = prefix.trim_end_matches('/');
        let rest = match path.find(prefix) {
            Some(i) => &path[i + prefix.len()..],
            None if path.ends_with(bare) => "",
            None => return None,
        };
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
        // Keep the boundary's case: only the media type is case-insensitive.
        let content_type = header(CONTENT_TYPE);
        let media = content_type.to_ascii_lowercase();
        let accept = header(ACCEPT).to_ascii_lowercase();
        let wants_json =
            accept.contains("application/json") || media.starts_with("application/json");
        let client_ip = client_ip(&req, trusted_proxy_hops);
        let query = req.uri().query().unwrap_or_default().to_owned();
        let method = req.method().clone();
        let body = match req.into_body() {
            Body::Text(t) => t.into_bytes(),
            Body::Binary(b) => b,
            _ => Vec::new(),
        };
        Some(Incoming {
            method,
            segments,
            query,
            wants_json,
            body,
            content_type,
            client_ip,
        })
    }

    /// The media type alone, lower-cased: `multipart/form-data`.
    pub fn media_type(&self) -> String {
        self.content_type
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    }

    /// First value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
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
fn client_ip(req: &Request, hops: usize) -> Option<String> {
    let xff: Vec<String> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn req(path: &str) -> Request {
        http::Request::builder()
            .uri(format!("https://x.test{path}"))
            .header("x-forwarded-for", "198.51.100.7, 203.0.113.9")
            .header("content-type", "multipart/form-data; boundary=AbC")
            .body(Body::Empty)
            .expect("request")
    }

    #[test]
    fn segments_after_the_prefix_are_decoded() {
        let i =
            Incoming::from_request(req("/prod/api/gop-y/du-thao/da-gui?ma=1"), "/api/gop-y/", 0)
                .expect("under prefix");
        assert_eq!(i.segments, ["du-thao", "da-gui"]);
        assert_eq!(i.query_param("ma").as_deref(), Some("1"));
        assert_eq!(i.client_ip.as_deref(), Some("203.0.113.9"));
        assert_eq!(i.media_type(), "multipart/form-data");
        assert!(i.content_type.contains("boundary=AbC"));
        assert!(Incoming::from_request(req("/api/khac/x"), "/api/gop-y/", 0).is_none());
        let bad = Incoming::from_request(req("/api/gop-y/%ff"), "/api/gop-y/", 0);
        assert!(bad.is_none());
    }
}
