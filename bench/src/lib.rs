//! The benchmark corpus: N pages of Vietnamese administrative-reform content
//! (knowledge articles, documents, questions and answers) with tags and
//! fields, generated from a seed, written three ways so that every tool
//! renders the same pages:
//!
//! - `ours/`: our content format (`site.yaml`, `content/`, `@/` links) with a
//!   copy of the real theme (`theme/`), so `cchc build` does everything it
//!   does for the shipped site: taxonomies, paginated lists, the documents
//!   facets, Atom feeds, the sitemap and the search index;
//! - `hugo/`: Hugo's layout (`hugo.toml`, `content/`, `layouts/`) with
//!   minimal templates: page, section list paginated by 20, taxonomy term
//!   pages paginated by 20, the taxonomy lists, RSS of the 30 newest for
//!   home and sections (our feeds hold 30), the sitemap; every list links
//!   the first, last and two neighbouring pages, as ours does;
//! - `eleventy/`: Eleventy 3 (`eleventy.config.mjs`, `content/`, Nunjucks
//!   layouts) with the same minimal templates; sections and terms are
//!   paginated by 20 through one collection of list pages.
//!
//! Pages average about 3.7 kB of markdown, near the shipped `content/` (3.0 kB
//! for its articles, documents and questions). The same seed gives
//! byte-identical files (see `tests/corpus.rs`).

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// splitmix64: tiny, seeded, good enough for text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }
    pub fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    /// Skewed towards the start of `xs` (a few popular tags, a long tail).
    pub fn pick_skewed<T: Copy>(&mut self, xs: &[T]) -> T {
        let a = self.below(xs.len());
        let b = self.below(xs.len());
        xs[a.min(b)]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    KienThuc,
    VanBan,
    HoiDap,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::KienThuc, Section::VanBan, Section::HoiDap];
    pub fn dir(self) -> &'static str {
        match self {
            Section::KienThuc => "kien-thuc",
            Section::VanBan => "van-ban",
            Section::HoiDap => "hoi-dap",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Section::KienThuc => "Kiến thức",
            Section::VanBan => "Văn bản",
            Section::HoiDap => "Hỏi đáp",
        }
    }
}

/// Fields specific to a kind of page.
#[derive(Debug, Clone)]
pub enum Extra {
    Article {
        category: &'static str,
        author: String,
    },
    Document {
        number: String,
        doc_type: &'static str,
        issuer: &'static str,
        signer: String,
        issued: Ymd,
        effective: Ymd,
        summary: String,
    },
    Question {
        asker: String,
        province: &'static str,
        asked: Ymd,
        answered: Ymd,
        question: String,
        code: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd(pub u16, pub u8, pub u8);

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.0, self.1, self.2)
    }
}

