//! The search page and its index, built from every page's plain text.

use content::Diagnostics;

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;

pub fn render_search(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    let path = "/tim-kiem/";
    let mut crumbs = site.crumbs_to("");
    crumbs.push(Crumb {
        title: "Tìm kiếm".into(),
        path: path.into(),
    });
    let ctx = site.base_context("Tìm kiếm", path, "tim-kiem", crumbs);
    site.emit(out, diags, "search.html", path, &ctx);
}
