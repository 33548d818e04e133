//! What the work below the commands tells the one who shows it: how a run reports (bars, log
//! lines or nothing), how often a log hears of a long operation, and the progress callback an
//! upload calls with the bytes the storage has. The transport, the waits and the batch take
//! these; `progress` and `output` show them.

use std::sync::Arc;
use std::time::Duration;

/// How a long operation shows it is alive on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    /// Bars and spinners: stderr is a terminal.
    Bars,
    /// A status line now and then: stderr is a log (CI), where a silent wait looks hung.
    Lines,
    /// Nothing (`-q`).
    Quiet,
}

/// When stderr is a log, how often a long operation says it is still going.
pub const LINE_EVERY: Duration = Duration::from_secs(30);

/// Told the file bytes the storage has so far (0 again when an attempt restarts).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;
