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
    let tasks = UNFINISHED.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let (no_file, running): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|t| t.1);
    let ids = |ts: Vec<(String, bool)>| ts.into_iter().map(|t| t.0).collect::<Vec<_>>();
    if let Some(line) = unfinished_line(&ids(running)) {
        output::note(&line);
    }
    if let Some(line) = no_file_line(&ids(no_file)) {
        output::note(&line);
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
