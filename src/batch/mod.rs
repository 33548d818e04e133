//! The batch: many items (files to upload, URLs to import), each in two stages. *Send* creates
//! the task (and uploads the file): at most `--jobs` items are in it at once. *Settle* waits
//! until the task has ended and checks it: those waits are held calls that cost the link
//! nothing, so many items settle at once and none holds a send slot (the ~2 s CloudConvert
//! takes per uploaded file would otherwise idle every slot). The tasks are printed in the order
//! given by `report`, holding at most `HELD` finished items for an earlier one; when that many
//! wait, new sends pause, so memory is bounded whatever the number of items.

mod report;

use crate::error::{Exit, Result};
use crate::events::{Feedback, LINE_EVERY};
use crate::output::Printer;
use crate::progress::Total;
use crate::wait::Ended;
use report::Report;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The most items finished ahead of the earliest unfinished one before new sends pause: each
/// is a task of a few KiB, so this bounds a batch's memory at a few MiB.
pub const HELD: usize = 512;

/// What the send stage leaves for an item.
pub enum Step<T> {
    /// Nothing to settle: the item's end (a URL import without `--wait`).
    Ended(Ended),
    /// The task to wait for, with what the settle stage needs.
    Settle(T),
}

/// One kind of item's two stages. They print nothing but their bars: the batch prints.
pub trait Stages: Sync {
    type Item: Sync;
    type Sent: Send;
    fn send(&self, item: &Self::Item, total: Option<&Total>) -> Result<Step<Self::Sent>>;
    fn settle(&self, item: &Self::Item, sent: Self::Sent) -> Result<Ended>;
    /// How failure lines name the item.
    fn label<'a>(&self, item: &'a Self::Item) -> &'a str;
    /// How the summary names a lone item.
    fn name<'a>(&self, item: &'a Self::Item) -> &'a str {
        self.label(item)
    }
    /// The bytes the item sends (0 for a URL), for the total line.
    fn bytes(&self, item: &Self::Item) -> u64;
}

/// How a batch runs.
pub struct Plan {
    /// Items in the send stage at once.
    pub jobs: usize,
    /// Start no new item after the first failure.
    pub fail_fast: bool,
    pub feedback: Feedback,
    pub format: crate::cli::OutputFormat,
    /// What the items are, for the summary: `("uploaded", "files")`, `("imported", "URLs")`.
    pub words: (&'static str, &'static str),
    /// Items left out before the batch (links a walk did not follow), for the summary.
    pub skipped: usize,
}

/// Items settling at once: four per send slot, at least 16 (each is one held call to the sync
/// host, on its own thread).
pub fn settlers(jobs: usize, items: usize) -> usize {
    (4 * jobs).max(16).min(items.max(1))
}

