//! `task show | wait | list | download | cancel | retry | delete`: flags of the task verbs.

use super::{ApiRegion, validate};
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert task show \"$id\" | jq -r '.status'
  cloudconvert task wait \"$id\" --wait-timeout 120
  cloudconvert task list --status error -o id";

/// A task id argument, checked before anything is sent.
#[derive(Args, Debug)]
pub struct TaskId {
    /// The task ids; each is printed in turn (the worst exit status of all)
    #[arg(value_name = "ID", required = true, value_parser = validate::task_id)]
    pub ids: Vec<String>,
    #[command(flatten)]
    pub api: ApiRegion,
}

/// A task's or a job's status, as `list --status` filters on it (the two share the four).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[value(rename_all = "lower")]
pub enum Status {
    Waiting,
    Processing,
    Finished,
    Error,
}

#[derive(Subcommand, Debug)]
pub enum TaskCommand {
    /// Print a task as it is now
    #[command(
        after_help = "Examples:\n  cloudconvert task show 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f\n  cloudconvert task show \"$id\" --include payload | jq '.payload'"
    )]
    Show {
        #[command(flatten)]
        task: TaskId,
        /// Fields the API leaves out unless asked (comma-separated or repeated)
        #[arg(long, value_delimiter = ',', value_name = "FIELD",
              value_parser = clap::builder::PossibleValuesParser::new(["payload", "retries", "depends_on_tasks", "job"]))]
        include: Vec<String>,
    },
    /// Wait until a task is finished or failed, then print it (exit 3 if it failed)
    #[command(
        after_help = "Examples:\n  cloudconvert task wait 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f\n  cloudconvert task wait \"$id\" --wait-timeout 120 || echo \"failed: $?\""
    )]
    Wait {
        #[command(flatten)]
        task: TaskId,
        /// Give up waiting after this many seconds (exit 5)
        #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = validate::wait_secs)]
        wait_timeout: u64,
    },
    /// List tasks, newest first: one per line when piped
    #[command(
        after_help = "Examples:\n  cloudconvert task list --status error --limit 10\n  cloudconvert task list --operation import/upload -o id"
    )]
    List {
        /// Only tasks with this status
        #[arg(long, value_enum)]
        status: Option<Status>,
        /// Only tasks of this operation, e.g. import/upload or import/s3
        #[arg(long, value_name = "OPERATION", value_parser = validate::operation)]
        operation: Option<String>,
        /// Only the tasks of this job
        #[arg(long, value_name = "ID", value_parser = validate::task_id)]
        job: Option<String>,
        /// At most this many tasks, fetched page after page
        #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=10_000))]
        limit: u32,
        #[command(flatten)]
        api: ApiRegion,
    },
    /// Bring the files of export/url tasks into a folder
    #[command(
        after_help = "Examples:\n  cloudconvert task download 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f -D out/\n  cloudconvert task download \"$export_task\" --force"
    )]
    Download(DownloadArgs),
    /// Cancel a waiting or processing task, then print it
    #[command(
        after_help = "Examples:\n  cloudconvert task cancel 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f"
    )]
    Cancel(TaskId),
    /// Run a task again as a new task, then print the new task
    #[command(
        after_help = "Examples:\n  cloudconvert task retry 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f -o id"
    )]
    Retry(TaskId),
    /// Delete a task and its files now (CloudConvert otherwise keeps them for 24 hours)
    #[command(
        after_help = "Examples:\n  cloudconvert task delete 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f"
    )]
    Delete(TaskId),
}

impl TaskCommand {
    pub fn api(&self) -> &ApiRegion {
        match self {
            TaskCommand::Show { task, .. } | TaskCommand::Wait { task, .. } => &task.api,
            TaskCommand::Download(d) => &d.task.api,
            TaskCommand::Cancel(task) | TaskCommand::Retry(task) | TaskCommand::Delete(task) => {
                &task.api
            }
            TaskCommand::List { api, .. } => api,
        }
    }
}

/// `task download`.
#[derive(Args, Debug)]
pub struct DownloadArgs {
    #[command(flatten)]
    pub task: TaskId,

    /// The folder to bring the files into (made if missing)
    #[arg(short = 'D', long = "dir", value_name = "DIR", default_value = ".", value_hint = clap::ValueHint::DirPath)]
    pub dir: PathBuf,

    /// Replace files in the way
    #[arg(long)]
    pub force: bool,

    /// Skip the MD5 check against the storage's ETag (the size is still checked)
    #[arg(long, hide_short_help = true)]
    pub no_verify: bool,

    /// Give up waiting for a task still processing after SECS (exit 5)
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = validate::wait_secs, hide_short_help = true)]
    pub wait_timeout: u64,
}
