//! The run's truth: every item of one command (a file, a URL, a lone import) and what is true
//! of it, per attempt, from its start until it is printed. The stages write it as they go;
//! Ctrl-C, the summary and the record read it, and nothing keeps a second copy. Made once in
//! `main` and handed down like the printer, so a new path that records its item cannot be
//! forgotten by an interrupt.
//!
//! What is true of a file is the union over its attempts: once any attempt handed the whole
//! body to its connection, the file may be stored until CloudConvert says otherwise, whatever a
//! later attempt does.
//!
//! With a record (`--record`, or the one kept in the state folder while the run goes), each
//! fact is also appended there as it becomes true: the record is this state on disk, written
//! by the same calls, so the two cannot disagree.

use crate::record::{Fact, Record};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// Asks CloudConvert about a task, giving up after the time given: the task, or None.
pub type Asker = Arc<dyn Fn(&str, Duration) -> Option<Value> + Send + Sync>;

/// Asks the connection an attempt went out on how many bytes never left this machine.
pub type LeftBehind = Box<dyn Fn() -> Option<u64> + Send + Sync>;

/// The run: cheap to clone, every clone the same.
#[derive(Clone, Default)]
pub struct Run(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    /// The items begun and not yet done with, by place: one printed without a failure is
    /// dropped, so that a batch of 100,000 items holds only those in flight.
    items: BTreeMap<usize, Item>,
    /// Items begun so far.
    started: usize,
    /// A batch's size and what its items are ("files", "URLs"); None for a lone item.
    batch: Option<(usize, &'static str)>,
    /// Creates sent whose answer has not come yet.
    creating: usize,
    /// An interrupt is ending the run: no create and no attempt goes out any more (what is
    /// under way lands or is cut off), so nothing it says can be overtaken by a new task.
    closed: bool,
    asker: Option<Asker>,
    record: Option<Arc<Record>>,
    /// The command as it was run (without the program's name), for the one that finishes it.
    invocation: Vec<String>,
}

/// One item and what is true of it.
#[derive(Clone)]
pub struct Item {
    /// The file or URL, as messages name it; None for a lone import.
    pub label: Option<String>,
    /// A file goes with its task.
    pub upload: bool,
    pub task: Option<String>,
    /// Every attempt to send its file, in order.
    pub attempts: Vec<Arc<Attempt>>,
    /// An attempt is under way.
    pub sending: bool,
    /// The storage answered that it has the file.
    pub stored: bool,
    /// Sending the file failed for good (and was reported).
    pub send_failed: bool,
    /// Its task ended, or it needs no more: nothing is left to follow.
    pub ended: bool,
    /// Its failure as the summary says it, once known.
    pub failure: Option<String>,
    /// Finished, held back for an earlier item: the task as it will print.
    pub held: Option<String>,
    /// Printed (or reported): nothing of it is left to say.
    pub printed: bool,
    /// Its number in the record, once a fact about it was written.
    pub n: Option<usize>,
    /// What it is, for the record: its key and its file or URL.
    pub about: Option<Arc<(String, crate::record::Source)>>,
    /// Finished in an earlier run (the record says so): not sent again.
    pub earlier: bool,
}

/// One attempt to send a file.
#[derive(Default)]
pub struct Attempt {
    /// Every byte of the body was handed to the connection.
    pub whole: AtomicBool,
    /// The storage answered, and not with success: it said it did not keep the file.
    pub refused: AtomicBool,
    /// The MD5 of the bytes read for it, once they all were.
    pub md5: OnceLock<String>,
    /// Once an interrupt has cut the connection off: how many bytes written to it never left
    /// this machine (None where the system does not tell).
    pub left_behind: Mutex<Option<LeftBehind>>,
}

impl Attempt {
    /// The whole body went out and the storage never said no: it may have kept the file.
    fn may_have_stored(&self) -> bool {
        self.whole.load(Ordering::SeqCst) && !self.refused.load(Ordering::SeqCst)
    }

    /// After the connection was cut off: whether the storage cannot have the whole file,
    /// because the body never went out whole, or some of it never left this machine.
    pub fn cut_short(&self) -> bool {
        if !self.whole.load(Ordering::SeqCst) {
            return true;
        }
        let left = self.left_behind.lock().unwrap_or_else(|e| e.into_inner());
        left.as_ref().and_then(|f| f()).is_some_and(|n| n > 0)
    }
}

/// What can be said of an item's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileTruth {
    /// No file goes with the task.
    NoFile,
    /// No attempt began.
    NotSent,
    /// The storage answered that it has it.
    Stored,
    /// An attempt handed it over whole, and no answer came: CloudConvert alone can tell.
    MayBeStored,
    /// Being sent, and not cut off: it may still arrive.
    InFlight,
    /// Every attempt stopped before the whole file went out (or was cut off with bytes left
    /// on this machine): the storage cannot have it.
    NotStored,
}

