//! What is left of a run to follow or to remove: for each item whose task has not ended, what
//! is true of it, and whole commands to copy (`task delete` for the tasks whose files are not
//! stored, `task wait` for the rest). Said by the interrupt and at a batch's end alike, from
//! the run's own facts.

use crate::output::Printer;
use crate::run::{FileTruth, Item};
use serde_json::Value;
use std::collections::HashMap;

/// Ids a command line names at most, so that each command stays short enough to read.
pub const IDS_A_LINE: usize = 16;

/// A line to print: a note, or a command to copy, on a line of its own with nothing before it
/// and never wrapped by the tool (the terminal wraps it softly, and a copy from the screen
/// runs as it is).
#[derive(Debug, PartialEq)]
pub enum Line {
    Note(String),
    /// One of a group under the note before it, indented.
    Detail(String),
    Command(String),
}

pub fn print(out: &Printer, lines: &[Line]) {
    for line in lines {
        match line {
            Line::Note(text) => out.note(text),
            Line::Detail(text) => out.detail(text),
            Line::Command(text) => out.command(text),
        }
    }
}

/// Which command an item's task goes with.
#[derive(PartialEq)]
enum Then {
    /// Its file is not stored: the task waits for one that will not come.
    Delete,
    /// It may still finish, or has.
    Follow,
    /// Nothing to do yet (its file may still arrive).
    Nothing,
}

/// What is true of an item, and which command its task goes with. `cut`: the uploads under way
/// were reset, so a file not yet handed over whole did not arrive. `answers`: what CloudConvert
/// said of the tasks whose file the storage may have kept.
fn truth(item: &Item, cut: bool, answers: &HashMap<String, Value>) -> (String, Then) {
    let id = item.task.as_deref().unwrap_or("?");
    match item.file(cut) {
        FileTruth::NoFile => ("created, not finished".into(), Then::Follow),
        FileTruth::NotSent => (
            "its file was not sent; the task waits for a file that will not come".into(),
            Then::Delete,
        ),
        FileTruth::NotStored if item.send_failed => (
            "its upload failed; the task waits for a file that will not come".into(),
            Then::Delete,
        ),
        FileTruth::NotStored => (
            "not stored: its upload was cut off before the whole file went out".into(),
            Then::Delete,
        ),
        FileTruth::InFlight => (
            format!("the file may still arrive; check with `cloudconvert task show {id}`"),
            Then::Nothing,
        ),
        FileTruth::Stored => ("stored; CloudConvert is taking it in".into(), Then::Follow),
        FileTruth::MayBeStored => {
            let what = match answers.get(id).and_then(|t| crate::api::task::status(t)) {
                Some("finished") => "stored; CloudConvert has it (the task finished)".into(),
                Some("error") => format!(
                    "the task ended in error: {}",
                    crate::api::task::failure(&answers[id])
                ),
                Some("processing") => "stored; CloudConvert is taking it in".into(),
                _ => "may be stored: the storage took the whole file but did not answer, and CloudConvert has not said yet".into(),
            };
            (what, Then::Follow)
        }
    }
}

/// What is true of each item, starting with `lead`: an item alone in what is true of it in a
/// line; items that share it (eight uploads cut off by one Ctrl-C) in one line saying it, then
/// one indented line each, as a batch's failures are grouped.
pub fn notes(
    items: &[&Item],
    cut: bool,
    answers: &HashMap<String, Value>,
    lead: &str,
) -> Vec<Line> {
    let mut groups: Vec<(String, Vec<&Item>)> = Vec::new();
    for item in items {
        let (what, _) = truth(item, cut, answers);
        match groups.iter_mut().find(|(w, _)| *w == what) {
            Some((_, members)) => members.push(item),
            None => groups.push((what, vec![item])),
        }
    }
    let name = |item: &Item| {
        let id = item.task.as_deref().unwrap_or("?");
        match &item.label {
            Some(label) => format!("{label} (task {id})"),
            None => format!("task {id}"),
        }
    };
    let mut lines = Vec::new();
    for (what, members) in groups {
        if let [item] = members[..] {
            lines.push(Line::Note(format!("{lead}{}: {what}", name(item))));
            continue;
        }
        lines.push(Line::Note(format!("{lead}{} tasks: {what}", members.len())));
        lines.extend(members.into_iter().map(|item| Line::Detail(name(item))));
    }
    lines
}

