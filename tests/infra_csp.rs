//! The Content-Security-Policy that CloudFront sends (infra/template.yaml, the
//! one place it is written) against every page `cchc build` produces from the
//! shipped site: a page that would break under the policy fails here, not in a
//! citizen's browser.
//!
//! The checker reads the policy's directives (with CSP's fallbacks, e.g.
//! `script-src-elem` → `script-src` → `default-src`) and walks each page's tags:
//! inline scripts (data blocks such as `<script type="application/json">` are not
//! executed and are fine), event-handler attributes, `style` attributes and
//! `<style>` elements, `javascript:` URLs, and the origin of every script,
//! stylesheet, image, frame, media, object, form action and `<base>`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_yaml_ng::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// The policy, from the template
// ---------------------------------------------------------------------------

/// Looks a key up in a YAML mapping, seeing through CloudFormation tags (`!Sub …`).
fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Tagged(t) => get(&t.value, key),
        Value::Mapping(m) => m.get(key),
        _ => None,
    }
}

/// The CloudFormation template as YAML. Short-form intrinsics (`!Ref`, `!Sub`,
/// `!GetAtt`) parse as tagged values, which `get` looks through.
fn template() -> Value {
    let path = repo().join("infra/template.yaml");
    let text = fs::read_to_string(&path).expect("infra/template.yaml is readable");
    serde_yaml_ng::from_str(&text).expect("infra/template.yaml is valid YAML")
}

/// The Content-Security-Policy header of the distribution's response headers policy.
fn template_csp() -> String {
    let t = template();
    let resources = get(&t, "Resources")
        .and_then(Value::as_mapping)
        .expect("Resources");
    let mut found = Vec::new();
    for (name, res) in resources {
        if get(res, "Type").and_then(Value::as_str)
            != Some("AWS::CloudFront::ResponseHeadersPolicy")
        {
            continue;
        }
        let csp = get(res, "Properties")
            .and_then(|p| get(p, "ResponseHeadersPolicyConfig"))
            .and_then(|c| get(c, "SecurityHeadersConfig"))
            .and_then(|s| get(s, "ContentSecurityPolicy"))
            .and_then(|c| get(c, "ContentSecurityPolicy"))
            .and_then(Value::as_str);
        if let Some(csp) = csp {
            found.push((name.as_str().unwrap_or("?").to_string(), csp.to_string()));
        }
    }
    assert_eq!(
        found.len(),
        1,
        "expected exactly one response headers policy with a CSP in infra/template.yaml, found {found:?}"
    );
    found.remove(0).1
}

/// A parsed policy: directive name → source list (lower-cased keywords).
#[derive(Debug)]
struct Policy {
    directives: BTreeMap<String, Vec<String>>,
}

impl Policy {
    fn parse(text: &str) -> Policy {
        let mut directives = BTreeMap::new();
        for part in text.split(';') {
            let mut words = part.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            let name = name.to_ascii_lowercase();
            // The first occurrence of a directive wins; later duplicates are ignored.
            directives
                .entry(name)
                .or_insert_with(|| words.map(str::to_string).collect());
        }
        Policy { directives }
    }

    /// The source list in force for `chain[0]`, following CSP's fallback order.
    /// `None` means no directive restricts it.
    fn sources(&self, chain: &[&str]) -> Option<&Vec<String>> {
        chain.iter().find_map(|d| self.directives.get(*d))
    }

    fn allows_inline(&self, chain: &[&str]) -> bool {
        match self.sources(chain) {
            None => true,
            Some(list) => list
                .iter()
                .any(|s| s.eq_ignore_ascii_case("'unsafe-inline'")),
        }
    }

    /// Whether a URL as written in a page may be loaded under the directive chain.
    fn allows_url(&self, chain: &[&str], url: &str) -> bool {
        let Some(list) = self.sources(chain) else {
            return true;
        };
        let has = |kw: &str| list.iter().any(|s| s.eq_ignore_ascii_case(kw));
        match classify(url) {
            UrlKind::SameOrigin => has("'self'"),
            UrlKind::Scheme(scheme) => {
                // A scheme source such as `data:` or `https:`.
                has(&format!("{scheme}:")) || (scheme == "https" && has("*"))
            }
            UrlKind::Remote { scheme, host } => {
                has("*")
                    || has(&format!("{scheme}:"))
                    || list.iter().any(|s| host_source_matches(s, &scheme, &host))
            }
        }
    }
}

enum UrlKind {
    /// Relative, root-relative or fragment: resolved against the page's own origin.
    SameOrigin,
    /// A scheme with no network host (`data:`, `blob:`, `javascript:`, `mailto:`).
    Scheme(String),
    /// An absolute or protocol-relative URL with a host.
    Remote { scheme: String, host: String },
}