impl Item {
    /// It ended and is on its way to stdout: neither printed nor held back for an earlier one.
    pub fn on_its_way(&self) -> bool {
        self.ended && !self.printed && self.held.is_none() && !self.earlier && self.task.is_some()
    }

    /// What is true of the file: the union over the attempts. `cut`: the connections under
    /// way were cut off (an interrupt), so one that had not sent everything delivered nothing.
    pub fn file(&self, cut: bool) -> FileTruth {
        if !self.upload {
            return FileTruth::NoFile;
        }
        if self.stored {
            return FileTruth::Stored;
        }
        let Some((last, earlier)) = self.attempts.split_last() else {
            return FileTruth::NotSent;
        };
        let whole_before = earlier.iter().any(|a| a.may_have_stored());
        if self.sending {
            return if cut && last.cut_short() {
                if whole_before {
                    FileTruth::MayBeStored
                } else {
                    FileTruth::NotStored
                }
            } else {
                FileTruth::InFlight
            };
        }
        if whole_before || last.may_have_stored() {
            FileTruth::MayBeStored
        } else {
            FileTruth::NotStored
        }
    }

    /// The MD5 of the file as read for an attempt that read it all.
    pub fn md5(&self) -> Option<String> {
        self.attempts.iter().find_map(|a| a.md5.get().cloned())
    }
}

/// An item of the run, to write what becomes true of it.
#[derive(Clone)]
pub struct ItemRef {
    run: Run,
    place: usize,
}

/// What a create or an attempt refused by a closed run returns; the interrupt that closed it
/// says what is true and ends the program, so nothing shows this.
pub fn interrupted() -> crate::error::Error {
    crate::error::Error::failure("interrupted")
}

/// A create in flight: its task may exist before the answer says so.
pub struct Creating(Run);

impl Drop for Creating {
    fn drop(&mut self) {
        self.0.with(|s| s.creating = s.creating.saturating_sub(1));
    }
}

/// What an interrupt reads: the run as it stands.
pub struct Snapshot {
    /// The items not yet done with, in the order given.
    pub items: Vec<Item>,
    pub batch: Option<(usize, &'static str)>,
    /// Items begun so far.
    pub started: usize,
    pub creating: usize,
    pub asker: Option<Asker>,
    /// The record's path, and whether the user named it.
    pub record: Option<(std::path::PathBuf, bool)>,
    pub invocation: Vec<String>,
}

impl Snapshot {
    /// Finished tasks held back for an earlier one, in the order given: the id and the text.
    pub fn held(&self) -> Vec<(String, String)> {
        self.items
            .iter()
            .filter(|i| i.held.is_some())
            .map(|i| {
                (
                    i.task.clone().unwrap_or_default(),
                    i.held.clone().unwrap_or_default(),
                )
            })
            .collect()
    }
}

impl Run {
    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// An interrupt ends the run: from now on no create and no attempt goes out.
    pub fn close(&self) {
        self.with(|s| s.closed = true);
    }

    /// Whether an interrupt is ending the run.
    pub fn closed(&self) -> bool {
        self.with(|s| s.closed)
    }

    /// A batch of `count` items begins (`noun`: "files", "URLs").
    pub fn batch(&self, count: usize, noun: &'static str) {
        self.with(|s| s.batch = Some((count, noun)));
    }

    /// Keeps the run's facts in `record` too, from now on.
    pub fn keep_record(&self, record: Record) {
        self.with(|s| s.record = Some(Arc::new(record)));
    }

    /// The record, once the run is over: handed back to be kept or removed.
    pub fn take_record(&self) -> Option<Record> {
        let record = self.with(|s| s.record.take())?;
        Arc::try_unwrap(record).ok()
    }

    /// The command as it was run, without the program's name.
    pub fn invoked(&self, args: Vec<String>) {
        self.with(|s| s.invocation = args);
    }

    /// Writes a fact about the whole run.
    pub fn note_run(&self, fact: &Fact) {
        if let Some(r) = self.with(|s| s.record.clone()) {
            r.write(fact);
        }
    }

