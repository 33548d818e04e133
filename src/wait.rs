//! Waiting for a task to end. The sync host holds `GET tasks/{id}` until the task is `finished`
//! or `error`, so the end is seen the moment it happens; where there is no sync host (`--api-url`
//! alone) or it fails, the API host is polled with a gentle backoff. Bounded by `--wait-timeout`,
//! with a spinner on a terminal.

use crate::api::task;
use crate::cli::OutputFormat;
use crate::error::{Error, Exit, Result};
use crate::events::{Feedback, LINE_EVERY};
use crate::http::{Http, SyncError};
use crate::progress::Spinner;
use serde_json::Value;
use std::time::{Duration, Instant};

/// The first pause between two polls, and how each pause grows up to the longest.
pub const FIRST_INTERVAL: Duration = Duration::from_millis(500);
pub const GROWTH: f64 = 1.5;
pub const MAX_INTERVAL: Duration = Duration::from_secs(5);
/// A sync answer that is not final and came sooner than this was not held: pause as a poll
/// would before asking again, so that such a host is not asked in a tight loop.
const HELD: Duration = Duration::from_secs(1);
/// A call to the API made at the deadline may take this long past it (so that the task printed
/// after a timeout is as it is now); `--wait-timeout N` ends within N s and this.
const LAST_LOOK: Duration = Duration::from_millis(500);

/// How a wait ended.
pub enum Waited {
    /// The task is `finished` or `error`.
    Ended(Value),
    /// `--wait-timeout` passed; the task as last seen.
    TimedOut(Value),
}

/// The deadline of a wait of `timeout` that starts now (none for one too long to say).
pub fn deadline_in(timeout: Duration) -> Option<Instant> {
    Instant::now().checked_add(timeout)
}

/// Waits until the task is `finished` or `error`, or `deadline`; `current` is its latest
/// known state. The spinner names `label` (a file's name in a batch), else the task's id.
pub fn until_done(
    http: &Http,
    mut current: Value,
    deadline: Option<Instant>,
    feedback: Feedback,
    label: Option<&str>,
) -> Result<Waited> {
    let id = task::checked_id(&current)?;
    let shown = label.map_or_else(|| id.clone(), |l| format!("{l} ({id})"));
    let last_look = deadline.and_then(|d| d.checked_add(LAST_LOOK));
    let left = || {
        deadline.map_or(Duration::MAX, |d| {
            d.saturating_duration_since(Instant::now())
        })
    };
    let spinner = (feedback == Feedback::Bars)
        .then(|| Spinner::new(http.printer(), &shown, doing(&current, label.is_some())));
    let started = Instant::now();
    let mut last_line = started;
    let mut use_sync = http.has_sync();
    let mut interval = FIRST_INTERVAL;
    let result = loop {
        if task::is_done(&current) {
            break Ok(Waited::Ended(current));
        }
        if let Some(s) = &spinner {
            s.status(&shown, doing(&current, label.is_some()));
        }
        if left().is_zero() {
            // A held call tells nothing until the end: look at the task once more.
            if use_sync && let Ok(t) = http.task_by(&id, last_look) {
                current = t;
                if task::is_done(&current) {
                    continue;
                }
            }
            break Ok(Waited::TimedOut(current));
        }
        if feedback == Feedback::Lines && last_line.elapsed() >= LINE_EVERY {
            last_line = Instant::now();
            // A held sync call tells nothing until the end: ask the API host for the status.
            if use_sync && let Ok(t) = http.task_by(&id, last_look) {
                current = t;
                if task::is_done(&current) {
                    continue;
                }
            }
            http.printer().note(&format!(
                "task {id} is still {} after {} s",
                doing(&current, label.is_some()),
                started.elapsed().as_secs()
            ));
        }
        // In a log, a held call lasts until the next status line at most.
        let hold = match feedback {
            Feedback::Lines => left().min(LINE_EVERY.saturating_sub(last_line.elapsed())),
            _ => left(),
        };
        if use_sync {
            let asked = Instant::now();
            let limit = if hold < left() {
                "the next status line"
            } else {
                "--wait-timeout"
            };
            match http.sync_task(&id, hold, limit) {
                Ok(t) => {
                    current = t;
                    if !task::is_done(&current) && asked.elapsed() < HELD.min(hold) {
                        pause(http, &mut interval, left());
                    }
                }
                Err(SyncError::Deadline) => {}
                Err(SyncError::Refused(e)) => break Err(e),
                Err(SyncError::Unavailable(e)) => {
                    http.sync_failed(&e);
                    use_sync = false;
                }
            }
            continue;
        }
        pause(http, &mut interval, hold);
        match http.poll_task(&id, last_look) {
            Ok(t) => current = t,
            // A poll cut at the deadline is the wait's timeout, not a failure.
            Err(_) if left().is_zero() => break Ok(Waited::TimedOut(current)),
            Err(e) => break Err(e),
        }
    };
    drop(spinner);
    result
}

/// What a task is doing, in words. `sent`: the wait follows a file this run sent, so an
/// upload task still `waiting` (the API's word, which would say the file had not come) is
/// CloudConvert taking the file in.
fn doing(current: &Value, sent: bool) -> &str {
    match task::status(current) {
        Some("waiting") if sent && task::operation(current) == Some("import/upload") => {
            "being taken in by CloudConvert"
        }
        Some(status) => status,
        None => "waiting",
    }
}

