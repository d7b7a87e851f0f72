//! Production sending through SES v2.

use async_trait::async_trait;
use aws_env::SdkConfig;
use aws_sdk_sesv2::types::{
    Body, Content, Destination, EmailContent, Message, MessageHeader, MessageTag,
};
use aws_sdk_sesv2::Client;

use crate::{validate, Email, MailError, Mailer, MessageId};

#[derive(Debug, Clone)]
pub struct SesMailer {
    client: Client,
    from: String,
}

impl SesMailer {
    pub fn new(client: Client, from: impl Into<String>) -> Self {
        Self {
            client,
            from: from.into(),
        }
    }

    /// From a loaded SDK config; `endpoint_url` points at a local SES (moto).
    pub fn from_sdk_config(
        config: &SdkConfig,
        from: impl Into<String>,
        endpoint_url: Option<&str>,
    ) -> Self {
        let mut builder = aws_sdk_sesv2::config::Builder::from(config);
        if let Some(url) = endpoint_url {
            builder = builder.endpoint_url(url);
        }
        Self::new(Client::from_conf(builder.build()), from)
    }

    pub fn client(&self) -> &Client {
        &self.client
    }
}

fn utf8(data: &str) -> Result<Content, MailError> {
    Content::builder()
        .data(data)
        .charset("UTF-8")
        .build()
        .map_err(|e| MailError::Invalid(e.to_string()))
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, msg: &Email) -> Result<MessageId, MailError> {
        validate(msg)?;
        let invalid = |e: aws_sdk_sesv2::error::BuildError| MailError::Invalid(e.to_string());
        let mut message = Message::builder().subject(utf8(&msg.subject)?).body(
            Body::builder()
                .html(utf8(&msg.html)?)
                .text(utf8(&msg.text)?)
                .build(),
        );
        for (name, value) in &msg.headers {
            message = message.headers(
                MessageHeader::builder()
                    .name(name)
                    .value(value)
                    .build()
                    .map_err(invalid)?,
            );
        }
        let mut req = self
            .client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().to_addresses(&msg.to).build())
            .content(EmailContent::builder().simple(message.build()).build())
            .set_configuration_set_name(msg.configuration_set.clone());
        for (name, value) in &msg.tags {
            req = req.email_tags(
                MessageTag::builder()
                    .name(name)
                    .value(value)
                    .build()
                    .map_err(invalid)?,
            );
        }
        let out = req.send().await.map_err(classify)?;
        Ok(MessageId(out.message_id.unwrap_or_default()))
    }

    async fn max_send_rate(&self) -> Result<Option<f64>, MailError> {
        let account = self.client.get_account().send().await.map_err(|e| {
            MailError::Backend(format!(
                "SES GetAccount: {}",
                aws_sdk_sesv2::error::DisplayErrorContext(&e)
            ))
        })?;
        Ok(account
            .send_quota
            .map(|q| q.max_send_rate)
            .filter(|r| *r > 0.0))
    }
}

/// Sorts SES's answers into what a sender should do next: pause and retry,
/// give up on this message, or stop the run.
fn classify(
    e: aws_sdk_sesv2::error::SdkError<
        aws_sdk_sesv2::operation::send_email::SendEmailError,
        aws_sdk_sesv2::config::http::HttpResponse,
    >,
) -> MailError {
    use aws_sdk_sesv2::operation::send_email::SendEmailError as E;
    let text = format!(
        "SES SendEmail: {}",
        aws_sdk_sesv2::error::DisplayErrorContext(&e)
    );
    let status = e.raw_response().map(|r| r.status().as_u16());
    match e.as_service_error() {
        Some(E::TooManyRequestsException(_)) | Some(E::LimitExceededException(_)) => {
            MailError::Throttled(text)
        }
        Some(E::MessageRejected(_)) | Some(E::BadRequestException(_)) => MailError::Rejected(text),
        Some(E::AccountSuspendedException(_))
        | Some(E::SendingPausedException(_))
        | Some(E::MailFromDomainNotVerifiedException(_))
        | Some(E::NotFoundException(_)) => MailError::Halted(text),
        _ if status == Some(429) => MailError::Throttled(text),
        _ => MailError::Backend(text),
    }
}