    /// Says how to ask CloudConvert about a task, for the interrupt.
    pub fn can_ask(&self, asker: Asker) {
        self.with(|s| s.asker = Some(asker));
    }

    /// An item begins: the one at `place`, named `label`; `upload` when a file goes with it.
    pub fn start(&self, place: usize, label: Option<&str>, upload: bool) -> ItemRef {
        self.with(|s| {
            s.started += 1;
            s.items.insert(
                place,
                Item {
                    label: label.map(str::to_string),
                    upload,
                    task: None,
                    attempts: Vec::new(),
                    sending: false,
                    stored: false,
                    send_failed: false,
                    ended: false,
                    failure: None,
                    held: None,
                    printed: false,
                    n: None,
                    about: None,
                    earlier: false,
                },
            )
        });
        ItemRef {
            run: self.clone(),
            place,
        }
    }

    /// A copy of the run as it stands.
    pub fn snapshot(&self) -> Snapshot {
        self.with(|s| Snapshot {
            items: s.items.values().cloned().collect(),
            batch: s.batch,
            started: s.started,
            creating: s.creating,
            asker: s.asker.clone(),
            record: s.record.as_ref().map(|r| (r.path().to_path_buf(), r.named)),
            invocation: s.invocation.clone(),
        })
    }

    /// The item at `place`, if it has begun and is not done with.
    pub fn at(&self, place: usize) -> Option<ItemRef> {
        self.with(|s| s.items.contains_key(&place))
            .then(|| ItemRef {
                run: self.clone(),
                place,
            })
    }
}

impl ItemRef {
    fn set(&self, f: impl FnOnce(&mut Item)) {
        self.run.with(|s| {
            if let Some(item) = s.items.get_mut(&self.place) {
                f(item)
            }
        });
    }

    /// Changes the item and writes the fact that says so, both under the run's lock, so that
    /// the record's lines come in the order the facts became true. The item's first fact is
    /// preceded by what the item is, and numbers it.
    fn set_and_write(&self, f: impl FnOnce(&mut Item) -> Option<Fact>) {
        let _ = self.write_if(false, f);
    }

    /// `set_and_write`, or with `unless_closed` nothing once the run is closed: whether the
    /// run was open.
    fn write_if(&self, unless_closed: bool, f: impl FnOnce(&mut Item) -> Option<Fact>) -> bool {
        self.run.with(|s| {
            if unless_closed && s.closed {
                return false;
            }
            let Some(item) = s.items.get_mut(&self.place) else {
                return true;
            };
            if let Some(record) = &s.record {
                Self::number(item, record);
            }
            if let (Some(fact), Some(record)) = (f(item), &s.record) {
                record.write(&fact);
            }
            true
        })
    }

    /// Numbers the item in the record, writing what it is, once.
    fn number(item: &mut Item, record: &Record) {
        if item.n.is_some() || item.earlier {
            return;
        }
        let Some(about) = item.about.clone() else {
            return;
        };
        let n = record.number();
        item.n = Some(n);
        let (key, source) = (about.0.clone(), about.1.clone());
        record.write(&Fact::Item {
            n,
            at: crate::record::now(),
            key,
            source,
        });
    }

    /// Where the item stands in the order given.
    pub fn place(&self) -> usize {
        self.place
    }

    /// What the item is, for the record: its key and its file or URL. Written with the
    /// item's first fact (an item done in an earlier run adds nothing to the record).
    pub fn describe(&self, key: String, source: crate::record::Source) {
        self.set(|i| i.about = Some(Arc::new((key, source))));
    }

    /// Finished in an earlier run: printed from the record, nothing written again.
    pub fn earlier(&self) {
        self.set(|i| {
            i.earlier = true;
            i.ended = true;
        });
    }

    /// What is true of the item now.
    pub fn get(&self) -> Option<Item> {
        self.run.with(|s| s.items.get(&self.place).cloned())
    }

    /// A create goes out for it; its task may exist until the guard is dropped. Refused once
    /// an interrupt is ending the run: checked and counted under one lock, so a create either
    /// goes out before the interrupt looks (which then waits for its answer) or not at all.
    pub fn creating(&self) -> crate::error::Result<Creating> {
        let allowed = self.run.with(|s| {
            s.creating += usize::from(!s.closed);
            !s.closed
        });
        if allowed {
            Ok(Creating(self.run.clone()))
        } else {
            Err(interrupted())
        }
    }

