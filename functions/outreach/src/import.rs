//! Importing a respondent list: every row is checked before anything is
//! stored, and the coordinator gets a report of what is wrong, row by row, in
//! Vietnamese. A file with errors imports nothing unless the caller chooses to
//! import the good rows and hand the rejects back ([`write_rejects`]).

use std::collections::HashMap;

use delivery::schema;
use delivery::units::UnitMatch;
use delivery::{EmailAddress, Units};
use store::{Condition, Item, Store, Write};
use survey::respondents::{register, NewRespondent, Registered, RespondentError};
use survey::App;
use survey_core::Campaign;

use crate::roster;
use crate::sheet::Sheet;

/// Columns a list may have; each accepts Vietnamese and English headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Name,
    Email,
    Unit,
    SubUnit,
    Group,
    Forms,
    /// The address this person was registered under before a correction.
    PreviousEmail,
}

const HEADERS: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "ho va ten",
            "ho ten",
            "hoten",
            "name",
            "full name",
            "fullname",
        ],
    ),
    (
        Column::Email,
        &[
            "email",
            "e-mail",
            "thu dien tu",
            "dia chi email",
            "dia chi thu dien tu",
        ],
    ),
    (
        Column::Unit,
        &[
            "don vi",
            "co quan",
            "unit",
            "bo nganh dia phuong",
            "bo, nganh, dia phuong",
        ],
    ),
    (
        Column::SubUnit,
        &[
            "don vi truc thuoc",
            "phong ban",
            "don vi cap duoi",
            "sub unit",
            "subunit",
            "sub-unit",
        ],
    ),
    (Column::Group, &["nhom", "doi tuong", "group"]),
    (Column::Forms, &["phieu", "mau phieu", "forms"]),
    (
        Column::PreviousEmail,
        &[
            "email cu",
            "dia chi email cu",
            "previous email",
            "old email",
        ],
    ),
];

fn header_key(h: &str) -> String {
    vntext::fold(&h.trim().to_lowercase().replace('_', " "))
}

/// A problem with one row. Errors keep the row out; warnings are fixed
/// automatically and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    MissingName,
    BadEmail(String),
    LikelyTypo {
        suggestion: String,
    },
    Duplicate {
        first_line: usize,
    },
    Suppressed {
        reason: String,
    },
    UnknownUnit {
        suggestion: Option<String>,
    },
    UnknownGroup {
        known: Vec<String>,
    },
    UnknownForm(String),
    /// Warning: a 2021 unit name, imported under the unit it merged into.
    MergedUnit {
        old: String,
        now: String,
    },
}

