//! `job create | show | wait | list | delete`. A job is created once everything in it is
//! checked; its files go into its own import/upload tasks through the upload engine (MD5,
//! retries, bars, the truth at Ctrl-C), then it is waited for and its results brought back.

use super::task::{each, list, query};
use super::{asker, client, would_send};
use crate::api::client::{Client, Thing};
use crate::api::task;
use crate::cli::job::{CreateArgs, JobCommand};
use crate::config::Settings;
use crate::error::{Error, Exit, Result};
use crate::job::spec::{self, Spec};
use crate::output::Printer;
use crate::run::Run;
use crate::transport::Transport;
use crate::upload::{self, Batch, Source};
use crate::wait::{self, Waited};
use clap::ValueEnum;
use serde_json::{Value, json};
use std::time::Duration;

pub fn run(cmd: &JobCommand, settings: &Settings, out: &Printer, run: &Run) -> Result<Exit> {
    if let JobCommand::Create(args) = cmd {
        return create(args, settings, out, run);
    }
    if settings.dry_run {
        for (method, path) in request_lines(cmd) {
            out.stdout_line(&out.json_text(&would_send(settings, method, &path, None)));
        }
        return Ok(Exit::Ok);
    }
    let api = client(settings, out)?;
    match cmd {
        JobCommand::Create(_) => unreachable!("created above"),
        JobCommand::Show(j) => each(
            Thing::Job,
            &j.ids,
            &|id| {
                out.job(&api.look_by(Thing::Job, id, None)?, settings.output);
                Ok(Exit::Ok)
            },
            out,
        ),
        JobCommand::Wait { job, wait_timeout } => each(
            Thing::Job,
            &job.ids,
            &|id| {
                let found = api.look_by(Thing::Job, id, None)?;
                waited(
                    &api,
                    out,
                    found,
                    Duration::from_secs(*wait_timeout),
                    settings,
                )
            },
            out,
        ),
        JobCommand::List { limit, .. } => {
            out.jobs(
                &list(&api, Thing::Job, &filters(cmd), *limit)?,
                settings.output,
            );
            Ok(Exit::Ok)
        }
        JobCommand::Delete(j) => each(
            Thing::Job,
            &j.ids,
            &|id| {
                api.delete(Thing::Job, id)?;
                out.tell(&format!("deleted job {id}"));
                Ok(Exit::Ok)
            },
            out,
        ),
    }
}

