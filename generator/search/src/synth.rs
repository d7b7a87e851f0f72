//! A deterministic synthetic corpus of Vietnamese administrative pages, for
//! the size test and the `index_size` example: words drawn from a list of
//! real vocabulary with a Zipf distribution (so the common syllables sit in
//! nearly every page, as in real text), plus document numbers, years and
//! place names that make the long tail of rare keys.

use crate::SearchDoc;

/// Ordered roughly by frequency in administrative writing.
const WORDS: &[&str] = &[
    "của",
    "và",
    "các",
    "là",
    "có",
    "được",
    "trong",
    "cho",
    "theo",
    "về",
    "thủ tục hành chính",
    "cơ quan",
    "nhà nước",
    "người",
    "với",
    "này",
    "đã",
    "việc",
    "thực hiện",
    "quy định",
    "không",
    "để",
    "đến",
    "cải cách",
    "hành chính",
    "công",
    "tổ chức",
    "cán bộ",
    "công chức",
    "năm",
    "một",
    "những",
    "quản lý",
    "Ủy ban nhân dân",
    "tỉnh",
    "giải quyết",
    "hồ sơ",
    "dịch vụ công",
    "trực tuyến",
    "Nghị định",
    "Thông tư",
    "Quyết định",
    "Chính phủ",
    "Bộ Nội vụ",
    "đăng ký",
    "cấp",
    "xã",
    "huyện",
    "thành phố",
    "người dân",
    "doanh nghiệp",
    "chỉ số",
    "hài lòng",
    "đánh giá",
    "kết quả",
    "văn bản",
    "pháp luật",
    "hướng dẫn",
    "triển khai",
    "nâng cao",
    "hiệu quả",
    "chất lượng",
    "phục vụ",
    "trách nhiệm",
    "thời gian",
    "tiếp nhận",
    "trả",
    "một cửa",
    "liên thông",
    "điện tử",
    "chuyển đổi số",
    "chính quyền",
    "số hóa",
    "dữ liệu",
    "cơ sở",
    "quốc gia",
    "đất đai",
    "xây dựng",
    "giấy phép",
    "kinh doanh",
    "đầu tư",
    "thuế",
    "hải quan",
    "bảo hiểm xã hội",
    "y tế",
    "giáo dục",
    "đào tạo",
    "lao động",
    "việc làm",
    "tư pháp",
    "hộ tịch",
    "khai sinh",
    "kết hôn",
    "cư trú",
    "căn cước",
    "công dân",
    "đường",
    "bộ",
    "giao thông",
    "vận tải",
    "phương tiện",
    "bằng lái",
    "đường thủy",
    "môi trường",
    "tài nguyên",
    "nông nghiệp",
    "phát triển",
    "nông thôn",
    "công thương",
    "khoa học",
    "công nghệ",
    "văn hóa",
    "thể thao",
    "du lịch",
    "thông tin",
    "truyền thông",
    "tài chính",
    "ngân sách",
    "kế hoạch",
    "báo cáo",
    "kiểm tra",
    "thanh tra",
    "khiếu nại",
    "tố cáo",
    "phản ánh",
    "kiến nghị",
    "tiếp công dân",
    "đề xuất",
    "sửa đổi",
    "bổ sung",
    "bãi bỏ",
    "đơn giản hóa",
    "chi phí",
    "tuân thủ",
    "minh bạch",
    "công khai",
    "biểu mẫu",
    "tờ khai",
    "lệ phí",
    "phí",
    "thời hạn",
    "ngày làm việc",
    "quá hạn",
    "đúng hạn",
    "trễ hẹn",
    "xin lỗi",
    "bộ phận",
    "tiếp nhận và trả kết quả",
    "trung tâm",
    "phục vụ hành chính công",
    "cổng",
    "hệ thống",
    "thanh toán",
    "bưu chính",
    "công ích",
    "tổng hợp",
    "ý kiến",
    "góp ý",
    "dự thảo",
    "lấy ý kiến",
    "nhân dân",
    "đại biểu",
    "Hội đồng nhân dân",
    "Quốc hội",
    "luật",
    "nghị quyết",
    "chỉ thị",
    "công văn",
    "thông báo",
    "kế hoạch số",
    "tổ chức bộ máy",
    "tinh gọn",
    "biên chế",
    "vị trí việc làm",
    "tuyển dụng",
    "thi tuyển",
    "nâng ngạch",
    "bổ nhiệm",
    "đạo đức",
    "công vụ",
    "kỷ luật",
    "kỷ cương",
    "hành chính công",
    "mô hình",
    "sáng kiến",
    "điển hình",
    "kinh nghiệm",
    "quốc tế",
    "dương",
    "Bình Dương",
    "đại dương",
    "thuận lợi",
    "khó khăn",
    "vướng mắc",
    "giải pháp",
    "nhiệm vụ",
    "mục tiêu",
    "chỉ tiêu",
    "tăng cường",
    "đẩy mạnh",
    "tiếp tục",
    "hoàn thiện",
    "thể chế",
    "chính sách",
    "nguồn lực",
    "con người",
    "định hướng",
    "giai đoạn",
    "chiến lược",
    "chương trình",
    "tổng thể",
    "phường",
    "thị trấn",
    "quận",
    "sở",
    "ban",
    "ngành",
    "địa phương",
    "trung ương",
    "lĩnh vực",
    "thẩm quyền",
    "phân cấp",
    "ủy quyền",
    "phối hợp",
    "đường dây nóng",
    "tổng đài",
    "trả lời",
    "hỏi đáp",
    "câu hỏi",
    "bạn đọc",
    "thắc mắc",
    "đăng ký kinh doanh",
    "hộ kinh doanh",
    "mã số thuế",
    "chứng thực",
    "bản sao",
    "bản chính",
    "chữ ký số",
    "định danh",
    "xác thực",
    "ứng dụng",
    "nền tảng",
    "an toàn",
    "bảo mật",
    "dương tính",
    "Dương Văn Minh",
    "Đường Lâm",
    "thư",
    "thứ",
    "thú",
    "thu",
];