impl Ymd {
    fn plus_days(self, days: usize) -> Ymd {
        // Months of 28 days are enough for plausible, always-valid dates.
        let mut d = self.2 as usize + days;
        let mut m = self.1 as usize;
        let mut y = self.0 as usize;
        while d > 28 {
            d -= 28;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
        Ymd(y as u16, m as u8, d as u8)
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub index: usize,
    pub section: Section,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub date: Ymd,
    pub tags: Vec<&'static str>,
    pub fields: Vec<&'static str>,
    pub extra: Extra,
    /// Seed of the body, so each format writes the same text.
    body_seed: u64,
}

impl Page {
    /// Source path under `content/` in our format and Hugo's and Eleventy's.
    pub fn file(&self) -> String {
        match self.section {
            Section::VanBan => format!("van-ban/{}/index.md", self.slug),
            s => format!("{}/{}.md", s.dir(), self.slug),
        }
    }
    pub fn url(&self) -> String {
        format!("/{}/{}/", self.section.dir(), self.slug)
    }
}

#[derive(Debug, Clone)]
pub struct Corpus {
    pub seed: u64,
    pub pages: Vec<Page>,
}

// --- vocabulary ------------------------------------------------------------------

const FIELDS: &[&str] = &[
    "Thủ tục hành chính",
    "Tổ chức bộ máy",
    "Công vụ, công chức",
    "Chính phủ điện tử, chính phủ số",
    "Tài chính công",
    "Thể chế",
    "Đánh giá cải cách hành chính",
    "Hiện đại hóa hành chính",
];

const TAGS: &[&str] = &[
    "một cửa",
    "dịch vụ công trực tuyến",
    "số hóa",
    "chỉ số PAR INDEX",
    "SIPAS",
    "sự hài lòng",
    "chuyển đổi số",
    "cấp xã",
    "cấp huyện",
    "cấp tỉnh",
    "hộ kinh doanh",
    "đất đai",
    "hộ tịch",
    "cư trú",
    "đăng ký doanh nghiệp",
    "giấy phép xây dựng",
    "công chứng",
    "bảo hiểm xã hội",
    "thuế",
    "hải quan",
    "đầu tư công",
    "biên chế",
    "vị trí việc làm",
    "đánh giá cán bộ",
    "thi tuyển công chức",
    "đạo đức công vụ",
    "văn hóa công sở",
    "kỷ luật kỷ cương",
    "phân cấp",
    "ủy quyền",
    "sắp xếp đơn vị hành chính",
    "tinh giản biên chế",
    "tự chủ tài chính",
    "đơn vị sự nghiệp",
    "kho bạc",
    "chữ ký số",
    "định danh điện tử",
    "VNeID",
    "cơ sở dữ liệu dân cư",
    "liên thông",
    "thanh toán trực tuyến",
    "phản ánh kiến nghị",
    "tiếp công dân",
    "khiếu nại",
    "minh bạch",
    "trách nhiệm giải trình",
    "hội nghị trực tuyến",
    "văn bản điện tử",
    "lưu trữ điện tử",
    "báo cáo định kỳ",
    "kiểm soát thủ tục",
    "cắt giảm điều kiện kinh doanh",
    "rà soát văn bản",
    "pháp chế",
    "khảo sát",
    "thí điểm",
    "kinh nghiệm quốc tế",
    "Hàn Quốc",
    "Singapore",
    "Nhật Bản",
    "Estonia",
    "Đan Mạch",
    "Australia",
    "New Zealand",
    "OECD",
    "Ngân hàng Thế giới",
    "UNDP",
    "PAPI",
    "ISO 9001",
    "quản lý chất lượng",
    "năng suất",
    "đổi mới sáng tạo",
    "sáng kiến",
    "điển hình",
    "khen thưởng",
    "thanh tra công vụ",
    "kiểm tra",
    "giám sát",
    "tổ công tác",
    "người đứng đầu",
    "chính quyền đô thị",
    "nông thôn mới",
    "miền núi",
    "đồng bào dân tộc thiểu số",
    "người cao tuổi",
    "người khuyết tật",
    "thanh niên",
    "doanh nghiệp nhỏ và vừa",
    "hợp tác xã",
    "hành chính công",
    "lý luận",
    "mô hình",
    "hướng dẫn nghiệp vụ",
    "biểu mẫu",
    "quy trình nội bộ",
    "thời hạn giải quyết",
    "trễ hẹn",
    "xin lỗi",
    "tiếp nhận hồ sơ",
    "trả kết quả",
    "bưu chính công ích",
    "ki-ốt",
    "tổng đài",
    "Zalo",
    "cổng dịch vụ công quốc gia",
    "hệ thống thông tin giải quyết thủ tục",
    "dữ liệu mở",
    "an toàn thông tin",
    "bảo vệ dữ liệu cá nhân",
    "trí tuệ nhân tạo",
    "điện toán đám mây",
];

const CATEGORIES: &[&str] = &[
    "Lý luận hành chính công",
    "Mô hình trong nước",
    "Kinh nghiệm quốc tế",
    "Hướng dẫn nghiệp vụ",
];

const DOC_TYPES: &[(&str, &str)] = &[
    ("Luật", "QH15"),
    ("Nghị định", "NĐ-CP"),
    ("Nghị quyết", "NQ-CP"),
    ("Quyết định", "QĐ-BNV"),
    ("Thông tư", "TT-BNV"),
    ("Chỉ thị", "CT-UBND"),
    ("Công văn", "BNV-CCHC"),
    ("Báo cáo", "BC-BNV"),
    ("Kế hoạch", "KH-UBND"),
    ("Hướng dẫn", "HD-BNV"),
];

const ISSUERS: &[&str] = &[
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Văn phòng Chính phủ",
    "Bộ Thông tin và Truyền thông",
    "UBND tỉnh Bình Định",
    "UBND tỉnh Khánh Hòa",
    "UBND thành phố Hà Nội",
    "UBND Thành phố Hồ Chí Minh",
    "UBND tỉnh Quảng Ninh",
    "UBND tỉnh Đồng Tháp",
    "UBND tỉnh Thừa Thiên Huế",
    "UBND thành phố Đà Nẵng",
    "UBND tỉnh Nghệ An",
    "UBND tỉnh Lâm Đồng",
];

const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Hải Phòng",
    "Quảng Ninh",
    "Nghệ An",
    "Thanh Hóa",
    "Huế",
    "Đà Nẵng",
    "Quảng Nam",
    "Bình Định",
    "Khánh Hòa",
    "Đắk Lắk",
    "Lâm Đồng",
    "Đồng Nai",
    "Bình Dương",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
    "Đồng Tháp",
    "An Giang",
    "Cà Mau",
    "Lào Cai",
];

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Hữu",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tú",
    "Tuấn", "Việt", "Yến",
];
const RANKS: &[&str] = &[
    "Bộ trưởng",
    "Thứ trưởng",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Vụ trưởng",
];

