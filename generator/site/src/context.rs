use content::{Diagnostic, NAV};
use serde::Serialize;
use tera::Context;

use crate::output::Output;
use crate::site::Site;

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub title: String,
    pub path: String,
}

impl Site {
    /// What every template gets: the site, asset URLs, the canonical URL,
    /// which nav item is current and the breadcrumbs.
    pub(crate) fn base_context(
        &self,
        title: &str,
        path: &str,
        section: &str,
        crumbs: Vec<Crumb>,
    ) -> Context {
        let mut c = Context::new();
        c.insert("config", &self.config);
        c.insert("asset", &self.assets.urls);
        c.insert("page_title", title);
        c.insert("page_description", &self.config.description);
        c.insert("current_path", path);
        c.insert("current_section", section);
        c.insert("canonical", &format!("{}{}", self.config.base_url, path));
        c.insert("breadcrumbs", &crumbs);
        c.insert(
            "nav",
            &NAV.iter()
                .map(|(key, label)| NavItem { key, label })
                .collect::<Vec<_>>(),
        );
        c.insert("build_year", &chrono::Datelike::year(&self.now));
        c.insert("now", &self.now.to_rfc3339());
        c
    }

    /// Breadcrumbs down to a section (the page itself is added by the caller).
    pub(crate) fn crumbs_to(&self, section: &str) -> Vec<Crumb> {
        let mut v = vec![Crumb {
            title: "Trang chủ".into(),
            path: "/".into(),
        }];
        if let Some(s) = self
            .library
            .section(section)
            .filter(|_| !section.is_empty())
        {
            v.push(Crumb {
                title: s.title.clone(),
                path: s.path.clone(),
            });
        }
        v
    }

    /// Renders a template into `out`; a template error becomes a diagnostic
    /// naming the template and the page it was rendering.
    pub(crate) fn emit(
        &self,
        out: &mut Output,
        diags: &mut content::Diagnostics,
        template: &str,
        path: &str,
        ctx: &Context,
    ) {
        match self.render_template(template, path, ctx) {
            Ok(html) => out.add(Output::html_path(path), html),
            Err(d) => diags.push(d),
        }
    }

    /// Renders into bytes: the output is written as is, and `Tera::render`'s
    /// String would re-validate every byte as UTF-8 (5 % of a 10,000-page
    /// build's CPU; tera only ever writes `&str`).
    pub(crate) fn render_template(
        &self,
        template: &str,
        path: &str,
        ctx: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, ctx, &mut html)
            .map(|()| html)
            .map_err(|e| {
                Diagnostic::new(
                    format!("theme/templates/{template}"),
                    0,
                    format!("rendering {path}: {}", crate::templates::error_chain(&e)),
                )
            })
    }
}
