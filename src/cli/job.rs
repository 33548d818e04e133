//! `job create | show | wait | list | delete` and `webhook verify`: flags of
//! the commands that run jobs and bring their results back.

use super::{ApiRegion, validate};
use clap::{Args, Subcommand};
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert job create job.json --file upload=in.docx --download out/
  cloudconvert job list --tag ci --status error
  cloudconvert job wait \"$job\" | jq -r '.tasks[].status'";

const CREATE_EXAMPLES: &str = "\
Examples:
  cloudconvert job create job.json --file upload=in.docx --download out/
  cloudconvert job create job.json --tag \"$CI_COMMIT_SHA\" --wait -o id
  jq '.tasks.convert.pages = \"1\"' job.json | cloudconvert job create - --wait

JOB is the JSON CloudConvert's Job Builder shows: {\"tasks\": {NAME: {\"operation\": ...}}}.
Each import/upload task takes its file with --file NAME=PATH, sent as import upload sends
one (MD5 checked, retried, --limit-rate). Everything is checked before the job is created.";

#[derive(Subcommand, Debug)]
pub enum JobCommand {
    /// Create a job, send its files, and wait for it or bring its results back
    #[command(after_help = CREATE_EXAMPLES)]
    Create(Box<CreateArgs>),
    /// Print a job (with its tasks) as it is now
    #[command(
        after_help = "Examples:\n  cloudconvert job show 6b1b8e5e-5d8c-4a38-9f47-6a2b4a1d2c3e\n  cloudconvert job show \"$job\" | jq '.tasks[] | {name, status}'"
    )]
    Show(JobId),
    /// Wait until a job is finished or failed, then print it (exit 3 if it failed)
    #[command(
        after_help = "Examples:\n  cloudconvert job wait 6b1b8e5e-5d8c-4a38-9f47-6a2b4a1d2c3e\n  cloudconvert job wait \"$job\" --wait-timeout 120 || echo \"failed: $?\""
    )]
    Wait {
        #[command(flatten)]
        job: JobId,
        /// Give up waiting after this many seconds (exit 5)
        #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = validate::wait_secs)]
        wait_timeout: u64,
    },
    /// List jobs, newest first: one per line when piped
    #[command(
        after_help = "Examples:\n  cloudconvert job list --tag ci --limit 10\n  cloudconvert job list --status error -o id"
    )]
    List {
        /// Only jobs with this tag
        #[arg(long, value_name = "TAG", value_parser = validate::non_empty)]
        tag: Option<String>,
        /// Only jobs with this status
        #[arg(long, value_enum)]
        status: Option<super::Status>,
        /// At most this many jobs, fetched page after page
        #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        limit: u32,
        #[command(flatten)]
        api: ApiRegion,
    },
    /// Delete a job, its tasks and their files now
    #[command(
        after_help = "Examples:\n  cloudconvert job delete 6b1b8e5e-5d8c-4a38-9f47-6a2b4a1d2c3e"
    )]
    Delete(JobId),
}

impl JobCommand {
    pub fn api(&self) -> &ApiRegion {
        match self {
            JobCommand::Create(a) => &a.api,
            JobCommand::Show(j) | JobCommand::Delete(j) | JobCommand::Wait { job: j, .. } => &j.api,
            JobCommand::List { api, .. } => api,
        }
    }
}

/// A job id argument, checked before anything is sent.
#[derive(Args, Debug)]
pub struct JobId {
    /// The job ids; each is printed in turn (the worst exit status of all)
    #[arg(value_name = "ID", required = true, value_parser = validate::task_id)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub api: ApiRegion,
}

#[derive(Args, Debug)]
pub struct CreateArgs {
    /// The job's JSON, as the Job Builder shows it; - is stdin
    #[arg(value_name = "JOB", value_hint = clap::ValueHint::FilePath)]
    pub job: PathBuf,

    /// Send PATH into the job's import/upload task NAME (repeat for each)
    #[arg(long = "file", value_name = "NAME=PATH")]
    pub files: Vec<String>,

    /// Set (or replace) the job's tag
    #[arg(long, value_name = "TAG", value_parser = validate::non_empty)]
    pub tag: Option<String>,

    /// Set (or replace) the URL CloudConvert calls when the job ends
    #[arg(long, value_name = "URL", value_parser = validate::http_url, hide_short_help = true)]
    pub webhook_url: Option<String>,

    /// Wait for the job to end, then print it (exit 3 if it failed)
    #[arg(long)]
    pub wait: bool,

    /// Stop waiting after SECS (exit 5); the job is printed as last seen
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = validate::wait_secs, hide_short_help = true)]
    pub wait_timeout: u64,

    /// Bring every export/url file of the job into DIR (implies --wait)
    ///
    /// Each is written under a temporary name and renamed when whole, its size and MD5
    /// checked. A file in the way stops the download before it starts, unless --force.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub download: Option<PathBuf>,

    /// Replace files in the way of a download
    #[arg(long, requires = "download")]
    pub force: bool,

    /// Cap the upload rate, e.g. 200K or 1M
    #[arg(long, value_name = "RATE", value_parser = validate::parse_rate, hide_short_help = true)]
    pub limit_rate: Option<u64>,

    /// Skip the MD5 checks: of the files sent, and of those downloaded
    #[arg(long, hide_short_help = true)]
    pub no_verify: bool,

    #[command(flatten)]
    pub api: ApiRegion,
}

pub const WEBHOOK_EXAMPLES: &str = "\
Examples:
  cloudconvert webhook verify --signature \"$SIGNATURE\" < body.json
  cloudconvert webhook verify --signature \"$sig\" body.json && echo genuine

Exit status: 0 the signature matches, 1 it does not, 2 usage. Hash the body as it came:
a body parsed and written again is other bytes, and never matches.";

#[derive(Subcommand, Debug)]
pub enum WebhookCommand {
    /// Check a webhook's CloudConvert-Signature against its raw body
    #[command(after_help = WEBHOOK_EXAMPLES)]
    Verify(VerifyArgs),
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The CloudConvert-Signature header's value (hex HMAC-SHA256)
    #[arg(long, value_name = "HEX", value_parser = validate::non_empty)]
    pub signature: String,

    /// The webhook's signing secret [env: CLOUDCONVERT_WEBHOOK_SECRET]
    #[arg(long, value_name = "SECRET", value_parser = validate::non_empty)]
    pub secret: Option<String>,

    /// The body as received; - (the default) is stdin
    #[arg(value_name = "FILE", default_value = "-", value_hint = clap::ValueHint::FilePath)]
    pub body: PathBuf,
}
