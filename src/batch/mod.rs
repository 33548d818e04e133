//! The batch: many items (files to upload, URLs to import), each in two stages. *Send* creates
//! the task (and uploads the file): at most `--jobs` items are in it at once. *Settle* waits
//! until the task has ended and checks it: those waits are held calls that cost the link
//! nothing, so many items settle at once and none holds a send slot (the ~2 s CloudConvert
//! takes per uploaded file would otherwise idle every slot). The tasks are printed in the order
//! given by `report`, holding at most `HELD` finished items for an earlier one; when that many
//! wait, new sends pause, so memory is bounded whatever the number of items.

mod report;

use crate::error::{Exit, Kind, Result};
use crate::events::LINE_EVERY;
use crate::output::Printer;
use crate::progress::Total;
use crate::run::{ItemRef, Run};
use crate::wait::Ended;
use report::Report;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

/// The most items finished ahead of the earliest unfinished one before new sends pause: each
/// is a task of a few KiB, so this bounds a batch's memory at a few MiB.
pub const HELD: usize = 512;

/// Items printed between two wake-ups of the senders held back by `HELD`.
const WAKE_EVERY: usize = 16;

/// What the send stage leaves for an item.
pub enum Step<T> {
    /// Nothing to settle: the item's end (a URL import without `--wait`).
    Ended(Ended),
    /// The task to wait for, with what the settle stage needs.
    Settle(T),
}

/// One kind of item's two stages. They print nothing but their bars: the batch prints. What
/// becomes true of an item they write into its place in the run (`at`).
pub trait Stages: Sync {
    type Item: Sync;
    type Sent: Send;
    /// A file goes with each item's task.
    const UPLOADS: bool;
    fn send(
        &self,
        item: &Self::Item,
        at: &ItemRef,
        total: Option<&Total>,
    ) -> Result<Step<Self::Sent>>;
    fn settle(&self, item: &Self::Item, at: &ItemRef, sent: Self::Sent) -> Result<Ended>;
    /// How failure lines name the item.
    fn label<'a>(&self, item: &'a Self::Item) -> &'a str;
    /// How the summary names a lone item.
    fn name<'a>(&self, item: &'a Self::Item) -> &'a str {
        self.label(item)
    }
    /// The bytes the item sends (0 for a URL), for the total line.
    fn bytes(&self, item: &Self::Item) -> u64;
    /// Why no new item can start (the API cannot be reached), once that is so.
    fn halted(&self) -> Option<String> {
        None
    }
    /// What the record keeps of the item, and its key there (None: not recorded).
    fn recorded(&self, _item: &Self::Item) -> Option<(String, crate::record::Source)> {
        None
    }
}

/// How a batch runs.
pub struct Plan {
    /// Items in the send stage at once.
    pub jobs: usize,
    /// Start no new item after the first failure.
    pub fail_fast: bool,

    pub format: crate::cli::OutputFormat,
    /// What was done to each item, for the summary: "uploaded", "imported".
    pub verb: &'static str,
    /// What the items are, for the summary and the total line: "files", "URLs".
    pub noun: &'static str,
    /// Items left out before the batch (links a walk did not follow), for the summary.
    pub skipped: usize,
    /// Each item's task goes to stdout (a job's files do not: the job is printed instead).
    pub tasks_out: bool,
}

/// Items settling at once: four per send slot, at least 16 (each is one held call to the sync
/// host, on its own thread).
pub fn settlers(jobs: usize, items: usize) -> usize {
    (4 * jobs).max(16).min(items.max(1))
}

/// What the stages' threads of one batch share.
struct Engine<'a, S: Stages> {
    stages: &'a S,
    items: &'a [S::Item],
    plan: &'a Plan,
    run: &'a Run,
    total: Option<&'a Total>,
    /// The next item to claim.
    next: AtomicUsize,
    /// Start no new item.
    stop: AtomicBool,
    /// Why the batch stopped starting items, when something outside it stopped it.
    halted: Mutex<Option<String>>,
    /// Items whose task is being waited for.
    settling: AtomicUsize,
    /// How many items have been printed: a send may start only `HELD` items past it.
    printed: (Mutex<usize>, Condvar),
}

