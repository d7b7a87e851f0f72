//! Inviting one respondent: store them with a fresh token and mail the link.
//! The token exists only in the mail; losing it means issuing a new one.

use mailer::{MailError, MessageId};
use survey_core::Campaign;

use crate::app::App;
use crate::emails;
use crate::pages::now_string;
use crate::respondents::{create_respondent, NewRespondent, RespondentError, RespondentId};

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error(transparent)]
    Respondent(#[from] RespondentError),
    #[error("the respondent was stored but the invitation was not sent: {0}")]
    Mail(#[from] MailError),
}

pub struct Invitation {
    pub respondent: RespondentId,
    pub link: String,
    pub message: MessageId,
}

pub async fn invite(
    app: &App,
    campaign: &Campaign,
    r: &NewRespondent,
) -> Result<Invitation, InviteError> {
    let now = now_string(app.now());
    let (respondent, token) = create_respondent(&*app.store, campaign, r, &now).await?;
    let link = app.invitation_url(campaign.id().as_str(), token.as_str());
    let email = emails::invitation(app, campaign, r.name.trim(), r.email.trim(), &link);
    let message = app.mailer.send(&email).await?;
    Ok(Invitation {
        respondent,
        link,
        message,
    })
}
