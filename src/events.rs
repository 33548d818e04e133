//! What the work below the commands tells the one who shows it. The API client, the upload
//! transport, the waits and the stages report through `Reporter` and never print: the printer
//! implements it and alone decides what is shown (`-q`, `-v`, bars on a terminal, status lines
//! in a log, nothing). So changing what `-q` hides means reading one file.

use std::sync::Arc;
use std::time::Duration;

/// Where the work reports. Cheap to share (`Arc<dyn Reporter>`).
pub trait Reporter: Send + Sync {
    /// Something a person should know: a retry, a pause, a note on the way (not with `-q`).
    fn note(&self, text: &str);
    /// A detail for `-v`: an HTTP exchange, a check that passed.
    fn detail(&self, text: &str);
    /// Something likely wrong, always said.
    fn warn(&self, text: &str);
    /// A file begins to go out (or come in, `way`), `len` bytes. `alone`: no batch's total
    /// line counts it, so it has its own display (a bar, or log lines).
    fn transfer(&self, name: &str, len: u64, alone: bool, way: Way) -> Box<dyn Transfer>;
    /// A wait for a task begins, shown by `label` with `status`. `alone`: as for `transfer`.
    fn watch(&self, label: &str, status: &str, alone: bool) -> Box<dyn Watch>;
}

/// Which way a file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// An upload.
    Out,
    /// A result downloaded.
    In,
}

impl Way {
    /// How a log line says it is under way.
    pub fn doing(self) -> &'static str {
        match self {
            Way::Out => "sending",
            Way::In => "receiving",
        }
    }
}

/// A file going out, as shown: gone from the screen when dropped.
pub trait Transfer: Send + Sync {
    /// The callback the upload reports the bytes the storage has to.
    fn progress(&self) -> Progress;
}

/// A wait, as shown: gone from the screen when dropped.
pub trait Watch: Send {
    /// The task's state now (a spinner's text).
    fn status(&self, label: &str, status: &str);
    /// How long until the next status line is due, where a log is kept (None: no lines).
    fn next_line(&self) -> Option<Duration>;
    /// The status line, once due.
    fn line(&self, text: &str);
}

/// When stderr is a log, how often a long operation says it is still going.
pub const LINE_EVERY: Duration = Duration::from_secs(30);

/// Told the file bytes the storage has so far (0 again when an attempt restarts).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;
