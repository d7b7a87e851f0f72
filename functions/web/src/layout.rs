//! The page frame of theme/templates/base.html (skip link, header, navigation,
//! footer) for pages a function renders. Asset names are unhashed because a
//! function does not know the site build's hashes; the build publishes a copy
//! under the plain name for exactly this.

use content::NAV;
pub use vntext::escape_html as esc;

const SITE_TITLE: &str = "Cổng thông tin đánh giá cải cách hành chính";
const PUBLISHER: &str = "Bộ Nội vụ – Vụ Cải cách hành chính";

pub struct PageFrame<'a> {
    pub title: &'a str,
    /// Navigation key of the section the page belongs to (`gop-y`, `hoi-dap`).
    pub section: &'a str,
    /// Script files under /assets/, loaded with `defer`.
    pub scripts: &'a [&'a str],
}

/// A whole page around `content` (already HTML).
pub fn layout(frame: &PageFrame, content: &str) -> String {
    let nav: String = NAV
        .iter()
        .map(|(key, label)| {
            let current = if *key == frame.section {
                " aria-current=\"true\""
            } else {
                ""
            };
            format!("      <li><a href=\"/{key}/\"{current}>{label}</a></li>\n")
        })
        .collect();
    let scripts: String = frame
        .scripts
        .iter()
        .map(|s| format!("<script src=\"/assets/{}\" defer></script>\n", esc(s)))
        .collect();
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
{scripts}</head>
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
        title = esc(frame.title),
    )
}
