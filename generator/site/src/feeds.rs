//! Atom feeds for news, documents and Q&A.

use content::Diagnostics;

use crate::output::Output;
use crate::site::Site;

pub fn render_feeds(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    for name in ["tin-tuc", "van-ban", "hoi-dap"] {
        let Some(section) = site.library.section(name) else {
            continue;
        };
        let items: Vec<_> = site.section_summaries(name).into_iter().take(30).collect();
        let path = format!("/{name}/atom.xml");
        let mut ctx = site.base_context(&section.title, &path, name, Vec::new());
        ctx.insert("section", section);
        ctx.insert("items", &items);
        ctx.insert(
            "updated",
            &items
                .iter()
                .filter_map(|s| s.date.clone())
                .max()
                .unwrap_or_else(|| site.now.date_naive().to_string()),
        );
        match site.render_template("atom.xml", &path, &ctx) {
            Ok(xml) => out.add(path.trim_start_matches('/').to_owned(), xml),
            Err(d) => diags.push(d),
        }
    }
}
