//! What a file is, from its bytes, never from its name: a renamed executable
//! is refused whatever it is called.

/// The attachment types the form accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Doc,
    Docx,
    Xls,
    Xlsx,
    Jpeg,
    Png,
}

impl Kind {
    /// The extension the file is stored and published under.
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Doc => "doc",
            Kind::Docx => "docx",
            Kind::Xls => "xls",
            Kind::Xlsx => "xlsx",
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Doc => "application/msword",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xls => "application/vnd.ms-excel",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Doc => "DOC",
            Kind::Docx => "DOCX",
            Kind::Xls => "XLS",
            Kind::Xlsx => "XLSX",
            Kind::Jpeg => "JPG",
            Kind::Png => "PNG",
        }
    }

    pub fn from_ext(ext: &str) -> Option<Kind> {
        [
            Kind::Pdf,
            Kind::Doc,
            Kind::Docx,
            Kind::Xls,
            Kind::Xlsx,
            Kind::Jpeg,
            Kind::Png,
        ]
        .into_iter()
        .find(|k| k.ext() == ext)
    }
}

/// The accepted type of `bytes`, or `None` for anything else (executables,
/// archives, scripts, PowerPoint, text...).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    use infer::{doc, image};
    if bytes.starts_with(b"%PDF-") {
        return Some(Kind::Pdf);
    }
    if image::is_png(bytes) {
        return Some(Kind::Png);
    }
    if image::is_jpeg(bytes) {
        return Some(Kind::Jpeg);
    }
    // DOCX and XLSX are zip packages told apart by their parts (word/, xl/);
    // any other zip is refused.
    if doc::is_docx(bytes) {
        return Some(Kind::Docx);
    }
    if doc::is_xlsx(bytes) {
        return Some(Kind::Xlsx);
    }
    // DOC and XLS are OLE compound files told apart by their class id.
    if doc::is_doc(bytes) {
        return Some(Kind::Doc);
    }
    if doc::is_xls(bytes) {
        return Some(Kind::Xls);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_do_not_matter_content_does() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Kind::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Some(Kind::Jpeg));
        // A Windows executable, an ELF binary, a plain zip, a shell script.
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff"), None);
        assert_eq!(sniff(b"\x7fELF\x02\x01\x01\0"), None);
        assert_eq!(sniff(b"PK\x03\x04\x14\0\0\0\0\0"), None);
        assert_eq!(sniff(b"#!/bin/sh\nrm -rf /\n"), None);
        assert_eq!(sniff(b""), None);
    }
}
