//! What has come back, and what is printed: each item's task as soon as it and every item
//! before it are done (so stdout keeps the order given); at the end the failures, one line
//! an item (those that share a reason under one line saying it), the commands for what is
//! left, then the summary. The exit status is the worst of all.

use super::{Plan, Stages};
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use crate::run::Run;
use crate::wait::Ended;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub struct Report<'p> {
    plan: &'p Plan,
    out: &'p Printer,
    run: &'p Run,
    count: usize,
    /// Results that came before an earlier item's; printed when their turn comes.
    waiting: BTreeMap<usize, Result<Ended>>,
    next_to_print: usize,
    pub finished: usize,
    failures: Vec<(usize, Error)>,
    /// Items failed so far, counted as they end (not as they print), for the heartbeat.
    failed: usize,
    worst: Exit,
    /// Bytes of the items whose task came back: what the storage has, not what was tried.
    stored: u64,
    /// The id of the last task printed, for a lone item's summary in a log.
    last_id: Option<String>,
    /// Several items in the human view: one table row each, under one header.
    rows: bool,
    header_printed: bool,
    /// The names of the items whose results wait to be printed, and the bytes each sent.
    names: BTreeMap<usize, (String, u64)>,
    /// The widest name of the batch, for the table's first column.
    widest: usize,
    /// Items finished in an earlier run (the record says so), printed from it.
    earlier: usize,
    /// Which of the items waiting to print are such.
    earlier_at: std::collections::BTreeSet<usize>,
}

impl<'p> Report<'p> {
    pub fn new(
        count: usize,
        plan: &'p Plan,
        out: &'p Printer,
        run: &'p Run,
        widest: usize,
    ) -> Self {
        Report {
            plan,
            out,
            run,
            count,
            waiting: BTreeMap::new(),
            next_to_print: 0,
            finished: 0,
            failures: Vec::new(),
            failed: 0,
            worst: Exit::Ok,
            stored: 0,
            last_id: None,
            rows: count > 1 && out.rows(plan.format),
            header_printed: false,
            names: BTreeMap::new(),
            widest,
            earlier: 0,
            earlier_at: std::collections::BTreeSet::new(),
        }
    }

    /// Takes item `i`'s result and prints what is now in order; how many are printed.
    pub fn done(&mut self, i: usize, result: Result<Ended>, bytes: u64, name: &str) -> usize {
        self.finished += 1;
        if result.as_ref().map_or(true, |end| end.error.is_some()) {
            self.failed += 1;
        }
        if self
            .run
            .at(i)
            .and_then(|at| at.get())
            .is_some_and(|item| item.earlier)
        {
            self.earlier += 1;
            self.earlier_at.insert(i);
        } else if result.is_ok() {
            self.stored += bytes;
        }
        self.names.insert(i, (name.to_string(), bytes));
        if i != self.next_to_print
            && let Ok(end) = &result
            && let Some(at) = self.run.at(i)
        {
            // A result held for an earlier one: an interrupt prints it as it would be.
            at.hold(self.text(name, &end.task, bytes, self.earlier_at.contains(&i)));
        }
        self.waiting.insert(i, result);
        while let Some(result) = self.waiting.remove(&self.next_to_print) {
            self.print(self.next_to_print, result);
            // Marked once printed: an interrupt in between may print it twice, never lose it.
            self.printed(self.next_to_print);
            self.next_to_print += 1;
        }
        self.next_to_print
    }

    /// The item at place `i` was printed (or reported).
    fn printed(&self, i: usize) {
        if let Some(at) = self.run.at(i) {
            at.printed();
        }
    }

    /// An item's task as it prints: a table row (whose status says when the item was done
    /// in an earlier run), or the task as `task` prints one.
    fn text(&self, name: &str, task: &serde_json::Value, bytes: u64, earlier: bool) -> String {
        if self.rows {
            let sent = (bytes > 0).then_some(bytes);
            let mut shown = task.clone();
            if earlier {
                shown["status"] = serde_json::json!("earlier");
            }
            self.out.row(name, &shown, sent, self.widest)
        } else {
            self.out.task_text(task, self.plan.format)
        }
    }

