//! `import upload FILE...`: every file checked before the first task is created, then up to
//! `--jobs` files in flight at once, each created, sent and waited for (`file`), their tasks
//! printed in the order given (`batch`).

mod batch;
mod file;
mod limits;
pub mod multipart;
mod source;

pub use batch::run;
pub use source::{Source, check_files, would_send};

use crate::cli::OutputFormat;
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
    /// `--limit-rate`, shared by every job.
    pub limit: Option<crate::http::limit::Limiter>,
}
