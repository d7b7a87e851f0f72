use std::collections::HashMap;
use std::path::Path;

use tera::{Tera, Value};

/// Loads `theme/templates/**` and registers the Vietnamese filters.
pub fn load(templates_dir: &Path) -> Result<Tera, String> {
    let glob = format!("{}/**/*", templates_dir.display());
    let mut tera = Tera::new(&glob).map_err(|e| format!("theme templates: {}", error_chain(&e)))?;
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    register(&mut tera);
    Ok(tera)
}

/// tera's default escaper also escapes `/`, which bloats every URL
/// (`&#x2F;`) for no safety gain in quoted attributes; use the shared one.
pub use vntext::escape_html;

pub fn register(tera: &mut Tera) {
    tera.register_filter("date_vi", date_filter(vntext::format_date));
    tera.register_filter("date_short", date_filter(vntext::format_date_short));
    tera.register_filter("datetime_vi", datetime_vi);
    tera.register_filter("filesize", filesize);
    tera.register_filter("num_vi", num_vi);
    tera.register_filter("slug", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(vntext::slugify(v.as_str().unwrap_or(""))))
    });
}

fn date_filter(f: fn(chrono::NaiveDate) -> String) -> impl tera::Filter {
    move |v: &Value, _: &HashMap<String, Value>| {
        let s = v.as_str().unwrap_or("");
        let date = s
            .get(..10)
            .and_then(vntext::parse_date)
            .ok_or_else(|| tera::Error::msg(format!("not a date: {s:?}")))?;
        Ok(Value::String(f(date)))
    }
}

fn datetime_vi(v: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let s = v.as_str().unwrap_or("");
    let t = chrono::DateTime::parse_from_rfc3339(s)
        .map_err(|_| tera::Error::msg(format!("not a date-time: {s:?}")))?;
    Ok(Value::String(vntext::format_datetime(t)))
}

/// "12,5 kB": Vietnamese writes the decimal comma.
fn filesize(v: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let n = v.as_u64().unwrap_or(0) as f64;
    let s = if n < 1024.0 {
        format!("{n} B")
    } else if n < 1024.0 * 1024.0 {
        format!("{:.1} kB", n / 1024.0)
    } else {
        format!("{:.1} MB", n / 1024.0 / 1024.0)
    };
    Ok(Value::String(s.replace('.', ",")))
}

/// "41,25": a score with the Vietnamese decimal comma, `digits` decimals (2
/// unless told), as the published tables write it.
fn num_vi(v: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let n = v
        .as_f64()
        .ok_or_else(|| tera::Error::msg(format!("not a number: {v}")))?;
    let digits = args.get("digits").and_then(Value::as_u64).unwrap_or(2) as usize;
    Ok(Value::String(format!("{n:.digits$}").replace('.', ",")))
}

/// Tera hides the real cause (a missing variable, the template line) in the
/// error's source chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_print_vietnamese_forms() {
        let mut t = Tera::default();
        register(&mut t);
        t.add_raw_template(
            "x",
            "{{ d | date_vi }}|{{ d | date_short }}|{{ n | filesize }}|{{ s | slug }}",
        )
        .unwrap();
        let mut c = tera::Context::new();
        c.insert("d", "2021-11-09");
        c.insert("n", &12800);
        c.insert("s", "Lĩnh vực Đất đai");
        assert_eq!(
            t.render("x", &c).unwrap(),
            "ngày 09 tháng 11 năm 2021|09/11/2021|12,5 kB|linh-vuc-dat-dai"
        );
    }
}