const SUBJECTS: &[&str] = &[
    "Ủy ban nhân dân cấp xã",
    "Bộ phận Một cửa",
    "cán bộ, công chức",
    "người đứng đầu cơ quan",
    "các bộ, ngành",
    "chính quyền địa phương",
    "người dân và doanh nghiệp",
    "Văn phòng Chính phủ",
    "Sở Nội vụ",
    "tổ công tác cải cách hành chính",
    "cơ quan chuyên môn cấp tỉnh",
    "đơn vị sự nghiệp công lập",
    "Trung tâm Phục vụ hành chính công",
];
const VERBS: &[&str] = &[
    "cần rà soát",
    "phải công khai",
    "đã đơn giản hóa",
    "tiếp tục đẩy mạnh",
    "chủ động đánh giá",
    "tăng cường kiểm tra",
    "đã triển khai",
    "cần chuẩn hóa",
    "được giao theo dõi",
    "có trách nhiệm hướng dẫn",
    "đã số hóa",
    "đang thí điểm",
    "thường xuyên cập nhật",
];
const OBJECTS: &[&str] = &[
    "quy trình giải quyết thủ tục hành chính",
    "thành phần hồ sơ",
    "thời hạn giải quyết",
    "kết quả đánh giá chỉ số cải cách hành chính",
    "dữ liệu dân cư",
    "cơ sở dữ liệu chuyên ngành",
    "phiếu khảo sát sự hài lòng",
    "danh mục dịch vụ công trực tuyến toàn trình",
    "hồ sơ trễ hẹn",
    "ý kiến phản ánh, kiến nghị",
    "kế hoạch cải cách hành chính hằng năm",
    "biên chế và vị trí việc làm",
    "chi phí tuân thủ",
    "điều kiện kinh doanh",
    "hệ thống quản lý chất lượng",
    "văn bản quy phạm pháp luật",
];
const COMPLEMENTS: &[&str] = &[
    "theo đúng quy định của pháp luật",
    "trên môi trường điện tử",
    "trong năm nay",
    "để giảm thời gian đi lại của người dân",
    "nhằm nâng cao mức độ hài lòng",
    "bảo đảm công khai, minh bạch",
    "gắn với trách nhiệm người đứng đầu",
    "ở tất cả các cấp chính quyền",
    "theo lộ trình đã được phê duyệt",
    "thay vì yêu cầu nộp bản giấy",
    "kể cả ở vùng sâu, vùng xa",
    "trước ngày 31 tháng 12",
    "với sự tham gia của người dân",
];
const TOPICS: &[&str] = &[
    "Nâng cao chất lượng giải quyết thủ tục hành chính",
    "Đổi mới cơ chế một cửa liên thông",
    "Đo lường sự hài lòng của người dân",
    "Số hóa hồ sơ và kết quả giải quyết",
    "Đánh giá chỉ số cải cách hành chính",
    "Xây dựng chính quyền số",
    "Tinh gọn tổ chức bộ máy",
    "Quản lý công chức theo vị trí việc làm",
    "Cắt giảm chi phí tuân thủ",
    "Kiểm soát thủ tục hành chính",
    "Cải cách tài chính công",
    "Hoàn thiện thể chế hành chính",
    "Phát triển dịch vụ công trực tuyến",
    "Tăng cường kỷ luật, kỷ cương hành chính",
];
const QUALIFIERS: &[&str] = &[
    "tại cấp xã",
    "ở các tỉnh miền núi",
    "trong giai đoạn 2021–2030",
    "từ kinh nghiệm quốc tế",
    "bằng dữ liệu",
    "cho doanh nghiệp nhỏ",
    "theo hướng phục vụ",
    "sau sắp xếp đơn vị hành chính",
    "với sự tham gia của người dân",
    "qua khảo sát thực tế",
    "ở đô thị lớn",
];
const QUESTION_STARTS: &[&str] = &[
    "Thủ tục",
    "Hồ sơ",
    "Việc đánh giá",
    "Phiếu khảo sát",
    "Dịch vụ công",
    "Kết quả giải quyết",
];
const QUESTION_ENDS: &[&str] = &[
    "có thực hiện trực tuyến được không?",
    "mất bao lâu?",
    "cần những giấy tờ gì?",
    "do cơ quan nào giải quyết?",
    "có mất phí không?",
    "nộp ở đâu?",
    "có được ủy quyền cho người khác không?",
    "bị trễ hẹn thì xử lý thế nào?",
];
const HEADINGS: &[&str] = &[
    "Bối cảnh",
    "Nội dung chính",
    "Cách thực hiện",
    "Kết quả đạt được",
    "Những khó khăn",
    "Bài học kinh nghiệm",
    "Kiến nghị",
    "Căn cứ pháp lý",
    "Trách nhiệm thực hiện",
    "Tổ chức thực hiện",
];

