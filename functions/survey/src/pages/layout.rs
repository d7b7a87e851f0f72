//! The page frame of theme/templates/base.html (header, navigation, footer,
//! skip link), without the search box's script and with unhashed asset names,
//! because the function does not know the site build's hashes.

use super::esc;

const SITE_TITLE: &str = "Cổng thông tin đánh giá cải cách hành chính";
const PUBLISHER: &str = "Bộ Nội vụ – Vụ Cải cách hành chính";

/// The site's main navigation (generator/site/src/context.rs).
const NAV: &[(&str, &str)] = &[
    ("kien-thuc", "Kiến thức"),
    ("van-ban", "Văn bản"),
    ("hoi-dap", "Hỏi đáp"),
    ("gop-y", "Góp ý dự thảo"),
    ("khao-sat", "Khảo sát"),
    ("tin-tuc", "Tin tức"),
];

/// A whole page. `with_script` adds survey.js (form pages only).
pub fn layout(title: &str, content: &str, with_script: bool) -> String {
    let nav: String = NAV
        .iter()
        .map(|(key, label)| {
            let current = if *key == "khao-sat" {
                " aria-current=\"true\""
            } else {
                ""
            };
            format!("      <li><a href=\"/{key}/\"{current}>{label}</a></li>\n")
        })
        .collect();
    let script = if with_script {
        "<script src=\"/assets/survey.js\" defer></script>\n"
    } else {
        ""
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title} – {SITE_TITLE}</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
{script}</head>
<body>
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">CCHC</span>
      <span class="brand-text">{SITE_TITLE}</span>
    </a>
  </div>
  <nav class="site-nav" aria-label="Điều hướng chính">
    <ul class="wrap">
{nav}    </ul>
  </nav>
</header>
<main id="noi-dung" class="wrap" tabindex="-1">
{content}</main>
<footer class="site-footer">
  <div class="wrap">
    <p><strong>{PUBLISHER}</strong></p>
    <ul class="footer-links">
      <li><a href="/gioi-thieu/">Giới thiệu</a></li>
      <li><a href="/chinh-sach-bao-mat/">Chính sách bảo vệ dữ liệu cá nhân</a></li>
      <li><a href="/lien-he/">Liên hệ</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
"##,
        title = esc(title),
    )
}