/// A wait that failed is about its task, so that the task is not lost with the error, whatever
/// hint the error already has.
pub fn naming_the_task(mut e: Error, id: &str) -> Error {
    if e.hint.is_none() {
        e.hint = Some(format!("follow it with `cloudconvert task wait {id}`"));
    }
    e.about_task(id)
}

/// Sleeps the poll pause (at most `max`, and no longer once the API is given up on), and
/// lets the next one grow.
fn pause(http: &Http, interval: &mut Duration, max: Duration) {
    http.idle((*interval).min(max));
    *interval = interval.mul_f64(GROWTH).min(MAX_INTERVAL);
}

/// How a wait comes out: the task to print, the exit status it means, and the error to report.
pub struct Ended {
    pub task: Value,
    pub exit: Exit,
    pub error: Option<Error>,
}

/// `finished` is exit 0; `error` is exit 3 with one line saying why; a wait that timed out
/// keeps the task as last seen (so a script can resume) and is exit 5.
pub fn ended(waited: Waited, timeout: Duration) -> Ended {
    match waited {
        Waited::Ended(task) if task::status(&task) == Some("error") => {
            let error = Error::new(
                Exit::TaskFailed,
                format!(
                    "task {} failed: {}",
                    task::id(&task).unwrap_or("?"),
                    task::failure(&task)
                ),
            );
            Ended {
                task,
                exit: Exit::TaskFailed,
                error: Some(error),
            }
        }
        Waited::Ended(task) => Ended {
            task,
            exit: Exit::Ok,
            error: None,
        },
        Waited::TimedOut(task) => {
            let id = task::id(&task).unwrap_or("?");
            let error = Error::new(
                Exit::Unavailable,
                format!(
                    "task {id} is still {} after {} s",
                    task::status(&task).unwrap_or("unfinished"),
                    timeout.as_secs()
                ),
            )
            .with_hint(format!("keep waiting with: cloudconvert task wait {id}"))
            .of_kind(crate::error::Kind::TimedOut)
            .about_task(id);
            Ended {
                task,
                exit: Exit::Unavailable,
                error: Some(error),
            }
        }
    }
}

/// After a wait that timed out on an upload task still waiting for its file: the file never
/// came, so waiting longer does not help; say what does.
fn no_file_yet(mut end: Ended) -> Ended {
    if end.exit == Exit::Unavailable
        && task::awaiting_file(&end.task)
        && let Some(e) = &mut end.error
    {
        let id = task::id(&end.task).unwrap_or("?");
        e.message = format!("{}: nothing has sent its file", e.message);
        e.hint = Some(format!(
            "send the file to the task's form (result.form), or remove it with `cloudconvert task delete {id}` and upload again"
        ));
    }
    end
}

/// `task wait ID`: the first look at the task is inside the wait's bound too, so a server that
/// holds every call open still ends the wait at `--wait-timeout` (and a last look), exit 5.
pub fn wait_for_id(
    http: &Http,
    id: &str,
    timeout: Duration,
    feedback: Feedback,
    format: OutputFormat,
) -> Result<Exit> {
    let deadline = deadline_in(timeout);
    let current = http
        .task_by(id, deadline.and_then(|d| d.checked_add(LAST_LOOK)))
        .map_err(|e| {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                Error::new(
                    Exit::Unavailable,
                    format!(
                        "task {id}: no answer from the API within the {} s of --wait-timeout",
                        timeout.as_secs()
                    ),
                )
                .with_hint(format!("try again with: cloudconvert task wait {id}"))
                .of_kind(crate::error::Kind::TimedOut)
            } else {
                naming_the_task(e, id)
            }
        })?;
    report(http, current, timeout, deadline, feedback, format)
}

/// Waits for a task, prints it as it ended (the task as last seen after a timeout, its id with
/// `-o id`) and the one error line if any; returns the exit status.
pub fn wait_and_report(
    http: &Http,
    task: Value,
    timeout: Duration,
    feedback: Feedback,
    format: OutputFormat,
) -> Result<Exit> {
    report(http, task, timeout, deadline_in(timeout), feedback, format)
}

fn report(
    http: &Http,
    task: Value,
    timeout: Duration,
    deadline: Option<Instant>,
    feedback: Feedback,
    format: OutputFormat,
) -> Result<Exit> {
    if task::awaiting_file(&task) && feedback != Feedback::Quiet {
        http.printer().note(&format!(
            "task {} is waiting for its file: nothing has sent it yet (a browser form still may)",
            task::id(&task).unwrap_or("?")
        ));
    } else if feedback == Feedback::Lines && !task::is_done(&task) {
        // A log hears at once which task it is waiting for, then a line every 30 s.
        http.printer().note(&format!(
            "waiting for task {} ({}) to end",
            task::id(&task).unwrap_or("?"),
            task::operation(&task).unwrap_or("a task")
        ));
    }
    let id = task::id(&task).unwrap_or("?").to_string();
    let started = Instant::now();
    let waited =
        until_done(http, task, deadline, feedback, None).map_err(|e| naming_the_task(e, &id))?;
    let end = no_file_yet(ended(waited, timeout));
    http.printer().task(&end.task, format);
    if let Some(e) = &end.error {
        http.printer().error(e);
    } else if feedback == Feedback::Lines {
        // A log that said what it waits for says how the wait ended.
        http.printer().note(&format!(
            "task {id} ({}) {} after {:.1} s",
            task::operation(&end.task).unwrap_or("a task"),
            task::status(&end.task).unwrap_or("ended"),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(end.exit)
}
