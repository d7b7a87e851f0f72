use std::path::Path;

use anyhow::bail;
use site::Site;

use crate::cli::ContentArgs;

/// Loads, checks and renders everything in memory; writes nothing.
pub fn run(root: &Path, args: &ContentArgs) -> anyhow::Result<()> {
    match Site::load(super::build_options(root, args)).and_then(|s| s.render().map(|o| (s, o))) {
        Ok((site, output)) => {
            println!(
                "OK: {} pages, {} files, no problems",
                site.library.pages.len(),
                output.files.len()
            );
            Ok(())
        }
        Err(diags) => {
            eprintln!("{diags}");
            bail!("check failed")
        }
    }
}