// --- generation ------------------------------------------------------------------

fn person(r: &mut Rng) -> String {
    format!("{} {} {}", r.pick(FAMILY), r.pick(MIDDLE), r.pick(GIVEN))
}

fn sentence(r: &mut Rng) -> String {
    let s = r.pick(SUBJECTS);
    let mut out = String::new();
    let mut first = s.chars();
    if let Some(c) = first.next() {
        out.extend(c.to_uppercase());
        out.push_str(first.as_str());
    }
    let _ = write!(out, " {} {}", r.pick(VERBS), r.pick(OBJECTS));
    if r.chance(70) {
        let _ = write!(out, " {}", r.pick(COMPLEMENTS));
    }
    if r.chance(30) {
        let _ = write!(out, ", {} {}", r.pick(VERBS), r.pick(OBJECTS));
    }
    out.push('.');
    out
}

fn date(r: &mut Rng) -> Ymd {
    Ymd(
        r.range(2015, 2024) as u16,
        r.range(1, 12) as u8,
        r.range(1, 28) as u8,
    )
}

fn cap_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Generates `n` pages from `seed`: 40 % articles, 30 % documents, 30 % Q&A.
pub fn generate(n: usize, seed: u64) -> Corpus {
    let mut r = Rng::new(seed);
    let mut pages = Vec::with_capacity(n);
    for index in 0..n {
        let section = match index % 10 {
            0..=3 => Section::KienThuc,
            4..=6 => Section::VanBan,
            _ => Section::HoiDap,
        };
        let mut tags: Vec<&'static str> = Vec::new();
        for _ in 0..r.range(2, 4) {
            let t = r.pick_skewed(TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let mut fields: Vec<&'static str> = Vec::new();
        for _ in 0..r.range(1, 2) {
            let f = r.pick_skewed(FIELDS);
            if !fields.contains(&f) {
                fields.push(f);
            }
        }
        let d = date(&mut r);
        let description = format!("{} {}", sentence(&mut r), sentence(&mut r));
        let (title, extra) = match section {
            Section::KienThuc => (
                format!("{} {}", r.pick(TOPICS), r.pick(QUALIFIERS)),
                Extra::Article {
                    category: r.pick(CATEGORIES),
                    author: person(&mut r),
                },
            ),
            Section::VanBan => {
                let (doc_type, code) = r.pick(DOC_TYPES);
                let number = if matches!(doc_type, "Luật" | "Nghị định" | "Thông tư") {
                    format!("{}/{}/{}", index + 1, d.0, code)
                } else {
                    format!("{}/{}", index + 1, code)
                };
                let summary = format!(
                    "{} {} {}.",
                    cap_first(r.pick(VERBS)),
                    r.pick(OBJECTS),
                    r.pick(COMPLEMENTS)
                );
                let title = format!(
                    "{doc_type} {number} về {} {}",
                    r.pick(OBJECTS),
                    r.pick(QUALIFIERS)
                );
                let effective = d.plus_days(r.range(0, 60));
                (
                    title,
                    Extra::Document {
                        number,
                        doc_type,
                        issuer: r.pick(ISSUERS),
                        signer: format!("{} {}", r.pick(RANKS), person(&mut r)),
                        issued: d,
                        effective,
                        summary,
                    },
                )
            }
            Section::HoiDap => {
                let province = r.pick(PROVINCES);
                let subject = format!("{} {}", r.pick(QUESTION_STARTS), r.pick(OBJECTS));
                let title = format!("{subject} {}", r.pick(QUESTION_ENDS));
                let question = format!(
                    "Tôi ở {province}. {} Xin hỏi {} {}",
                    sentence(&mut r),
                    subject.to_lowercase(),
                    r.pick(QUESTION_ENDS)
                );
                (
                    title,
                    Extra::Question {
                        asker: format!("{}, {province}", person(&mut r)),
                        province,
                        asked: d,
                        answered: d.plus_days(r.range(1, 20)),
                        question,
                        code: format!("HD-{}-{:06}", d.0, index + 1),
                    },
                )
            }
        };
        let slug_words: Vec<String> = vntext::slugify(&title)
            .split('-')
            .take(7)
            .map(str::to_owned)
            .collect();
        let slug = format!("{}-{}", slug_words.join("-"), index + 1);
        let date = match &extra {
            Extra::Question { answered, .. } => *answered,
            _ => d,
        };
        pages.push(Page {
            index,
            section,
            slug,
            title,
            description,
            date,
            tags,
            fields,
            extra,
            body_seed: r.next_u64(),
        });
    }
    Corpus { seed, pages }
}

impl Corpus {
    /// The markdown body of page `i`; `link` turns a page into a link target.
    pub fn body(&self, i: usize, link: &dyn Fn(&Page) -> String) -> String {
        let p = &self.pages[i];
        let mut r = Rng::new(p.body_seed);
        let mut md = String::new();
        let para = |r: &mut Rng, md: &mut String, links: bool| {
            let n = r.range(2, 4);
            for k in 0..n {
                if k > 0 {
                    md.push(' ');
                }
                let s = sentence(r);
                if links && k == 1 && self.pages.len() > 1 {
                    let other = &self.pages[r.below(self.pages.len())];
                    let _ = write!(md, "Xem thêm [{}]({}). ", other.title, link(other));
                }
                if r.chance(10) {
                    let _ = write!(md, "**{s}**");
                } else {
                    md.push_str(&s);
                }
            }
            md.push_str("\n\n");
        };
        para(&mut r, &mut md, true);
        let sections = r.range(1, 3);
        for h in 0..sections {
            let _ = write!(md, "## {} {}\n\n", r.pick(HEADINGS), h + 1);
            para(&mut r, &mut md, h == 0);
            match r.below(3) {
                0 => {
                    for _ in 0..r.range(3, 5) {
                        let _ = writeln!(md, "- {}", sentence(&mut r));
                    }
                    md.push('\n');
                }
                1 => {
                    for k in 0..r.range(3, 5) {
                        let _ = writeln!(md, "{}. {}", k + 1, sentence(&mut r));
                    }
                    md.push('\n');
                }
                _ => {
                    md.push_str(
                        "| Chỉ tiêu | Năm trước | Năm nay | Ghi chú |\n|---|---:|---:|---|\n",
                    );
                    for _ in 0..r.range(3, 6) {
                        let _ = writeln!(
                            md,
                            "| {} | {},{} % | {},{} % | {} |",
                            cap_first(r.pick(OBJECTS)),
                            r.range(40, 95),
                            r.below(10),
                            r.range(40, 99),
                            r.below(10),
                            r.pick(COMPLEMENTS)
                        );
                    }
                    md.push('\n');
                }
            }
            if r.chance(30) {
                let _ = write!(md, "### {}\n\n", cap_first(r.pick(OBJECTS)));
                para(&mut r, &mut md, false);
            }
        }
        md
    }
}

// --- writing ---------------------------------------------------------------------

/// A YAML double-quoted scalar (JSON strings are YAML).
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(out: &mut String, key: &str, items: &[&str]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "{key}:");
    for i in items {
        let _ = writeln!(out, "  - {}", q(i));
    }
}

fn write_file(root: &Path, rel: &str, text: &str) -> io::Result<()> {
    let p = root.join(rel);
    if let Some(d) = p.parent() {
        fs::create_dir_all(d)?;
    }
    fs::write(p, vntext::nfc(text))
}

/// Which tool a page's front matter is written for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Ours,
    Hugo,
    Eleventy,
}

