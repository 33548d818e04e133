//! Ctrl-C, SIGTERM and SIGHUP end the program at once with 130, 143 or 129, whatever the main
//! thread is doing (even blocked writing to a full pipe): a thread of its own receives the
//! signal, restores the terminal, clears the bars, and names the tasks that were created but have
//! not finished, so that their ids are not lost with the bar that showed them.

use crate::ledger::{self, Entry, File};
use crate::output::Printer;
use crate::prompt;
use std::time::Duration;

/// However the streams behave (a log reader that stalls leaves stderr a full pipe, and the
/// writes below would wait on it forever), the program ends this soon after the signal.
const ENDS_WITHIN: Duration = Duration::from_millis(1800);
/// How long finished results held back get to go out to stdout.
const HELD_WITHIN: Duration = Duration::from_secs(1);

#[cfg(unix)]
pub fn install(out: Printer) {
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
            let echoed = signal == SIGINT && prompt::echoes_control_characters();
            end(&out, 128 + signal, echoed);
        }
    });
}

#[cfg(not(unix))]
pub fn install(out: Printer) {
    let flag = out.interrupted_flag();
    let _ = ctrlc::set_handler(move || {
        flag.store(true, std::sync::atomic::Ordering::SeqCst);
        end(&out, 130, false)
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

fn end(out: &Printer, code: i32, echoed: bool) -> ! {
    std::thread::spawn(move || {
        std::thread::sleep(ENDS_WITHIN);
        hard_exit(code)
    });
    prompt::restore_terminal();
    // Uploads under way are cut off here, not left to the kernel to finish after the exit: a
    // storage that gets an incomplete body stores nothing, so "not stored" below is true.
    let cut = crate::http::reset_uploads();
    out.clear_bars(echoed);
    let book = ledger::snapshot();
    let unprinted = print_held(out, &book.held);
    // What the end of the batch would have said of it so far.
    if let Some(b) = &book.batch {
        for (label, text) in &b.failures {
            out.error_line(label, &crate::error::Error::failure(text.clone()));
        }
    }
    let mut all = lines(&book.tasks, cut);
    if !unprinted.is_empty() {
        all.push(Line::Note(format!(
            "stdout did not take {} finished {}; see {} with:",
            unprinted.len(),
            if unprinted.len() == 1 {
                "task"
            } else {
                "tasks"
            },
            if unprinted.len() == 1 { "it" } else { "them" },
        )));
        for ids in unprinted.chunks(IDS_A_LINE) {
            all.push(Line::Command(format!(
                "cloudconvert task show {}",
                ids.join(" ")
            )));
        }
    }
    for line in all {
        match line {
            Line::Note(text) => out.note(&text),
            Line::Command(text) => out.command(&text),
        }
    }
    if let Some(b) = book.batch.filter(|b| b.started < b.count) {
        out.note(&format!(
            "interrupted: {} of {} {} were not started",
            b.count - b.started,
            b.count,
            b.noun
        ));
    }
    if book.creating > 0 {
        out.note(&format!(
            "interrupted while creating a task: {}",
            crate::api::task::TASK_MAY_EXIST
        ));
    }
    hard_exit(code)
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

/// Ids a command line names at most, so that each command stays short enough to read.
const IDS_A_LINE: usize = 16;

/// A line the interrupt prints: a note, or a command to copy, on a line of its own with
/// nothing before it and never wrapped by the tool (the terminal wraps it softly, and a copy
/// from the screen runs as it is).
#[derive(Debug, PartialEq)]
enum Line {
    Note(String),
    Command(String),
}

/// One line per unfinished task saying what is true of it, then whole commands to copy:
/// `task delete` for the tasks whose file is not stored, `task wait` for the rest. `cut`: the
/// uploads under way were reset, so a file not yet handed over whole did not arrive.
fn lines(tasks: &[Entry], cut: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let (mut delete, mut follow) = (Vec::new(), Vec::new());
    for t in tasks {
        let what = match &t.file {
            File::None => {
                follow.push(t.id.as_str());
                "created, not finished".to_string()
            }
            File::NotSent => {
                delete.push(t.id.as_str());
                "its file was not sent; the task waits for a file that will not come".to_string()
            }
            File::Failed => {
                delete.push(t.id.as_str());
                "its upload failed; the task waits for a file that will not come".to_string()
            }
            File::Sending(state) if cut && state.cut_short() => {
                delete.push(t.id.as_str());
                "not stored: its upload was cut off before the whole file went out".to_string()
            }
            File::Sending(_) => format!(
                "the file may still arrive; check with `cloudconvert task show {}`",
                t.id
            ),
            File::Stored => {
                follow.push(t.id.as_str());
                "stored; CloudConvert is taking it in".to_string()
            }
        };
        lines.push(Line::Note(match &t.label {
            Some(label) => format!("interrupted: {label} (task {}): {what}", t.id),
            None => format!("interrupted: task {}: {what}", t.id),
        }));
    }
    let groups = [
        (
            delete,
            "to remove the tasks whose files are not stored:",
            "delete",
        ),
        (follow, "to follow the tasks that may still finish:", "wait"),
    ];
    for (ids, say, verb) in groups {
        if ids.is_empty() {
            continue;
        }
        lines.push(Line::Note(say.to_string()));
        for chunk in ids.chunks(IDS_A_LINE) {
            lines.push(Line::Command(format!(
                "cloudconvert task {verb} {}",
                chunk.join(" ")
            )));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::Ordering;

    fn entry(id: &str, file: File) -> Entry {
        Entry {
            id: id.into(),
            label: Some(format!("{id}.pdf")),
            file,
        }
    }

    #[test]
    fn each_task_says_what_is_true_then_whole_commands() {
        let sent_whole = Arc::new(ledger::Sending::default());
        sent_whole.whole.store(true, Ordering::SeqCst);
        *sent_whole.left_behind.lock().unwrap() = Some(Box::new(|| Some(0)));
        let tasks = [
            entry("a", File::NotSent),
            entry("b", File::Sending(Arc::new(ledger::Sending::default()))),
            entry("c", File::Sending(sent_whole.clone())),
            entry("d", File::Stored),
            Entry {
                id: "e".into(),
                label: None,
                file: File::None,
            },
        ];
        let lines = lines(&tasks, true);
        let note = |l: &Line| match l {
            Line::Note(t) => t.clone(),
            Line::Command(c) => panic!("a command where a note was expected: {c}"),
        };
        assert_eq!(lines.len(), 9, "{lines:#?}");
        assert!(note(&lines[0]).starts_with("interrupted: a.pdf (task a): its file was not sent"));
        assert!(note(&lines[1]).contains("(task b): not stored"));
        assert!(note(&lines[2]).contains(
            "(task c): the file may still arrive; check with `cloudconvert task show c`"
        ));
        assert!(note(&lines[3]).contains("(task d): stored"));
        assert_eq!(
            note(&lines[4]),
            "interrupted: task e: created, not finished"
        );
        assert_eq!(
            lines[5..],
            [
                Line::Note("to remove the tasks whose files are not stored:".into()),
                Line::Command("cloudconvert task delete a b".into()),
                Line::Note("to follow the tasks that may still finish:".into()),
                Line::Command("cloudconvert task wait d e".into()),
            ]
        );
        // Where uploads could not be cut off, a file being sent may still arrive.
        assert!(note(&super::lines(&tasks, false)[1]).contains("may still arrive"));
        // Bytes that never left this machine: the file cannot have arrived.
        *sent_whole.left_behind.lock().unwrap() = Some(Box::new(|| Some(1)));
        assert!(note(&super::lines(&tasks, true)[2]).contains("not stored"));
    }

    #[test]
    fn long_commands_are_split_into_whole_ones() {
        let ids: Vec<String> = (0..40).map(|i| format!("id-{i}")).collect();
        let tasks: Vec<Entry> = ids.iter().map(|i| entry(i, File::NotSent)).collect();
        let commands: Vec<String> = lines(&tasks, true)
            .into_iter()
            .filter_map(|l| match l {
                Line::Command(c) => Some(c),
                Line::Note(_) => None,
            })
            .collect();
        assert_eq!(commands.len(), 3);
        assert!(
            commands[2].ends_with("task delete id-32 id-33 id-34 id-35 id-36 id-37 id-38 id-39")
        );
    }
}
