//! The mail the survey sends: invitations and receipts, HTML and text alike.

use std::collections::BTreeMap;

use mailer::Email;
use survey_core::{Campaign, Form};

use crate::answers::Receipt;
use crate::app::App;
use crate::pages::{esc, vn_time, vn_time_str};

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

/// The invitation with the personal link.
pub fn invitation(app: &App, campaign: &Campaign, name: &str, to: &str, link: &str) -> Email {
    let closes = vn_time(&campaign.schedule().closes_at());
    let subject = format!("Thư mời tham gia khảo sát: {}", campaign.title());
    let text = format!(
        "Kính gửi ông/bà {name},\n\n\
         Bộ Nội vụ trân trọng mời ông/bà tham gia khảo sát \"{title}\".\n\n\
         Đường dẫn trả lời phiếu dành riêng cho ông/bà:\n{link}\n\n\
         Ông/bà có thể lưu nháp và quay lại bằng đường dẫn này cho đến {closes}. \
         Vui lòng không chuyển tiếp thư này: đường dẫn là riêng của ông/bà.\n\n\
         Trân trọng,\nVụ Cải cách hành chính – Bộ Nội vụ\n",
        title = campaign.title()
    );
    let html = html_doc(
        &subject,
        &format!(
            "<p>Kính gửi ông/bà {},</p>\n<p>Bộ Nội vụ trân trọng mời ông/bà tham gia khảo sát “{}”.</p>\n\
             <p><a href=\"{}\">Mở phiếu khảo sát của ông/bà</a></p>\n\
             <p>Hoặc sao chép đường dẫn: {}</p>\n\
             <p>Ông/bà có thể lưu nháp và quay lại bằng đường dẫn này cho đến {}. Vui lòng không chuyển tiếp thư này: đường dẫn là riêng của ông/bà.</p>\n\
             <p>Trân trọng,<br>Vụ Cải cách hành chính – Bộ Nội vụ</p>\n",
            esc(name),
            esc(campaign.title()),
            esc(link),
            esc(link),
            esc(&closes)
        ),
    );
    Email {
        to: to.to_owned(),
        subject,
        html,
        text,
        tags: tags("invitation", campaign),
        headers: BTreeMap::new(),
        configuration_set: app.settings.configuration_set.clone(),
    }
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