impl Problem {
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::MergedUnit { .. })
    }

    /// Short English code for scripts and logs.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::MissingName => "missing_name",
            Problem::BadEmail(_) => "bad_email",
            Problem::LikelyTypo { .. } => "likely_typo",
            Problem::Duplicate { .. } => "duplicate",
            Problem::Suppressed { .. } => "suppressed",
            Problem::UnknownUnit { .. } => "unknown_unit",
            Problem::UnknownGroup { .. } => "unknown_group",
            Problem::UnknownForm(_) => "unknown_form",
            Problem::MergedUnit { .. } => "merged_unit",
        }
    }

    /// What the coordinator reads.
    pub fn message_vi(&self) -> String {
        match self {
            Problem::MissingName => "thiếu họ và tên".into(),
            Problem::BadEmail(why) => why.clone(),
            Problem::LikelyTypo { suggestion } => {
                format!("tên miền có thể bị gõ nhầm, có phải là {suggestion}?")
            }
            Problem::Duplicate { first_line } => {
                format!("trùng địa chỉ email với dòng {first_line}")
            }
            Problem::Suppressed { reason } => {
                format!("địa chỉ đã từng không nhận được thư ({reason}); cần địa chỉ khác")
            }
            Problem::UnknownUnit {
                suggestion: Some(s),
            } => format!("không có đơn vị này trong danh mục; có phải là “{s}”?"),
            Problem::UnknownUnit { suggestion: None } => {
                "không có đơn vị này trong danh mục bộ, ngành, tỉnh, thành phố".into()
            }
            Problem::UnknownGroup { known } => {
                format!("nhóm không hợp lệ; dùng một trong: {}", known.join(", "))
            }
            Problem::UnknownForm(f) => {
                format!("phiếu “{f}” không có trong đợt khảo sát cho nhóm này")
            }
            Problem::MergedUnit { old, now } => {
                format!("“{old}” đã hợp nhất vào “{now}”; ghi nhận theo đơn vị mới")
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Issue {
    pub line: usize,
    /// The row as read, for the rejects file.
    pub cells: Vec<String>,
    pub problem: Problem,
}

#[derive(Debug, Clone)]
pub struct ValidRow {
    pub line: usize,
    pub respondent: NewRespondent,
    /// Set when the row corrects an address that did not receive mail.
    pub previous_email: Option<EmailAddress>,
}

#[derive(Debug, Clone)]
pub struct Validation {
    pub headers: Vec<String>,
    pub rows: Vec<ValidRow>,
    pub issues: Vec<Issue>,
    pub total: usize,
}

impl Validation {
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.problem.is_error())
    }

    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }

    /// Lines kept out of the import.
    pub fn rejected_lines(&self) -> Vec<usize> {
        let mut lines: Vec<usize> = self.errors().map(|i| i.line).collect();
        lines.dedup();
        lines
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the list has no {0} column (headers found: {1})")]
    MissingColumn(&'static str, String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("line {line}: {source}")]
    Register {
        line: usize,
        source: RespondentError,
    },
}

/// Checks every row: syntax, duplicates within the file, units, likely
/// typos, the suppression list, groups and forms. Stores nothing.
pub async fn validate(
    sheet: &Sheet,
    campaign: &Campaign,
    units: &Units,
    store: &dyn Store,
) -> Result<Validation, ImportError> {
    let mut col: HashMap<Column, usize> = HashMap::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        let key = header_key(h);
        if let Some((c, _)) = HEADERS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
        {
            col.entry(*c).or_insert(i);
        }
    }
    let found = sheet.headers.join(", ");
    for (c, what) in [
        (Column::Name, "full-name (họ và tên)"),
        (Column::Email, "email"),
        (Column::Unit, "unit (đơn vị)"),
    ] {
        if !col.contains_key(&c) {
            return Err(ImportError::MissingColumn(what, found));
        }
    }
    let groups = campaign.groups();
    let mut seen: HashMap<EmailAddress, usize> = HashMap::new();
    let mut out = Validation {
        headers: sheet.headers.clone(),
        rows: Vec::new(),
        issues: Vec::new(),
        total: sheet.rows.len(),
    };
    for (line, cells) in &sheet.rows {
        let get = |c: Column| {
            col.get(&c)
                .and_then(|&i| cells.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let mut problems = Vec::new();
        let name = get(Column::Name);
        if name.is_empty() {
            problems.push(Problem::MissingName);
        }
        let email = match EmailAddress::parse(&get(Column::Email)) {
            Ok(e) => Some(e),
            Err(why) => {
                problems.push(Problem::BadEmail(why));
                None
            }
        };
        if let Some(e) = &email {
            if let Some(hint) = e.typo_hint() {
                problems.push(Problem::LikelyTypo {
                    suggestion: hint.suggestion,
                });
            }
            match seen.get(e) {
                Some(&first_line) => problems.push(Problem::Duplicate { first_line }),
                None => {
                    seen.insert(e.clone(), *line);
                }
            }
            if let Some(reason) = roster::suppressed(store, e.as_str()).await? {
                problems.push(Problem::Suppressed { reason });
            }
        }
        let previous_text = get(Column::PreviousEmail);
        let mut previous_email = None;
        if !previous_text.is_empty() {
            match EmailAddress::parse(&previous_text) {
                Ok(p) if Some(&p) != email.as_ref() => previous_email = Some(p),
                Ok(_) => {}
                Err(why) => problems.push(Problem::BadEmail(format!("email cũ: {why}"))),
            }
        }
        let unit_text = get(Column::Unit);
        let unit = match units.resolve(&unit_text) {
            UnitMatch::Exact(u) => Some(u.name.clone()),
            UnitMatch::Successor { old, unit } => {
                problems.push(Problem::MergedUnit {
                    old,
                    now: unit.name.clone(),
                });
                Some(unit.name.clone())
            }
            UnitMatch::Unknown { suggestion } => {
                problems.push(Problem::UnknownUnit {
                    suggestion: suggestion.map(|u| u.name.clone()),
                });
                None
            }
        };
        let group_text = get(Column::Group);
        let group = if group_text.is_empty() && groups.len() == 1 {
            Some(groups[0].id().to_string())
        } else {
            let k = header_key(&group_text);
            groups
                .iter()
                .find(|g| g.id().as_str() == group_text || header_key(g.name()) == k)
                .map(|g| g.id().to_string())
        };
        if group.is_none() {
            problems.push(Problem::UnknownGroup {
                known: groups.iter().map(|g| g.name().to_owned()).collect(),
            });
        }
        let forms_text = get(Column::Forms);
        let mut forms = None;
        if let (Some(g), false) = (&group, forms_text.is_empty()) {
            let mut ids = Vec::new();
            for f in forms_text
                .split([';', ',', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let k = header_key(f);
                match campaign
                    .forms_for_group(g)
                    .into_iter()
                    .find(|form| form.id().as_str() == f || header_key(form.title()) == k)
                {
                    Some(form) => ids.push(form.id().to_string()),
                    None => problems.push(Problem::UnknownForm(f.to_owned())),
                }
            }
            forms = Some(ids);
        }
        let ok = !problems.iter().any(Problem::is_error);
        for p in problems {
            out.issues.push(Issue {
                line: *line,
                cells: cells.clone(),
                problem: p,
            });
        }
        if let (true, Some(email), Some(unit), Some(group)) = (ok, email, unit, group) {
            let sub = get(Column::SubUnit);
            out.rows.push(ValidRow {
                line: *line,
                respondent: NewRespondent {
                    name: vntext::nfc(&name),
                    email: email.to_string(),
                    unit,
                    sub_unit: (!sub.is_empty()).then(|| vntext::nfc(&sub)),
                    group,
                    forms,
                },
                previous_email,
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Respondents moved to a corrected address (their link is kept).
    pub readdressed: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Registers the valid rows. Idempotent: running it twice changes nothing
/// the second time.
pub async fn apply(
    app: &App,
    campaign: &Campaign,
    rows: &[ValidRow],
    now: &str,
) -> Result<Applied, ImportError> {
    let mut a = Applied::default();
    for row in rows {
        if let Some(old) = &row.previous_email {
            let new =
                EmailAddress::parse(&row.respondent.email).map_err(|_| ImportError::Register {
                    line: row.line,
                    source: RespondentError::Invalid("unparsable email".into()),
                })?;
            if readdress(&*app.store, campaign.id().as_str(), old, &new, now).await? {
                a.readdressed += 1;
            }
        }
        let (r, _) = register(
            &*app.store,
            campaign,
            &row.respondent,
            now,
            app.link_key.as_ref(),
        )
        .await
        .map_err(|source| ImportError::Register {
            line: row.line,
            source,
        })?;
        match r {
            Registered::Created(_) => a.created += 1,
            Registered::Updated(_) => a.updated += 1,
            Registered::Unchanged(_) => a.unchanged += 1,
        }
    }
    Ok(a)
}

/// Moves a respondent from an address that did not work to a corrected one:
/// same respondent, same link and answers; the delivery state, mailbox check
/// and the invitation step start again so the next `invitations send` mails
/// the new address. `false` when the old address is not registered or the new
/// one already is.
pub async fn readdress(
    store: &dyn Store,
    campaign: &str,
    old: &EmailAddress,
    new: &EmailAddress,
    now: &str,
) -> Result<bool, store::StoreError> {
    let Some(index) = store
        .get(&schema::email_key(campaign, old.as_str()))
        .await?
    else {
        return Ok(false);
    };
    if store
        .get(&schema::email_key(campaign, new.as_str()))
        .await?
        .is_some()
    {
        return Ok(false);
    }
    let Some(id) = index
        .get("respondent")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
    else {
        return Ok(false);
    };
    let key = schema::respondent_key(campaign, &id);
    // The events function moves the delivery state by compare-and-set on the
    // respondent's `version`. The move bumps it too, so an event for the old
    // address read before the move cannot land after it and mark the corrected
    // address bounced; a write that slipped in between is re-read and redone.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let Some(respondent) = store.get(&key).await? else {
            return Ok(false);
        };
        let Some(version) = respondent.version() else {
            store::init_version(store, &key, &respondent).await?;
            continue;
        };
        let mut set = serde_json::Map::new();
        set.insert("email".into(), new.as_str().into());
        set.insert("previous_email".into(), old.as_str().into());
        set.insert("readdressed_at".into(), now.into());
        set.insert(store::VERSION_ATTR.into(), (version + 1).into());
        for attr in [
            schema::ATTR_DELIVERY,
            schema::ATTR_DELIVERY_AT,
            schema::ATTR_DELIVERY_DETAIL,
            schema::ATTR_MAILBOX_CONFIRMED_AT,
        ] {
            set.insert(attr.into(), serde_json::Value::Null);
        }
        let moved = store
            .transact(vec![
                Write::delete(schema::email_key(campaign, old.as_str()), Condition::Exists),
                Write::put(
                    Item::new(schema::email_key(campaign, new.as_str()))
                        .with("respondent", id.as_str()),
                    Condition::NotExists,
                ),
                Write::update(key.clone(), set, Condition::VersionIs(version)),
            ])
            .await;
        match moved {
            Ok(()) => break,
            Err(store::StoreError::Transaction { index: 2 }) if attempts < 5 => continue,
            Err(e) => return Err(e),
        }
    }
    for step in [schema::STEP_INVITE, schema::STEP_CHECK] {
        store
            .delete(&schema::send_key(campaign, step, &id), Condition::None)
            .await?;
    }
    Ok(true)
}

/// The rejected rows as a CSV the coordinator can fix and send back: the
/// original columns, then the line number and every reason, in Vietnamese.
/// UTF-8 with a BOM, so Excel shows the diacritics.
pub fn write_rejects(v: &Validation) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = v.headers.clone();
    header.push("Dòng".into());
    header.push("Lý do".into());
    w.write_record(&header)?;
    for line in v.rejected_lines() {
        let issues: Vec<&Issue> = v.issues.iter().filter(|i| i.line == line).collect();
        let mut rec = issues[0].cells.clone();
        rec.resize(v.headers.len(), String::new());
        rec.push(line.to_string());
        rec.push(
            issues
                .iter()
                .filter(|i| i.problem.is_error())
                .map(|i| i.problem.message_vi())
                .collect::<Vec<_>>()
                .join("; "),
        );
        w.write_record(&rec)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
