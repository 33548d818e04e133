//! The run's record on disk: JSON lines, one fact a line, appended as the facts become true,
//! so that `tail -f FILE | jq` follows a run and a `kill -9` loses at most the line being
//! written. CloudConvert cannot be listed and forgets a task 24 h after it ended, so the
//! record is the only memory a re-run has (`prior` reads it back).
//!
//! The format (version 1), documented in docs/guide.md with an example:
//! - the first line names the format and its version:
//!   `{"format":"cloudconvert-record","version":1,"at":"…"}`;
//! - each run adds `{"fact":"run","at":"…","command":"import upload"}`;
//! - every other line is a fact about item `n` (numbered across the record's runs):
//!   `item` (its `key` and the file or URL it is), `created` (its task and the form's expiry),
//!   `md5` (of the bytes read), `attempt`, `delivered` (the whole body went out), `stored`
//!   (the storage's 2xx), `ended` (the task as printed, its status and exit), `failed` (kind,
//!   exit status, message).
//!
//! No secret is written: a URL is kept without its query and credentials (its key is a hash
//! of the whole), and a task as the tool prints it, masked.

mod place;
pub mod prior;

pub use place::{implicit, prune};

use crate::error::{Error, Exit, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

pub const FORMAT: &str = "cloudconvert-record";
pub const VERSION: u64 = 1;

/// What an item is, as the record keeps it: enough to tell whether a re-run's item is the
/// same one, unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    File(FileFacts),
    Url(UrlFacts),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileFacts {
    /// The absolute path it was read from.
    pub path: String,
    /// The name the storage keeps.
    pub name: String,
    pub size: u64,
    /// Its modification time, in nanoseconds since 1970.
    pub mtime_ns: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrlFacts {
    /// The URL without its query or credentials, for reading.
    pub shown: String,
}

impl Source {
    /// What tells this item from every other across runs: the file's path and stored name,
    /// or the whole URL and its options (hashed, so that no secret in them is written).
    pub fn key(&self, options: &Value) -> String {
        let text = match self {
            Source::File(f) => format!("file\0{}\0{}", f.path, f.name),
            Source::Url(_) => format!("url\0{options}"),
        };
        let mut md5 = crate::md5::Md5::new();
        md5.update(text.as_bytes());
        crate::md5::hex(&md5.finish())
    }

    /// A file's facts now, for the record and to compare with a recorded item.
    pub fn file(path: &Path, name: &str, size: u64) -> Source {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mtime_ns = std::fs::metadata(path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        Source::File(FileFacts {
            path: absolute.display().to_string(),
            name: name.to_string(),
            size,
            mtime_ns,
        })
    }

    pub fn url(url: &str) -> Source {
        let shown = match reqwest::Url::parse(url) {
            Ok(mut u) => {
                u.set_query(None);
                u.set_fragment(None);
                let _ = u.set_username("");
                let _ = u.set_password(None);
                u.to_string()
            }
            Err(_) => String::new(),
        };
        Source::Url(UrlFacts { shown })
    }
}

/// One line of the record.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    Run {
        at: String,
        command: String,
    },
    Item {
        n: usize,
        at: String,
        key: String,
        #[serde(flatten)]
        source: Source,
    },
    Created {
        n: usize,
        at: String,
        task: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        form_expires: Option<String>,
    },
    Md5 {
        n: usize,
        md5: String,
    },
    Attempt {
        n: usize,
        at: String,
    },
    Delivered {
        n: usize,
    },
    Stored {
        n: usize,
        at: String,
    },
    Ended {
        n: usize,
        at: String,
        status: String,
        exit: u8,
        task: Value,
    },
    Failed {
        n: usize,
        at: String,
        kind: String,
        exit: u8,
        message: String,
    },
}

/// The first line.
#[derive(Debug, Serialize, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub at: String,
}

pub fn now() -> String {
    crate::clock::rfc3339(SystemTime::now())
}

/// A record being written: every line appended whole, in one write, as its fact becomes true.
pub struct Record {
    path: PathBuf,
    file: Mutex<std::fs::File>,
    /// The number the next item takes.
    next: Mutex<usize>,
    /// Named by the user (`--record`), or kept in the state folder only while the run goes.
    pub named: bool,
}

