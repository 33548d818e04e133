//! `import upload FILE...`: every file checked before the first task is created (`source`),
//! then each through the batch's two stages (`file`): created and sent, `--jobs` at a time,
//! then waited for and checked, their tasks printed in the order given (`crate::batch`).

mod file;
mod identity;
mod limits;
mod open;
mod source;
mod walk;
pub mod watch;

pub use source::{Source, check_files, would_send};
pub use walk::Walk;

use crate::api::client::Client;
use crate::error::Exit;
use crate::output::Printer;
use crate::transport::Transport;
use serde_json::Value;
use std::time::Duration;

/// What every file of one `import upload` shares.
pub struct Batch<'a> {
    pub operation: &'a str,
    pub body: &'a Value,
    /// The task is created with a `redirect`: the storage answers 303 on success.
    pub redirect: bool,
    pub wait_timeout: Duration,
    /// How the batch runs: jobs, `--fail-fast`, format, the summary's words.
    pub plan: crate::batch::Plan,
    /// Compare each file's MD5 with the stored file's.
    pub verify: bool,
    /// `--limit-rate`, shared by every job.
    pub limit: Option<crate::net::limit::Limiter>,
    /// What the record says to do with each file, by place (none: as in a first run).
    pub resume: Vec<crate::record::prior::Resume>,
    /// `--task`: the task each file goes into, by place, looked at already.
    pub into: Vec<Option<Value>>,
}

/// Uploads every file, `jobs` in the send stage at once, and prints their tasks in order.
pub fn run(
    (api, transport): (&Client, &Transport),
    out: &Printer,
    batch: &Batch,
    files: &[Source],
    run: &crate::run::Run,
) -> Exit {
    let stages = file::Uploads {
        api,
        transport,
        report: out,
        batch,
        several: files.len() > 1,
    };
    crate::batch::run(&stages, files, &batch.plan, out, run)
}
