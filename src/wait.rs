//! Waiting for a task to end. The sync host holds `GET tasks/{id}` until the task is `finished`
//! or `error`, so the end is seen the moment it happens; where there is no sync host (`--api-url`
//! alone) or it fails, the API host is polled with a gentle backoff. Bounded by `--wait-timeout`,
//! with a spinner on a terminal.

use crate::api::task;
use crate::cli::OutputFormat;
use crate::error::{Error, Exit, Result};
use crate::http::{Http, SyncError};
use crate::output;
use crate::progress::Feedback;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The first pause between two polls, and how each pause grows up to the longest.
pub const FIRST_INTERVAL: Duration = Duration::from_millis(500);
pub const GROWTH: f64 = 1.5;
pub const MAX_INTERVAL: Duration = Duration::from_secs(5);
/// When stderr is a log, how often a long wait says it is still waiting.
pub const LINE_EVERY: Duration = Duration::from_secs(30);
/// A sync answer that is not final and came sooner than this was not held: pause as a poll
/// would before asking again, so that such a host is not asked in a tight loop.
const HELD: Duration = Duration::from_secs(1);

/// How a wait ended.
pub enum Waited {
    /// The task is `finished` or `error`.
    Ended(Value),
    /// `--wait-timeout` passed; the task as last seen.
    TimedOut(Value),
}

/// Waits until the task is `finished` or `error`; `current` is its latest known state.
pub fn until_done(
    http: &Http,
    mut current: Value,
    timeout: Duration,
    feedback: Feedback,
) -> Result<Waited> {
    let id = task::checked_id(&current)?;
    let deadline = Instant::now().checked_add(timeout);
    let left = || {
        deadline.map_or(Duration::MAX, |d| {
            d.saturating_duration_since(Instant::now())
        })
    };
    let bar = (feedback == Feedback::Bars).then(|| new_spinner(&id));
    let started = Instant::now();
    let mut last_line = started;
    let mut use_sync = http.has_sync();
    let mut interval = FIRST_INTERVAL;
    let result = loop {
        if task::is_done(&current) {
            break Ok(Waited::Ended(current));
        }
        if let Some(b) = &bar {
            b.set_message(format!(
                "{id}: {}",
                output::clean(task::status(&current).unwrap_or("waiting"))
            ));
        }
        if left().is_zero() {
            break Ok(Waited::TimedOut(current));
        }
        if feedback == Feedback::Lines && last_line.elapsed() >= LINE_EVERY {
            last_line = Instant::now();
            // A held sync call tells nothing until the end: ask the API host for the status.
            if use_sync && let Ok(t) = http.task(&id, &[]) {
                current = t;
                if task::is_done(&current) {
                    continue;
                }
            }
            output::note(&format!(
                "task {id} is still {} after {} s",
                task::status(&current).unwrap_or("waiting"),
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
            match http.sync_task(&id, hold) {
                Ok(t) => {
                    current = t;
                    if !task::is_done(&current) && asked.elapsed() < HELD.min(hold) {
                        std::thread::sleep(interval.min(left()));
                        interval = interval.mul_f64(GROWTH).min(MAX_INTERVAL);
                    }
                }
                Err(SyncError::Deadline) => {}
                Err(SyncError::Refused(e)) => break Err(e),
                Err(SyncError::Unavailable(e)) => {
                    http.note(&format!(
                        "{}; waiting by asking the API host instead",
                        e.message
                    ));
                    use_sync = false;
                }
            }
            continue;
        }
        std::thread::sleep(interval.min(hold));
        interval = interval.mul_f64(GROWTH).min(MAX_INTERVAL);
        match http.task(&id, &[]) {
            Ok(t) => current = t,
            Err(e) => break Err(e),
        }
    };
    if let Some(b) = bar {
        crate::progress::untrack(&b);
    }
    result
}

fn new_spinner(id: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, crate::progress::stderr_target());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(format!("{id}: waiting"));
    bar.enable_steady_tick(Duration::from_millis(120));
    crate::progress::track(&bar);
    bar
}

/// Waits for a task and reports how it ended: `finished` prints it (exit 0); `error` prints it
/// and one stderr line (exit 3); a wait that timed out prints the task as last seen (its id with
/// `-o id`), so a script can resume, then fails with exit 5.
pub fn wait_and_report(
    http: &Http,
    task: Value,
    timeout: Duration,
    feedback: Feedback,
    format: OutputFormat,
) -> Result<Exit> {
    match until_done(http, task, timeout, feedback)? {
        Waited::Ended(done) => Ok(report_final(&done, format)),
        Waited::TimedOut(last) => {
            output::task(&last, format);
            let id = task::id(&last).unwrap_or("?");
            Err(Error::new(
                Exit::Unavailable,
                format!(
                    "task {id} is still {} after {} s",
                    task::status(&last).unwrap_or("unfinished"),
                    timeout.as_secs()
                ),
            )
            .with_hint(format!("keep waiting with: cloudconvert task wait {id}")))
        }
    }
}

/// Prints a task that ended and says what its status means for the exit code.
pub fn report_final(final_task: &Value, format: OutputFormat) -> Exit {
    output::task(final_task, format);
    if task::status(final_task) == Some("error") {
        output::error(&Error::new(
            Exit::TaskFailed,
            format!(
                "task {} failed: {}",
                task::id(final_task).unwrap_or("?"),
                task::failure(final_task)
            ),
        ));
        Exit::TaskFailed
    } else {
        Exit::Ok
    }
}
