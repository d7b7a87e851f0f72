use std::collections::HashSet;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::anchors::{heading_id, legal_anchor};
use crate::LinkResolver;

#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Gives Chương / Điều headings and the khoản under each Điều stable
    /// anchors (consultation drafts).
    pub legal_anchors: bool,
    /// 1-based file line of the body's first line, for messages.
    pub first_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to another page, kept so its anchor can be checked once that page
/// is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub target_source: String,
    pub anchor: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkError {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<Heading>,
    pub anchors: HashSet<String>,
    pub text: String,
    pub links: Vec<InternalLink>,
    pub errors: Vec<LinkError>,
    /// Source paths of documents cited with `vb:`, for "related" lists.
    pub cited_documents: Vec<String>,
}

pub fn render(body: &str, opts: &RenderOptions, resolver: &dyn LinkResolver) -> Rendered {
    let mut flags = Options::empty();
    flags.insert(Options::ENABLE_TABLES);
    flags.insert(Options::ENABLE_FOOTNOTES);
    flags.insert(Options::ENABLE_STRIKETHROUGH);
    flags.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let lines = LineIndex::new(body, opts.first_line.max(1));
    let events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(body, flags).into_offset_iter().collect();

    let mut out = Rendered::default();
    let mut result: Vec<Event> = Vec::with_capacity(events.len() + 16);
    let mut article: Option<String> = None;
    let mut list_depth = 0usize;
    let mut clause_list: Option<u64> = None;
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = &events[i];
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map(|p| i + p)
                    .unwrap_or(events.len() - 1);
                let title: String = events[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let legal = if opts.legal_anchors {
                    legal_anchor(&title)
                } else {
                    None
                };
                if opts.legal_anchors {
                    article = legal.as_ref().filter(|a| a.starts_with("dieu-")).cloned();
                }
                let base = id
                    .as_ref()
                    .map(|s| s.to_string())
                    .or(legal)
                    .unwrap_or_else(|| heading_id(&title));
                let unique = unique_id(&mut out.anchors, &base);
                let lvl = heading_number(*level);
                if (2..=3).contains(&lvl) {
                    out.toc.push(Heading {
                        level: lvl,
                        id: unique.clone(),
                        title: title.clone(),
                    });
                }
                push_text(&mut out.text, &title);
                result.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(unique)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                for (e, r) in &events[i + 1..=end] {
                    handle_inline(e.clone(), r, &lines, resolver, &mut out, &mut result, false);
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::List(start)) => {
                if list_depth == 0 && article.is_some() {
                    clause_list = start.map(|s| s.saturating_sub(1));
                }
                list_depth += 1;
                result.push(ev.clone());
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if list_depth == 0 {
                    clause_list = None;
                }
                result.push(ev.clone());
            }
            Event::Start(Tag::Item) if list_depth == 1 && clause_list.is_some() => {
                let n = clause_list.map(|c| c + 1).unwrap_or(1);
                clause_list = Some(n);
                let id = format!("{}-khoan-{n}", article.as_deref().unwrap_or("dieu"));
                out.anchors.insert(id.clone());
                result.push(Event::Html(CowStr::from(format!("<li id=\"{id}\">"))));
            }
            Event::Start(Tag::Table(_)) => {
                result.push(Event::Html(CowStr::from(
                    "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng\">",
                )));
                result.push(ev.clone());
            }
            Event::End(TagEnd::Table) => {
                result.push(ev.clone());
                result.push(Event::Html(CowStr::from("</div>")));
            }
            _ => handle_inline(
                ev.clone(),
                range,
                &lines,
                resolver,
                &mut out,
                &mut result,
                true,
            ),
        }
        i += 1;
    }
    html::push_html(&mut out.html, result.into_iter());
    out
}

fn handle_inline<'a>(
    ev: Event<'a>,
    range: &std::ops::Range<usize>,
    lines: &LineIndex,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
    result: &mut Vec<Event<'a>>,
    collect_text: bool,
) {
    match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let line = lines.line_of(range.start);
            let dest = resolve_link(&dest_url, line, resolver, out)
                .map(CowStr::from)
                .unwrap_or(dest_url);
            result.push(Event::Start(Tag::Link {
                link_type,
                dest_url: dest,
                title,
                id,
            }));
        }
        Event::Text(ref t) | Event::Code(ref t) => {
            if collect_text {
                push_text(&mut out.text, t);
            }
            result.push(ev);
        }
        Event::SoftBreak | Event::HardBreak => {
            out.text.push(' ');
            result.push(ev);
        }
        Event::End(TagEnd::Paragraph)
        | Event::End(TagEnd::Item)
        | Event::End(TagEnd::TableCell) => {
            out.text.push(' ');
            result.push(ev);
        }
        _ => result.push(ev),
    }
}

/// Resolves `@/path.md#anchor` and `vb:NUMBER`; other links pass through.
fn resolve_link(
    dest: &str,
    line: usize,
    resolver: &dyn LinkResolver,
    out: &mut Rendered,
) -> Option<String> {
    if let Some(rest) = dest.strip_prefix("@/") {
        let (source, anchor) = match rest.split_once('#') {
            Some((s, a)) => (s, Some(a.to_owned())),
            None => (rest, None),
        };
        return match resolver.page_url(source) {
            Some(url) => {
                out.links.push(InternalLink {
                    target_source: source.to_owned(),
                    anchor: anchor.clone(),
                    line,
                });
                Some(match anchor {
                    Some(a) => format!("{url}#{a}"),
                    None => url,
                })
            }
            None => {
                out.errors.push(LinkError {
                    line,
                    message: format!("broken internal link: no page at @/{source}"),
                });
                None
            }
        };
    }
    if let Some(number) = dest.strip_prefix("vb:") {
        let number = vntext::nfc(number.trim());
        return match resolver.document(&number) {
            Some((url, source)) => {
                out.cited_documents.push(source);
                Some(url)
            }
            None => {
                out.errors.push(LinkError {
                    line,
                    message: format!("broken document reference: no document with number {number}"),
                });
                None
            }
        };
    }
    None
}

fn unique_id(seen: &mut HashSet<String>, base: &str) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while seen.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    seen.insert(id.clone());
    id
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn push_text(buf: &mut String, t: &str) {
    if !buf.is_empty() && !buf.ends_with(' ') {
        buf.push(' ');
    }
    buf.push_str(t.trim());
}

struct LineIndex {
    starts: Vec<usize>,
    first: usize,
}

impl LineIndex {
    fn new(text: &str, first: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts, first }
    }
    fn line_of(&self, offset: usize) -> usize {
        let idx = self.starts.partition_point(|&s| s <= offset);
        self.first + idx.saturating_sub(1)
    }
}