fn filters(cmd: &JobCommand) -> Vec<(&'static str, String)> {
    let JobCommand::List { tag, status, .. } = cmd else {
        return Vec::new();
    };
    let status = status.and_then(|s| s.to_possible_value());
    [
        ("status", status.map(|s| s.get_name().to_string())),
        ("tag", tag.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect()
}

fn request_lines(cmd: &JobCommand) -> Vec<(&'static str, String)> {
    let each =
        |ids: &[String], method| ids.iter().map(|id| (method, Thing::Job.path(id))).collect();
    match cmd {
        JobCommand::Show(j) | JobCommand::Wait { job: j, .. } => each(&j.ids, "GET"),
        JobCommand::Delete(j) => each(&j.ids, "DELETE"),
        JobCommand::List { limit, .. } => {
            vec![("GET", format!("jobs?{}", query(&filters(cmd), *limit, 1)))]
        }
        JobCommand::Create(_) => Vec::new(),
    }
}

/// `job create`: every check first (the JSON, its tasks, each `--file`), then the job, its
/// files, the wait and the downloads, as asked.
fn create(args: &CreateArgs, settings: &Settings, out: &Printer, run: &Run) -> Result<Exit> {
    let from = args.job.display().to_string();
    let text = if from == "-" {
        crate::cli::validate::refuse_terminal_stdin()?;
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text).map(|_| text)
    } else {
        crate::cli::validate::read_text(&args.job)
    }
    .map_err(|e| {
        Error::usage(format!("cannot read the job {from}: {e}"))
            .with_hint("give the job's JSON as a file, or - for stdin")
    })?;
    let spec = spec::read(
        &text,
        &from,
        &args.files,
        args.tag.as_deref(),
        args.webhook_url.as_deref(),
    )?;
    crate::secret::register_body(&spec.body);
    let files = checked(&spec)?;
    if let Some(dir) = &args.download
        && dir.is_file()
    {
        return Err(Error::usage(format!(
            "{} is in the way: it is a file, not a folder to download into",
            dir.display()
        ))
        .with_hint("name a folder (it is made if missing)"));
    }
    if settings.dry_run {
        out.stdout_line(&out.json_text(&would_send(settings, "POST", "jobs", Some(&spec.body))));
        for f in &files {
            out.stdout_line(&out.json_text(&upload::would_send(f)));
        }
        return Ok(Exit::Ok);
    }
    let api = std::sync::Arc::new(client(settings, out)?);
    run.can_ask(asker(&api));
    let job = api.create_job(&spec.body)?;
    let id = task::checked_id(&job)?;
    out.tell(&format!("created job {id}"));
    let sent = send(&api, &job, (&spec, &files), (args, settings), out, run);
    // A file that CloudConvert took but failed on fails the job: its wait names why.
    if sent != Exit::Ok && sent != Exit::TaskFailed {
        let now = api.look_by(Thing::Job, &id, None).unwrap_or(job);
        out.job(&now, settings.output);
        out.tell(&format!(
            "the job waits for its files; remove it with `cloudconvert job delete {id}`"
        ));
        return Ok(sent);
    }
    if !args.wait && args.download.is_none() && sent == Exit::Ok {
        let now = api.look_by(Thing::Job, &id, None).unwrap_or(job);
        out.job(&now, settings.output);
        return Ok(Exit::Ok);
    }
    let exit = waited(
        &api,
        out,
        job,
        Duration::from_secs(args.wait_timeout),
        settings,
    )?;
    match (&args.download, exit) {
        (Some(dir), Exit::Ok) => {
            let ended = api.look_by(Thing::Job, &id, None)?;
            let tasks = ended["tasks"].as_array().cloned().unwrap_or_default();
            let wanted = crate::download::wanted(&tasks);
            let to = crate::download::Target {
                dir,
                force: args.force,
                verify: !args.no_verify,
            };
            super::download::into(&api, &wanted, &to, settings, out, false)
        }
        _ => Ok(exit),
    }
}

/// Each `--file`, checked as `import upload` checks a file (each held open from its check to
/// its upload), in the order of the job's upload tasks.
fn checked(spec: &Spec) -> Result<Vec<Source>> {
    let walk = upload::Walk {
        recursive: false,
        follow_links: false,
    };
    let mut files = Vec::new();
    for (_, path) in &spec.files {
        if path.as_os_str() == "-" {
            return Err(Error::usage("--file takes a file, not stdin (-)")
                .with_hint("save what would come on stdin to a file first"));
        }
        files.extend(upload::check_files(std::slice::from_ref(path), None, walk)?.files);
    }
    Ok(files)
}

/// Sends each file into its task of the created job: the upload engine, filling tasks that
/// exist (as `--task` does), printing nothing on stdout (the job is printed instead).
fn send(
    api: &std::sync::Arc<Client>,
    job: &Value,
    (spec, files): (&Spec, &[Source]),
    (args, settings): (&CreateArgs, &Settings),
    out: &Printer,
    run: &Run,
) -> Exit {
    if files.is_empty() {
        return Exit::Ok;
    }
    let tasks = job["tasks"].as_array().cloned().unwrap_or_default();
    let into: Vec<Option<Value>> = spec
        .files
        .iter()
        .map(|(name, _)| tasks.iter().find(|t| t["name"] == name.as_str()).cloned())
        .collect();
    if let Some(at) = into.iter().position(Option::is_none) {
        out.error(&Error::failure(format!(
            "the created job has no task {}, which the job asked for",
            spec.files[at].0
        )));
        return Exit::Failure;
    }
    let body = json!({});
    let batch = Batch {
        operation: "import/upload",
        body: &body,
        redirect: false,
        wait_timeout: Duration::from_secs(args.wait_timeout),
        plan: crate::batch::Plan {
            jobs: 4,
            fail_fast: false,
            format: settings.output,
            verb: "uploaded",
            noun: "files",
            skipped: 0,
            tasks_out: false,
        },
        verify: !args.no_verify,
        limit: args.limit_rate.map(crate::net::limit::Limiter::new),
        resume: Vec::new(),
        into,
    };
    let transport = Transport::new(settings.timeout, settings.retries, api.tls(), out.shared());
    upload::run((api, &transport), out, &batch, files, run)
}

/// Waits for the job and prints it as it ended; a failed job names each failed task (those
/// that failed only because their input did are said to follow it).
fn waited(
    api: &Client,
    out: &Printer,
    job: Value,
    timeout: Duration,
    settings: &Settings,
) -> Result<Exit> {
    let id = task::id(&job).unwrap_or("?").to_string();
    let deadline = wait::deadline_in(timeout);
    match wait::job_until_done(api, out, job, deadline)? {
        Waited::TimedOut(job) => {
            out.job(&job, settings.output);
            Err(Error::new(
                Exit::Unavailable,
                format!(
                    "job {id} is still {} after {} s",
                    task::status(&job).unwrap_or("unfinished"),
                    timeout.as_secs()
                ),
            )
            .with_hint(format!("keep waiting with: cloudconvert job wait {id}"))
            .of_kind(crate::error::Kind::TimedOut))
        }
        Waited::Ended(job) => {
            out.job(&job, settings.output);
            if task::status(&job) != Some("error") {
                return Ok(Exit::Ok);
            }
            Err(Error::new(Exit::TaskFailed, failed(&job)))
        }
    }
}

/// `job ID failed:` and a line for each failed task, by name and id, with its code and
/// message; a task failed only because its input failed follows it.
fn failed(job: &Value) -> String {
    let mut lines = vec![format!("job {} failed:", task::id(job).unwrap_or("?"))];
    let tasks = job["tasks"].as_array().cloned().unwrap_or_default();
    let name = |t: &Value| t["name"].as_str().unwrap_or("?").to_string();
    for t in tasks.iter().filter(|t| task::status(t) == Some("error")) {
        let head = format!("  task {} ({})", name(t), task::id(t).unwrap_or("?"));
        if t["code"] == "INPUT_TASK_FAILED" {
            lines.push(format!("{head} did not run: its input failed"));
        } else {
            lines.push(format!("{head}: {}", task::failure(t)));
        }
    }
    lines.join("\n")
}