    fn print(&mut self, i: usize, result: Result<Ended>) {
        let (name, bytes) = self.names.remove(&i).unwrap_or_default();
        match result {
            Ok(end) => {
                self.last_id = crate::api::task::id(&end.task).map(str::to_string);
                // A task that ended, even in error or as last seen, is data for the script.
                let earlier = self.earlier_at.remove(&i);
                if self.plan.tasks_out {
                    if self.rows && !self.header_printed {
                        self.header_printed = true;
                        self.out.stdout_line(&self.out.row_header(self.widest));
                    }
                    self.out
                        .stdout_line(&self.text(&name, &end.task, bytes, earlier));
                }
                self.worst = self.worst.worst(end.exit);
                if let Some(e) = end.error {
                    self.failures.push((i, e));
                }
            }
            Err(e) => {
                self.worst = self.worst.worst(e.exit);
                self.failures.push((i, e));
            }
        }
    }

    /// Each failure on one line: its item, what happened, its task. Failures that share a
    /// reason (15 files refused by the storage for the same cause) are said under one line
    /// stating it, one short line an item, so that a screenful shows them all.
    fn failure_lines<S: Stages>(&self, stages: &S, items: &[S::Item]) {
        let mut groups: Vec<(&str, Vec<&(usize, Error)>)> = Vec::new();
        for f in &self.failures {
            match groups.iter_mut().find(|(m, _)| *m == f.1.message) {
                Some((_, members)) => members.push(f),
                None => groups.push((&f.1.message, vec![f])),
            }
        }
        for (message, members) in groups {
            if let [(i, e)] = members[..] {
                self.out.error_line(stages.label(&items[*i]), e);
                continue;
            }
            let hint = shared_hint(&members).map_or(String::new(), |h| format!("; {h}"));
            self.out.error_one_line(&format!(
                "{} {}: {message}{hint}",
                members.len(),
                self.plan.noun
            ));
            for (i, e) in members {
                let label = stages.label(&items[*i]);
                self.out.detail(&match &e.task {
                    Some(id) => format!("{label} (task {id})"),
                    None => label.to_string(),
                });
            }
        }
    }

    /// The line a log gets every 30 s while a batch runs.
    pub fn still_going(&self, settling: usize, elapsed: Duration) -> String {
        format!(
            "still going after {} s: {} of {} {} done, {settling} settling, {} failed",
            elapsed.as_secs(),
            self.finished,
            self.count,
            self.plan.noun,
            self.failed
        )
    }

    /// Prints what is left (with `--fail-fast`, items after a gap never started), then the
    /// failures, what is left to follow or remove, and the summary line; returns the worst
    /// exit. `halted`: why the batch started no more items, when something stopped it.
    pub fn finish<S: Stages>(
        mut self,
        stages: &S,
        items: &[S::Item],
        started: Instant,
        halted: Option<String>,
    ) -> Exit {
        let rest = std::mem::take(&mut self.waiting);
        for (i, result) in rest {
            self.print(i, result);
            self.printed(i);
        }
        let count = self.count;
        if let [(_, e)] = &self.failures[..]
            && count == 1
        {
            self.out.error(e);
        } else {
            self.failure_lines(stages, items);
            let book = self.run.snapshot();
            // With a record, the command that finishes the run ends it (said by the caller):
            // every task that waits is used by it, none is offered to be deleted.
            if book.record.is_none() {
                let left: Vec<&crate::run::Item> = book
                    .items
                    .iter()
                    .filter(|i| i.task.is_some() && !i.ended)
                    .collect();
                let none = std::collections::HashMap::new();
                crate::left::print(self.out, &crate::left::commands(&left, false, &none));
            }
        }
        let (verb, noun) = (self.plan.verb, self.plan.noun);
        let not_started = count - self.finished;
        if not_started > 0 {
            let why = halted.unwrap_or_else(|| "--fail-fast".into());
            self.out.tell(&format!(
                "{not_started} of {count} {noun} {} not started ({why})",
                if not_started == 1 { "was" } else { "were" }
            ));
        }
        // The summary replaces the bars on a terminal, and ends a log.
        {
            let failed = self.failures.len();
            let ok = self.finished - failed;
            let secs = started.elapsed().as_secs_f64();
            let size = indicatif::BinaryBytes(self.stored);
            let (alone, after) = match self.stored {
                0 => (String::new(), String::new()),
                _ => (format!("{size} "), format!(", {size} stored")),
            };
            let mut failed_part = match failed {
                0 => String::new(),
                n => format!("; {n} failed"),
            };
            if self.plan.skipped > 0 {
                failed_part.push_str(&format!("; {} skipped", self.plan.skipped));
            }
            let after = match self.earlier {
                0 => after,
                n => format!("{after} ({n} done earlier, from the record)"),
            };
            // The time covers the wait for CloudConvert too, so no transfer rate is made of it.
            self.out.tell(&match items {
                // In a log the task's id is said too: the terminal shows it in the task's block.
                [one] if self.earlier == 1 => {
                    format!("{} was {verb} earlier (from the record)", stages.name(one))
                }
                [one] if failed == 0 && self.plan.skipped == 0 => match &self.last_id {
                    Some(id) if self.out.logs() => format!(
                        "{verb} {} ({alone}in {secs:.1} s), task {id}",
                        stages.name(one)
                    ),
                    _ => format!("{verb} {} ({alone}in {secs:.1} s)", stages.name(one)),
                },
                _ => format!("{verb} {ok} of {count} {noun}{after} in {secs:.1} s{failed_part}"),
            });
        }
        self.worst
    }
}

