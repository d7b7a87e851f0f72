//! The mail the questions function and the editors' tools send: the receipt
//! with the tracking code, and the one notice that the answer is published.

use std::collections::BTreeMap;

use mailer::Email;
use web::esc;

use crate::app::App;

fn html_doc(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{body}</body>\n</html>\n",
        esc(title)
    )
}

fn email(app: &App, to: &str, subject: String, text: String, html: String, kind: &str) -> Email {
    Email {
        to: to.to_owned(),
        subject,
        html,
        text,
        tags: BTreeMap::from([("kind".to_owned(), kind.to_owned())]),
        headers: BTreeMap::new(),
        configuration_set: app.settings.configuration_set.clone(),
    }
}

pub fn lookup_url(app: &App, code: &str) -> String {
    format!("{}{}tra-cuu?ma={code}", app.base_url, crate::API_PREFIX)
}

/// Sent right after the question is stored.
pub fn receipt(app: &App, code: &str, title: &str, name: &str, to: &str) -> Email {
    let url = lookup_url(app, code);
    let subject = format!("Đã nhận câu hỏi {code}");
    let text = format!(
        "Kính gửi ông/bà {name},\n\n\
         Cổng thông tin đã nhận câu hỏi \"{title}\" của ông/bà.\n\n\
         Mã theo dõi: {code}\n\
         Tra cứu tình trạng: {url}\n\n\
         Khi câu trả lời được đăng, Cổng sẽ gửi thư báo kèm đường dẫn đến câu trả lời.\n\n\
         Trân trọng,\nVụ Cải cách hành chính – Bộ Nội vụ\n"
    );
    let html = html_doc(
        &subject,
        &format!(
            "<p>Kính gửi ông/bà {},</p>\n<p>Cổng thông tin đã nhận câu hỏi “{}” của ông/bà.</p>\n\
             <p>Mã theo dõi: <strong>{}</strong></p>\n<p><a href=\"{}\">Tra cứu tình trạng câu hỏi</a></p>\n\
             <p>Khi câu trả lời được đăng, Cổng sẽ gửi thư báo kèm đường dẫn đến câu trả lời.</p>\n\
             <p>Trân trọng,<br>Vụ Cải cách hành chính – Bộ Nội vụ</p>\n",
            esc(name),
            esc(title),
            esc(code),
            esc(&url)
        ),
    );
    email(app, to, subject, text, html, "question-receipt")
}

/// Sent once, when the answer is published at `answer_url`.
pub fn answered(
    app: &App,
    code: &str,
    title: &str,
    name: &str,
    to: &str,
    answer_url: &str,
) -> Email {
    let subject = format!("Câu hỏi {code} đã được trả lời");
    let text = format!(
        "Kính gửi ông/bà {name},\n\n\
         Câu hỏi \"{title}\" (mã {code}) đã được trả lời và đăng tại:\n{answer_url}\n\n\
         Thông tin liên hệ của ông/bà được xóa 12 tháng sau ngày trả lời, theo Chính sách bảo vệ dữ liệu cá nhân.\n\n\
         Trân trọng,\nVụ Cải cách hành chính – Bộ Nội vụ\n"
    );
    let html = html_doc(
        &subject,
        &format!(
            "<p>Kính gửi ông/bà {},</p>\n<p>Câu hỏi “{}” (mã {}) đã được trả lời.</p>\n\
             <p><a href=\"{}\">Đọc câu trả lời</a></p>\n\
             <p>Thông tin liên hệ của ông/bà được xóa 12 tháng sau ngày trả lời, theo Chính sách bảo vệ dữ liệu cá nhân.</p>\n\
             <p>Trân trọng,<br>Vụ Cải cách hành chính – Bộ Nội vụ</p>\n",
            esc(name),
            esc(title),
            esc(code),
            esc(answer_url)
        ),
    );
    email(app, to, subject, text, html, "question-answered")
}
