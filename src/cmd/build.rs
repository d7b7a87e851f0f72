use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context};
use site::Site;

use crate::cli::ContentArgs;

pub fn run(
    root: &Path,
    out: &Path,
    args: &ContentArgs,
    base_url: Option<String>,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut opts = super::build_options(root, args);
    opts.base_url = base_url;
    let output = match Site::load(opts).and_then(|s| s.render()) {
        Ok(o) => o,
        Err(diags) => {
            eprintln!("{diags}");
            bail!("build failed");
        }
    };
    let out_dir = if out.is_absolute() {
        out.to_path_buf()
    } else {
        root.join(out)
    };
    output
        .write(&out_dir)
        .with_context(|| format!("writing {}", out_dir.display()))?;
    println!(
        "Built {} pages ({} files) into {} in {} ms",
        output.html_count(),
        output.files.len(),
        out_dir.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}
