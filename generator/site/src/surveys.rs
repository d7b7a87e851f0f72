//! Survey campaign pages: the campaign's dates and forms, and for public
//! campaigns one static page per form that posts to the survey function.
//! The form HTML comes from survey-core, the same code the function uses.

use content::Diagnostics;
use serde::Serialize;
use survey_core::render::{form_html, FormRender};
use survey_core::{Access, Campaign};

use crate::context::Crumb;
use crate::output::Output;
use crate::site::Site;

#[derive(Debug, Serialize)]
pub struct CampaignView {
    pub id: String,
    pub title: String,
    pub status: &'static str,
    pub status_key: String,
    pub opens_at: String,
    pub closes_at: String,
    pub public: bool,
    pub groups: Vec<String>,
    pub forms: Vec<FormView>,
}

#[derive(Debug, Serialize)]
pub struct FormView {
    pub id: String,
    pub title: String,
    pub groups: Vec<String>,
    /// The static page of a public form.
    pub path: Option<String>,
}

impl Site {
    pub(crate) fn campaign_view(&self, c: &Campaign) -> CampaignView {
        let status = c.status_at(&self.now);
        let public = c.access() == Access::Public;
        let group_name = |id: &str| {
            c.group(id)
                .map(|g| g.name().to_owned())
                .unwrap_or_else(|| id.to_owned())
        };
        CampaignView {
            id: c.id().to_string(),
            title: c.title().to_owned(),
            status: status.label_vi(),
            status_key: format!("{status:?}").to_lowercase(),
            opens_at: vntext::format_datetime(c.schedule().opens_at()),
            closes_at: vntext::format_datetime(c.schedule().closes_at()),
            public,
            groups: c.groups().iter().map(|g| g.name().to_owned()).collect(),
            forms: c
                .forms()
                .iter()
                .map(|f| FormView {
                    id: f.id().to_string(),
                    title: f.title().to_owned(),
                    groups: f.groups().iter().map(|g| group_name(g.as_ref())).collect(),
                    path: public.then(|| format!("/khao-sat/{}/{}/", c.id(), f.id())),
                })
                .collect(),
        }
    }

    pub(crate) fn campaign(&self, page_slug: &str) -> Option<&Campaign> {
        self.campaigns.iter().find(|c| c.id().as_ref() == page_slug)
    }
}

/// One page per form of each public campaign, with the form itself.
pub fn render_public_forms(site: &Site, out: &mut Output, diags: &mut Diagnostics) {
    for c in site
        .campaigns
        .iter()
        .filter(|c| c.access() == Access::Public)
    {
        let campaign_path = format!("/khao-sat/{}/", c.id());
        let open = c.status_at(&site.now) == survey_core::CampaignStatus::Open;
        for f in c.forms() {
            let path = format!("/khao-sat/{}/{}/", c.id(), f.id());
            let action = format!(
                "{}/khao-sat/{}/cong-khai/{}",
                site.config.api_base,
                c.id(),
                f.id()
            );
            let html = form_html(
                f,
                &FormRender {
                    action: &action,
                    answers: None,
                    errors: &[],
                    readonly: !open,
                    hidden: &[],
                    submit_label: "Gửi phiếu",
                    draft_label: None,
                },
            );
            let mut crumbs = site.crumbs_to("khao-sat");
            crumbs.push(Crumb {
                title: c.title().to_owned(),
                path: campaign_path.clone(),
            });
            crumbs.push(Crumb {
                title: f.title().to_owned(),
                path: path.clone(),
            });
            let mut ctx = site.base_context(f.title(), &path, "khao-sat", crumbs);
            ctx.insert("campaign", &site.campaign_view(c));
            ctx.insert("form_title", f.title());
            ctx.insert("form_intro", f.intro());
            ctx.insert("form_html", &html);
            ctx.insert("form_rules", &f.client_rules_json());
            ctx.insert("open", &open);
            site.emit(out, diags, "survey_form.html", &path, &ctx);
        }
    }
}
