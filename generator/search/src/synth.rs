//! A deterministic synthetic corpus of Vietnamese administrative pages, for
//! the size test and the `index_size` example: words drawn from a list of
//! real vocabulary with a Zipf distribution (so the common syllables sit in
//! nearly every page, as in real text), plus document numbers, years and
//! place names that make the long tail of rare keys.

use crate::SearchDoc;

/// Vocabulary, roughly by frequency in administrative writing; the Zipf rank
/// is the order.
fn vocabulary() -> Vec<&'static str> {
    include_str!("../tests/fixture/words.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

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
fn prose(rng: &mut Rng, zipf: &Zipf, vocab: &[&str], words: usize, out: &mut String) {
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
                _ => vocab[zipf.sample(rng)].to_owned(),
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
pub fn corpus(n: usize, words: usize) -> Vec<SearchDoc<'static>> {
    let vocab = vocabulary();
    let zipf = Zipf::new(vocab.len());
    (0..n)
        .map(|i| {
            let mut rng = Rng(i as u64 * 7919 + 17);
            let (slug, section) = SECTIONS[rng.below(SECTIONS.len())];
            let (kind, suffix) = KINDS[rng.below(KINDS.len())];
            let number = format!("{}/{}/{}", 1 + rng.below(300), 2015 + rng.below(11), suffix);
            let mut title = format!("{kind} {number} về ");
            let mut topic = String::new();
            prose(&mut rng, &zipf, &vocab, 6, &mut topic);
            title.push_str(&topic.trim_end_matches('.').to_lowercase());
            let mut summary = String::new();
            prose(&mut rng, &zipf, &vocab, 28, &mut summary);
            let mut body = String::with_capacity(words * 6);
            prose(&mut rng, &zipf, &vocab, words, &mut body);
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
                body: body.into(),
            }
        })
        .collect()
}

/// A small hand-written corpus: documents, questions and news whose words
/// differ only by tones or đ ("đường", "dương", "Duong"; "đăng", "đảng",
/// "đang"; "Nghị định", "nghỉ … định kỳ").
pub fn fixture() -> Vec<SearchDoc<'static>> {
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
