//! Ctrl-C, SIGTERM and SIGHUP end the program at once with 130, 143 or 129, whatever the main
//! thread is doing (even blocked writing to a full pipe): a thread of its own receives the
//! signal, restores the terminal, clears the bars, and says what is true of every item of the
//! run that has not finished, from the run's own facts, so that no task id is lost with the
//! bar that showed it and no stored file is called "not stored".

use crate::console;
use crate::left::{IDS_A_LINE, Line};
use crate::output::Printer;
use crate::run::{FileTruth, Item, Run};
use serde_json::Value;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// However the streams behave (a log reader that stalls leaves stderr a full pipe, and the
/// writes below would wait on it forever), the program ends this soon after the signal.
const ENDS_WITHIN: Duration = Duration::from_millis(1800);
/// How long finished results held back get to go out to stdout, and CloudConvert gets to say
/// whether it has a file the storage may have kept (both at once).
const HELD_WITHIN: Duration = Duration::from_secs(1);

#[cfg(unix)]
pub fn install(out: Printer, run: Run) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    // Set in the handler itself, at once: a stdout closed by the same Ctrl-C (the shell sends
    // it to `| cat` too) is then never taken for a reader that had seen enough (exit 0).
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register(signal, out.interrupted_flag());
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // A Ctrl-C typed at the terminal is echoed as ^C when the terminal echoes control
            // characters.
            let echoed = signal == SIGINT && console::echoes_control_characters();
            end(&out, &run, 128 + signal, echoed);
        }
    });
}

#[cfg(not(unix))]
pub fn install(out: Printer, run: Run) {
    let flag = out.interrupted_flag();
    let _ = ctrlc::set_handler(move || {
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        end(&out, &run, 130, false)
    });
}

/// Ends the program now, whatever any thread is doing: no cleanup that could wait on a stream.
fn hard_exit(code: i32) -> ! {
    #[cfg(unix)]
    // SAFETY: _exit ends the process at once; nothing runs after it.
    unsafe {
        libc::_exit(code)
    }
    #[cfg(not(unix))]
    std::process::exit(code)
}

fn end(out: &Printer, run: &Run, code: i32, echoed: bool) -> ! {
    std::thread::spawn(move || {
        std::thread::sleep(ENDS_WITHIN);
        hard_exit(code)
    });
    console::restore_terminal();
    // Uploads under way are cut off here, not left to the kernel to finish after the exit: a
    // storage that gets an incomplete body stores nothing, so "not stored" below is true.
    let cut = crate::transport::reset_uploads();
    out.clear_bars(echoed);
    // A create whose answer is on its way is given a moment to land: its task is then named
    // and recorded (and used by the command that finishes the run), not left to wait unknown.
    let deadline = Instant::now() + HELD_WITHIN;
    while run.snapshot().creating > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let book = run.snapshot();
    let unfinished: Vec<&Item> = book
        .items
        .iter()
        // Not ended, and not reported, unless its file never went: its task still waits.
        .filter(|i| i.task.is_some() && !i.ended && (!i.printed || i.send_failed))
        .collect();
    // Files the storage may have kept: CloudConvert is asked, while the held results go out.
    let asked = ask_about(&book.asker, &unfinished, cut);
    let unprinted = print_held(out, &book.held());
    let answers = asked.join();
    // What the end of the batch would have said of it so far.
    if book.batch.is_some() {
        for item in &book.items {
            if let Some(line) = &item.failure {
                out.error_one_line(line);
            }
        }
    }
    let mut all = crate::left::notes(&unfinished, cut, &answers, "interrupted: ");
    // With a record, one command finishes everything, last; without one, the tasks' own.
    let finish = book
        .record
        .as_ref()
        .map(|(path, _)| crate::left::finish(path, &book.invocation));
    if finish.is_none() {
        all.extend(crate::left::commands(&unfinished, cut, &answers));
    }
    all.extend(not_taken(&unprinted));
    crate::left::print(out, &all);
    if let Some((count, noun)) = book.batch.filter(|(count, _)| book.started < *count) {
        out.note(&format!(
            "interrupted: {} of {count} {noun} {} not started",
            count - book.started,
            if count - book.started == 1 {
                "was"
            } else {
                "were"
            }
        ));
    }
    if book.creating > 0 {
        out.note(&format!(
            "interrupted while creating a task: {}",
            crate::api::task::TASK_MAY_EXIST
        ));
    }
    crate::left::print(out, &finish.unwrap_or_default());
    hard_exit(code)
}

/// The finished tasks stdout did not take, with the command that shows them.
fn not_taken(unprinted: &[String]) -> Vec<Line> {
    if unprinted.is_empty() {
        return Vec::new();
    }
    let one = unprinted.len() == 1;
    let mut lines = vec![Line::Note(format!(
        "stdout did not take {} finished {}; see {} with:",
        unprinted.len(),
        if one { "task" } else { "tasks" },
        if one { "it" } else { "them" },
    ))];
    for ids in unprinted.chunks(IDS_A_LINE) {
        lines.push(Line::Command(format!(
            "cloudconvert task show {}",
            ids.join(" ")
        )));
    }
    lines
}

/// Questions to CloudConvert under way, one a task, answered in the background.
struct Asked(std::sync::mpsc::Receiver<(String, Value)>, usize);

impl Asked {
    /// The tasks answered within `HELD_WITHIN` of the signal, by id.
    fn join(self) -> HashMap<String, Value> {
        let deadline = Instant::now() + HELD_WITHIN;
        let mut answers = HashMap::new();
        while answers.len() < self.1 {
            match self
                .0
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                Ok((id, task)) => {
                    answers.insert(id, task);
                }
                Err(_) => break,
            }
        }
        answers
    }
}

/// Asks CloudConvert, once and at once, about each task whose file the storage may have kept.
fn ask_about(asker: &Option<crate::run::Asker>, items: &[&Item], cut: bool) -> Asked {
    let (tx, rx) = std::sync::mpsc::channel();
    let mut count = 0;
    if let Some(asker) = asker {
        for item in items
            .iter()
            .filter(|i| i.file(cut) == FileTruth::MayBeStored)
        {
            let (asker, tx, id) = (
                asker.clone(),
                tx.clone(),
                item.task.clone().unwrap_or_default(),
            );
            count += 1;
            std::thread::spawn(move || {
                if let Some(task) = asker(&id, HELD_WITHIN) {
                    let _ = tx.send((id, task));
                }
            });
        }
    }
    Asked(rx, count)
}

/// Finished tasks held back for an earlier one are results: they go to stdout, in order. The
/// ids of those stdout did not take (a reader gone, or a pipe still full after `HELD_WITHIN`),
/// to be named on stderr instead.
fn print_held(out: &Printer, held: &[(String, String)]) -> Vec<String> {
    if held.is_empty() {
        return Vec::new();
    }
    let (items, printer) = (held.to_vec(), out.clone());
    let (done, taken) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for (id, text) in &items {
            if printer.try_stdout_line(text).is_err() {
                break;
            }
            let _ = done.send(id.clone());
        }
    });
    let deadline = std::time::Instant::now() + HELD_WITHIN;
    let mut printed = std::collections::HashSet::new();
    while printed.len() < held.len() {
        match taken.recv_timeout(deadline.saturating_duration_since(std::time::Instant::now())) {
            Ok(id) => {
                printed.insert(id);
            }
            Err(_) => break,
        }
    }
    held.iter()
        .map(|(id, _)| id.clone())
        .filter(|id| !printed.contains(id))
        .collect()
}
