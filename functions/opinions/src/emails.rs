//! The acknowledgement sent when a person leaves an email with an opinion.

use std::collections::BTreeMap;

use mailer::Email;
use web::esc;

use crate::app::App;
use crate::consultations::Consultation;
use crate::opinion::StoredOpinion;

pub fn acknowledgement(app: &App, c: &Consultation, o: &StoredOpinion, to: &str) -> Email {
    let part = c.part_label(&o.part).unwrap_or_else(|| o.part.clone());
    let page = format!("{}{}", app.base_url, c.path());
    let subject = format!("Đã nhận ý kiến góp ý: {}", c.title);
    let text = format!(
        "Kính gửi ông/bà {name},\n\n\
         Cổng thông tin đã nhận ý kiến của ông/bà về \"{title}\" ({part}), mã ý kiến {id}.\n\n\
         Nội dung ý kiến:\n{body}\n\n\
         Bản tổng hợp, tiếp thu, giải trình sẽ được công bố tại {page}\n\n\
         Địa chỉ thư điện tử này chỉ được dùng để báo tin về dự thảo và được xóa 12 tháng sau khi kết thúc lấy ý kiến.\n\n\
         Trân trọng,\nVụ Cải cách hành chính – Bộ Nội vụ\n",
        name = o.name,
        title = c.title,
        id = o.id,
        body = o.text,
    );
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{subj}</title>\n</head>\n<body>\n\
         <p>Kính gửi ông/bà {name},</p>\n\
         <p>Cổng thông tin đã nhận ý kiến của ông/bà về “{title}” ({part}), mã ý kiến <strong>{id}</strong>.</p>\n\
         <p>Nội dung ý kiến:</p>\n<blockquote>{body}</blockquote>\n\
         <p>Bản tổng hợp, tiếp thu, giải trình sẽ được công bố tại <a href=\"{page}\">trang dự thảo</a>.</p>\n\
         <p>Địa chỉ thư điện tử này chỉ được dùng để báo tin về dự thảo và được xóa 12 tháng sau khi kết thúc lấy ý kiến.</p>\n\
         <p>Trân trọng,<br>Vụ Cải cách hành chính – Bộ Nội vụ</p>\n</body>\n</html>\n",
        subj = esc(&subject),
        name = esc(&o.name),
        title = esc(&c.title),
        part = esc(&part),
        id = esc(&o.id),
        body = esc(&o.text).replace('\n', "<br>\n"),
        page = esc(&page),
    );
    Email {
        to: to.to_owned(),
        subject,
        html,
        text,
        tags: BTreeMap::from([("kind".to_owned(), "opinion-ack".to_owned())]),
        headers: BTreeMap::new(),
        configuration_set: app.settings.configuration_set.clone(),
    }
}