/// An item through its send stage, on its way to be settled.
type ToSettle<T> = (usize, ItemRef, T);
/// An item's end, for the report.
type Done = (usize, Result<Ended>);

/// Runs every item through both stages; the worst exit of all.
pub fn run<S: Stages>(
    stages: &S,
    items: &[S::Item],
    plan: &Plan,
    out: &Printer,
    run: &Run,
) -> Exit {
    let started = Instant::now();
    let bytes: u64 = items.iter().map(|i| stages.bytes(i)).sum();
    let total = (items.len() > 1).then(|| Total::new(out, items.len(), bytes, plan.noun));
    let widest = items
        .iter()
        .map(|i| console::measure_text_width(&crate::output::clean(stages.name(i))))
        .max()
        .unwrap_or(0);
    let mut report = Report::new(items.len(), plan, out, run, widest);
    if items.len() > 1 {
        run.batch(items.len(), plan.noun);
    }
    let engine = Engine {
        stages,
        items,
        plan,
        run,
        total: total.as_ref(),
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        halted: Mutex::new(None),
        settling: AtomicUsize::new(0),
        printed: (Mutex::new(0), Condvar::new()),
    };
    let (settle_tx, settle_rx) = mpsc::channel::<ToSettle<S::Sent>>();
    let settle_rx = Mutex::new(settle_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::channel::<Done>();
        let mut threads = Vec::new();
        for _ in 0..settlers(plan.jobs, items.len()) {
            let (done_tx, settle_rx, engine) = (done_tx.clone(), &settle_rx, &engine);
            threads.push(scope.spawn(move || engine.settler(settle_rx, done_tx)));
        }
        for _ in 0..plan.jobs.clamp(1, items.len().max(1)) {
            let (done_tx, settle_tx, engine) = (done_tx.clone(), settle_tx.clone(), &engine);
            threads.push(scope.spawn(move || engine.sender(settle_tx, done_tx)));
        }
        // The stages hold their own senders: the loop below ends when every item is through.
        drop((done_tx, settle_tx));
        engine.report(&mut report, done_rx, out, started);
        // Each joined, to its very end: the scope alone waits only until each one's work has
        // returned, and a process that exits while a thread is still ending can die there
        // (under wine, SIGKILL or SIGSEGV after the summary, in about 1 run of 30).
        for thread in threads {
            if let Err(panic) = thread.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let halted = engine
        .halted
        .into_inner()
        .unwrap_or_else(|e| e.into_inner());
    // The total line leaves the screen before the summary takes its place.
    drop(total);
    if run.closed() {
        // The interrupt says what is true of the batch (the results held back included) and
        // ends the program: a summary here would count items it stopped as never started.
        return Exit::Failure;
    }
    report.finish(stages, items, started, halted)
}

impl<S: Stages> Engine<'_, S> {
    /// A settle thread: waits for the tasks the send stage hands over, one at a time.
    fn settler(
        &self,
        settle_rx: &Mutex<mpsc::Receiver<ToSettle<S::Sent>>>,
        done: mpsc::Sender<Done>,
    ) {
        loop {
            let job = settle_rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok((i, at, sent)) = job else { break };
            let result = self.stages.settle(&self.items[i], &at, sent);
            // A task whose end could not be learnt (the API out of reach, a wait that timed
            // out) is still to follow.
            let unknown = match &result {
                Ok(end) => !crate::api::task::is_done(&end.task),
                Err(e) => matches!(e.kind, Kind::Network | Kind::TimedOut | Kind::RateLimited),
            };
            if !unknown {
                at.ended();
            }
            self.settling.fetch_sub(1, Ordering::SeqCst);
            if done.send((i, result)).is_err() {
                break;
            }
        }
    }

    /// A send thread: claims the next item, sends it, and hands it on to be settled.
    fn sender(&self, settle: mpsc::Sender<ToSettle<S::Sent>>, done: mpsc::Sender<Done>) {
        // After an interrupt, no item starts: the interrupt says what the run holds and ends it.
        while !self.run.closed()
            && let Some(i) = claim(&self.next, &self.stop, &self.printed, self.items.len())
        {
            if let Some(why) = self.stages.halted() {
                // Not started: the summary counts it as such.
                self.halted
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get_or_insert(why);
                self.stop.store(true, Ordering::SeqCst);
                break;
            }
            let label = self.stages.label(&self.items[i]);
            let at = self.run.start(i, Some(label), S::UPLOADS);
            if let Some((key, source)) = self.stages.recorded(&self.items[i]) {
                at.describe(key, source);
            }
            let result = match self.stages.send(&self.items[i], &at, self.total) {
                Ok(Step::Settle(sent)) => {
                    self.settling.fetch_add(1, Ordering::SeqCst);
                    if settle.send((i, at, sent)).is_err() {
                        break;
                    }
                    continue;
                }
                Ok(Step::Ended(end)) => {
                    at.ended();
                    Ok(end)
                }
                // Refused by the interrupt, which says what is true of it.
                Err(_) if self.run.closed() => break,
                Err(e) => {
                    // Stop here, before this thread claims another item.
                    if self.plan.fail_fast {
                        self.stop.store(true, Ordering::SeqCst);
                    }
                    Err(e)
                }
            };
            if done.send((i, result)).is_err() {
                break;
            }
        }
    }

    /// Takes each item's end as it comes, for the report to print in order; moves the total
    /// line a few times a second, and in a log says every 30 s that the batch goes on.
    fn report(
        &self,
        report: &mut Report,
        done: mpsc::Receiver<Done>,
        out: &Printer,
        started: Instant,
    ) {
        let mut last_line = Instant::now();
        loop {
            let line_due = LINE_EVERY.saturating_sub(last_line.elapsed());
            // The total line also counts files entering the settle stage: look a few times a
            // second, not only when a task ends.
            match done.recv_timeout(line_due.min(Duration::from_millis(250))) {
                Ok((i, result)) => self.ended(report, i, result),
                Err(mpsc::RecvTimeoutError::Timeout) if last_line.elapsed() >= LINE_EVERY => {
                    last_line = Instant::now();
                    if out.logs() && self.items.len() > 1 {
                        let settling = self.settling.load(Ordering::SeqCst);
                        out.note(&report.still_going(settling, started.elapsed()));
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            if let Some(t) = self.total {
                t.counts(report.finished, self.settling.load(Ordering::SeqCst));
            }
        }
    }

    /// Item `i` ended: its failure into the run, `--fail-fast` told, and the report given it.
    fn ended(&self, report: &mut Report, i: usize, result: Result<Ended>) {
        let (stages, item) = (self.stages, &self.items[i]);
        let failed = result.as_ref().map_or(true, |e| e.exit != Exit::Ok);
        let error = match &result {
            Err(e) => Some(e),
            Ok(end) => end.error.as_ref(),
        };
        if let Some(at) = self.run.at(i) {
            at.outcome(&result);
            if let Some(e) = error {
                at.failed(crate::output::one_line(stages.label(item), e));
            }
        }
        if failed && self.plan.fail_fast {
            self.stop.store(true, Ordering::SeqCst);
            self.printed.1.notify_all();
        }
        let now_printed = report.done(i, result, stages.bytes(item), stages.name(item));
        let before = std::mem::replace(
            &mut *self.printed.0.lock().unwrap_or_else(|e| e.into_inner()),
            now_printed,
        );
        // The senders held back wake when a few more items may start, not at every item:
        // 32 of them woken 5,000 times made a re-run of finished items slower than the run.
        if now_printed / WAKE_EVERY != before / WAKE_EVERY || now_printed == self.items.len() {
            self.printed.1.notify_all();
        }
    }
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

#[cfg(test)]
mod tests {
    //! The engine alone, with fake stages and a captured printer: the order of what is printed
    //! when items settle out of order, `--fail-fast`, the bound on items held, and what an
    //! interrupt would read from the ledger meanwhile.

    use super::*;
    use crate::cli::OutputFormat;
    use crate::error::Error;
    use crate::output::{Captured, Facts, Printer};
    use serde_json::json;

    /// Batches in one test process take turns: their timings are measured.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    /// Items are numbers; item `i` settles after `settle(i)`, and fails to send when `fails(i)`.
    struct Fake {
        settle: fn(usize) -> Duration,
        fails: fn(usize) -> bool,
        sent: AtomicUsize,
        /// The most items sent while item 0 had not settled.
        sent_before_first: AtomicUsize,
        first_settled: AtomicBool,
        /// Each thread that sends or settles holds a value whose drop, at the thread's very
        /// end, takes a while.
        ends_slowly: bool,
    }

    /// Threads that took an `EndsSlowly`, and those whose `EndsSlowly` has been dropped.
    static MARKED: AtomicUsize = AtomicUsize::new(0);
    static ENDED: AtomicUsize = AtomicUsize::new(0);

    struct EndsSlowly;

    impl Drop for EndsSlowly {
        fn drop(&mut self) {
            std::thread::sleep(Duration::from_millis(150));
            ENDED.fetch_add(1, Ordering::SeqCst);
        }
    }

    thread_local! {
        static ENDS_SLOWLY: EndsSlowly = {
            MARKED.fetch_add(1, Ordering::SeqCst);
            EndsSlowly
        };
    }

    impl Fake {
        fn new(settle: fn(usize) -> Duration, fails: fn(usize) -> bool) -> Fake {
            Fake {
                settle,
                fails,
                sent: AtomicUsize::new(0),
                sent_before_first: AtomicUsize::new(0),
                first_settled: AtomicBool::new(false),
                ends_slowly: false,
            }
        }

        fn mark(&self) {
            if self.ends_slowly {
                ENDS_SLOWLY.with(|_| {});
            }
        }
    }

    impl Stages for Fake {
        type Item = usize;
        type Sent = usize;
        const UPLOADS: bool = false;

        fn send(&self, i: &usize, at: &ItemRef, _total: Option<&Total>) -> Result<Step<usize>> {
            self.mark();
            at.created(&format!("t-{i}"), None);
            let n = self.sent.fetch_add(1, Ordering::SeqCst) + 1;
            if !self.first_settled.load(Ordering::SeqCst) {
                self.sent_before_first.fetch_max(n, Ordering::SeqCst);
            }
            if (self.fails)(*i) {
                return Err(Error::failure(format!("item {i} failed")));
            }
            Ok(Step::Settle(*i))
        }

        fn settle(&self, i: &usize, _at: &ItemRef, _sent: usize) -> Result<Ended> {
            self.mark();
            std::thread::sleep((self.settle)(*i));
            if *i == 0 {
                self.first_settled.store(true, Ordering::SeqCst);
            }
            Ok(Ended {
                task: json!({"id": format!("t-{i}"), "status": "finished",
                             "result": {"files": [{"filename": format!("{i}.pdf"), "size": 2048}]}}),
                exit: Exit::Ok,
                error: None,
            })
        }

        fn label<'a>(&self, _i: &'a usize) -> &'a str {
            "item"
        }

        fn bytes(&self, _i: &usize) -> u64 {
            0
        }
    }

    fn plan(jobs: usize, fail_fast: bool) -> Plan {
        Plan {
            jobs,
            fail_fast,

            format: OutputFormat::Json,
            verb: "done",
            noun: "items",
            skipped: 0,
            tasks_out: true,
        }
    }

    fn printer() -> (Printer, Captured) {
        Printer::capture(Facts::plain(false, false, Some(80)))
    }

    fn ids(seen: &Captured) -> Vec<String> {
        seen.stdout()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
            .collect()
    }

    #[test]
    fn items_that_settle_out_of_order_print_in_order_and_are_held_in_the_run_meanwhile() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        // Item 0 settles last, after every other item has ended.
        let fake = Fake::new(
            |i| Duration::from_millis(if i == 0 { 600 } else { 10 }),
            |_| false,
        );
        let (out, seen) = printer();
        let items: Vec<usize> = (0..6).collect();
        let state = Run::default();
        let held_meanwhile = std::thread::scope(|s| {
            let watcher = s.spawn(|| {
                std::thread::sleep(Duration::from_millis(400));
                state.snapshot().held()
            });
            assert_eq!(run(&fake, &items, &plan(3, false), &out, &state), Exit::Ok);
            watcher.join().unwrap()
        });
        assert_eq!(
            ids(&seen),
            [
                "\"t-0\"", "\"t-1\"", "\"t-2\"", "\"t-3\"", "\"t-4\"", "\"t-5\""
            ]
        );
        // What an interrupt would have printed while item 0 was still settling.
        assert_eq!(held_meanwhile.len(), 5, "{held_meanwhile:?}");
        assert!(held_meanwhile[0].1.contains("t-1") && held_meanwhile[4].1.contains("t-5"));
        assert_eq!(held_meanwhile[0].0, "t-1");
        assert!(state.snapshot().held().is_empty(), "all released");
        assert!(state.snapshot().items.is_empty(), "every item done with");
        assert!(
            seen.stderr().contains("done 6 of 6 items"),
            "{}",
            seen.stderr()
        );
    }

    #[test]
    fn a_batch_in_the_human_view_is_one_table_row_per_item_within_the_width() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        for width in [60, 80, 120] {
            let fake = Fake::new(|i| Duration::from_millis(5 * (6 - i as u64)), |_| false);
            let (out, seen) = Printer::capture(Facts::plain(true, false, Some(width)));
            let items: Vec<usize> = (0..6).collect();
            let mut plan = plan(3, false);
            plan.format = OutputFormat::Auto;
            assert_eq!(run(&fake, &items, &plan, &out, &Run::default()), Exit::Ok);
            let text = seen.stdout();
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(
                lines.len(),
                7,
                "a header and a row per item at {width}:\n{text}"
            );
            assert!(
                lines[0].starts_with("FILE") && lines[0].contains("TASK"),
                "{text}"
            );
            for (i, line) in lines[1..].iter().enumerate() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
                assert!(
                    line.contains(&format!(" t-{i} ")),
                    "whole id, in order: {text}"
                );
                assert!(line.contains("finished"), "{text}");
            }
            assert_eq!(
                lines[1..].iter().any(|l| l.ends_with("2.00 KiB")),
                width >= 80
            );
        }
    }

    #[test]
    fn fail_fast_starts_nothing_after_a_failure_and_says_so() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let fake = Fake::new(|_| Duration::from_millis(5), |i| i == 1);
        let (out, seen) = printer();
        let items: Vec<usize> = (0..20).collect();
        let exit = run(&fake, &items, &plan(1, true), &out, &Run::default());
        assert_eq!(exit, Exit::Failure);
        assert_eq!(fake.sent.load(Ordering::SeqCst), 2, "nothing after item 1");
        assert_eq!(ids(&seen), ["\"t-0\""]);
        let err = seen.stderr();
        assert!(err.contains("item 1 failed"), "{err}");
        assert!(err.contains("18 of 20 items were not started"), "{err}");
    }

    #[test]
    fn at_most_held_items_are_sent_past_one_still_settling() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        // Item 0 settles after 800 ms; every other at once.
        let fake = Fake::new(
            |i| Duration::from_millis(if i == 0 { 800 } else { 0 }),
            |_| false,
        );
        let (out, seen) = printer();
        let items: Vec<usize> = (0..HELD + 200).collect();
        assert_eq!(
            run(&fake, &items, &plan(4, false), &out, &Run::default()),
            Exit::Ok
        );
        let before = fake.sent_before_first.load(Ordering::SeqCst);
        // Item 0 itself, `HELD` items past it, and at most one claim per job in the gap.
        assert!(before <= HELD + 1 + 4, "{before} sent while item 0 settled");
        assert!(before >= HELD, "sends went on up to the bound: {before}");
        assert_eq!(ids(&seen).len(), HELD + 200);
    }

    /// When a batch returns, its threads have ended, not only their work: a process that
    /// exits while one is still ending can die there (under wine, SIGKILL or SIGSEGV after
    /// the summary, about one run in 30 with --record).
    #[test]
    fn when_a_batch_returns_its_threads_have_ended() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let mut fake = Fake::new(|_| Duration::ZERO, |_| false);
        fake.ends_slowly = true;
        let (out, _) = printer();
        let items: Vec<usize> = (0..4).collect();
        assert_eq!(
            run(&fake, &items, &plan(2, false), &out, &Run::default()),
            Exit::Ok
        );
        let marked = MARKED.load(Ordering::SeqCst);
        assert!(marked >= 2, "{marked}");
        assert_eq!(ENDED.load(Ordering::SeqCst), marked);
    }
}
