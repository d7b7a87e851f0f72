//! Every user-facing string of the crate, in Vietnamese, in one place: the
//! survey team reads them, and a translator or reviewer finds them here.
//! CSV headers are ASCII on purpose (they are a data interface, documented
//! in the README) and are not here.

use std::fmt;

use serde::Serialize;

use crate::points::Points;

/// The name of a total row or column in a results table.
pub const TOTAL: &str = "Tổng";
/// The pseudo-option carrying a row's answered count in a results CSV.
pub const ANSWERED: &str = "Số người trả lời";
/// A SIPAS share or a survey score not published for lack of respondents.
pub const CHUA_DU_MAU: &str = "chưa đủ mẫu";

pub const KIND_MINISTRY: &str = "Bộ, cơ quan ngang bộ";
pub const KIND_PROVINCE: &str = "Tỉnh, thành phố trực thuộc trung ương";

/// Headings of the ranking table and of the XLSX sheets.
pub mod heading {
    pub const UNIT: &str = "Đơn vị";
    pub const APPRAISAL: &str = "Điểm thẩm định";
    pub const APPRAISAL_RANK: &str = "Hạng thẩm định";
    pub const SURVEY: &str = "Điểm khảo sát";
    pub const SURVEY_RANK: &str = "Hạng khảo sát";
    pub const INDEX: &str = "Chỉ số";
    pub const INDEX_RANK: &str = "Xếp hạng";
    pub const GAP: &str = "Chênh lệch hạng";
    pub const RESPONDENTS: &str = "Số phiếu";
    pub const NOTE: &str = "Ghi chú";
    pub const PROVINCE: &str = "Tỉnh, thành phố";
    pub const FACTOR: &str = "Yếu tố";
    pub const SATISFIED: &str = "Hài lòng và rất hài lòng";
    pub const SHARE: &str = "Tỷ lệ hài lòng";
    pub const LOW: &str = "Cận dưới (95%)";
    pub const HIGH: &str = "Cận trên (95%)";
}

/// Notes beside a unit in a ranking.
pub fn insufficient_sample(n: u32, min: u32) -> String {
    format!("{CHUA_DU_MAU}: {n} phiếu, cần ít nhất {min}; không xếp hạng khảo sát và chỉ số")
}

/// The five SIPAS factors of Decision 1001/QĐ-BNV (2023), in its order.
pub const SIPAS_FACTORS: [&str; 5] = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết công việc",
    "Kết quả cung ứng dịch vụ",
    "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
];

