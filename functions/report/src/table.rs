//! Aligned text for a terminal. Widths count characters: after NFC every
//! Vietnamese letter, tone marks included, is one character and one column.

use crate::model::{flag_text, fmt_int, fmt_rate, Counts, Flag, Report};

pub fn render(report: &Report) -> String {
    let mut header = vec!["Đơn vị".to_owned(), "Đăng ký".into()];
    if report.has_delivery {
        header
            .extend(["Đã gửi", "Đến hộp thư", "Trả lại", "Thư rác", "Xác nhận"].map(String::from));
    }
    for i in 0..report.forms.len() {
        header.push(format!("{} TL", report.form_label(i)));
        header.push("Tỷ lệ".into());
    }
    header.push("".into());

    let cells = |name: String, c: &Counts, rates: Vec<Option<f64>>, flags: &[Flag]| {
        let mut v = vec![name, fmt_int(c.registered)];
        if report.has_delivery {
            v.extend(
                [
                    c.invited,
                    c.delivered,
                    c.bounced,
                    c.complained,
                    c.confirmed_mailbox,
                ]
                .map(fmt_int),
            );
        }
        for (a, r) in c.answered.iter().zip(rates) {
            v.push(a.map_or("—".into(), fmt_int));
            v.push(fmt_rate(r));
        }
        let marks: Vec<&str> = flags
            .iter()
            .map(|f| match f {
                Flag::Impossible { .. } => "!! bất thường",
                Flag::BelowThreshold { .. } => "▼ dưới ngưỡng",
                Flag::NoneRegistered => "○ không đăng ký",
            })
            .collect();
        v.push(marks.join(", "));
        v
    };
    let nforms = report.forms.len();
    let mut lines: Vec<Option<Vec<String>>> = vec![Some(header)];
    let mut section = None;
    for row in &report.rows {
        if section != Some(row.section) {
            section = Some(row.section);
            lines.push(None);
            lines.push(Some(vec![row.section.label_vi().to_uppercase()]));
        }
        let rates = (0..nforms).map(|f| row.counts.rate(f)).collect();
        lines.push(Some(cells(
            row.unit.clone(),
            &row.counts,
            rates,
            &row.flags,
        )));
        for sub in &row.sub_units {
            let rates = (0..nforms).map(|f| sub.counts.rate(f)).collect();
            lines.push(Some(cells(
                format!("  └ {}", sub.name),
                &sub.counts,
                rates,
                &sub.flags,
            )));
        }
    }
    lines.push(None);
    let rates = (0..nforms).map(|f| report.total_rate(f)).collect();
    lines.push(Some(cells("TỔNG CỘNG".into(), &report.totals, rates, &[])));

    let ncols = lines.iter().flatten().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0; ncols];
    for l in lines.iter().flatten().filter(|l| l.len() > 1) {
        for (i, c) in l.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let total_width: usize = widths.iter().sum::<usize>() + 2 * ncols;
    let mut out = String::new();
    out.push_str(&format!("{} ({})\n", report.title, report.campaign));
    out.push_str(&format!(
        "Lập {}\n\n",
        vntext::format_date(report.generated_on)
    ));
    for l in &lines {
        match l {
            None => out.push_str(&"─".repeat(total_width.min(160))),
            Some(l) if l.len() == 1 => out.push_str(&l[0]),
            Some(l) => {
                let mut line = String::new();
                for (i, c) in l.iter().enumerate() {
                    let pad = widths[i] - c.chars().count();
                    if i == 0 || i == l.len() - 1 {
                        line.push_str(c);
                        line.push_str(&" ".repeat(pad));
                    } else {
                        line.push_str(&" ".repeat(pad));
                        line.push_str(c);
                    }
                    line.push_str("  ");
                }
                out.push_str(line.trim_end());
            }
        }
        out.push('\n');
    }
    out.push('\n');
    for (i, f) in report.forms.iter().enumerate() {
        out.push_str(&format!("{}: {}\n", report.form_label(i), f.title));
    }
    out.push_str(&format!(
        "Tỷ lệ = số trả lời / số đăng ký. ▼ tỷ lệ phiếu chính dưới {}; !! số trả lời nhiều hơn số đăng ký.\n",
        fmt_rate(Some(report.threshold))
    ));
    for row in report.flagged_impossible() {
        for f in row
            .flags
            .iter()
            .filter(|f| matches!(f, Flag::Impossible { .. }))
        {
            out.push_str(&format!("!! {}: {}\n", row.unit, flag_text(report, f)));
        }
    }
    for n in &report.notes {
        out.push_str(&format!("Ghi chú: {n}\n"));
    }
    out
}
