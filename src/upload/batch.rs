//! The batch: up to `jobs` files in flight on their own threads, sharing one HTTP client (one
//! connection pool per host, one rate-limit pause). Each file's task is printed as soon as it
//! and every file before it are done, so stdout keeps the order the files were given; failures
//! are reported at the end, one line each, and the exit status is the worst of all.

use super::file;
use super::{Batch, Source};
use crate::error::{Error, Exit, Result};
use crate::http::Http;
use crate::output;
use crate::progress::{Feedback, Total};
use crate::wait::Ended;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

pub fn run(http: &Http, batch: &Batch, files: &[Source]) -> Result<Exit> {
    let started = Instant::now();
    let bytes: u64 = files.iter().filter_map(|f| f.len().ok()).sum();
    let total =
        (files.len() > 1).then(|| Total::new(files.len(), bytes, batch.progress == Feedback::Bars));
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let mut report = Report::new(files);
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel();
        for _ in 0..batch.jobs.clamp(1, files.len().max(1)) {
            let tx = tx.clone();
            let (next, stop, total) = (&next, &stop, total.as_ref());
            scope.spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(source) = files.get(i) else { break };
                    let result = file::send(http, batch, source, total);
                    let failed = result.as_ref().map_or(true, |e| e.exit != Exit::Ok);
                    if failed && batch.fail_fast {
                        stop.store(true, Ordering::SeqCst);
                    }
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, result) in rx {
            report.done(i, result, batch);
            if let Some(t) = &total {
                t.file_done(report.finished);
            }
        }
    });
    drop(total);
    Ok(report.finish(batch, bytes, started))
}

/// What has come back, and what is printed: the tasks in order, the failures at the end.
struct Report<'a> {
    files: &'a [Source],
    /// Results that came before an earlier file's; printed when their turn comes.
    waiting: BTreeMap<usize, Result<Ended>>,
    next_to_print: usize,
    finished: usize,
    failures: Vec<(usize, Error)>,
    worst: Exit,
}

impl<'a> Report<'a> {
    fn new(files: &'a [Source]) -> Self {
        Report {
            files,
            waiting: BTreeMap::new(),
            next_to_print: 0,
            finished: 0,
            failures: Vec::new(),
            worst: Exit::Ok,
        }
    }

    fn done(&mut self, i: usize, result: Result<Ended>, batch: &Batch) {
        self.finished += 1;
        self.waiting.insert(i, result);
        while let Some(result) = self.waiting.remove(&self.next_to_print) {
            self.print(self.next_to_print, result, batch);
            self.next_to_print += 1;
        }
    }

    fn print(&mut self, i: usize, result: Result<Ended>, batch: &Batch) {
        match result {
            Ok(end) => {
                // A task that ended, even in error or as last seen, is data for the script.
                output::task(&end.task, batch.format);
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

    /// Prints what is left (with `--fail-fast`, files after a gap never started), then the
    /// failures, then the summary line; returns the worst exit.
    fn finish(mut self, batch: &Batch, bytes: u64, started: Instant) -> Exit {
        let rest = std::mem::take(&mut self.waiting);
        for (i, result) in rest {
            self.print(i, result, batch);
        }
        let count = self.files.len();
        if let [(_, e)] = &self.failures[..]
            && count == 1
        {
            output::error(e);
        } else {
            for (i, e) in &self.failures {
                output::error_line(&self.files[*i].label, e);
            }
        }
        let not_started = count - self.finished;
        if not_started > 0 && batch.progress != Feedback::Quiet {
            output::note(&format!(
                "{not_started} of {count} files were not started (--fail-fast)"
            ));
        }
        // The summary replaces the bars on a terminal (and stands alone with --no-progress).
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        if batch.progress != Feedback::Quiet && terminal {
            output::note(&summary(
                self.files,
                count - self.failures.len(),
                self.failures.len(),
                bytes,
                started,
            ));
        }
        self.worst
    }
}

/// The line that replaces the bars: what was sent, how fast, and how many failed.
fn summary(files: &[Source], ok: usize, failed: usize, bytes: u64, started: Instant) -> String {
    let secs = started.elapsed().as_secs_f64();
    let size = indicatif::BinaryBytes(bytes);
    // The time covers the wait for CloudConvert too, so no transfer rate is made of it.
    match files {
        [one] if failed == 0 => format!("uploaded {} ({size} in {secs:.1} s)", one.name),
        _ if failed == 0 => format!(
            "uploaded {ok} of {} files, {size} in {secs:.1} s",
            files.len()
        ),
        _ => format!(
            "uploaded {ok} of {} files, {size} in {secs:.1} s; {failed} failed",
            files.len()
        ),
    }
}
