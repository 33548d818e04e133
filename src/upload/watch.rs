//! `import upload DIR... --watch`: keeps running, and sends every file under the directories
//! once it has held still (the same size and time) for `STILL`, so that a file still being
//! written is never sent half. Each file is sent once; the record has it, so a restart with
//! the same record skips what was sent. The system's change events say where to look (the
//! polling watcher stands in where there are none); a file is only ever judged by looking at
//! it, so a repeated event costs nothing, and a new folder is walked whole, so that files made
//! in it before its own watch began are not missed.

use super::{Batch, Source};
use crate::api::client::Client;
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use crate::record::prior::{Prior, Resume};
use crate::run::Run;
use crate::transport::Transport;
use notify::Watcher;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

/// How long a file must hold still before it is sent.
pub const STILL: Duration = Duration::from_secs(2);
/// How often the files being written are looked at.
const LOOK_EVERY: Duration = Duration::from_millis(250);
/// Files sent through the batch at once, so that memory holds no more of them than this.
const AT_ONCE: usize = 256;

/// The directories to watch, checked: each must be one.
pub fn directories(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    if paths.is_empty() {
        return Err(Error::usage("--watch needs a directory to watch")
            .with_hint("give one or more directories: cloudconvert import upload --watch DIR"));
    }
    for p in paths {
        if !std::fs::metadata(p).is_ok_and(|m| m.is_dir()) {
            return Err(Error::usage(format!(
                "--watch watches directories: {} is not one",
                p.display()
            ))
            .with_hint("give the directory the files arrive in"));
        }
    }
    Ok(paths.to_vec())
}

/// A file seen and not yet sent: what it was at the last look, and since when.
struct Seen {
    size: u64,
    modified: Option<SystemTime>,
    since: Instant,
}

/// What the watch keeps: the files in flux, and a hash of each file sent (a few bytes a file,
/// so that 100,000 files seen cost little).
struct Watching {
    dirs: Vec<PathBuf>,
    follow_links: bool,
    pending: HashMap<PathBuf, Seen>,
    sent: HashSet<u128>,
}

/// Watches until the program is interrupted (Ctrl-C or SIGTERM ends it as any run).
pub fn run(
    (api, transport): (&Client, &Transport),
    out: &Printer,
    mut batch: Batch,
    (dirs, follow_links): (Vec<PathBuf>, bool),
    (prior, run): (&Prior, &Run),
) -> Result<Exit> {
    let (tx, events) = mpsc::channel();
    let _watcher = watcher(&dirs, tx, out)?;
    let mut watching = Watching {
        dirs,
        follow_links,
        pending: HashMap::new(),
        sent: HashSet::new(),
    };
    let skipped = watching.scan(prior);
    out.tell(&format!(
        "watching {}{}; a file is sent once it has not changed for {} s (Ctrl-C ends)",
        watching
            .dirs
            .iter()
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        match skipped {
            0 => String::new(),
            n => format!(" ({n} files of the record skipped)"),
        },
        STILL.as_secs()
    ));
    let mut next_look = Instant::now() + LOOK_EVERY;
    loop {
        // Every event that came is taken before the files are looked at again: thousands of
        // files written at once are thousands of events, and one look for them all.
        match events.recv_timeout(next_look.saturating_duration_since(Instant::now())) {
            Ok(Ok(event)) => watching.heard(event),
            Ok(Err(e)) => out.detail(&format!("the watcher said: {e}")),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Error::failure("the file watcher stopped"));
            }
        }
        // A steady stream of events does not put the look off.
        if Instant::now() < next_look {
            continue;
        }
        next_look = Instant::now() + LOOK_EVERY;
        let ready = watching.still();
        for chunk in ready.chunks(AT_ONCE) {
            let files: Vec<Source> = chunk
                .iter()
                .filter_map(|p| match super::source::check_one(p) {
                    Ok(f) => Some(f),
                    Err(e) => {
                        out.warn(&e.message);
                        None
                    }
                })
                .collect();
            for f in &files {
                if let Some((key, _)) = f.recorded() {
                    watching.sent.insert(hash(&key));
                }
            }
            if files.is_empty() {
                continue;
            }
            // A file the record has a task for goes into that task, as in any re-run.
            let recorded = files.iter().map(Source::recorded);
            batch.resume = crate::record::prior::plan(prior, recorded, true, ("files", out));
            // Each group is a batch of its own; a failed file is in the record, to be sent
            // again by a restart, and the watch goes on.
            super::run((api, transport), out, &batch, &files, run);
        }
    }
}

