//! Waiting for a task to end: poll `GET /v2/tasks/{id}` with a gentle backoff, bounded by
//! `--wait-timeout`, with a spinner on a terminal.

use crate::api::task;
use crate::error::{Error, Exit, Result};
use crate::http::Http;
use crate::output;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The first pause between two polls, and how each pause grows up to the longest.
pub const FIRST_INTERVAL: Duration = Duration::from_millis(500);
pub const GROWTH: f64 = 1.5;
pub const MAX_INTERVAL: Duration = Duration::from_secs(5);

/// Polls until the task is `finished` or `error`; `task` is its latest known state.
pub fn until_done(
    http: &Http,
    mut current: Value,
    timeout: Duration,
    spinner: bool,
) -> Result<Value> {
    let id = task::id(&current)
        .ok_or_else(|| Error::failure("the API answered with a task that has no id"))?
        .to_string();
    let deadline = Instant::now() + timeout;
    let bar = spinner.then(|| new_spinner(&id));
    let mut interval = FIRST_INTERVAL;
    let result = loop {
        if task::is_done(&current) {
            break Ok(current);
        }
        if let Some(b) = &bar {
            b.set_message(format!(
                "{id}: {}",
                task::status(&current).unwrap_or("waiting")
            ));
        }
        let now = Instant::now();
        if now >= deadline {
            break Err(Error::new(
                Exit::Unavailable,
                format!(
                    "task {id} is still {} after {} s",
                    task::status(&current).unwrap_or("unfinished"),
                    timeout.as_secs()
                ),
            )
            .with_hint(format!("keep waiting with: cloudconvert task wait {id}")));
        }
        std::thread::sleep(interval.min(deadline - now));
        interval = interval.mul_f64(GROWTH).min(MAX_INTERVAL);
        match http.task(&id) {
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

/// Prints a task that ended and says what its status means for the exit code.
pub fn report_final(final_task: &Value, format: crate::cli::OutputFormat) -> Exit {
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