/// Runs every item through both stages; the worst exit of all.
pub fn run<S: Stages>(stages: &S, items: &[S::Item], plan: &Plan, out: &Printer) -> Exit {
    let started = Instant::now();
    let bytes: u64 = items.iter().map(|i| stages.bytes(i)).sum();
    let total = (items.len() > 1).then(|| {
        Total::new(
            out,
            items.len(),
            bytes,
            plan.feedback == Feedback::Bars,
            plan.words.1,
        )
    });
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let settling = AtomicUsize::new(0);
    // How many items have been printed: a send may start only `HELD` items past it.
    let printed = (Mutex::new(0usize), Condvar::new());
    let mut report = Report::new(items.len(), plan, out);
    if items.len() > 1 {
        crate::ledger::batch_begins(items.len(), plan.words.1);
    }
    let (settle_tx, settle_rx) = mpsc::channel::<(usize, S::Sent)>();
    let settle_rx = Mutex::new(settle_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<(usize, Result<Ended>)>();
        for _ in 0..settlers(plan.jobs, items.len()) {
            let (done_tx, settle_rx, settling) = (done_tx.clone(), &settle_rx, &settling);
            scope.spawn(move || {
                loop {
                    let job = settle_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                    let Ok((i, sent)) = job else { break };
                    let result = stages.settle(&items[i], sent);
                    settling.fetch_sub(1, Ordering::SeqCst);
                    if done_tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        for _ in 0..plan.jobs.clamp(1, items.len().max(1)) {
            let (done_tx, settle_tx) = (done_tx.clone(), settle_tx.clone());
            let (next, stop, settling, printed, total) =
                (&next, &stop, &settling, &printed, total.as_ref());
            scope.spawn(move || {
                while let Some(i) = claim(next, stop, printed, items.len()) {
                    crate::ledger::batch_started_one();
                    let result = match stages.send(&items[i], total) {
                        Ok(Step::Settle(sent)) => {
                            settling.fetch_add(1, Ordering::SeqCst);
                            if settle_tx.send((i, sent)).is_err() {
                                break;
                            }
                            continue;
                        }
                        Ok(Step::Ended(end)) => Ok(end),
                        Err(e) => {
                            // Stop here, before this thread claims another item.
                            if plan.fail_fast {
                                stop.store(true, Ordering::SeqCst);
                            }
                            Err(e)
                        }
                    };
                    if done_tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        // The stages hold their own senders: the loop below ends when every item is through.
        drop((done_tx, settle_tx));
        let mut last_line = Instant::now();
        loop {
            let line_due = LINE_EVERY.saturating_sub(last_line.elapsed());
            // The total line also counts files entering the settle stage: look a few times a
            // second, not only when a task ends.
            match done_rx.recv_timeout(line_due.min(Duration::from_millis(250))) {
                Ok((i, result)) => {
                    let failed = result.as_ref().map_or(true, |e| e.exit != Exit::Ok);
                    let error = match &result {
                        Err(e) => Some(e),
                        Ok(end) => end.error.as_ref(),
                    };
                    if let Some(e) = error {
                        let mut text = e.message.clone();
                        if let Some(h) = &e.hint {
                            text.push_str("; ");
                            text.push_str(h);
                        }
                        crate::ledger::batch_failed(stages.label(&items[i]), text);
                    }
                    if failed && plan.fail_fast {
                        stop.store(true, Ordering::SeqCst);
                        printed.1.notify_all();
                    }
                    let now_printed = report.done(i, result, stages.bytes(&items[i]));
                    *printed.0.lock().unwrap_or_else(|e| e.into_inner()) = now_printed;
                    printed.1.notify_all();
                }
                Err(mpsc::RecvTimeoutError::Timeout) if last_line.elapsed() >= LINE_EVERY => {
                    last_line = Instant::now();
                    if plan.feedback == Feedback::Lines && items.len() > 1 {
                        out.note(
                            &report.still_going(settling.load(Ordering::SeqCst), started.elapsed()),
                        );
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if let Some(t) = &total {
                t.counts(report.finished, settling.load(Ordering::SeqCst));
            }
        }
    });
    drop(total);
    report.finish(stages, items, started)
}

/// The next item to send, once fewer than `HELD` finished items wait to be printed ahead of
/// it; None when every item was claimed or the batch stops.
fn claim(
    next: &AtomicUsize,
    stop: &AtomicBool,
    printed: &(Mutex<usize>, Condvar),
    count: usize,
) -> Option<usize> {
    if stop.load(Ordering::SeqCst) {
        return None;
    }
    let i = next.fetch_add(1, Ordering::SeqCst);
    if i >= count {
        return None;
    }
    let mut done = printed.0.lock().unwrap_or_else(|e| e.into_inner());
    while i >= *done + HELD {
        if stop.load(Ordering::SeqCst) {
            return None;
        }
        done = printed
            .1
            .wait_timeout(done, Duration::from_millis(200))
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    drop(done);
    // An item claimed is sent even if the batch stopped meanwhile: only new claims stop.
    Some(i)
}
