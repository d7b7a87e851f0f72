//! The Lambda entry point's logic: an SNS event holding SES event records.

use aws_lambda_events::event::sns::SnsEvent;
use store::{Store, StoreError};

use crate::apply::{apply, Outcome, Report};
use crate::event::{parse, Parsed};

/// Applies every record. A record that is not an SES event, or an event type
/// we do not handle, is logged and skipped: retrying it would never help. A
/// store failure is returned, so Lambda retries the invocation (and finally
/// sends it to the dead-letter queue); events already applied are then
/// recognised by their markers.
pub async fn handle(
    store: &dyn Store,
    event: SnsEvent,
    now: i64,
) -> Result<Vec<Report>, StoreError> {
    let mut reports = Vec::new();
    for record in event.records {
        let sns_id = record.sns.message_id.as_str();
        let parsed = match parse(&record.sns.message) {
            Ok(p) => p,
            Err(e) => {
                tracing::warn!(sns_message_id = sns_id, error = %e, "skipping a record that is not an SES event");
                continue;
            }
        };
        let ses = match parsed {
            Parsed::Event(ses) => ses,
            Parsed::Unknown { event_type } => {
                tracing::info!(
                    sns_message_id = sns_id,
                    event_type,
                    "ignoring an SES event type this function does not handle"
                );
                continue;
            }
        };
        let report = apply(store, &ses, now).await.inspect_err(|e| {
            tracing::error!(
                sns_message_id = sns_id,
                event_type = ses.kind.name(),
                ses_message_id = ses.mail.message_id,
                error = %e,
                "could not apply the SES event; Lambda will retry"
            )
        })?;
        // Respondent ids and campaigns only: addresses are personal data and stay out of logs.
        let campaign = ses.tag(delivery::schema::TAG_CAMPAIGN).unwrap_or("");
        let respondent = ses.tag(delivery::schema::TAG_RESPONDENT).unwrap_or("");
        let outcome = format!("{:?}", report.outcome);
        match report.outcome {
            Outcome::Untagged
            | Outcome::UnknownRespondent
            | Outcome::StaleAddress
            | Outcome::NoState => {
                tracing::info!(
                    event_type = ses.kind.name(),
                    ses_message_id = ses.mail.message_id,
                    campaign,
                    respondent,
                    outcome,
                    suppressed = report.suppressed.len(),
                    "SES event not applied to a respondent"
                )
            }
            _ => tracing::info!(
                event_type = ses.kind.name(),
                ses_message_id = ses.mail.message_id,
                campaign,
                respondent,
                outcome,
                suppressed = report.suppressed.len(),
                step_marked_sent = report.step_marked_sent,
                "SES event applied"
            ),
        }
        reports.push(report);
    }
    Ok(reports)
}
