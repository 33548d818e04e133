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
/// How long, in all, what is on its way gets to land (a create's answer, a result on its way
/// to stdout), finished results held back get to go out to stdout, and CloudConvert gets to
/// say whether it has a file the storage may have kept: one second, shared, so that the lines
/// that follow are written well within `ENDS_WITHIN` whatever each of these does.
const HELD_WITHIN: Duration = Duration::from_secs(1);

#[cfg(unix)]
pub fn install(out: Printer, run: Run) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    // Set in the handler itself, at once: a stdout closed by the same Ctrl-C (the shell sends
    // it to `| cat` too) is then never taken for a reader that had seen enough (exit 0), and
    // a command that returns meanwhile leaves the exit to the thread below.
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register(signal, out.interrupted_flag());
    }
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
    // Nothing new goes out from here: a task or an upload begun now would not be in what
    // follows (a create already out is waited for below).
    run.close();
    console::restore_terminal();
    // Uploads under way are cut off here, not left to the kernel to finish after the exit: a
    // storage that gets an incomplete body stores nothing, so "not stored" below is true.
    let cut = crate::transport::reset_uploads();
    out.clear_bars(echoed);
    let by = Instant::now() + HELD_WITHIN;
    let book = landed(run, by);
    let unfinished: Vec<&Item> = book
        .items
        .iter()
        // Not ended, and not reported, unless its file never went: its task still waits.
        .filter(|i| i.task.is_some() && !i.ended && (!i.printed || i.send_failed))
        .collect();
    // Files the storage may have kept: CloudConvert is asked, while the held results go out.
    let asked = ask_about(&book.asker, &unfinished, cut, by);
    let unprinted = print_held(out, &book.held(), by);
    let answers = asked.join(by);
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
    all.extend(not_taken(&unprinted, ["finished task", "finished tasks"]));
    let on_its_way: Vec<String> = book
        .items
        .iter()
        .filter(|i| i.on_its_way())
        .filter_map(|i| i.task.clone())
        .collect();
    all.extend(not_taken(
        &on_its_way,
        ["task that ended", "tasks that ended"],
    ));
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

/// The run once what is on its way has landed, or `by` has come: a create whose
/// answer is coming (its task is then named and recorded, and used by the command that
/// finishes the run, not left to wait unknown), and an item that ended and is on its way to
/// stdout (printed there, or held back; not lost between the two).
fn landed(run: &Run, by: Instant) -> crate::run::Snapshot {
    loop {
        let book = run.snapshot();
        let coming = book.creating > 0 || book.items.iter().any(Item::on_its_way);
        if !coming || Instant::now() >= by {
            return book;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Tasks stdout did not take (`what` they are, one and many), with the command that shows
/// them.
fn not_taken(unprinted: &[String], what: [&str; 2]) -> Vec<Line> {
    if unprinted.is_empty() {
        return Vec::new();
    }
    let one = unprinted.len() == 1;
    let what = what[usize::from(!one)];
    let mut lines = vec![Line::Note(format!(
        "stdout did not take {} {what}; see {} with:",
        unprinted.len(),
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
    /// The tasks answered by `deadline`, by id.
    fn join(self, deadline: Instant) -> HashMap<String, Value> {
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
fn ask_about(asker: &Option<crate::run::Asker>, items: &[&Item], cut: bool, by: Instant) -> Asked {
    let within = by.saturating_duration_since(Instant::now());
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
                if let Some(task) = asker(&id, within) {
                    let _ = tx.send((id, task));
                }
            });
        }
    }
    Asked(rx, count)
}

/// Finished tasks held back for an earlier one are results: they go to stdout, in order. The
/// ids of those stdout did not take (a reader gone, or a pipe still full at `deadline`),
/// to be named on stderr instead.
fn print_held(out: &Printer, held: &[(String, String)], deadline: Instant) -> Vec<String> {
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
