//! Ctrl-C, SIGTERM and SIGHUP end the program at once with 130, 143 or 129, whatever the main
//! thread is doing (even blocked writing to a full pipe): a thread of its own receives the
//! signal, restores the terminal, clears the bars, and names the tasks that were created but have
//! not finished, so that their ids are not lost with the bar that showed them.

use crate::{output, prompt};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Tasks created by this run that have not ended yet, each with whether its file is still to
/// come (an upload task whose file was not stored can never finish: it is to be deleted).
static UNFINISHED: Mutex<Vec<(String, bool)>> = Mutex::new(Vec::new());
/// The batch under way, for an interrupt to report as its end would: the failures seen so far
/// (label, what happened), how many items there are and how many were started.
static BATCH: Mutex<Option<BatchSoFar>> = Mutex::new(None);

struct BatchSoFar {
    noun: &'static str,
    count: usize,
    started: usize,
    failures: Vec<(String, String)>,
}

/// A batch of `count` items begins (`noun`: "files", "URLs").
pub fn batch_begins(count: usize, noun: &'static str) {
    *BATCH.lock().unwrap_or_else(|e| e.into_inner()) = Some(BatchSoFar {
        noun,
        count,
        started: 0,
        failures: Vec::new(),
    });
}

/// One more item of the batch was started.
pub fn batch_started_one() {
    if let Some(b) = BATCH.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        b.started += 1;
    }
}

/// An item of the batch failed: said again if the batch is interrupted before its end.
pub fn batch_failed(label: &str, e: &crate::error::Error) {
    if let Some(b) = BATCH.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
        let mut text = e.message.clone();
        if let Some(h) = &e.hint {
            text.push_str("; ");
            text.push_str(h);
        }
        b.failures.push((label.to_string(), text));
    }
}

/// Creates sent whose answer has not come yet.
static CREATING: AtomicUsize = AtomicUsize::new(0);

/// A create in flight: an interrupt says its task may exist, until the guard is dropped.
pub struct Creating(());

pub fn creating() -> Creating {
    CREATING.fetch_add(1, Ordering::SeqCst);
    Creating(())
}

impl Drop for Creating {
    fn drop(&mut self) {
        CREATING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A task this run created and is still seeing through: an interrupt names it until the guard
/// is dropped (the task ended, or its failure was reported with the id).
pub struct Unfinished(String);

pub fn task_created(id: &str) -> Unfinished {
    track(id, false)
}

/// An upload task, its file not stored yet: see `Unfinished::stored`.
pub fn upload_created(id: &str) -> Unfinished {
    track(id, true)
}

fn track(id: &str, awaiting_file: bool) -> Unfinished {
    UNFINISHED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((id.to_string(), awaiting_file));
    Unfinished(id.to_string())
}

impl Unfinished {
    /// The task is left unfinished for good (its upload failed): an interrupt still names it.
    pub fn keep(self) {
        std::mem::forget(self);
    }

    /// The storage has the task's file: it will end by itself.
    pub fn stored(&self) {
        for t in UNFINISHED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter_mut()
        {
            if t.0 == self.0 {
                t.1 = false;
            }
        }
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        UNFINISHED
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|t| t.0 != self.0);
    }
}

#[cfg(unix)]
pub fn install() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // A Ctrl-C typed at the terminal is echoed as ^C when the terminal echoes control
            // characters.
            let echoed = signal == SIGINT && prompt::echoes_control_characters();
            end(128 + signal, echoed);
        }
    });
}

#[cfg(not(unix))]
pub fn install() {
    let _ = ctrlc::set_handler(|| end(130, false));
}

fn end(code: i32, echoed: bool) -> ! {
    prompt::restore_terminal();
    output::clear_bars(echoed);
    // What the end of the batch would have said of it so far.
    let batch = BATCH.lock().unwrap_or_else(|e| e.into_inner()).take();
    if let Some(b) = &batch {
        for (label, text) in &b.failures {
            output::error_line(label, &crate::error::Error::failure(text.clone()));
        }
    }
    let tasks = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let (no_file, running): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|t| t.1);
    let ids = |ts: Vec<(String, bool)>| ts.into_iter().map(|t| t.0).collect::<Vec<_>>();
    if let Some(line) = unfinished_line(&ids(running)) {
        output::note(&line);
    }
    if let Some(line) = no_file_line(&ids(no_file)) {
        output::note(&line);
    }
    if let Some(b) = batch.filter(|b| b.started < b.count) {
        output::note(&format!(
            "interrupted: {} of {} {} were not started",
            b.count - b.started,
            b.count,
            b.noun
        ));
    }
    if CREATING.load(Ordering::SeqCst) > 0 {
        output::note(&format!(
            "interrupted while creating a task: {}",
            crate::http::TASK_MAY_EXIST
        ));
    }
    std::process::exit(code)
}

/// The one line naming the tasks left unfinished, and how to go on.
fn unfinished_line(tasks: &[String]) -> Option<String> {
    match tasks {
        [] => None,
        [id] => Some(format!(
            "interrupted: task {id} was created and has not finished; follow it with `cloudconvert task wait {id}` or remove it with `cloudconvert task delete {id}`"
        )),
        many => Some(format!(
            "interrupted: tasks {} were created and have not finished; follow each with `cloudconvert task wait ID` or remove it with `cloudconvert task delete ID`",
            many.join(", ")
        )),
    }
}

/// The line naming upload tasks whose file was not stored: they can never finish.
fn no_file_line(tasks: &[String]) -> Option<String> {
    match tasks {
        [] => None,
        [id] => Some(format!(
            "interrupted: the file of task {id} was not stored; remove the task with `cloudconvert task delete {id}`, then upload again"
        )),
        many => Some(format!(
            "interrupted: the files of tasks {} were not stored; remove each with `cloudconvert task delete ID`, then upload again",
            many.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_line_names_every_task() {
        assert_eq!(super::unfinished_line(&[]), None);
        let one = super::unfinished_line(&["a-1".into()]).unwrap();
        assert!(one.contains("task wait a-1") && one.contains("task delete a-1"));
        let two = super::unfinished_line(&["a-1".into(), "b-2".into()]).unwrap();
        assert!(two.contains("tasks a-1, b-2 were created"));
        let no_file = super::no_file_line(&["c-3".into()]).unwrap();
        assert!(no_file.contains("task delete c-3") && !no_file.contains("task wait"));
    }
}