fn front_matter(p: &Page, flavour: Flavour) -> String {
    let mut fm = String::from("---\n");
    let _ = writeln!(fm, "title: {}", q(&p.title));
    let _ = writeln!(fm, "description: {}", q(&p.description));
    if flavour != Flavour::Ours
        || !matches!(p.extra, Extra::Question { .. } | Extra::Document { .. })
    {
        let _ = writeln!(fm, "date: {}", p.date);
    }
    list(&mut fm, "tags", &p.tags);
    list(&mut fm, "fields", &p.fields);
    match &p.extra {
        Extra::Article { category, author } => {
            let _ = writeln!(fm, "category: {}", q(category));
            let _ = writeln!(fm, "author: {}", q(author));
        }
        Extra::Document {
            number,
            doc_type,
            issuer,
            signer,
            issued,
            effective,
            summary,
        } => {
            let _ = writeln!(fm, "number: {}", q(number));
            let _ = writeln!(fm, "doc_type: {}", q(doc_type));
            let _ = writeln!(fm, "issuer: {}", q(issuer));
            let _ = writeln!(fm, "signer: {}", q(signer));
            let _ = writeln!(fm, "issued: {issued}");
            let _ = writeln!(fm, "effective: {effective}");
            let _ = writeln!(fm, "status: \"còn hiệu lực\"");
            let _ = writeln!(fm, "summary: {}", q(summary));
        }
        Extra::Question {
            asker,
            province,
            asked,
            answered,
            question,
            code,
        } => {
            let _ = writeln!(fm, "asker: {}", q(asker));
            let _ = writeln!(fm, "province: {}", q(province));
            let _ = writeln!(fm, "asked: {asked}");
            let _ = writeln!(fm, "answered: {answered}");
            let _ = writeln!(fm, "answered_by: \"Vụ Cải cách hành chính, Bộ Nội vụ\"");
            let _ = writeln!(fm, "code: {}", q(code));
            let _ = writeln!(fm, "question: {}", q(question));
        }
    }
    fm.push_str("---\n\n");
    fm
}