fn classify(url: &str) -> UrlKind {
    let u: String = url
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if let Some(rest) = u.strip_prefix("//") {
        return UrlKind::Remote {
            scheme: "https".into(),
            host: host_of(rest),
        };
    }
    // A scheme is letters, digits, + - . before the first ':', starting with a letter,
    // and the ':' comes before any '/', '?' or '#'.
    if let Some(colon) = u.find(':') {
        let scheme = &u[..colon];
        let valid = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid {
            let scheme = scheme.to_ascii_lowercase();
            let rest = &u[colon + 1..];
            return match rest.strip_prefix("//") {
                Some(hostpart) if scheme == "http" || scheme == "https" => UrlKind::Remote {
                    scheme,
                    host: host_of(hostpart),
                },
                _ => UrlKind::Scheme(scheme),
            };
        }
    }
    UrlKind::SameOrigin
}

fn host_of(after_slashes: &str) -> String {
    let end = after_slashes
        .find(['/', '?', '#'])
        .unwrap_or(after_slashes.len());
    let authority = &after_slashes[..end];
    let host = authority.rsplit('@').next().unwrap_or(authority);
    host.split(':').next().unwrap_or(host).to_ascii_lowercase()
}

fn host_source_matches(source: &str, scheme: &str, host: &str) -> bool {
    let s = source.to_ascii_lowercase();
    if s.starts_with('\'') {
        return false;
    }
    let (src_scheme, rest) = match s.split_once("://") {
        Some((sc, rest)) => (Some(sc.to_string()), rest.to_string()),
        None => (None, s.clone()),
    };
    if src_scheme.as_deref().is_some_and(|sc| sc != scheme) {
        return false;
    }
    let src_host = rest.split(['/', ':']).next().unwrap_or("");
    match src_host.strip_prefix("*.") {
        Some(suffix) => host.ends_with(&format!(".{suffix}")),
        None => src_host == host,
    }
}

// ---------------------------------------------------------------------------
// A small HTML tag scanner (enough for what the site emits and for hostile input)
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    line: usize,
    /// Text up to the matching end tag, for raw-text elements (script, style).
    raw_text: Option<String>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn line_at(html: &str, byte: usize) -> usize {
    html[..byte].bytes().filter(|b| *b == b'\n').count() + 1
}

/// Decodes the character references an attacker (or a template) could use to hide
/// `javascript:` from a naive check: numeric ones and the few named ones that matter.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let decoded = end.and_then(|e| {
            let body = &rest[1..e];
            let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = body.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match body {
                    "amp" => Some('&'),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    _ => None,
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn scan_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(e) => start + e + 3,
                None => html.len(),
            };
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = match rest.find('>') {
                Some(e) => start + e + 1,
                None => html.len(),
            };
            continue;
        }
        // Tag name.
        let mut j = start + 1;
        while j < bytes.len() && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'-') {
            j += 1;
        }
        if j == start + 1 {
            i = start + 1; // a bare '<' in text
            continue;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        // Attributes.
        let mut attrs = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let an_start = j;
            while j < bytes.len()
                && !bytes[j].is_ascii_whitespace()
                && !matches!(bytes[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            if j == an_start {
                j += 1; // stray character
                continue;
            }
            let aname = html[an_start..j].to_ascii_lowercase();
            let mut k = j;
            while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                k += 1;
            }
            let mut value = String::new();
            if k < bytes.len() && bytes[k] == b'=' {
                k += 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < bytes.len() && (bytes[k] == b'"' || bytes[k] == b'\'') {
                    let q = bytes[k];
                    let vs = k + 1;
                    let ve = html[vs..]
                        .bytes()
                        .position(|b| b == q)
                        .map_or(html.len(), |p| vs + p);
                    value = html[vs..ve].to_string();
                    k = (ve + 1).min(html.len());
                } else {
                    let vs = k;
                    while k < bytes.len() && !bytes[k].is_ascii_whitespace() && bytes[k] != b'>' {
                        k += 1;
                    }
                    value = html[vs..k].to_string();
                }
                j = k;
            }
            attrs.push((aname, decode_entities(&value)));
        }
        let mut raw_text = None;
        if name == "script" || name == "style" {
            let body_start = j.min(html.len());
            let close = format!("</{name}");
            let lower = html[body_start..].to_ascii_lowercase();
            let body_end = lower.find(&close).map_or(html.len(), |p| body_start + p);
            raw_text = Some(html[body_start..body_end].to_string());
            j = body_end;
        }
        tags.push(Tag {
            name,
            attrs,
            line: line_at(html, start),
            raw_text,
        });
        i = j.min(html.len());
    }
    tags
}

