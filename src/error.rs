//! The one error type of the tool: every failure knows the exit status it ends with.

use std::fmt;

/// Exit statuses, as documented in the README and `cloudconvert --help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    /// Local I/O, an unexpected response, anything not covered below.
    Failure = 1,
    /// Bad flags or values, unreadable input file: nothing was sent.
    Usage = 2,
    /// The task ended with status `error`.
    TaskFailed = 3,
    /// The API or the storage refused the request as it is (HTTP 4xx other than 429, a
    /// storage redirect), or no API key was found.
    Refused = 4,
    /// Try again later: 5xx, 429, timeout, connection, after retries; or a wait timed out.
    Unavailable = 5,
    // 130, 143 and 129 (interrupted by a signal) are set by `interrupt`, as 128 + the signal.
}

impl Exit {
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The status of several outcomes (a batch of files): the worst by the table, which is the
    /// highest code. So a task error (3) beats a bad file (2), a refusal (4) beats a task error,
    /// and "try again later" (5) beats everything.
    pub fn worst(self, other: Exit) -> Exit {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

/// What kind of failure this is, as data for whoever reports it (the exit status groups some
/// of them: a refusal is 4; a network fault, a rate limit and a timeout are all 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Bad input: nothing was sent.
    Usage,
    /// The API, the storage or a proxy refused the request as it is.
    Refused,
    /// The network or a server failed.
    Network,
    /// A rate limit held the request back.
    RateLimited,
    /// A deadline passed (`--timeout`, `--wait-timeout`).
    TimedOut,
    /// The task ended in error.
    TaskFailed,
    /// A local failure, or an answer that cannot be used.
    Local,
}

impl Kind {
    /// The kind an exit status says, where nothing more precise is known.
    fn of(exit: Exit) -> Kind {
        match exit {
            Exit::Usage => Kind::Usage,
            Exit::Refused => Kind::Refused,
            Exit::Unavailable => Kind::Network,
            Exit::TaskFailed => Kind::TaskFailed,
            Exit::Ok | Exit::Failure => Kind::Local,
        }
    }
}

#[derive(Debug)]
pub struct Error {
    pub exit: Exit,
    pub kind: Kind,
    pub message: String,
    /// Printed one per line, indented, after the message (field errors).
    pub details: Vec<String>,
    /// A last line telling the user how to fix it.
    pub hint: Option<String>,
    /// The HTTP status of the answer this error reports, if it reports one.
    pub http_status: Option<u16>,
    /// The task this failure is about, as data: the printer names it, so no path that fails
    /// inside a task's wait or upload can lose the id.
    pub task: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Error {
            exit,
            kind: Kind::of(exit),
            message: message.into(),
            details: Vec::new(),
            hint: None,
            http_status: None,
            task: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Exit::Failure, message)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A kind more precise than the exit status says.
    pub fn of_kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    /// The failure is about this task (the first task named stays).
    pub fn about_task(mut self, id: &str) -> Self {
        self.task.get_or_insert_with(|| id.to_string());
        self
    }

    pub fn with_details(mut self, details: Vec<String>) -> Self {
        self.details = details;
        self
    }
}

/// An I/O failure in plain words: the system's own text without its `(os error 2)`, and the
/// common cases said as a person would.
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "it is a folder".into(),
        K::NotADirectory => "a part of the path is a file, not a folder".into(),
        K::AlreadyExists => "it already exists".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => {
            let text = e.to_string();
            match text.rfind(" (os error ") {
                Some(at) if text.ends_with(')') => text[..at].to_string(),
                _ => text,
            }
        }
    }
}

/// An error and every error behind it. An io::Error's `source()` skips the error it wraps
/// (which may be another io::Error): the walk goes into it instead.
pub fn causes<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |err| {
        match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        }
    })
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
