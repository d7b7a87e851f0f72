//! `cchc questions pull` and `cchc questions notify`: the editors' side of the
//! Q&A. Pull writes each new question as a draft page in content/hoi-dap/
//! (attachments beside it, contact details never); notify tells each asker,
//! once, that the answer is published.

use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::{Args, Subcommand};
use questions::App;

#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// Write each new question as a draft page in content/hoi-dap/.
    Pull {
        #[command(flatten)]
        backend: Backend,
    },
    /// Email the asker of each published answer its link, once.
    Notify {
        /// The built site (cchc build): an answer counts as published once its page is there.
        #[arg(long, default_value = "public")]
        site: PathBuf,
        /// Address of the published site; default: base_url of site.yaml.
        #[arg(long)]
        base_url: Option<String>,
        #[command(flatten)]
        backend: Backend,
    },
}

#[derive(Debug, Clone, Args)]
pub struct Backend {
    /// Use the production table, bucket and SES (CCHC_TABLE, CCHC_ATTACHMENTS_BUCKET,
    /// CCHC_MAIL_FROM, as the Lambda does) instead of .cchc/.
    #[arg(long)]
    pub aws: bool,
}

async fn open(root: &Path, backend: &Backend, base_url: &str) -> anyhow::Result<App> {
    // Nothing here hashes an address: the key only has to exist.
    if backend.aws {
        questions::env::app_from_env(b"cchc-cli".to_vec(), base_url)
            .await
            .map_err(|e| anyhow!(e))
    } else {
        questions::local::open_app(root, base_url).map_err(|e| anyhow!(e))
    }
}

pub fn run(root: &Path, command: QuestionsCommand) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let content = root.join("content");
        match command {
            QuestionsCommand::Pull { backend } => {
                let app = open(root, &backend, "").await?;
                let pulled = questions::editor::pull(&app, &content).await?;
                for p in &pulled {
                    println!("{}: {} ({} tệp đính kèm)", p.code, p.page.display(), p.files);
                }
                println!(
                    "{} câu hỏi mới. Trả lời trong từng trang, đặt draft: false, kiểm tra tệp đính kèm (xóa tệp không nên công khai cùng dòng attachments của nó), rồi chạy `cchc check`.",
                    pulled.len()
                );
            }
            QuestionsCommand::Notify {
                site,
                base_url,
                backend,
            } => {
                let base_url = match base_url {
                    Some(b) => b,
                    None => site::Config::load(root).map_err(|e| anyhow!(e))?.base_url,
                };
                let app = open(root, &backend, &base_url).await?;
                let site = if site.is_absolute() { site } else { root.join(site) };
                let report = questions::editor::notify(&app, &content, &site).await?;
                for (code, url) in &report.sent {
                    println!("{code}: đã báo người hỏi, {url}");
                }
                for (code, why) in &report.waiting {
                    println!("{code}: chưa báo: {why}");
                }
                println!("Đã gửi {} thư báo.", report.sent.len());
            }
        }
        Ok(())
    })
}