/// A hint every failure of a group shares, said once for them all: never one naming one
/// item's own task; "may have been created" with a list long enough to show them all.
fn shared_hint(members: &[&(usize, Error)]) -> Option<String> {
    let hint = members.first()?.1.hint.as_deref()?;
    if !members.iter().all(|(_, e)| e.hint.as_deref() == Some(hint))
        || members
            .iter()
            .any(|(_, e)| e.task.as_ref().is_some_and(|t| hint.contains(t.as_str())))
    {
        return None;
    }
    Some(match hint {
        crate::api::task::TASK_MAY_EXIST => crate::api::task::tasks_may_exist(members.len()),
        _ => hint.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Facts;

    /// The heartbeat counts a failure when it happens, not when its turn to print comes (an
    /// outage once showed "0 failed" while 21 files had failed for good).
    #[test]
    fn failures_are_counted_as_they_happen() {
        let (out, _) = Printer::capture(Facts::plain(false, false, None));
        let plan = Plan {
            jobs: 2,
            fail_fast: false,
            format: crate::cli::OutputFormat::Json,
            verb: "uploaded",
            noun: "files",
            skipped: 0,
            tasks_out: true,
        };
        let run = Run::default();
        let mut report = Report::new(3, &plan, &out, &run, 1);
        // Item 0 is still going; items 1 and 2 failed.
        report.done(1, Err(Error::failure("refused")), 0, "b");
        report.done(2, Err(Error::failure("refused")), 0, "c");
        let line = report.still_going(1, Duration::from_secs(30));
        assert!(
            line.ends_with("2 of 3 files done, 1 settling, 2 failed"),
            "{line}"
        );
    }

    /// Seven creates cut off by one outage: one hint whose list shows all seven.
    #[test]
    fn a_shared_hint_is_said_once_with_a_list_for_all() {
        use crate::api::task::TASK_MAY_EXIST;
        let cut = |n: usize| -> Vec<(usize, Error)> {
            (0..n)
                .map(|i| (i, Error::failure("cut off").with_hint(TASK_MAY_EXIST)))
                .collect()
        };
        let seven = cut(7);
        let hint = shared_hint(&seven.iter().collect::<Vec<_>>()).unwrap();
        assert!(hint.ends_with("task list --limit 7"), "{hint}");
        let three = cut(3);
        let hint = shared_hint(&three.iter().collect::<Vec<_>>()).unwrap();
        assert!(hint.starts_with("the tasks may"), "{hint}");
        assert!(hint.ends_with("task list --limit 5"), "{hint}");
        // Each naming its own task: no hint shared.
        let own: Vec<(usize, Error)> = (0..2)
            .map(|i| {
                let mut e = Error::failure("x").with_hint("cloudconvert task show t0");
                e.task = Some(format!("t{i}"));
                (i, e)
            })
            .collect();
        assert_eq!(shared_hint(&own.iter().collect::<Vec<_>>()), None);
    }
}