const SECTIONS: &[(&str, &str)] = &[
    ("van-ban", "Văn bản"),
    ("tin-tuc", "Tin tức"),
    ("kien-thuc", "Kiến thức"),
    ("hoi-dap", "Hỏi đáp"),
    ("gop-y", "Góp ý dự thảo"),
];

const PROVINCES: &[&str] = &[
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "Quảng Ninh",
    "Lào Cai",
    "Điện Biên",
    "Sơn La",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Trị",
    "Quảng Ngãi",
    "Gia Lai",
    "Đắk Lắk",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đồng Nai",
    "Tây Ninh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Cà Mau",
];

const KINDS: &[(&str, &str)] = &[
    ("Nghị định", "NĐ-CP"),
    ("Thông tư", "TT-BNV"),
    ("Quyết định", "QĐ-TTg"),
    ("Công văn", "BNV-CCHC"),
    ("Nghị quyết", "NQ-CP"),
];

/// SplitMix64: tiny, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Zipf {
    cumulative: Vec<u64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0u64;
        let cumulative = (0..n)
            .map(|r| {
                acc += (1e9 / (r as f64 + 2.0)) as u64;
                acc
            })
            .collect();
        Zipf { cumulative }
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.next() % self.cumulative.last().expect("non-empty");
        self.cumulative.partition_point(|&c| c <= x)
    }
}

/// Appends about `words` words in sentences of 8–24 words.
fn prose(rng: &mut Rng, zipf: &Zipf, words: usize, out: &mut String) {
    let mut written = 0;
    while written < words {
        let len = 8 + rng.below(17);
        for i in 0..len {
            if !out.is_empty() {
                out.push(' ');
            }
            let w = match rng.below(40) {
                0 => PROVINCES[rng.below(PROVINCES.len())].to_owned(),
                1 => format!("{}", 1 + rng.below(2000)),
                _ => WORDS[zipf.sample(rng)].to_owned(),
            };
            if i == 0 {
                let mut c = w.chars();
                let first = c.next().expect("non-empty word");
                out.extend(first.to_uppercase());
                out.push_str(c.as_str());
            } else {
                out.push_str(&w);
            }
            written += w.split(' ').count();
            if i + 1 < len && rng.below(9) == 0 {
                out.push(',');
            }
        }
        out.push('.');
    }
}

/// `n` pages of about `words` body words each, the same for the same input.
pub fn corpus(n: usize, words: usize) -> Vec<SearchDoc> {
    let zipf = Zipf::new(WORDS.len());
    (0..n)
        .map(|i| {
            let mut rng = Rng(i as u64 * 7919 + 17);
            let (slug, section) = SECTIONS[rng.below(SECTIONS.len())];
            let (kind, suffix) = KINDS[rng.below(KINDS.len())];
            let number = format!("{}/{}/{}", 1 + rng.below(300), 2015 + rng.below(11), suffix);
            let mut title = format!("{kind} {number} về ");
            let mut topic = String::new();
            prose(&mut rng, &zipf, 6, &mut topic);
            title.push_str(&topic.trim_end_matches('.').to_lowercase());
            let mut summary = String::new();
            prose(&mut rng, &zipf, 28, &mut summary);
            let mut body = String::with_capacity(words * 6);
            prose(&mut rng, &zipf, words, &mut body);
            SearchDoc {
                url: format!("/{slug}/trang-{i}/"),
                title,
                section: section.to_owned(),
                date: Some(format!(
                    "{:02}/{:02}/{}",
                    1 + rng.below(28),
                    1 + rng.below(12),
                    2015 + rng.below(11)
                )),
                summary,
                body,
            }
        })
        .collect()
}

/// A small hand-written corpus: documents, questions and news whose words
/// differ only by tones or đ ("đường", "dương", "Duong"; "đăng", "đảng",
/// "đang"; "Nghị định", "nghỉ … định kỳ").
pub fn fixture() -> Vec<SearchDoc> {
    serde_json::from_str(include_str!("../tests/fixture/docs.json")).expect("fixture parses")
}

/// Queries over `fixture` whose results Rust and search.js must agree on.
pub const FIXTURE_QUERIES: &[&str] = &[
    "thu tuc hanh chinh",
    "thủ tục hành chính",
    "nghi dinh",
    "Nghị định",
    "nghị định 61",
    "dang ky",
    "đăng ký",
    "dang ky dat dai",
    "duong",
    "đường",
    "Dương",
    "thu tuc hanh ch",
    "dang k",
    "nghi din ",
    "cai cach",
    "chinh phu so",
    "1900",
    "một cửa liên thông",
    "khong co tu nay",
    "đ",
];
