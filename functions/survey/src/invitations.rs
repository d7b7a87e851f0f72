//! Inviting one respondent by hand (`cchc respondents add`): store them with a
//! fresh token and mail the link. Lists go through `outreach` instead, which
//! queues, throttles and resumes.

use mailer::{MailError, MessageId};
use survey_core::Campaign;

use crate::app::App;
use crate::emails;
use crate::pages::now_string;
use crate::respondents::{
    register, sealed_token, NewRespondent, Registered, RespondentError, RespondentId,
};

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
    let cid = campaign.id().as_str();
    let (registered, token) =
        register(&*app.store, campaign, r, &now, app.link_key.as_ref()).await?;
    let respondent = registered.id().clone();
    let token = match (token, &app.link_key) {
        (Some(t), _) => t,
        (None, Some(key)) => sealed_token(&*app.store, cid, &respondent, key)
            .await
            .map_err(RespondentError::from)?
            .ok_or_else(|| {
                RespondentError::Invalid(format!(
                    "the link of respondent {respondent} is not sealed"
                ))
            })?,
        (None, None) => {
            return Err(RespondentError::Invalid(format!(
                "{} is already invited to {cid} and its link cannot be recovered",
                r.email.trim()
            ))
            .into())
        }
    };
    if matches!(registered, Registered::Updated(_)) {
        tracing::info!(respondent = %respondent, "respondent details updated before re-sending");
    }
    let link = app.invitation_url(cid, token.as_str());
    let to = emails::Recipient {
        name: r.name.trim(),
        email: r.email.trim(),
        unit: r.unit.trim(),
        group: &r.group,
    };
    let email = emails::invitation(app, campaign, &to, &link, false)?;
    let message = app.mailer.send(&email).await?;
    Ok(Invitation {
        respondent,
        link,
        message,
    })
}