/// Writes `root/{ours,hugo,eleventy}`. `theme` is our real theme folder,
/// copied into `ours/theme`.
pub fn write_all(c: &Corpus, root: &Path, theme: &Path) -> io::Result<()> {
    write_ours(c, &root.join("ours"), theme)?;
    write_hugo(c, &root.join("hugo"))?;
    write_eleventy(c, &root.join("eleventy"))?;
    Ok(())
}

pub fn write_ours(c: &Corpus, dir: &Path, theme: &Path) -> io::Result<()> {
    copy_dir(theme, &dir.join("theme"))?;
    write_file(
        dir,
        "site.yaml",
        "base_url: https://bench.example.gov.vn\ntitle: Cổng thông tin đánh giá cải cách hành chính\ndescription: Kiến thức, văn bản và hỏi đáp về cải cách hành chính nhà nước.\npublisher: Bộ Nội vụ – Vụ Cải cách hành chính\npaginate: 20\n",
    )?;
    write_file(
        dir,
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\nCổng thông tin về cải cách hành chính.\n",
    )?;
    for s in Section::ALL {
        write_file(
            dir,
            &format!("content/{}/_index.md", s.dir()),
            &format!("---\ntitle: {}\n---\n", s.title()),
        )?;
    }
    let link = |p: &Page| format!("@/{}", p.file());
    for (i, p) in c.pages.iter().enumerate() {
        let text = front_matter(p, Flavour::Ours) + &c.body(i, &link);
        write_file(dir, &format!("content/{}", p.file()), &text)?;
    }
    Ok(())
}

pub fn write_hugo(c: &Corpus, dir: &Path) -> io::Result<()> {
    write_file(dir, "hugo.toml", HUGO_CONFIG)?;
    for (rel, text) in HUGO_LAYOUTS {
        write_file(dir, &format!("layouts/{rel}"), text)?;
    }
    write_file(dir, "static/style.css", CSS)?;
    write_file(
        dir,
        "content/_index.md",
        "---\ntitle: Trang chủ\n---\nCổng thông tin về cải cách hành chính.\n",
    )?;
    for s in Section::ALL {
        write_file(
            dir,
            &format!("content/{}/_index.md", s.dir()),
            &format!("---\ntitle: {}\n---\n", s.title()),
        )?;
    }
    let link = |p: &Page| p.url();
    for (i, p) in c.pages.iter().enumerate() {
        let text = front_matter(p, Flavour::Hugo) + &c.body(i, &link);
        write_file(dir, &format!("content/{}", p.file()), &text)?;
    }
    Ok(())
}

