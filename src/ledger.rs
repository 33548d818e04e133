//! The ledger of this run's tasks: every task a create returned, with what is true of it, from
//! the create until it is printed; the finished tasks held back for the order given; and the
//! batch's counts and failures. The stages write it as they go, and an interrupt reads it (and
//! nothing else), so a new path that records its task cannot be forgotten by Ctrl-C.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What is true of a task's file, for an upload.
#[derive(Clone)]
pub enum File {
    /// No file goes with the task (a URL import and the like).
    None,
    /// Not sent yet.
    NotSent,
    /// Its upload failed (and was reported): no file will come.
    Failed,
    /// Going to the storage.
    Sending(Arc<Sending>),
    /// The storage answered: it has the file.
    Stored,
}

/// What can be known of a file being sent, for an interrupt to say whether it can have
/// arrived.
#[derive(Default)]
pub struct Sending {
    /// Every byte of the body was handed to the connection (cleared at each attempt).
    pub whole: Arc<AtomicBool>,
    /// Once the interrupt has cut the connection off: how many bytes written to it never left
    /// this machine (None where the system does not tell).
    pub left_behind: Mutex<Option<LeftBehind>>,
}

/// Asks the connection a file went out on how many bytes never left this machine.
pub type LeftBehind = Box<dyn Fn() -> Option<u64> + Send + Sync>;

impl Sending {
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

/// One task of this run that is not printed yet.
#[derive(Clone)]
pub struct Entry {
    pub id: String,
    /// The file or URL it is for, where there is one.
    pub label: Option<String>,
    pub file: File,
}

/// The batch under way: what its end would report so far.
#[derive(Clone)]
pub struct Batch {
    pub noun: &'static str,
    pub count: usize,
    pub started: usize,
    /// Failures seen so far: the item's label and the whole message.
    pub failures: Vec<(String, String)>,
}

#[derive(Default)]
struct Book {
    tasks: Vec<Entry>,
    /// Finished tasks held back for an earlier one, by their place: the id, and the task as
    /// it will be printed.
    held: BTreeMap<usize, (String, String)>,
    batch: Option<Batch>,
    /// Creates sent whose answer has not come yet.
    creating: usize,
}

static BOOK: Mutex<Option<Book>> = Mutex::new(None);

fn with<T>(f: impl FnOnce(&mut Book) -> T) -> T {
    let mut book = BOOK.lock().unwrap_or_else(|e| e.into_inner());
    f(book.get_or_insert_with(Book::default))
}

/// What an interrupt reads: a copy of the ledger as it stands.
pub struct Snapshot {
    pub tasks: Vec<Entry>,
    /// Finished tasks held back for an earlier one: the id, and the task as it prints.
    pub held: Vec<(String, String)>,
    pub batch: Option<Batch>,
    pub creating: usize,
}

pub fn snapshot() -> Snapshot {
    with(|b| Snapshot {
        tasks: b.tasks.clone(),
        held: b.held.values().cloned().collect(),
        batch: b.batch.clone(),
        creating: b.creating,
    })
}

/// A create in flight: its task may exist before the answer says so.
pub struct Creating(());

pub fn creating() -> Creating {
    with(|b| b.creating += 1);
    Creating(())
}

impl Drop for Creating {
    fn drop(&mut self) {
        with(|b| b.creating = b.creating.saturating_sub(1));
    }
}

/// A task in the ledger until this is dropped (the task was printed, or its failure reported
/// with its id) or kept (`keep`).
pub struct Tracked(String);

/// Records a task that was created; `file` says whether one is to go with it.
pub fn created(id: &str, label: Option<&str>, upload: bool) -> Tracked {
    with(|b| {
        b.tasks.push(Entry {
            id: id.to_string(),
            label: label.map(str::to_string),
            file: if upload { File::NotSent } else { File::None },
        })
    });
    Tracked(id.to_string())
}

impl Tracked {
    fn set(&self, file: File) {
        with(|b| {
            if let Some(e) = b.tasks.iter_mut().find(|e| e.id == self.0) {
                e.file = file;
            }
        });
    }

    /// The file is going to the storage.
    pub fn sending(&self, state: Arc<Sending>) {
        self.set(File::Sending(state));
    }

    /// The storage has the file.
    pub fn stored(&self) {
        self.set(File::Stored);
    }

    /// The upload failed and was reported: the task stays, waiting for a file that will not
    /// come, and an interrupt still names it.
    pub fn keep(self) {
        self.set(File::Failed);
        std::mem::forget(self);
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        with(|b| b.tasks.retain(|e| e.id != self.0));
    }
}

/// A finished task at place `i`, held back for an earlier one: its id, and the task as it
/// will be printed.
pub fn hold(i: usize, id: String, printed: String) {
    with(|b| b.held.insert(i, (id, printed)));
}

/// The task at place `i` was printed.
pub fn release(i: usize) {
    with(|b| b.held.remove(&i));
}

/// A batch of `count` items begins (`noun`: "files", "URLs").
pub fn batch_begins(count: usize, noun: &'static str) {
    with(|b| {
        b.batch = Some(Batch {
            noun,
            count,
            started: 0,
            failures: Vec::new(),
        })
    });
}

/// One more item of the batch was started.
pub fn batch_started_one() {
    with(|b| {
        if let Some(batch) = &mut b.batch {
            batch.started += 1;
        }
    });
}

/// An item of the batch failed: said again if the batch is interrupted before its end.
pub fn batch_failed(label: &str, text: String) {
    with(|b| {
        if let Some(batch) = &mut b.batch {
            batch.failures.push((label.to_string(), text));
        }
    });
}
