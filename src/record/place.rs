//! Where a record lives when the user names none: the state folder (`$XDG_STATE_HOME`, else
//! `~/.local/state`; the local application data folder on Windows and macOS), under
//! `cloudconvert/runs/`, one file a run, pruned after a week.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Records older than this are removed when a new one is made.
const KEPT_FOR: Duration = Duration::from_secs(7 * 24 * 3600);

/// The folder of the records kept for the user.
fn runs_dir() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("cloudconvert").join("runs"))
}

/// A new record's path for this run: its start time and process id, so that runs at once
/// never share one.
pub fn implicit() -> Option<PathBuf> {
    let stamp = crate::clock::rfc3339(SystemTime::now()).replace(':', "");
    Some(runs_dir()?.join(format!("{stamp}-{}.jsonl", std::process::id())))
}

/// Removes the records of the runs folder last written more than a week ago.
pub fn prune() {
    let Some(dir) = runs_dir() else { return };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > KEPT_FOR);
        if old && path.extension().is_some_and(|e| e == "jsonl") {
            let _ = std::fs::remove_file(path);
        }
    }
}