// ---------------------------------------------------------------------------
// The checker
// ---------------------------------------------------------------------------

const SCRIPT_ELEM: &[&str] = &["script-src-elem", "script-src", "default-src"];
const SCRIPT_ATTR: &[&str] = &["script-src-attr", "script-src", "default-src"];
const STYLE_ELEM: &[&str] = &["style-src-elem", "style-src", "default-src"];
const STYLE_ATTR: &[&str] = &["style-src-attr", "style-src", "default-src"];
const IMG: &[&str] = &["img-src", "default-src"];
const MEDIA: &[&str] = &["media-src", "default-src"];
const FRAME: &[&str] = &["frame-src", "child-src", "default-src"];
const OBJECT: &[&str] = &["object-src", "default-src"];
const MANIFEST: &[&str] = &["manifest-src", "default-src"];
const FONT: &[&str] = &["font-src", "default-src"];
// Neither falls back to default-src.
const FORM_ACTION: &[&str] = &["form-action"];
const BASE_URI: &[&str] = &["base-uri"];

/// JavaScript MIME types (HTML's list) and the script types that execute.
fn is_executable_script_type(t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    let essence = t.split(';').next().unwrap_or("").trim();
    matches!(
        essence,
        "" | "module"
            | "importmap"
            | "speculationrules"
            | "application/ecmascript"
            | "application/javascript"
            | "application/x-ecmascript"
            | "application/x-javascript"
            | "text/ecmascript"
            | "text/javascript"
            | "text/javascript1.0"
            | "text/javascript1.1"
            | "text/javascript1.2"
            | "text/javascript1.3"
            | "text/javascript1.4"
            | "text/javascript1.5"
            | "text/jscript"
            | "text/livescript"
            | "text/x-ecmascript"
            | "text/x-javascript"
    )
}

fn is_javascript_url(v: &str) -> bool {
    let cleaned: String = v
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    cleaned.to_ascii_lowercase().starts_with("javascript:")
}

/// URLs of a `srcset` attribute (each candidate is "url [descriptor]").
fn srcset_urls(v: &str) -> Vec<&str> {
    v.split(',')
        .filter_map(|c| c.split_ascii_whitespace().next())
        .collect()
}