/// What went wrong, said so that the survey team can fix the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Msg {
    #[error("không đọc được tệp: {0}")]
    Unreadable(String),
    #[error("không ghi được: {0}")]
    Write(String),
    #[error("tệp không phải văn bản UTF-8; trong Excel hãy chọn Lưu thành → “CSV UTF-8 (phân tách bằng dấu phẩy)”, hoặc dùng thẳng tệp .xlsx")]
    NotUtf8,
    #[error("tệp trống")]
    EmptyFile,
    #[error("YAML không hợp lệ: {0}")]
    Yaml(String),
    #[error("thiếu cột “{0}”")]
    MissingColumn(&'static str),

    // The index structure.
    #[error("năm {0} không hợp lệ")]
    BadYear(i64),
    #[error("mã trống")]
    EmptyId,
    #[error("tên trống ở mục “{0}”")]
    EmptyName(String),
    #[error("mã “{0}” bị trùng")]
    DuplicateId(String),
    #[error(
        "“{id}”: điểm tối đa {value} không hợp lệ (phải lớn hơn 0, tối đa hai chữ số thập phân)"
    )]
    BadMax { id: String, value: String },
    #[error("lĩnh vực “{0}” không có tiêu chí nào")]
    EmptyArea(String),
    #[error("tiêu chí “{0}” không có tiêu chí thành phần nào")]
    EmptyCriterion(String),
    #[error("“{id}”: điểm tối đa là {max} nhưng các mục con cộng lại được {sum}")]
    ChildrenSum {
        id: String,
        max: Points,
        sum: Points,
    },
    #[error("tổng điểm tối đa của các lĩnh vực là {sum}, phải bằng {total}")]
    TotalSum { total: Points, sum: Points },
    #[error("thang điểm của chỉ số là {0}, phải là 100")]
    TotalNot100(Points),
    #[error(
        "tỷ trọng khảo sát ghi {declared} điểm nhưng các tiêu chí khảo sát cộng lại được {sum}"
    )]
    SurveyShare { declared: Points, sum: Points },
    #[error("“{id}”: thang đánh giá phải từ 2 đến 10 mức, không phải {scale}")]
    BadScale { id: String, scale: u32 },
    #[error(
        "“{0}”: cách tính share_positive cần danh sách positive (các mức được tính là tích cực)"
    )]
    MissingPositive(String),
    #[error("“{id}”: mức {value} nằm ngoài thang 1–{scale}")]
    PositiveOutOfScale { id: String, value: u32, scale: u32 },
    #[error("số phiếu tối thiểu (min_respondents) phải ít nhất là 1")]
    MinRespondents,
    #[error("danh sách đơn vị trống")]
    NoUnits,
    #[error("đơn vị “{0}” có trong danh sách hai lần")]
    DuplicateUnit(String),
    #[error("đơn vị “{0}” có trong cả danh sách bộ và danh sách tỉnh")]
    UnitInBothKinds(String),
    #[error("tệp {file} ghi loại đơn vị “{found}”, tên tệp cho biết loại “{expected}”")]
    KindMismatch {
        file: String,
        found: String,
        expected: String,
    },
    #[error("thư mục {0} không có bo.yaml hay tinh.yaml")]
    NoIndexFile(String),
    #[error("không tìm thấy tệp điểm thẩm định (tham-dinh.csv hoặc tham-dinh.xlsx) trong {0}")]
    NoAppraisalFile(String),
    #[error("không tìm thấy tệp điểm khảo sát (khao-sat.csv) trong {0}")]
    NoSurveyFile(String),

    // Score files.
    #[error("không có đơn vị “{name}”{hint}")]
    UnknownUnit { name: String, hint: String },
    #[error("{unit}: không có tiêu chí “{id}” trong chỉ số của loại đơn vị này")]
    UnknownCriterion { unit: String, id: String },
    #[error("tiêu chí “{0}” lấy điểm từ khảo sát, không nhập điểm thẩm định")]
    SurveyCriterionAppraised(String),
    #[error("tiêu chí “{0}” chấm điểm thẩm định, không phải tiêu chí khảo sát")]
    AppraisalCriterionSurveyed(String),
    #[error("điểm “{0}” không phải là số (tối đa hai chữ số thập phân)")]
    NotANumber(String),
    #[error("số phiếu “{0}” không phải là số nguyên không âm")]
    NotACount(String),
    #[error("{unit}, tiêu chí “{id}”: điểm {score} nằm ngoài khoảng 0–{max}")]
    OutOfRange {
        unit: String,
        id: String,
        score: Points,
        max: Points,
    },
    #[error("{unit}: điểm khảo sát {score} nằm ngoài khoảng 0–{max}")]
    SurveyOutOfRange {
        unit: String,
        score: Points,
        max: Points,
    },
    #[error("{unit}, tiêu chí “{id}”: đã có điểm ở dòng {first}")]
    DuplicateScore {
        unit: String,
        id: String,
        first: usize,
    },
    #[error("{unit}: đã có điểm khảo sát ở dòng {first}")]
    DuplicateSurvey { unit: String, first: usize },
    #[error("{unit}: thiếu điểm thẩm định của tiêu chí {ids}")]
    MissingScores { unit: String, ids: String },
    #[error("{unit}: thiếu điểm khảo sát của tiêu chí {ids}")]
    MissingSurveyScores { unit: String, ids: String },
    #[error("{0}: không có điểm thẩm định")]
    NoAppraisal(String),
    #[error("{0}: không có dữ liệu khảo sát")]
    NoSurvey(String),
    #[error("{unit}: tiêu chí “{id}” có {found} mức đánh giá, thang là {scale}")]
    DistributionScale {
        unit: String,
        id: String,
        found: usize,
        scale: u32,
    },

    // Results tables.
    #[error("câu hỏi “{0}”: bảng kết quả không có đơn vị, nhóm hoặc phương án nào")]
    EmptyTable(String),
    #[error("câu hỏi “{question}”: {unit}, nhóm {group} có số lượt chọn lớn hơn số người trả lời")]
    InconsistentTable {
        question: String,
        unit: String,
        group: String,
    },

    // SIPAS.
    #[error("SIPAS: cần đúng năm yếu tố theo Quyết định 1001/QĐ-BNV, tệp có {0}")]
    SipasFactorCount(usize),
    #[error("SIPAS: cỡ mẫu tối thiểu (min_sample) phải ít nhất là 1")]
    SipasMinSample,
}

/// A problem with its place: `file:line: message`, the portal's format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub msg: Msg,
}

impl Problem {
    pub fn new(file: &str, line: Option<usize>, msg: Msg) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            msg,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.msg),
            None => write!(f, "{}: {}", self.file, self.msg),
        }
    }
}

impl Serialize for Problem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Every problem found in one pass, so a file is fixed in one round.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
pub struct Problems(pub Vec<Problem>);

impl From<Problem> for Problems {
    fn from(p: Problem) -> Self {
        Problems(vec![p])
    }
}

/// ", có phải “Khánh Hòa”?" when a close name exists.
pub fn did_you_mean(candidate: Option<&str>) -> String {
    candidate
        .map(|c| format!(", có phải “{c}”?"))
        .unwrap_or_default()
}
