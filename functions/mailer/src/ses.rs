//! Production sending through SES v2.

use async_trait::async_trait;
use aws_config::SdkConfig;
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
        let out = req.send().await.map_err(|e| {
            MailError::Backend(format!(
                "SES SendEmail: {}",
                aws_sdk_sesv2::error::DisplayErrorContext(&e)
            ))
        })?;
        Ok(MessageId(out.message_id.unwrap_or_default()))
    }
}
