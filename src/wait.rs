//! Waiting for a task to end. The sync host holds `GET tasks/{id}` until the task is `finished`
//! or `error`, so the end is seen the moment it happens; where there is no sync host (`--api-url`
//! alone) or it fails, the API host is polled with a gentle backoff. Bounded by `--wait-timeout`,
//! with a spinner on a terminal.

use crate::api::client::{Client, SyncError, Thing};
use crate::api::task;
use crate::cli::OutputFormat;
use crate::error::{Error, Exit, Result};
use crate::events::{Reporter, Watch};
use crate::output::Printer;
use serde_json::Value;
use std::time::{Duration, Instant};

/// The first pause between two polls, and how each pause grows up to the longest.
pub const FIRST_INTERVAL: Duration = Duration::from_millis(500);
pub const GROWTH: f64 = 1.5;
pub const MAX_INTERVAL: Duration = Duration::from_secs(5);
/// A sync answer that is not final and came sooner than this was not held by the host: pause
/// as a poll would before asking again, so that such a host is not asked in a tight loop.
const NOT_HELD: Duration = Duration::from_secs(1);
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

/// One wait under way: what it asks and how it shows.
struct Wait<'a> {
    api: &'a Client,
    thing: Thing,
    watch: Box<dyn Watch>,
    id: String,
    /// How the wait's display names the task: `label (id)`, or the id.
    shown: String,
    /// The wait follows a file this run sent.
    sent: bool,
    deadline: Option<Instant>,
    last_look: Option<Instant>,
    use_sync: bool,
    interval: Duration,
    started: Instant,
}

/// Waits until the task is `finished` or `error`, or `deadline`; `current` is its latest
/// known state. The display names `label` (a file's name), else the task's id; `alone`: no
/// batch's total line counts the wait, so it shows on its own.
pub fn until_done(
    api: &Client,
    report: &dyn Reporter,
    current: Value,
    deadline: Option<Instant>,
    alone: bool,
    label: Option<&str>,
) -> Result<Waited> {
    let id = task::checked_id(&current)?;
    let shown = label.map_or_else(|| id.clone(), |l| format!("{l} ({id})"));
    let sent = label.is_some();
    Wait::new(
        api,
        Thing::Task,
        report.watch(&shown, doing(&current, sent), alone),
        (id, shown),
        sent,
        deadline,
    )
    .run(current)
}

/// Waits until the job is `finished` or `error`, or `deadline`, as `until_done` waits for a
/// task: on the sync host, else by polling the API host.
pub fn job_until_done(
    api: &Client,
    report: &dyn Reporter,
    current: Value,
    deadline: Option<Instant>,
) -> Result<Waited> {
    let id = task::checked_id(&current)?;
    let shown = format!("job {id}");
    let watch = report.watch(&shown, doing(&current, false), true);
    Wait::new(api, Thing::Job, watch, (id, shown), false, deadline).run(current)
}

impl<'a> Wait<'a> {
    fn new(
        api: &'a Client,
        thing: Thing,
        watch: Box<dyn Watch>,
        (id, shown): (String, String),
        sent: bool,
        deadline: Option<Instant>,
    ) -> Wait<'a> {
        Wait {
            api,
            thing,
            watch,
            id,
            shown,
            sent,
            deadline,
            last_look: deadline.and_then(|d| d.checked_add(LAST_LOOK)),
            use_sync: api.has_sync(),
            interval: FIRST_INTERVAL,
            started: Instant::now(),
        }
    }
}