pub fn write_eleventy(c: &Corpus, dir: &Path) -> io::Result<()> {
    write_file(dir, "eleventy.config.mjs", ELEVENTY_CONFIG)?;
    for (rel, text) in ELEVENTY_TEMPLATES {
        write_file(dir, &format!("content/{rel}"), text)?;
    }
    write_file(dir, "content/style.css", CSS)?;
    let link = |p: &Page| p.url();
    for (i, p) in c.pages.iter().enumerate() {
        let text = front_matter(p, Flavour::Eleventy) + &c.body(i, &link);
        write_file(dir, &format!("content/{}", p.file()), &text)?;
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for e in fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else {
            fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

// --- the peers' minimal templates -------------------------------------------------

const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0}main,header,footer{max-width:46rem;margin:0 auto;padding:0 1rem}.items{list-style:none;padding:0}.chip{display:inline-block;margin:0 .3rem .3rem 0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem}\n";

const HUGO_CONFIG: &str = r#"baseURL = "https://bench.example.gov.vn/"
languageCode = "vi"
title = "Cổng thông tin đánh giá cải cách hành chính"
paginate = 20
rssLimit = 30
removePathAccents = true
enableRobotsTXT = true

[taxonomies]
tag = "tags"
field = "fields"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML", "RSS"]
taxonomy = ["HTML"]
term = ["HTML"]
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ site.Title }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><ul><li><a href="/kien-thuc/">Kiến thức</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/hoi-dap/">Hỏi đáp</a></li><li><a href="/fields/">Lĩnh vực</a></li><li><a href="/tags/">Thẻ</a></li></ul></nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p>Bộ Nội vụ – Vụ Cải cách hành chính</p></footer>
</body>
</html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ with .Params.number }} · {{ . }}{{ end }}{{ with .Params.issuer }} · {{ . }}{{ end }}{{ with .Params.category }} · {{ . }}{{ end }}</p>
{{ with .Params.question }}<div class="question">{{ . | markdownify }}</div>{{ end }}
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
{{ .Content }}
<p>{{ range .GetTerms "fields" }}<a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
<p>{{ range .GetTerms "tags" }}<a class="chip" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</p>
</article>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $p := .Paginate .Pages }}
<p class="muted">{{ $p.TotalNumberOfElements }} mục, trang {{ $p.PageNumber }}/{{ $p.TotalPages }}.</p>
<ul class="items">
{{ range $p.Pages }}<li><h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ with .Params.issuer }} · {{ . }}{{ end }}</p>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ if gt $p.TotalPages 1 }}<nav class="pagination"><ul>
{{ with $p.Prev }}<li><a href="{{ .URL }}" rel="prev">‹ Trang trước</a></li>{{ end }}
{{ range $p.Pagers }}{{ if or (eq .PageNumber 1) (eq .PageNumber $p.TotalPages) (and (ge .PageNumber (sub $p.PageNumber 2)) (le .PageNumber (add $p.PageNumber 2))) }}<li>{{ if eq .PageNumber $p.PageNumber }}<span aria-current="page">{{ .PageNumber }}</span>{{ else }}<a href="{{ .URL }}">{{ .PageNumber }}</a>{{ end }}</li>{{ end }}{{ end }}
{{ with $p.Next }}<li><a href="{{ .URL }}" rel="next">Trang sau ›</a></li>{{ end }}
</ul></nav>{{ end }}
{{ end }}
"#,
    ),
    (
        "_default/terms.html",
        r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ range where site.RegularPages "Section" "in" (slice "kien-thuc" "van-ban" "hoi-dap") | first 12 }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
{{ end }}
"#,
    ),
];

const ELEVENTY_CONFIG: &str = r#"// Eleventy 3: the same pages as ours and Hugo's. Sections and the two
// taxonomies' terms are paginated by 20 through one collection of list
// pages; markdown is not pre-processed by a template language.
const SECTIONS = [["kien-thuc", "Kiến thức"], ["van-ban", "Văn bản"], ["hoi-dap", "Hỏi đáp"]];
const PER = 20;

export default function (cfg) {
  cfg.addPassthroughCopy({ "content/style.css": "style.css" });
  const slugify = cfg.getFilter("slugify");
  cfg.addFilter("ymd", (d) => new Date(d).toISOString().slice(0, 10));
  cfg.addFilter("dmy", (d) => new Date(d).toISOString().slice(0, 10).split("-").reverse().join("/"));
  cfg.addFilter("termUrl", (t, key) => `/${key}/${slugify(t)}/`);
  const byDate = (a, b) => b.date - a.date;
  const lists = (api) => {
    const out = [];
    const paginate = (base, title, items, kind) => {
      const total = Math.max(1, Math.ceil(items.length / PER));
      const urls = [];
      for (let n = 1; n <= total; n++) urls.push(n === 1 ? base : `${base}trang/${n}/`);
      for (let n = 1; n <= total; n++) {
        out.push({ url: urls[n - 1], title, kind, n, total, count: items.length,
          items: items.slice((n - 1) * PER, n * PER), urls,
          prev: n > 1 ? urls[n - 2] : null, next: n < total ? urls[n] : null });
      }
    };
    for (const [dir, title] of SECTIONS) {
      paginate(`/${dir}/`, title, api.getFilteredByGlob(`content/${dir}/**/*.md`).sort(byDate), "section");
    }
    for (const [key, label] of [["the", "Thẻ"], ["linh-vuc", "Lĩnh vực"]]) {
      const field = key === "the" ? "tags" : "fields";
      const groups = new Map();
      for (const p of api.getAll()) {
        for (const t of p.data[field] || []) {
          if (!groups.has(t)) groups.set(t, []);
          groups.get(t).push(p);
        }
      }
      const terms = [...groups.keys()].sort((a, b) => a.localeCompare(b, "vi"));
      out.push({ url: `/${key}/`, title: label, kind: "terms", key,
        terms: terms.map((t) => ({ name: t, url: `/${key}/${slugify(t)}/`, count: groups.get(t).length })) });
      for (const t of terms) paginate(`/${key}/${slugify(t)}/`, `${label}: ${t}`, groups.get(t).sort(byDate), "term");
    }
    return out;
  };
  cfg.addCollection("listPages", lists);
}

