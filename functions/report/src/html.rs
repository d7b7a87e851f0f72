//! A standalone HTML report to download, print or mail: one file, no
//! script, styles in one `<style>` block (it is not a site page, so the
//! site's CSP does not apply). Everything a colour shows is also said in
//! text: marks (▼, !!) in the cells, flags in words in the notes column,
//! numbers on every bar of the chart.

use std::fmt::Write;

use vntext::escape_html as esc;

use crate::chart;
use crate::model::{flag_text, fmt_int, fmt_rate, Counts, Flag, Report, Section};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font: 15px/1.45 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.55rem; margin: 0 0 4px; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; }
.sub { color: #333; margin: 0 0 4px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.summary li { border: 1px solid #8a8a8a; border-radius: 4px; padding: 8px 12px; min-width: 150px; }
.summary strong { display: block; font-size: 1.35rem; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0 0 8px; }
th, td { border: 1px solid #b4b4b4; padding: 3px 6px; vertical-align: top; }
thead th { background: #eef1f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody th { text-align: left; font-weight: normal; }
tbody th.group { background: #dde3ea; font-weight: 600; text-transform: uppercase; font-size: 12px; }
tr.sub-unit th { padding-left: 22px; color: #333; }
td.low { background: #fff2cc; }
td.impossible { background: #fbd5d5; font-weight: 700; }
tr.impossible th { border-left: 5px solid #b91c1c; }
tr.below th { border-left: 5px solid #a16207; }
.mark { font-weight: 700; }
.now { color: #444; font-size: 12px; }
td.notes { font-size: 12px; min-width: 200px; }
tfoot th, tfoot td { font-weight: 700; background: #eef1f5; border-top: 2px solid #333; }
figure { margin: 16px 0; }
figcaption { font-size: 13px; color: #333; }
svg text { font-family: inherit; }
.legend dt { font-weight: 600; }
.legend dd { margin: 0 0 6px 0; }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  thead { display: table-header-group; }
  tfoot { display: table-row-group; }
  tr { break-inside: avoid; }
  figure { break-before: page; }
  td.low, td.impossible { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

pub fn render(report: &Report) -> String {
    let mut h = String::new();
    let title = format!("Báo cáo tham gia khảo sát: {}", report.title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        esc(&title)
    );
    let _ = write!(
        h,
        "<h1>Báo cáo tình hình tham gia khảo sát</h1>\n<p class=\"sub\">{} <span class=\"now\">({})</span></p>\n",
        esc(&report.title),
        esc(&report.campaign)
    );
    if let Some((from, to)) = report.period {
        let _ = writeln!(
            h,
            "<p class=\"sub\">Thời gian khảo sát: từ {} đến {}.</p>",
            vntext::format_date(from),
            vntext::format_date(to)
        );
    }
    let _ = writeln!(
        h,
        "<p class=\"sub\">Lập {}. Số liệu đếm từ danh sách người được mời, thư đã gửi và phiếu đã nộp; báo cáo không đọc nội dung trả lời.</p>",
        vntext::format_date(report.generated_on)
    );
    summary(&mut h, report);
    table(&mut h, report);
    let _ = writeln!(
        h,
        "<h2 id=\"bieu-do\">Tỷ lệ trả lời theo đơn vị và theo phiếu</h2>\n<figure>\n{}\n\
         <figcaption>Mỗi cột là một phiếu; mỗi dòng là một đơn vị, cùng thứ tự với bảng. \
         Số ở cuối mỗi thanh là tỷ lệ trả lời; đường đứt nét là ngưỡng {}; \
         ▼ là dưới ngưỡng, !! là số trả lời nhiều hơn số đăng ký (thanh bị cắt ở 100%).</figcaption>\n</figure>",
        chart::svg(report),
        fmt_rate(Some(report.threshold))
    );
    notes(&mut h, report);
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn summary(h: &mut String, r: &Report) {
    h.push_str("<ul class=\"summary\" aria-label=\"Tổng hợp\">\n");
    let _ = writeln!(
        h,
        "<li>Đăng ký<strong>{}</strong>{} đơn vị</li>",
        fmt_int(r.totals.registered),
        r.rows.len()
    );
    if r.has_delivery {
        let _ = writeln!(
            h,
            "<li>Thư mời đến hộp thư<strong>{}</strong>đã gửi {}</li>",
            fmt_int(r.totals.delivered),
            fmt_int(r.totals.invited)
        );
        let _ = writeln!(
            h,
            "<li>Thư bị trả lại hoặc bị đánh dấu thư rác<strong>{}</strong>bị trả lại {}, thư rác {}</li>",
            fmt_int(r.totals.bounced + r.totals.complained),
            fmt_int(r.totals.bounced),
            fmt_int(r.totals.complained)
        );
    }
    for (i, f) in r.forms.iter().enumerate() {
        let _ = writeln!(
            h,
            "<li>{} trả lời<strong>{}</strong>{} · {}</li>",
            r.form_label(i),
            r.totals.answered[i].map_or("—".into(), fmt_int),
            fmt_rate(r.total_rate(i)),
            esc(&short(&f.title))
        );
    }
    h.push_str("</ul>\n");
}

fn short(title: &str) -> String {
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= 7 {
        title.to_owned()
    } else {
        format!("{} …", words[..7].join(" "))
    }
}

fn table(h: &mut String, r: &Report) {
    let nforms = r.forms.len();
    let ncols = 3 + nforms * 2 + if r.has_delivery { 5 } else { 0 };
    let _ = writeln!(
        h,
        "<h2 id=\"bang\">Bảng số liệu</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"bang-caption\">\n<table>\n\
         <caption id=\"bang-caption\">Tình hình tham gia theo đơn vị ({} đơn vị). Tỷ lệ = số trả lời / số đăng ký. \
         ▼ = tỷ lệ dưới ngưỡng {}; !! = số trả lời nhiều hơn số đăng ký; — = phiếu không áp dụng.</caption>",
        r.rows.len(),
        fmt_rate(Some(r.threshold))
    );
    h.push_str("<colgroup><col></colgroup><colgroup><col></colgroup>");
    if r.has_delivery {
        h.push_str("<colgroup span=\"5\"></colgroup>");
    }
    for _ in 0..nforms {
        h.push_str("<colgroup span=\"2\"></colgroup>");
    }
    h.push_str("<colgroup><col></colgroup>\n<thead>\n<tr><th scope=\"col\" rowspan=\"2\">Đơn vị</th><th scope=\"col\" rowspan=\"2\">Đăng ký</th>");
    if r.has_delivery {
        for label in [
            "Đã gửi thư mời",
            "Đã đến hộp thư",
            "Thư bị trả lại",
            "Bị đánh dấu thư rác",
            "Đã xác nhận hộp thư",
        ] {
            let _ = write!(h, "<th scope=\"col\" rowspan=\"2\">{label}</th>");
        }
    }
    for (i, f) in r.forms.iter().enumerate() {
        let _ = write!(
            h,
            "<th scope=\"colgroup\" colspan=\"2\"><abbr title=\"{}\">{}</abbr></th>",
            esc(&f.title),
            r.form_label(i)
        );
    }
    h.push_str("<th scope=\"col\" rowspan=\"2\">Ghi chú</th></tr>\n<tr>");
    for _ in 0..nforms {
        h.push_str("<th scope=\"col\">Trả lời</th><th scope=\"col\">Tỷ lệ</th>");
    }
    h.push_str("</tr>\n</thead>\n");

    let mut section: Option<Section> = None;
    for row in &r.rows {
        if section != Some(row.section) {
            if section.is_some() {
                h.push_str("</tbody>\n");
            }
            section = Some(row.section);
            let _ = writeln!(
                h,
                "<tbody>\n<tr><th scope=\"rowgroup\" colspan=\"{ncols}\" class=\"group\">{}</th></tr>",
                row.section.label_vi()
            );
        }
        let mut name = esc(&row.unit);
        if let Some(now) = &row.now_part_of {
            let _ = write!(name, " <span class=\"now\">(nay thuộc {})</span>", esc(now));
        }
        let notes: Vec<String> = row.flags.iter().map(|f| flag_text(r, f)).collect();
        tr(h, r, "", &name, &row.counts, &row.flags, &notes);
        for sub in &row.sub_units {
            let notes: Vec<String> = sub.flags.iter().map(|f| flag_text(r, f)).collect();
            let name = format!("<span aria-hidden=\"true\">└ </span>{}", esc(&sub.name));
            tr(h, r, "sub-unit", &name, &sub.counts, &sub.flags, &notes);
        }
    }
    if section.is_some() {
        h.push_str("</tbody>\n");
    }
    h.push_str("<tfoot>\n<tr><th scope=\"row\">Tổng cộng (tính từ các dòng)</th>");
    counts_cells(h, r, &r.totals, &[], |f| r.total_rate(f));
    h.push_str("<td></td></tr>\n</tfoot>\n</table>\n</div>\n");
}

fn tr(
    h: &mut String,
    r: &Report,
    class: &str,
    name: &str,
    c: &Counts,
    flags: &[Flag],
    notes: &[String],
) {
    let mut classes = vec![class];
    if flags.iter().any(|f| matches!(f, Flag::Impossible { .. })) {
        classes.push("impossible");
    } else if flags
        .iter()
        .any(|f| matches!(f, Flag::BelowThreshold { .. }))
    {
        classes.push("below");
    }
    let classes = classes.join(" ");
    let classes = classes.trim();
    if classes.is_empty() {
        h.push_str("<tr>");
    } else {
        let _ = write!(h, "<tr class=\"{classes}\">");
    }
    let _ = write!(h, "<th scope=\"row\">{name}</th>");
    counts_cells(h, r, c, flags, |f| c.rate(f));
    let _ = writeln!(
        h,
        "<td class=\"notes\">{}</td></tr>",
        esc(&notes.join("; "))
    );
}

fn counts_cells(
    h: &mut String,
    r: &Report,
    c: &Counts,
    flags: &[Flag],
    rate: impl Fn(usize) -> Option<f64>,
) {
    let _ = write!(h, "<td class=\"num\">{}</td>", fmt_int(c.registered));
    if r.has_delivery {
        for n in [
            c.invited,
            c.delivered,
            c.bounced,
            c.complained,
            c.confirmed_mailbox,
        ] {
            let _ = write!(h, "<td class=\"num\">{}</td>", fmt_int(n));
        }
    }
    for (f, answered) in c.answered.iter().enumerate() {
        let impossible = flags
            .iter()
            .any(|fl| matches!(fl, Flag::Impossible { form, .. } if *form == f));
        let rate = rate(f);
        let low = rate.is_some_and(|x| x < r.threshold);
        match (answered, impossible) {
            (Some(a), true) => {
                let _ = write!(
                    h,
                    "<td class=\"num impossible\">{} <span class=\"mark\">!!</span></td>",
                    fmt_int(*a)
                );
            }
            (Some(a), false) => {
                let _ = write!(h, "<td class=\"num\">{}</td>", fmt_int(*a));
            }
            (None, _) => h.push_str("<td class=\"num\">—</td>"),
        }
        if low {
            let _ = write!(
                h,
                "<td class=\"num low\">{} <span class=\"mark\">▼</span></td>",
                fmt_rate(rate)
            );
        } else {
            let _ = write!(h, "<td class=\"num\">{}</td>", fmt_rate(rate));
        }
    }
}

fn notes(h: &mut String, r: &Report) {
    h.push_str("<h2 id=\"ghi-chu\">Ghi chú</h2>\n<dl class=\"legend\">\n");
    for (i, f) in r.forms.iter().enumerate() {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", r.form_label(i), esc(&f.title));
    }
    h.push_str("</dl>\n<ul>\n");
    let _ = writeln!(
        h,
        "<li>Tỷ lệ trả lời = số phiếu đã nộp / số người đăng ký của đơn vị. Dòng tổng cộng được tính bằng cách cộng các dòng; \
         tỷ lệ tổng của mỗi phiếu chỉ tính các đơn vị áp dụng phiếu đó.</li>\n\
         <li>Đơn vị được đánh dấu ▼ khi tỷ lệ trả lời phiếu chính (phiếu đầu tiên áp dụng cho đơn vị) dưới {}.</li>",
        fmt_rate(Some(r.threshold))
    );
    let impossible: Vec<String> = r
        .flagged_impossible()
        .flat_map(|row| {
            row.flags
                .iter()
                .filter(|f| matches!(f, Flag::Impossible { .. }))
                .map(move |f| format!("{}: {}", row.unit, flag_text(r, f)))
        })
        .collect();
    if !impossible.is_empty() {
        let _ = writeln!(
            h,
            "<li>{} dòng có số trả lời nhiều hơn số đăng ký. Các dòng này được giữ nguyên và đánh dấu !! để đơn vị kiểm tra lại \
             (phiếu ghi nhầm đơn vị, hoặc danh sách đăng ký thiếu):<ul>",
            impossible.len()
        );
        for line in &impossible {
            let _ = writeln!(h, "<li>{}</li>", esc(line));
        }
        h.push_str("</ul></li>\n");
    }
    for n in &r.notes {
        let _ = writeln!(h, "<li>{}</li>", esc(n));
    }
    h.push_str("</ul>\n");
}