impl Wait<'_> {
    fn left(&self) -> Duration {
        self.deadline.map_or(Duration::MAX, |d| {
            d.saturating_duration_since(Instant::now())
        })
    }

    fn run(&mut self, mut current: Value) -> Result<Waited> {
        loop {
            if task::is_done(&current) {
                return Ok(Waited::Ended(current));
            }
            self.watch.status(&self.shown, doing(&current, self.sent));
            if self.left().is_zero() {
                return Ok(self.at_deadline(current));
            }
            if self.watch.next_line().is_some_and(|l| l.is_zero()) {
                current = self.look(current);
                if task::is_done(&current) {
                    continue;
                }
                self.watch.line(&format!(
                    "{} {} is still {} after {} s",
                    self.thing.word(),
                    self.id,
                    doing(&current, self.sent),
                    self.started.elapsed().as_secs()
                ));
            }
            // In a log, a held call lasts until the next status line at most.
            let hold = self
                .watch
                .next_line()
                .map_or(self.left(), |l| l.min(self.left()));
            current = self.ask(current, hold)?;
        }
    }

    /// At the deadline: a held call tells nothing until the end, so the task is looked at
    /// once more.
    fn at_deadline(&self, current: Value) -> Waited {
        let current = self.look(current);
        if task::is_done(&current) {
            Waited::Ended(current)
        } else {
            Waited::TimedOut(current)
        }
    }

    /// The task as the API host has it now, where waits ask the sync host (whose held call
    /// tells nothing until the end); else as it was.
    fn look(&self, current: Value) -> Value {
        if self.use_sync
            && let Ok(t) = self.api.look_by(self.thing, &self.id, self.last_look)
        {
            return t;
        }
        current
    }

    /// Asks for the task once, for at most `hold`: the sync host's held call, else a poll of
    /// the API host after the poll pause. The task as it was when nothing new came.
    fn ask(&mut self, current: Value, hold: Duration) -> Result<Value> {
        if self.use_sync {
            let asked = Instant::now();
            let limit = if hold < self.left() {
                "the next status line"
            } else {
                "--wait-timeout"
            };
            return match self.api.sync_of(self.thing, &self.id, hold, limit) {
                Ok(t) => {
                    if !task::is_done(&t) && asked.elapsed() < NOT_HELD.min(hold) {
                        let left = self.left();
                        pause(self.api, &mut self.interval, left);
                    }
                    Ok(t)
                }
                Err(SyncError::Deadline) => Ok(current),
                Err(SyncError::Refused(e)) => Err(e),
                Err(SyncError::Unavailable(e)) => {
                    self.api.sync_failed(&e);
                    self.use_sync = false;
                    Ok(current)
                }
            };
        }
        pause(self.api, &mut self.interval, hold);
        match self.api.poll(self.thing, &self.id, self.last_look) {
            Ok(t) => Ok(t),
            // A poll cut at the deadline is the wait's timeout, not a failure.
            Err(_) if self.left().is_zero() => Ok(current),
            Err(e) => Err(e),
        }
    }
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
fn pause(api: &Client, interval: &mut Duration, max: Duration) {
    api.idle((*interval).min(max));
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
    api: &Client,
    out: &Printer,
    id: &str,
    timeout: Duration,
    format: OutputFormat,
) -> Result<Exit> {
    let deadline = deadline_in(timeout);
    let current = api
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
    report(api, out, current, timeout, deadline, format)
}

/// Waits for a task, prints it as it ended (the task as last seen after a timeout, its id with
/// `-o id`) and the one error line if any; returns the exit status.
pub fn wait_and_report(
    api: &Client,
    out: &Printer,
    task: Value,
    timeout: Duration,
    format: OutputFormat,
) -> Result<Exit> {
    report(api, out, task, timeout, deadline_in(timeout), format)
}

fn report(
    api: &Client,
    out: &Printer,
    task: Value,
    timeout: Duration,
    deadline: Option<Instant>,
    format: OutputFormat,
) -> Result<Exit> {
    if task::awaiting_file(&task) {
        out.tell(&format!(
            "task {} is waiting for its file: nothing has sent it yet (a browser form still may)",
            task::id(&task).unwrap_or("?")
        ));
    } else if out.logs() && !task::is_done(&task) {
        // A log hears at once which task it is waiting for, then a line every 30 s.
        out.note(&format!(
            "waiting for task {} ({}) to end",
            task::id(&task).unwrap_or("?"),
            task::operation(&task).unwrap_or("a task")
        ));
    }
    let id = task::id(&task).unwrap_or("?").to_string();
    let started = Instant::now();
    let waited =
        until_done(api, out, task, deadline, true, None).map_err(|e| naming_the_task(e, &id))?;
    let end = no_file_yet(ended(waited, timeout));
    out.task(&end.task, format);
    if let Some(e) = &end.error {
        out.error(e);
    } else if out.logs() {
        // A log that said what it waits for says how the wait ended.
        out.note(&format!(
            "task {id} ({}) {} after {:.1} s",
            task::operation(&end.task).unwrap_or("a task"),
            task::status(&end.task).unwrap_or("ended"),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(end.exit)
}