/// The system's watcher over every directory, or the polling one where it cannot watch.
fn watcher(
    dirs: &[PathBuf],
    tx: mpsc::Sender<notify::Result<notify::Event>>,
    out: &Printer,
) -> Result<Box<dyn Watcher>> {
    let watch_all = |w: &mut dyn Watcher| {
        dirs.iter()
            .try_for_each(|d| w.watch(d, notify::RecursiveMode::Recursive))
    };
    if let Ok(mut w) = notify::recommended_watcher(tx.clone())
        && watch_all(&mut w).is_ok()
    {
        return Ok(Box::new(w));
    }
    out.detail("the system's file events are not available here; the folders are polled");
    let config = notify::Config::default().with_poll_interval(Duration::from_secs(1));
    let mut w = notify::PollWatcher::new(tx, config)
        .map_err(|e| Error::failure(format!("cannot watch the folders: {e}")))?;
    watch_all(&mut w).map_err(|e| Error::failure(format!("cannot watch the folders: {e}")))?;
    Ok(Box::new(w))
}

fn hash(key: &str) -> u128 {
    u128::from_str_radix(key, 16).unwrap_or_default()
}

impl Watching {
    /// Every file already under the folders: those the record has as done are skipped (how
    /// many), the rest are looked at like any new file.
    fn scan(&mut self, prior: &Prior) -> usize {
        let mut skipped = 0;
        let mut links = Vec::new();
        for dir in self.dirs.clone() {
            let Ok(found) = super::walk::walk(&dir, self.follow_links, &mut links) else {
                continue;
            };
            for f in found {
                let done = Source::recorded_at(&f.path).is_some_and(|(key, source)| {
                    matches!(
                        prior.resume(&key, &source, true, SystemTime::now()),
                        Resume::Done { .. }
                    ) && self.sent.insert(hash(&key))
                });
                if done {
                    skipped += 1;
                } else {
                    self.look(&f.path);
                }
            }
        }
        skipped
    }

    /// Paths the watcher named: each file under the folders is looked at. A folder made is
    /// walked (files made in it before its own watch began sent no event); other events about
    /// a folder (its times changed by what happens in it) say nothing new.
    fn heard(&mut self, event: notify::Event) {
        let made = matches!(event.kind, notify::EventKind::Create(_));
        for path in event.paths {
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() && made => {
                    let mut links = Vec::new();
                    let found = super::walk::walk(&path, self.follow_links, &mut links);
                    for f in found.unwrap_or_default() {
                        if self.allowed(&f.path) {
                            self.look(&f.path);
                        }
                    }
                }
                Ok(m) if m.is_dir() => {}
                _ if self.allowed(&path) => self.look(&path),
                _ => {}
            }
        }
    }

    /// A file the walk's rules take: a regular file, or a link to a file inside a watched
    /// folder (any link with -L).
    fn allowed(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return false;
        };
        if meta.is_file() {
            return true;
        }
        if !meta.file_type().is_symlink() || !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return false;
        }
        self.follow_links
            || std::fs::canonicalize(path).is_ok_and(|target| {
                self.dirs
                    .iter()
                    .any(|d| std::fs::canonicalize(d).is_ok_and(|d| target.starts_with(d)))
            })
    }

    /// Looks at a file: new, or changed since the last look, it starts holding still now.
    fn look(&mut self, path: &Path) {
        let Ok(meta) = std::fs::metadata(path) else {
            self.pending.remove(path);
            return;
        };
        let (size, modified) = (meta.len(), meta.modified().ok());
        let known = Source::recorded_at(path).map(|(key, _)| hash(&key));
        if known.is_some_and(|k| self.sent.contains(&k)) {
            return;
        }
        match self.pending.get_mut(path) {
            Some(seen) if seen.size == size && seen.modified == modified => {}
            _ => {
                self.pending.insert(
                    path.to_path_buf(),
                    Seen {
                        size,
                        modified,
                        since: Instant::now(),
                    },
                );
            }
        }
    }

    /// The files that have held still long enough, in path order, taken off the list.
    fn still(&mut self) -> Vec<PathBuf> {
        let paths: Vec<PathBuf> = self.pending.keys().cloned().collect();
        for path in &paths {
            self.look(path);
        }
        let mut ready: Vec<PathBuf> = self
            .pending
            .iter()
            .filter(|(_, seen)| seen.since.elapsed() >= STILL)
            .map(|(p, _)| p.clone())
            .collect();
        ready.sort();
        for p in &ready {
            self.pending.remove(p);
        }
        ready
    }
}