    /// Its task was created (or found, to be used); until when its form takes a file.
    pub fn created(&self, id: &str, form_expires: Option<std::time::SystemTime>) {
        self.set_and_write(|i| {
            // Said once: the create that made it said so already.
            if i.task.as_deref() == Some(id) {
                return None;
            }
            i.task = Some(id.to_string());
            Some(Fact::Created {
                n: i.n?,
                at: crate::record::now(),
                task: id.to_string(),
                form_expires: form_expires.map(crate::clock::rfc3339),
            })
        });
    }

    /// A new attempt to send its file begins; None once an interrupt is ending the run (what
    /// it says of the file must stay true).
    pub fn attempt(&self) -> Option<Arc<Attempt>> {
        let attempt = Arc::new(Attempt::default());
        let shared = attempt.clone();
        let open = self.write_if(true, |i| {
            i.attempts.push(shared);
            i.sending = true;
            Some(Fact::Attempt {
                n: i.n?,
                at: crate::record::now(),
            })
        });
        open.then_some(attempt)
    }

    /// What the attempts learnt of the file (its MD5, and whether it went out whole), into
    /// the record before the outcome that follows from them.
    fn write_what_was_sent(item: &Item, record: &Record) {
        let Some(n) = item.n else { return };
        if let Some(md5) = item.md5() {
            record.write(&Fact::Md5 { n, md5 });
        }
        if item.attempts.iter().any(|a| a.whole.load(Ordering::SeqCst)) {
            record.write(&Fact::Delivered { n });
        }
    }

    /// The storage has the file.
    pub fn stored(&self) {
        self.run.with(|s| {
            let Some(item) = s.items.get_mut(&self.place) else {
                return;
            };
            item.stored = true;
            item.sending = false;
            if let Some(record) = &s.record {
                Self::number(item, record);
            }
            if let (Some(record), Some(n)) = (&s.record, item.n) {
                Self::write_what_was_sent(item, record);
                record.write(&Fact::Stored {
                    n,
                    at: crate::record::now(),
                });
            }
        });
    }

    /// Sending the file failed for good.
    pub fn send_failed(&self) {
        self.run.with(|s| {
            let Some(item) = s.items.get_mut(&self.place) else {
                return;
            };
            item.sending = false;
            item.send_failed = true;
            if let Some(record) = &s.record {
                Self::number(item, record);
                Self::write_what_was_sent(item, record);
            }
        });
    }

    /// How the item ended (its task as printed, or its failure), for the record. An item done
    /// in an earlier run is not written again.
    pub fn outcome(&self, result: &crate::error::Result<crate::wait::Ended>) {
        self.set_and_write(|i| {
            if i.earlier {
                return None;
            }
            let (n, at) = (i.n?, crate::record::now());
            Some(match result {
                Ok(end) => Fact::Ended {
                    n,
                    at,
                    status: crate::api::task::status(&end.task)
                        .unwrap_or_default()
                        .to_string(),
                    exit: crate::record::exit_code(end.exit),
                    task: crate::secret::mask_task(&end.task),
                },
                Err(e) => Fact::Failed {
                    n,
                    at,
                    kind: crate::record::kind_word(e),
                    exit: crate::record::exit_code(e.exit),
                    message: crate::output::clean(&e.message),
                },
            })
        });
    }

    /// Its task ended (or needs no following): an interrupt has nothing to say of it but what
    /// the batch prints, and waits for that to be printed or held back.
    pub fn ended(&self) {
        self.set(|i| i.ended = true);
    }

    /// Its failure, as the summary says it.
    pub fn failed(&self, line: String) {
        self.set(|i| i.failure = Some(line));
    }

    /// Finished, held back for an earlier item, as it will print.
    pub fn hold(&self, text: String) {
        self.set(|i| i.held = Some(text));
    }