/// Whole commands to copy, each after a note saying what it is for: `task delete` for the
/// tasks whose files are not stored, `task wait` for those that may still finish. A task that
/// is or may be finished is never offered to `task delete`.
pub fn commands(items: &[&Item], cut: bool, answers: &HashMap<String, Value>) -> Vec<Line> {
    let (mut delete, mut follow) = (Vec::new(), Vec::new());
    for item in items {
        let id = item.task.as_deref().unwrap_or("?");
        match truth(item, cut, answers).1 {
            Then::Delete => delete.push(id),
            Then::Follow => follow.push(id),
            Then::Nothing => {}
        }
    }
    let mut lines = Vec::new();
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

/// The command that finishes what is left: the same command with the record, which a re-run
/// reads to send nothing twice and to use every task that waits.
pub fn finish(record: &std::path::Path, invocation: &[String]) -> Vec<Line> {
    let mut words: Vec<String> = invocation.iter().map(|w| quoted(w)).collect();
    let recorded = invocation
        .iter()
        .any(|w| w == "--record" || w.starts_with("--record="));
    if !recorded {
        words.push("--record".into());
        words.push(quoted(&record.display().to_string()));
    }
    vec![
        Line::Note("to finish the rest (each file stored once, no task left waiting), run:".into()),
        Line::Command(format!("cloudconvert {}", words.join(" "))),
    ]
}

/// A word as the shell reads it back: bare when it holds nothing a shell treats specially,
/// else quoted (single quotes on Unix, double quotes on Windows).
pub fn quoted(word: &str) -> String {
    // A backslash is a path's separator to cmd and PowerShell, and special to a Unix shell.
    let plain = !word.is_empty()
        && word.chars().all(|c| {
            c.is_ascii_alphanumeric() || "_@%+=:,./-".contains(c) || (cfg!(windows) && c == '\\')
        });
    if plain {
        word.to_string()
    } else if cfg!(windows) {
        format!("\"{}\"", word.replace('"', "\"\""))
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Run;
    use std::sync::atomic::Ordering;

    /// Items as the stages leave them: a created task for each, a file with each but `e`.
    fn items(run: &Run) -> Vec<Item> {
        let start = |place, name: &str, upload| {
            let item = run.start(place, Some(&format!("{name}.pdf")), upload);
            item.created(name, None);
            item
        };
        start(0, "a", true);
        start(1, "b", true).attempt();
        let c = start(2, "c", true).attempt().unwrap();
        c.whole.store(true, Ordering::SeqCst);
        *c.left_behind.lock().unwrap() = Some(Box::new(|| Some(0)));
        start(3, "d", true).stored();
        let e = run.start(4, None, false);
        e.created("e", None);
        // Retried after the storage took all of it and never answered: the retry is cut.
        let f = start(5, "f", true);
        f.attempt().unwrap().whole.store(true, Ordering::SeqCst);
        f.attempt();
        run.snapshot().items
    }

    /// Eight uploads cut off by one Ctrl-C are one line saying so and one line each, not eight
    /// notes wrapped over three lines each at 80 columns.
    #[test]
    fn items_that_share_what_is_true_are_said_once_then_one_line_each() {
        let run = Run::default();
        for (place, name) in ["g", "h", "i"].into_iter().enumerate() {
            let item = run.start(place, Some(&format!("{name}.pdf")), true);
            item.created(name, None);
            item.attempt();
        }
        let e = run.start(3, None, false);
        e.created("e", None);
        let all = run.snapshot().items;
        let refs: Vec<&Item> = all.iter().collect();
        let lines = notes(&refs, true, &HashMap::new(), "interrupted: ");
        assert_eq!(
            lines,
            [
                Line::Note(
                    "interrupted: 3 tasks: not stored: its upload was cut off before the whole file went out".into()
                ),
                Line::Detail("g.pdf (task g)".into()),
                Line::Detail("h.pdf (task h)".into()),
                Line::Detail("i.pdf (task i)".into()),
                Line::Note("interrupted: task e: created, not finished".into()),
            ]
        );
    }

    fn all_lines(items: &[&Item], cut: bool, answers: &HashMap<String, Value>) -> Vec<Line> {
        let mut all = notes(items, cut, answers, "interrupted: ");
        all.extend(commands(items, cut, answers));
        all
    }

    fn notes_of(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .filter_map(|l| match l {
                Line::Note(t) => Some(t.clone()),
                Line::Detail(_) | Line::Command(_) => None,
            })
            .collect()
    }

    #[test]
    fn each_task_says_what_is_true_then_whole_commands() {
        let run = Run::default();
        let all = items(&run);
        let refs: Vec<&Item> = all.iter().collect();
        let lines = all_lines(&refs, true, &HashMap::new());
        let said = notes_of(&lines);
        assert!(said[0].starts_with("interrupted: a.pdf (task a): its file was not sent"));
        assert!(said[1].contains("(task b): not stored"));
        assert!(said[2].contains(
            "(task c): the file may still arrive; check with `cloudconvert task show c`"
        ));
        assert!(said[3].contains("(task d): stored"));
        assert_eq!(said[4], "interrupted: task e: created, not finished");
        assert!(said[5].contains("(task f): may be stored"), "{}", said[5]);
        assert_eq!(
            lines[6..],
            [
                Line::Note("to remove the tasks whose files are not stored:".into()),
                Line::Command("cloudconvert task delete a b".into()),
                Line::Note("to follow the tasks that may still finish:".into()),
                Line::Command("cloudconvert task wait d e f".into()),
            ]
        );
        // Where uploads could not be cut off, a file being sent may still arrive.
        assert!(
            notes_of(&all_lines(&refs, false, &HashMap::new()))[1].contains("may still arrive")
        );
        // What CloudConvert says of a file the storage may have kept is said.
        let answers = HashMap::from([(
            "f".to_string(),
            serde_json::json!({"id": "f", "status": "finished"}),
        )]);
        assert!(
            notes_of(&all_lines(&refs, true, &answers))[5]
                .contains("(task f): stored; CloudConvert has it (the task finished)")
        );
    }

    #[test]
    fn the_command_that_finishes_is_the_same_one_with_the_record() {
        let args: Vec<String> = ["import", "upload", "-r", "my scans", "--jobs", "8"]
            .map(String::from)
            .to_vec();
        let lines = finish(std::path::Path::new("/state/runs/r 1.jsonl"), &args);
        let Line::Command(command) = &lines[1] else {
            panic!("{lines:?}")
        };
        if cfg!(unix) {
            assert_eq!(
                command,
                "cloudconvert import upload -r 'my scans' --jobs 8 --record '/state/runs/r 1.jsonl'"
            );
        }
        let named = ["import", "url", "--record=r.jsonl", "it's"].map(String::from);
        let Line::Command(command) = &finish(std::path::Path::new("r.jsonl"), &named)[1] else {
            panic!()
        };
        if cfg!(unix) {
            assert_eq!(
                command,
                r"cloudconvert import url --record=r.jsonl 'it'\''s'"
            );
        }
    }

    #[test]
    fn long_commands_are_split_into_whole_ones() {
        let run = Run::default();
        for i in 0..40 {
            run.start(i, Some("x"), true)
                .created(&format!("id-{i}"), None);
        }
        let all = run.snapshot().items;
        let refs: Vec<&Item> = all.iter().collect();
        let commands: Vec<String> = all_lines(&refs, true, &HashMap::new())
            .into_iter()
            .filter_map(|l| match l {
                Line::Command(c) => Some(c),
                Line::Note(_) | Line::Detail(_) => None,
            })
            .collect();
        assert_eq!(commands.len(), 3);
        assert!(
            commands[2].ends_with("task delete id-32 id-33 id-34 id-35 id-36 id-37 id-38 id-39")
        );
    }
}