/// Every way `html` would break `policy`, as "line N: message".
fn csp_violations(html: &str, policy: &Policy) -> Vec<String> {
    let mut out = Vec::new();
    let url_check = |out: &mut Vec<String>, line: usize, what: &str, chain: &[&str], url: &str| {
        if !policy.allows_url(chain, url) {
            out.push(format!(
                "line {line}: {what} {url:?} is not allowed by {}",
                chain[0]
            ));
        }
    };
    for tag in scan_tags(html) {
        let line = tag.line;
        for (name, value) in &tag.attrs {
            if name.starts_with("on") && name.len() > 2 && !policy.allows_inline(SCRIPT_ATTR) {
                out.push(format!(
                    "line {line}: event-handler attribute {name}= on <{}> (inline script)",
                    tag.name
                ));
            }
            if name == "style" && !policy.allows_inline(STYLE_ATTR) {
                out.push(format!(
                    "line {line}: style= attribute on <{}> (inline style)",
                    tag.name
                ));
            }
            if is_javascript_url(value) && !policy.allows_inline(SCRIPT_ELEM) {
                out.push(format!(
                    "line {line}: javascript: URL in {name}= on <{}>",
                    tag.name
                ));
            }
        }
        match tag.name.as_str() {
            "script" => match tag.attr("src") {
                Some(src) => url_check(&mut out, line, "script", SCRIPT_ELEM, src),
                None => {
                    let executes = is_executable_script_type(tag.attr("type").unwrap_or(""));
                    let body = tag.raw_text.as_deref().unwrap_or("");
                    if executes && !body.trim().is_empty() && !policy.allows_inline(SCRIPT_ELEM) {
                        out.push(format!("line {line}: inline <script> with content"));
                    }
                }
            },
            "style" if !policy.allows_inline(STYLE_ELEM) => {
                out.push(format!("line {line}: <style> element (inline style)"));
            }
            "link" => {
                let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
                let href = tag.attr("href").unwrap_or("");
                for r in rel.split_ascii_whitespace() {
                    let chain = match r {
                        "stylesheet" => STYLE_ELEM,
                        "icon" | "apple-touch-icon" => IMG,
                        "modulepreload" => SCRIPT_ELEM,
                        "manifest" => MANIFEST,
                        "preload" => match tag.attr("as").unwrap_or("") {
                            "script" => SCRIPT_ELEM,
                            "style" => STYLE_ELEM,
                            "image" => IMG,
                            "font" => FONT,
                            _ => continue,
                        },
                        _ => continue,
                    };
                    url_check(&mut out, line, &format!("<link rel={r}>"), chain, href);
                }
            }
            "img" | "source" | "input" => {
                let chain = if tag.name == "source" && tag.attr("srcset").is_none() {
                    MEDIA
                } else {
                    IMG
                };
                if tag.name != "input" || tag.attr("type") == Some("image") {
                    if let Some(src) = tag.attr("src") {
                        url_check(&mut out, line, &format!("<{}> src", tag.name), chain, src);
                    }
                }
                if let Some(set) = tag.attr("srcset") {
                    for u in srcset_urls(set) {
                        url_check(&mut out, line, &format!("<{}> srcset", tag.name), IMG, u);
                    }
                }
            }
            "video" | "audio" | "track" => {
                if let Some(src) = tag.attr("src") {
                    url_check(&mut out, line, &format!("<{}> src", tag.name), MEDIA, src);
                }
                if let Some(poster) = tag.attr("poster") {
                    url_check(&mut out, line, "<video> poster", IMG, poster);
                }
            }
            "iframe" | "frame" => {
                if let Some(src) = tag.attr("src") {
                    url_check(&mut out, line, "frame", FRAME, src);
                }
            }
            "object" | "embed" | "applet" => {
                let src = tag
                    .attr("data")
                    .or_else(|| tag.attr("src"))
                    .or_else(|| tag.attr("code"))
                    .unwrap_or("");
                if policy
                    .sources(OBJECT)
                    .is_some_and(|l| l.iter().any(|s| s == "'none'"))
                    || !policy.allows_url(OBJECT, src)
                {
                    out.push(format!(
                        "line {line}: <{}> is not allowed by object-src",
                        tag.name
                    ));
                }
            }
            "form" => {
                if let Some(action) = tag.attr("action").filter(|a| !a.is_empty()) {
                    url_check(&mut out, line, "form action", FORM_ACTION, action);
                }
            }
            "button" => {
                if let Some(action) = tag.attr("formaction").filter(|a| !a.is_empty()) {
                    url_check(&mut out, line, "formaction", FORM_ACTION, action);
                }
            }
            "base" => {
                if let Some(href) = tag.attr("href") {
                    url_check(&mut out, line, "<base>", BASE_URI, href);
                }
            }
            _ => {}
        }
    }
    // A directive whose list is 'none' allows no URL at all, same-origin included.
    out
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn template_policy_is_strict() {
    let csp = template_csp();
    let lower = csp.to_ascii_lowercase();
    for banned in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"] {
        assert!(
            !lower.contains(banned),
            "CSP must not contain {banned}: {csp}"
        );
    }
    let policy = Policy::parse(&csp);
    for (directive, expected) in [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        ("img-src", "'self' data:"),
        ("connect-src", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", "'none'"),
        ("base-uri", "'self'"),
        ("object-src", "'none'"),
    ] {
        let got = policy
            .directives
            .get(directive)
            .unwrap_or_else(|| panic!("CSP has no {directive}: {csp}"))
            .join(" ");
        assert_eq!(got, expected, "{directive} in {csp}");
    }
    // No wildcard source anywhere.
    for (d, list) in &policy.directives {
        assert!(
            !list
                .iter()
                .any(|s| s == "*" || s == "https:" || s == "http:"),
            "{d} allows any host: {csp}"
        );
    }
}

fn strict() -> Policy {
    Policy::parse(&template_csp())
}

#[test]
fn checker_accepts_a_page_that_keeps_the_policy() {
    let good = r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8">
<link rel="stylesheet" href="/assets/style.a9a58c83.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="canonical" href="https://example.org/elsewhere/">
<link rel="alternate" type="application/atom+xml" href="https://cchc.moha.gov.vn/atom.xml">
</head><body>
<!-- <script>alert(1)</script> in a comment is not a script -->
<a href="https://vbpl.vn/">an outside link is navigation, not a load</a>
<img src="/assets/logo.svg" alt=""><img src="data:image/png;base64,AAAA" alt="">
<img srcset="/a.png 1x, /b.png 2x" alt="">
<form method="post" action="/api/khao-sat/x/gui"><button type="submit">Gửi</button></form>
<p data-onclick="not a handler" title="style=&quot;x&quot; is text">a &lt;style&gt; in text</p>
<script type="application/json" id="survey-rules">{"q1":{"show_if":"a"}}</script>
<script src="/assets/survey.js" defer></script>
<script src="/assets/documents.8f692044.js" defer></script>
</body></html>"#;
    let v = csp_violations(good, &strict());
    assert!(v.is_empty(), "{v:#?}");
}

#[test]
fn checker_rejects_each_way_a_page_can_break_the_policy() {
    let policy = strict();
    let cases: &[(&str, &str)] = &[
        ("<script>alert(1)</script>", "inline <script>"),
        (
            "<script type=\"module\">import '/x.js'</script>",
            "inline <script>",
        ),
        (
            "<SCRIPT type='text/javascript'>\n  go()\n</SCRIPT>",
            "inline <script>",
        ),
        (
            "<button onclick=\"go()\">x</button>",
            "event-handler attribute onclick",
        ),
        ("<body ONLOAD=go()>", "event-handler attribute onload"),
        (
            "<svg><a onmouseover='x'></a></svg>",
            "event-handler attribute onmouseover",
        ),
        ("<p style=\"color:red\">x</p>", "style= attribute"),
        ("<style>p{color:red}</style>", "<style> element"),
        ("<svg><style>.a{}</style></svg>", "<style> element"),
        ("<a href=\"javascript:go()\">x</a>", "javascript: URL"),
        ("<a href=\" JaVaScRiPt:go()\">x</a>", "javascript: URL"),
        (
            "<a href=\"&#106;avascript&colon;go()\">x</a>",
            "javascript: URL",
        ),
        ("<a href=\"java\tscript:go()\">x</a>", "javascript: URL"),
        (
            "<script src=\"https://cdn.example.com/x.js\"></script>",
            "script",
        ),
        ("<script src=\"//cdn.example.com/x.js\"></script>", "script"),
        (
            "<script src=\"data:text/javascript,alert(1)\"></script>",
            "script",
        ),
        (
            "<link rel=\"stylesheet\" href=\"https://fonts.example.com/a.css\">",
            "rel=stylesheet",
        ),
        (
            "<link rel=\"icon\" href=\"http://x.example.com/i.png\">",
            "rel=icon",
        ),
        (
            "<img src=\"https://img.example.com/a.png\" alt=\"\">",
            "<img> src",
        ),
        (
            "<img srcset=\"/a.png 1x, https://x.example.com/b.png 2x\" alt=\"\">",
            "srcset",
        ),
        (
            "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
            "frame",
        ),
        ("<object data=\"/x.swf\"></object>", "object-src"),
        ("<embed src=\"/x.pdf\">", "object-src"),
        (
            "<form action=\"https://evil.example.com/\"></form>",
            "form action",
        ),
        ("<base href=\"https://evil.example.com/\">", "<base>"),
    ];
    for (html, expected) in cases {
        let page = format!("<!DOCTYPE html><html><body>\n{html}\n</body></html>");
        let v = csp_violations(&page, &policy);
        assert!(
            v.iter().any(|m| m.contains(expected)),
            "{html:?} should be reported as {expected:?}, got {v:#?}"
        );
        assert!(
            v.iter().all(|m| m.starts_with("line 2:")),
            "wrong line for {html:?}: {v:#?}"
        );
    }
}

#[test]
fn checker_follows_the_policy_it_is_given() {
    // The checker enforces the template's policy, not a fixed list: relaxing a
    // directive relaxes the check (which template_policy_is_strict forbids).
    let lax = Policy::parse(
        "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self' https://cdn.example.com",
    );
    let page = "<p style=\"x\"></p><style>p{}</style><script src=\"https://cdn.example.com/a.js\"></script>";
    assert!(csp_violations(page, &lax).is_empty());
    assert!(!csp_violations(page, &strict()).is_empty());
}

/// Builds the shipped site with the real `cchc` binary and returns the output folder.
fn build_site() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_cchc"))
        .arg("--root")
        .arg(repo())
        .args(["build", "--out"])
        .arg(out.path())
        .output()
        .expect("cchc runs");
    assert!(
        o.status.success(),
        "cchc build failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn every_built_page_keeps_the_content_security_policy() {
    let policy = strict();
    let out = build_site();
    let pages = html_files(out.path());
    assert!(
        pages.len() > 20,
        "expected the shipped site's pages, found {}",
        pages.len()
    );
    let mut problems = Vec::new();
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let rel = page.strip_prefix(out.path()).unwrap().display().to_string();
        for v in csp_violations(&html, &policy) {
            problems.push(format!("{rel}: {v}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problem(s) against the CSP in infra/template.yaml:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