impl Record {
    /// Opens FILE to append to (made, with its header, when new), after what `prior` read of
    /// it.
    pub fn open(path: &Path, prior: &prior::Prior, named: bool) -> Result<Record> {
        let cannot = |e: std::io::Error| {
            Error::usage(format!(
                "cannot write the record {}: {}",
                path.display(),
                crate::error::io_words(&e)
            ))
            .with_hint("name a file in a folder you can write to with --record")
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(cannot)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)
            .map_err(cannot)?;
        let len = file.metadata().map_err(cannot)?.len();
        if len == 0 {
            let header = Header {
                format: FORMAT.into(),
                version: VERSION,
                at: now(),
            };
            writeln!(
                file,
                "{}",
                serde_json::to_string(&header).unwrap_or_default()
            )
            .map_err(cannot)?;
        } else if let Some(at) = prior.cut_at {
            // A last line cut short by a kill: dropped, so that what follows is whole lines.
            file.set_len(at).map_err(cannot)?;
        } else if !ends_with_newline(&mut file, len) {
            file.write_all(b"\n").map_err(cannot)?;
        }
        Ok(Record {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            next: Mutex::new(prior.next_n()),
            named,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A number for a new item.
    pub fn number(&self) -> usize {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        *next += 1;
        *next - 1
    }

    /// Appends a fact. A record that cannot be written is said once by the caller's error
    /// handling; the run itself goes on (its truth is in memory too).
    pub fn write(&self, fact: &Fact) {
        let Ok(mut line) = serde_json::to_string(fact) else {
            return;
        };
        line.push('\n');
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let _ = file.write_all(line.as_bytes());
    }

    /// Removes a record kept only while the run went (nothing is left to finish).
    pub fn remove(self) {
        if !self.named {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn ends_with_newline(file: &mut std::fs::File, len: u64) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    let mut last = [0u8; 1];
    file.seek(SeekFrom::Start(len - 1)).is_ok()
        && file.read_exact(&mut last).is_ok()
        && last[0] == b'\n'
}

/// How an error's kind is written.
pub fn kind_word(e: &Error) -> String {
    use crate::error::Kind;
    match e.kind {
        Kind::Usage => "usage",
        Kind::Refused => "refused",
        Kind::Network => "network",
        Kind::RateLimited => "rate_limited",
        Kind::TimedOut => "timed_out",
        Kind::TaskFailed => "task_failed",
        Kind::Local => "local",
    }
    .to_string()
}

/// An exit status as written.
pub fn exit_code(exit: Exit) -> u8 {
    exit as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example in docs/guide.md, line for line: each parses as what it claims to be and
    /// writes back the same, so the documentation cannot drift from the format.
    #[test]
    fn the_documented_example_is_the_format() {
        let guide =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide.md"))
                .unwrap();
        let at = guide.find("### The record's format").unwrap();
        let block = guide[at..].split("```json\n").nth(1).unwrap();
        let example = block.split("```").next().unwrap();
        let mut lines = example.lines();
        let header: Header = serde_json::from_str(lines.next().unwrap()).unwrap();
        assert_eq!((header.format.as_str(), header.version), (FORMAT, VERSION));
        let mut facts = 0;
        for line in lines {
            let fact: Fact = serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
            let back: Value = serde_json::to_value(&fact).unwrap();
            let given: Value = serde_json::from_str(line).unwrap();
            assert_eq!(back, given, "{line}");
            facts += 1;
        }
        assert_eq!(facts, 8);
        // Read back, it is a finished item.
        let prior = prior::Prior::read_text(example).unwrap();
        assert_eq!(prior.next_n(), 1);
    }

    #[test]
    fn a_url_keeps_no_secret_and_its_key_tells_options_apart() {
        let signed = "https://user:pw@e.com/a.pdf?X-Amz-Signature=abc#x";
        let Source::Url(u) = Source::url(signed) else {
            panic!()
        };
        assert_eq!(u.shown, "https://e.com/a.pdf");
        let source = Source::url(signed);
        let a = source.key(&serde_json::json!({"url": signed}));
        let b = source.key(&serde_json::json!({"url": signed, "filename": "b.pdf"}));
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
    }
}
