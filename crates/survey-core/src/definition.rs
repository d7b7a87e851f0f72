use chrono::{DateTime, FixedOffset, TimeZone};

use crate::id::Id;
use crate::question::Question;

/// A survey campaign: who is asked, when, and with which forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Campaign {
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) intro: String,
    /// Who respondents write to with a problem, printed in every mail.
    pub(crate) contact: Option<String>,
    pub(crate) schedule: Schedule,
    pub(crate) access: Access,
    pub(crate) groups: Vec<Group>,
    pub(crate) forms: Vec<Form>,
}

impl Campaign {
    pub fn id(&self) -> &Id {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Markdown.
    pub fn intro(&self) -> &str {
        &self.intro
    }

    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    pub fn contact(&self) -> Option<&str> {
        self.contact.as_deref()
    }

    pub fn access(&self) -> Access {
        self.access
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// In the order campaign.yaml lists them.
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The forms a respondent of `group` fills in, in campaign order; empty
    /// for a group the campaign does not know.
    pub fn forms_for_group(&self, group: &str) -> Vec<&Form> {
        self.forms
            .iter()
            .filter(|f| f.is_for_group(group))
            .collect()
    }

    /// The forms a respondent is asked to fill in: their group's, narrowed to
    /// `only` when their invitation lists particular forms.
    pub fn assigned_forms(&self, group: &str, only: Option<&[String]>) -> Vec<&Form> {
        self.forms_for_group(group)
            .into_iter()
            .filter(|f| only.is_none_or(|o| o.iter().any(|id| id == f.id().as_str())))
            .collect()
    }

    pub fn status_at<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> CampaignStatus {
        self.schedule.status_at(now)
    }
}

/// When a campaign accepts answers: from `opens_at` (inclusive) until
/// `closes_at` (exclusive), which is always later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    opens_at: DateTime<FixedOffset>,
    closes_at: DateTime<FixedOffset>,
}

impl Schedule {
    pub fn new(
        opens_at: DateTime<FixedOffset>,
        closes_at: DateTime<FixedOffset>,
    ) -> Result<Schedule, String> {
        if closes_at <= opens_at {
            return Err(format!(
                "closes_at ({}) must be after opens_at ({})",
                closes_at.format("%Y-%m-%d %H:%M"),
                opens_at.format("%Y-%m-%d %H:%M")
            ));
        }
        Ok(Schedule {
            opens_at,
            closes_at,
        })
    }

    /// In Vietnam time (UTC+7), as written in campaign.yaml.
    pub fn opens_at(&self) -> DateTime<FixedOffset> {
        self.opens_at
    }

    pub fn closes_at(&self) -> DateTime<FixedOffset> {
        self.closes_at
    }

    pub fn status_at<Tz: TimeZone>(&self, now: &DateTime<Tz>) -> CampaignStatus {
        let now = now.fixed_offset();
        if now < self.opens_at {
            CampaignStatus::Upcoming
        } else if now < self.closes_at {
            CampaignStatus::Open
        } else {
            CampaignStatus::Closed
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CampaignStatus {
    Upcoming,
    Open,
    Closed,
}

impl CampaignStatus {
    /// The badge shown on the campaign page.
    pub fn label_vi(self) -> &'static str {
        match self {
            CampaignStatus::Upcoming => "Sắp mở",
            CampaignStatus::Open => "Đang mở",
            CampaignStatus::Closed => "Đã kết thúc",
        }
    }
}

/// Who may answer: only people sent a personal link, or anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    Invited,
    Public,
}

impl Access {
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Invited => "invited",
            Access::Public => "public",
        }
    }
}

/// A kind of respondent, e.g. `cong-chuc` "Công chức".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub(crate) id: Id,
    pub(crate) name: String,
}

impl Group {
    pub fn id(&self) -> &Id {
        &self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// One questionnaire of a campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub(crate) campaign: Id,
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) intro: String,
    pub(crate) groups: Vec<Id>,
    pub(crate) sections: Vec<Section>,
}

impl Form {
    /// The campaign the form belongs to; part of every answer's digest so a
    /// receipt cannot be replayed against another campaign's form.
    pub fn campaign(&self) -> &Id {
        &self.campaign
    }

    pub fn id(&self) -> &Id {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Markdown.
    pub fn intro(&self) -> &str {
        &self.intro
    }

    pub fn groups(&self) -> &[Id] {
        &self.groups
    }

    pub fn is_for_group(&self, group: &str) -> bool {
        self.groups.iter().any(|g| g == group)
    }

    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Every question in document order, across sections.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub(crate) id: Id,
    pub(crate) title: String,
    pub(crate) intro: Option<String>,
    pub(crate) questions: Vec<Question>,
}

impl Section {
    pub fn id(&self) -> &Id {
        &self.id
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// Markdown.
    pub fn intro(&self) -> Option<&str> {
        self.intro.as_deref()
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }
}