export const config = {
  dir: { input: "content", includes: "_includes", output: "_site" },
  markdownTemplateEngine: false,
  htmlTemplateEngine: "njk",
};
"#;

const ELEVENTY_TEMPLATES: &[(&str, &str)] = &[
    ("content.11tydata.json", "{ \"layout\": \"page.njk\" }\n"),
    (
        "_includes/base.njk",
        r#"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} – Cổng thông tin đánh giá cải cách hành chính</title>
<meta name="description" content="{{ description or title }}">
<link rel="canonical" href="https://bench.example.gov.vn{{ page.url }}">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">Cổng thông tin đánh giá cải cách hành chính</a>
<nav><ul><li><a href="/kien-thuc/">Kiến thức</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/hoi-dap/">Hỏi đáp</a></li><li><a href="/linh-vuc/">Lĩnh vực</a></li><li><a href="/the/">Thẻ</a></li></ul></nav>
</header>
<main>
{{ content | safe }}
</main>
<footer><p>Bộ Nội vụ – Vụ Cải cách hành chính</p></footer>
</body>
</html>
"#,
    ),
    (
        "_includes/page.njk",
        r#"---
layout: base.njk
---
<article>
<h1>{{ title }}</h1>
<p class="meta"><time datetime="{{ page.date | ymd }}">{{ page.date | dmy }}</time>{% if number %} · {{ number }}{% endif %}{% if issuer %} · {{ issuer }}{% endif %}{% if category %} · {{ category }}{% endif %}</p>
{% if question %}<div class="question">{{ question }}</div>{% endif %}
{% if summary %}<p class="summary">{{ summary }}</p>{% endif %}
{{ content | safe }}
<p>{% for f in fields %}<a class="chip" href="{{ f | termUrl('linh-vuc') }}">{{ f }}</a>{% endfor %}</p>
<p>{% for t in tags %}<a class="chip" href="{{ t | termUrl('the') }}">{{ t }}</a>{% endfor %}</p>
</article>
"#,
    ),
    (
        "lists.njk",
        r#"---
layout: base.njk
pagination:
  data: collections.listPages
  size: 1
  alias: l
eleventyComputed:
  title: "{{ l.title }}"
permalink: "{{ l.url }}"
eleventyExcludeFromCollections: true
---
<h1>{{ l.title }}</h1>
{% if l.kind == "terms" %}
<ul>{% for t in l.terms %}<li><a href="{{ t.url }}">{{ t.name }}</a> ({{ t.count }})</li>{% endfor %}</ul>
{% else %}
<p class="muted">{{ l.count }} mục, trang {{ l.n }}/{{ l.total }}.</p>
<ul class="items">
{% for p in l.items %}<li><h3><a href="{{ p.url }}">{{ p.data.title }}</a></h3><p><time datetime="{{ p.date | ymd }}">{{ p.date | dmy }}</time>{% if p.data.issuer %} · {{ p.data.issuer }}{% endif %}</p>{% if p.data.description %}<p>{{ p.data.description }}</p>{% endif %}</li>
{% endfor %}
</ul>
{% if l.total > 1 %}<nav class="pagination"><ul>
{% if l.prev %}<li><a href="{{ l.prev }}" rel="prev">‹ Trang trước</a></li>{% endif %}
{% for u in l.urls %}{% if loop.index == 1 or loop.index == l.total or (loop.index >= l.n - 2 and loop.index <= l.n + 2) %}<li>{% if loop.index == l.n %}<span aria-current="page">{{ loop.index }}</span>{% else %}<a href="{{ u }}">{{ loop.index }}</a>{% endif %}</li>{% endif %}{% endfor %}
{% if l.next %}<li><a href="{{ l.next }}" rel="next">Trang sau ›</a></li>{% endif %}
</ul></nav>{% endif %}
{% endif %}
"#,
    ),
    (
        "index.njk",
        r#"---
layout: base.njk
title: Trang chủ
eleventyExcludeFromCollections: true
---
<h1>Cổng thông tin đánh giá cải cách hành chính</h1>
{% for p in collections.all | reverse %}{% if loop.index <= 12 %}<p><a href="{{ p.url }}">{{ p.data.title }}</a></p>{% endif %}{% endfor %}
"#,
    ),
];
