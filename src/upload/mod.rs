//! `import upload FILE...`: every file checked before the first task is created (`source`),
//! then each through the batch's two stages (`file`): created and sent, `--jobs` at a time,
//! then waited for and checked, their tasks printed in the order given (`crate::batch`).

mod file;
mod limits;
pub mod multipart;
mod source;

pub use source::{Source, Walk, check_files, would_send};

use crate::cli::OutputFormat;
use crate::error::Exit;
use crate::http::Http;
use crate::progress::Feedback;
use serde_json::Value;
use std::time::Duration;

/// What every file of one `import upload` shares.
pub struct Batch<'a> {
    pub operation: &'a str,
    pub body: &'a Value,
    /// The task is created with a `redirect`: the storage answers 303 on success.
    pub redirect: bool,
    pub wait_timeout: Duration,
    pub progress: Feedback,
    pub format: OutputFormat,
    /// Files in flight at once.
    pub jobs: usize,
    /// Start no new file after the first failure.
    pub fail_fast: bool,
    /// Compare each file's MD5 with the stored file's.
    pub verify: bool,
    /// Links a walk did not follow, for the summary.
    pub skipped: usize,
    /// `--limit-rate`, shared by every job.
    pub limit: Option<crate::http::limit::Limiter>,
}

/// Uploads every file, `jobs` in the send stage at once, and prints their tasks in order.
pub fn run(http: &Http, batch: &Batch, files: &[Source]) -> Exit {
    let stages = file::Uploads {
        http,
        batch,
        several: files.len() > 1,
    };
    let plan = crate::batch::Plan {
        jobs: batch.jobs,
        fail_fast: batch.fail_fast,
        feedback: batch.progress,
        format: batch.format,
        words: ("uploaded", "files"),
        skipped: batch.skipped,
    };
    crate::batch::run(&stages, files, &plan)
}
