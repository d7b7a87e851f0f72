//! The mail the survey sends: invitations, reminders, mailbox checks (tera
//! templates in `mail/`) and receipts, HTML and text alike.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use mailer::{Email, MailError};
use survey_core::{Campaign, Form};
use tera::{Context, Tera};

use crate::answers::Receipt;
use crate::app::App;
use crate::pages::{esc, vn_time_str};

fn tags(kind: &str, campaign: &Campaign) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("kind".to_owned(), kind.to_owned()),
        ("campaign".to_owned(), campaign.id().to_string()),
    ])
}

fn html_doc(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

/// Who a mail goes to, as the respondent item has them.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub unit: &'a str,
    /// Group id of the campaign (its name is printed).
    pub group: &'a str,
}

/// The mail templates (tera), HTML and plain text; `.html` ones autoescape.
fn templates() -> Result<&'static Tera, MailError> {
    static TERA: OnceLock<Result<Tera, String>> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut t = Tera::default();
        t.add_raw_templates(vec![
            ("base.html", include_str!("../mail/base.html")),
            ("invitation.html", include_str!("../mail/invitation.html")),
            ("invitation.txt", include_str!("../mail/invitation.txt")),
            ("reminder.html", include_str!("../mail/reminder.html")),
            ("reminder.txt", include_str!("../mail/reminder.txt")),
            (
                "mailbox_check.html",
                include_str!("../mail/mailbox_check.html"),
            ),
            (
                "mailbox_check.txt",
                include_str!("../mail/mailbox_check.txt"),
            ),
        ])
        .map_err(|e| format!("{e:?}"))?;
        Ok(t)
    })
    .as_ref()
    .map_err(|e| MailError::Invalid(format!("mail templates: {e}")))
}

fn render_pair(
    app: &App,
    name: &str,
    subject: String,
    to: &Recipient<'_>,
    mut cx: Context,
    kind: &str,
    campaign: &Campaign,
) -> Result<Email, MailError> {
    let t = templates()?;
    cx.insert("subject", &subject);
    cx.insert("name", to.name);
    cx.insert("unit", to.unit);
    cx.insert(
        "group",
        &campaign
            .group(to.group)
            .map_or(to.group.to_owned(), |g| g.name().to_lowercase()),
    );
    cx.insert("campaign", campaign.title());
    cx.insert("contact", &campaign.contact());
    cx.insert(
        "deadline",
        &vntext::format_datetime(campaign.schedule().closes_at()),
    );
    cx.insert(
        "opens",
        &vntext::format_datetime(campaign.schedule().opens_at()),
    );
    let render = |file: String| {
        t.render(&file, &cx)
            .map_err(|e| MailError::Invalid(format!("mail template {file}: {e:?}")))
    };
    Ok(Email {
        to: to.email.to_owned(),
        subject,
        html: render(format!("{name}.html"))?,
        text: render(format!("{name}.txt"))?,
        tags: tags(kind, campaign),
        headers: BTreeMap::new(),
        configuration_set: app.settings.configuration_set.clone(),
    })
}

/// The invitation with the personal link; `resend` when a respondent asked
/// for it again.
pub fn invitation(
    app: &App,
    campaign: &Campaign,
    to: &Recipient<'_>,
    link: &str,
    resend: bool,
) -> Result<Email, MailError> {
    let mut cx = Context::new();
    cx.insert("link", link);
    cx.insert("resend", &resend);
    let subject = if resend {
        format!("Gửi lại đường dẫn khảo sát: {}", campaign.title())
    } else {
        format!("Thư mời tham gia khảo sát: {}", campaign.title())
    };
    let kind = if resend { "resend" } else { "invitation" };
    render_pair(app, "invitation", subject, to, cx, kind, campaign)
}

/// A reminder listing the forms not yet submitted, with the same link.
pub fn reminder(
    app: &App,
    campaign: &Campaign,
    to: &Recipient<'_>,
    link: &str,
    remaining: &[&Form],
) -> Result<Email, MailError> {
    let mut cx = Context::new();
    cx.insert("link", link);
    let titles: Vec<&str> = remaining.iter().map(|f| f.title()).collect();
    cx.insert("remaining", &titles);
    let subject = format!("Nhắc trả lời khảo sát: {}", campaign.title());
    render_pair(app, "reminder", subject, to, cx, "reminder", campaign)
}

/// The mailbox check before a campaign opens: one link to confirm receipt.
pub fn mailbox_check(
    app: &App,
    campaign: &Campaign,
    to: &Recipient<'_>,
    link: &str,
) -> Result<Email, MailError> {
    let mut cx = Context::new();
    cx.insert("link", link);
    let subject = format!("Xác nhận hộp thư nhận khảo sát: {}", campaign.title());
    render_pair(
        app,
        "mailbox_check",
        subject,
        to,
        cx,
        "mailbox-check",
        campaign,
    )
}

/// The receipt: which form, when, and the digest of the answers.
pub fn receipt(
    app: &App,
    campaign: &Campaign,
    form: &Form,
    name: &str,
    to: &str,
    r: &Receipt,
    url: &str,
) -> Email {
    let at = vn_time_str(&r.submitted_at);
    let subject = format!("Biên nhận phiếu khảo sát: {}", form.title());
    let text = format!(
        "Kính gửi ông/bà {name},\n\n\
         Phiếu \"{form}\" thuộc đợt khảo sát \"{title}\" đã được nộp lúc {at}.\n\n\
         Mã băm câu trả lời (SHA-256): {digest}\n\n\
         Biên nhận đầy đủ, có thể in: {url}\n\n\
         Trân trọng,\nVụ Cải cách hành chính – Bộ Nội vụ\n",
        form = form.title(),
        title = campaign.title(),
        digest = r.digest
    );
    let html = html_doc(
        &subject,
        &format!(
            "<p>Kính gửi ông/bà {},</p>\n<p>Phiếu “{}” thuộc đợt khảo sát “{}” đã được nộp lúc {}.</p>\n\
             <p>Mã băm câu trả lời (SHA-256): <code>{}</code></p>\n\
             <p><a href=\"{}\">Xem và in biên nhận đầy đủ</a></p>\n\
             <p>Trân trọng,<br>Vụ Cải cách hành chính – Bộ Nội vụ</p>\n",
            esc(name),
            esc(form.title()),
            esc(campaign.title()),
            esc(&at),
            esc(&r.digest),
            esc(url)
        ),
    );
    Email {
        to: to.to_owned(),
        subject,
        html,
        text,
        tags: tags("receipt", campaign),
        headers: BTreeMap::new(),
        configuration_set: app.settings.configuration_set.clone(),
    }
}
