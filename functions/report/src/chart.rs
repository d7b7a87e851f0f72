//! The inline SVG chart: answer rate per unit, one small panel per form,
//! units in the table's order. Each bar carries its value as text and a
//! `<title>` with the counts, so it reads without colour and in a screen
//! reader; bars under the threshold are hatched, not just recoloured.

use std::fmt::Write;

use vntext::escape_html as esc;

use crate::model::{fmt_rate, Report, Section};

const LABEL_W: f64 = 230.0;
const PANEL_W: f64 = 250.0;
const BAR_MAX: f64 = 180.0;
const ROW_H: f64 = 15.0;
const HEAD_H: f64 = 44.0;
const GROUP_H: f64 = 20.0;

pub fn svg(r: &Report) -> String {
    let nforms = r.forms.len().max(1);
    let sections = {
        let mut s: Vec<Section> = r.rows.iter().map(|row| row.section).collect();
        s.dedup();
        s.len()
    };
    let width = LABEL_W + PANEL_W * nforms as f64;
    let height = HEAD_H + ROW_H * r.rows.len() as f64 + GROUP_H * sections as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"chart-title chart-desc\" style=\"max-width:100%;height:auto\">\n\
         <title id=\"chart-title\">Tỷ lệ trả lời theo đơn vị và theo phiếu</title>\n\
         <desc id=\"chart-desc\">Biểu đồ thanh ngang, {} đơn vị, {} phiếu; ngưỡng {}. Số liệu đầy đủ ở bảng.</desc>\n\
         <defs><pattern id=\"hatch\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"5\" height=\"5\" fill=\"#f5d48a\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#7a5200\" stroke-width=\"2\"/></pattern></defs>\n",
        r.rows.len(),
        r.forms.len(),
        fmt_rate(Some(r.threshold))
    );
    // Panel headings and the threshold line of each panel.
    for (f, form) in r.forms.iter().enumerate() {
        let x0 = LABEL_W + PANEL_W * f as f64;
        let tx = x0 + BAR_MAX * r.threshold;
        let _ = writeln!(
            s,
            "<text x=\"{x0}\" y=\"16\" font-size=\"13\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text>\
             <text x=\"{x0}\" y=\"32\" font-size=\"10\" fill=\"#333\">{}</text>\
             <line x1=\"{tx}\" y1=\"{}\" x2=\"{tx}\" y2=\"{}\" stroke=\"#333\" stroke-dasharray=\"3 3\"/>\
             <line x1=\"{x0}\" y1=\"{}\" x2=\"{x0}\" y2=\"{}\" stroke=\"#555\"/>",
            r.form_label(f),
            esc(&shorten(&form.title, 42)),
            HEAD_H - 6.0,
            height - 4.0,
            HEAD_H - 6.0,
            height - 4.0,
        );
    }
    let mut y = HEAD_H;
    let mut section = None;
    for row in &r.rows {
        if section != Some(row.section) {
            section = Some(row.section);
            let _ = writeln!(
                s,
                "<text x=\"0\" y=\"{}\" font-size=\"11\" font-weight=\"700\" fill=\"#1a1a1a\">{}</text>",
                y + 14.0,
                esc(&row.section.label_vi().to_uppercase())
            );
            y += GROUP_H;
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>",
            LABEL_W - 8.0,
            y + 11.0,
            esc(&shorten(&row.unit, 34))
        );
        for f in 0..r.forms.len() {
            let x0 = LABEL_W + PANEL_W * f as f64;
            let answered = row.counts.answered.get(f).copied().flatten();
            let Some(rate) = row.counts.rate(f) else {
                let _ = writeln!(
                    s,
                    "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#555\">—</text>",
                    x0 + 4.0,
                    y + 11.0
                );
                continue;
            };
            let over = rate > 1.0;
            let low = rate < r.threshold;
            let w = (BAR_MAX * rate.min(1.0)).max(1.0);
            let fill = if low { "url(#hatch)" } else { "#3566a8" };
            let mark = if over {
                " !!"
            } else if low {
                " ▼"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "<g><title>{} – {}: {} ({}/{})</title>\
                 <rect x=\"{x0}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{fill}\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"/>\
                 <text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"#1a1a1a\"{}>{}{mark}</text></g>",
                esc(&row.unit),
                r.form_label(f),
                fmt_rate(Some(rate)),
                answered.unwrap_or(0),
                row.counts.registered,
                y + 2.0,
                ROW_H - 4.0,
                x0 + w + 3.0,
                y + 11.0,
                if over { " font-weight=\"700\"" } else { "" },
                fmt_rate(Some(rate)),
            );
        }
        y += ROW_H;
    }
    s.push_str("</svg>");
    s
}

fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}