    /// Printed: nothing of it is left to say (an interrupt still says a failure again).
    pub fn printed(&self) {
        self.run.with(|s| {
            let failed = s
                .items
                .get(&self.place)
                .is_some_and(|i| i.failure.is_some());
            if !failed {
                s.items.remove(&self.place);
            } else if let Some(i) = s.items.get_mut(&self.place) {
                i.held = None;
                i.printed = true;
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload() -> (Run, ItemRef) {
        let run = Run::default();
        let item = run.start(0, Some("a.pdf"), true);
        item.created("t-1", None);
        (run, item)
    }

    /// Once an interrupt closes the run, what it says cannot be overtaken: a create already out
    /// is counted until its task is in, and no new create or attempt goes out.
    #[test]
    fn a_closed_run_lets_nothing_new_go_out() {
        let run = Run::default();
        let item = run.start(0, Some("a.pdf"), true);
        let out_already = item.creating().unwrap();
        run.close();
        assert!(item.creating().is_err(), "a new create is refused");
        assert_eq!(run.snapshot().creating, 1, "the one out is waited for");
        item.created("t-1", None);
        drop(out_already);
        assert_eq!(run.snapshot().creating, 0);
        assert!(item.attempt().is_none(), "no upload begins");
        let now = item.get().unwrap();
        assert_eq!(now.task.as_deref(), Some("t-1"));
        assert_eq!(now.file(true), FileTruth::NotSent);
    }

    /// An item that ended is on its way to stdout until the batch prints it or holds it back
    /// for an earlier one: an interrupt in between waits for it, not passing it over.
    #[test]
    fn an_item_that_ended_is_on_its_way_until_printed_or_held() {
        let run = Run::default();
        let (a, b) = (
            run.start(0, Some("a"), false),
            run.start(1, Some("b"), false),
        );
        a.created("t-a", None);
        b.created("t-b", None);
        a.ended();
        b.ended();
        let on_its_way = |run: &Run| {
            let book = run.snapshot();
            book.items.iter().filter(|i| i.on_its_way()).count()
        };
        assert_eq!(on_its_way(&run), 2);
        b.hold("{}".into());
        assert_eq!(on_its_way(&run), 1);
        a.printed();
        assert_eq!(on_its_way(&run), 0);
    }

    /// The bug this replaced: a retry reset "the whole body went out", so Ctrl-C during it, or
    /// retries running out, called a file the storage kept "not stored".
    #[test]
    fn once_an_attempt_handed_the_whole_file_over_it_may_be_stored_whatever_follows() {
        let (_, item) = upload();
        assert_eq!(item.get().unwrap().file(true), FileTruth::NotSent);
        let first = item.attempt().unwrap();
        assert_eq!(item.get().unwrap().file(false), FileTruth::InFlight);
        assert_eq!(
            item.get().unwrap().file(true),
            FileTruth::NotStored,
            "cut before the end"
        );
        first.whole.store(true, Ordering::SeqCst);
        let _second = item.attempt();
        assert_eq!(
            item.get().unwrap().file(true),
            FileTruth::MayBeStored,
            "cut during the retry"
        );
        item.send_failed();
        assert_eq!(
            item.get().unwrap().file(false),
            FileTruth::MayBeStored,
            "retries ran out"
        );
        item.stored();
        assert_eq!(item.get().unwrap().file(true), FileTruth::Stored);
    }

    #[test]
    fn a_file_the_storage_refused_after_taking_it_whole_is_not_stored() {
        let (_, item) = upload();
        let a = item.attempt().unwrap();
        a.whole.store(true, Ordering::SeqCst);
        a.refused.store(true, Ordering::SeqCst);
        item.send_failed();
        assert_eq!(item.get().unwrap().file(false), FileTruth::NotStored);
    }

    #[test]
    fn a_file_whose_every_attempt_stopped_short_is_not_stored() {
        let (_, item) = upload();
        item.attempt();
        item.attempt();
        item.send_failed();
        assert_eq!(item.get().unwrap().file(false), FileTruth::NotStored);
        // Bytes that never left this machine when the only attempt was cut off.
        let (_, item) = upload();
        let a = item.attempt().unwrap();
        a.whole.store(true, Ordering::SeqCst);
        *a.left_behind.lock().unwrap() = Some(Box::new(|| Some(1)));
        assert_eq!(item.get().unwrap().file(true), FileTruth::NotStored);
        *a.left_behind.lock().unwrap() = Some(Box::new(|| Some(0)));
        assert_eq!(item.get().unwrap().file(true), FileTruth::InFlight);
    }

    #[test]
    fn held_results_come_back_in_the_order_given() {
        let run = Run::default();
        for place in [2, 0, 1] {
            let item = run.start(place, None, false);
            item.created(&format!("t-{place}"), None);
            item.hold(format!("task {place}"));
        }
        run.at(0).unwrap().printed();
        let held = run.snapshot().held();
        assert_eq!(
            held,
            [
                ("t-1".into(), "task 1".into()),
                ("t-2".into(), "task 2".into())
            ]
        );
    }
}
