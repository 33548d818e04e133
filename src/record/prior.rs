//! What a record says of the items of earlier runs, and what a re-run does with each: an item
//! finished and unchanged less than 24 h ago is not sent again (its task is printed in its
//! place), one whose task was created but never finished goes on in that same task, and the
//! rest is done again, saying why.

use super::{FORMAT, Fact, Header, Source, VERSION};
use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// CloudConvert deletes a task and its files this long after the task ended.
pub const KEPT: Duration = Duration::from_secs(24 * 3600);

/// What is known of one item, from every fact about it.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub source: Option<Source>,
    pub task: Option<String>,
    pub created_at: Option<SystemTime>,
    pub form_expires: Option<SystemTime>,
    /// The MD5 of the bytes read for it.
    pub md5: Option<String>,
    /// An attempt to send its file began.
    pub attempted: bool,
    pub delivered: bool,
    pub stored: bool,
    pub ended: Option<Ended>,
    pub failed: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Ended {
    pub status: String,
    pub exit: u8,
    /// The task as printed.
    pub task: Value,
    pub at: SystemTime,
}

/// A record read back: every item's facts, by key.
#[derive(Debug, Default)]
pub struct Prior {
    items: HashMap<String, Known>,
    /// The highest item number used.
    last_n: Option<usize>,
    /// Where a last line cut short (by a kill) starts: the record is cut back to there before
    /// anything is added, so that no line in its middle is broken.
    pub cut_at: Option<u64>,
}

/// What a re-run does with one item.
#[derive(Debug, Clone, PartialEq)]
pub enum Resume {
    /// Nothing is known of it: as in a first run.
    Fresh,
    /// Finished and unchanged less than 24 h ago: not sent again; the task as printed then.
    /// For a file, the MD5 recorded to compare with the file now.
    Done { task: Value, md5: Option<String> },
    /// Its task exists and has not finished: look at it, and use it (fill it, or follow it).
    /// `stored`: the storage said it has the file; `sent`: an attempt to send it began.
    Task {
        id: String,
        md5: Option<String>,
        stored: bool,
        sent: bool,
    },
    /// Known, and done again: why.
    Again(Why),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    /// The file is not the one recorded (its task then).
    Changed(String),
    /// Finished more than 24 h ago: CloudConvert has deleted the task.
    Expired,
    /// It failed (its task, if it had one, cannot take it again).
    Failed(String),
}

impl Prior {
    /// Reads FILE; a missing or empty one is a new record.
    pub fn read(path: &Path) -> Result<Prior> {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Prior::default()),
            Err(e) => {
                return Err(Error::usage(format!(
                    "cannot read the record {}: {}",
                    path.display(),
                    crate::error::io_words(&e)
                )));
            }
        };
        Self::parse(&text, path)
    }

    /// A record's text, read as `read` reads a file.
    #[cfg(test)]
    pub fn read_text(text: &str) -> Result<Prior> {
        Self::parse(text, Path::new("record"))
    }

    fn parse(text: &str, path: &Path) -> Result<Prior> {
        let shown = path.display();
        let mut lines = text.split('\n').enumerate().peekable();
        let mut prior = Prior::default();
        let Some((_, first)) = lines.next().filter(|(_, l)| !l.trim().is_empty()) else {
            return Ok(prior);
        };
        let header: Header = serde_json::from_str(first)
            .ok()
            .filter(|h: &Header| h.format == FORMAT)
            .ok_or_else(|| {
                Error::usage(format!("{shown} is not a cloudconvert record"))
                    .with_hint("name a new file, or a record an earlier run wrote, with --record")
            })?;
        if header.version > VERSION {
            return Err(Error::usage(format!(
                "{shown} is a record of format version {}; this cloudconvert reads version {VERSION}",
                header.version
            ))
            .with_hint("a newer cloudconvert wrote it: use that one, or name a new record"));
        }
        let mut keys: HashMap<usize, String> = HashMap::new();
        let mut offset = first.len() as u64 + 1;
        while let Some((number, line)) = lines.next() {
            let starts = offset;
            offset += line.len() as u64 + 1;
            if line.trim().is_empty() {
                continue;
            }
            let last = lines.peek().is_none_or(|(_, rest)| rest.trim().is_empty());
            match serde_json::from_str::<Fact>(line) {
                Ok(fact) => prior.take(fact, &mut keys),
                // A line cut short by a kill: the fact it was writing is not known.
                Err(_) if last => {
                    prior.cut_at = Some(starts);
                    break;
                }
                Err(e) => {
                    return Err(Error::usage(format!(
                        "line {} of the record {shown} cannot be read: {e}",
                        number + 1
                    ))
                    .with_hint("name a new record with --record"));
                }
            }
        }
        Ok(prior)
    }

    /// Folds one fact in: the item it is about learns it.
    fn take(&mut self, fact: Fact, keys: &mut HashMap<usize, String>) {
        let at = |t: &str| crate::clock::parse_rfc3339(t);
        let n = match &fact {
            Fact::Run { .. } => return,
            Fact::Item { n, key, .. } => {
                keys.insert(*n, key.clone());
                *n
            }
            Fact::Created { n, .. }
            | Fact::Md5 { n, .. }
            | Fact::Attempt { n, .. }
            | Fact::Delivered { n }
            | Fact::Stored { n, .. }
            | Fact::Ended { n, .. }
            | Fact::Failed { n, .. } => *n,
        };
        self.last_n = Some(self.last_n.map_or(n, |l| l.max(n)));
        let Some(key) = keys.get(&n) else { return };
        let known = self.items.entry(key.clone()).or_default();
        match fact {
            Fact::Run { .. } => {}
            Fact::Item { source, .. } => known.source = Some(source),
            Fact::Created {
                at: t,
                task,
                form_expires,
                ..
            } => {
                // A new task: what was true of the old one is not of this one.
                *known = Known {
                    source: known.source.take(),
                    md5: known.md5.take(),
                    task: Some(task),
                    created_at: at(&t),
                    form_expires: form_expires.as_deref().and_then(at),
                    ..Known::default()
                };
            }
            Fact::Md5 { md5, .. } => known.md5 = Some(md5),
            Fact::Attempt { .. } => known.attempted = true,
            Fact::Delivered { .. } => known.delivered = true,
            Fact::Stored { .. } => known.stored = true,
            Fact::Ended {
                at: t,
                status,
                exit,
                task,
                ..
            } => {
                known.failed = None;
                known.ended = Some(Ended {
                    status,
                    exit,
                    task,
                    at: at(&t).unwrap_or(SystemTime::UNIX_EPOCH),
                });
            }
            Fact::Failed { message, .. } => known.failed = Some(message),
        }
    }

    /// The number the next item takes.
    pub fn next_n(&self) -> usize {
        self.last_n.map_or(0, |n| n + 1)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// What a re-run does with the item of this key, which is `now` (the file as it is now).
    /// `follows`: the run waits for tasks to end (`--wait`, every upload), so a task that was
    /// only created is followed, not taken as done.
    pub fn resume(&self, key: &str, now: &Source, follows: bool, at: SystemTime) -> Resume {
        let Some(known) = self.items.get(key) else {
            return Resume::Fresh;
        };
        let old_task = || known.task.clone().unwrap_or_default();
        if known.source.as_ref().is_some_and(|s| s != now) {
            return Resume::Again(Why::Changed(old_task()));
        }
        if let Some(end) = &known.ended {
            let finished = end.exit == 0 && (end.status == "finished" || !follows);
            if finished {
                return if at.duration_since(end.at).unwrap_or_default() < KEPT {
                    Resume::Done {
                        task: end.task.clone(),
                        md5: known.md5.clone(),
                    }
                } else {
                    Resume::Again(Why::Expired)
                };
            }
            if end.status == "error" {
                return Resume::Again(Why::Failed(old_task()));
            }
        }
        let Some(id) = known.task.clone() else {
            return match &known.failed {
                Some(_) => Resume::Again(Why::Failed(String::new())),
                None => Resume::Fresh,
            };
        };
        // A task is deleted 24 h after it ended; one never filled is of no use after its form
        // expired, unless its file may have arrived.
        let created = known.created_at.unwrap_or(SystemTime::UNIX_EPOCH);
        let old = at.duration_since(created).unwrap_or_default() >= KEPT;
        let form_gone = known.form_expires.is_some_and(|t| t <= at);
        if old || (form_gone && !known.delivered && !known.stored) {
            return Resume::Again(Why::Expired);
        }
        Resume::Task {
            id,
            md5: known.md5.clone(),
            stored: known.stored,
            sent: known.attempted,
        }
    }
}

/// What the record says to do with each of these items (each given as its key and what it
/// is now); said once for them all: how many are done again because CloudConvert has
/// deleted their tasks.
pub fn plan(
    prior: &Prior,
    items: impl Iterator<Item = Option<(String, crate::record::Source)>>,
    follows: bool,
    (noun, report): (&str, &dyn crate::events::Reporter),
) -> Vec<Resume> {
    if prior.is_empty() {
        return Vec::new();
    }
    let now = SystemTime::now();
    let resumes: Vec<Resume> = items
        .map(|item| match item {
            Some((key, source)) => prior.resume(&key, &source, follows, now),
            None => Resume::Fresh,
        })
        .collect();
    let expired = resumes
        .iter()
        .filter(|r| **r == Resume::Again(Why::Expired))
        .count();
    if expired > 0 {
        report.note(&format!(
            "{expired} {noun} of the record finished more than 24 h ago (or their forms expired); CloudConvert has deleted their tasks, so {} done again",
            if expired == 1 { "it is" } else { "they are" }
        ));
    }
    resumes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{FileFacts, UrlFacts};
    use serde_json::json;

    fn file(size: u64) -> Source {
        Source::File(FileFacts {
            path: "/data/a.pdf".into(),
            name: "a.pdf".into(),
            size,
            mtime_ns: 1,
        })
    }

    fn record(lines: &[&str]) -> String {
        let mut text = String::from(
            r#"{"format":"cloudconvert-record","version":1,"at":"2026-12-07T05:00:00Z"}"#,
        );
        for l in lines {
            text.push('\n');
            text.push_str(l);
        }
        text.push('\n');
        text
    }

    const ITEM: &str = r#"{"fact":"item","n":0,"at":"2026-12-07T05:00:00Z","key":"k","file":{"path":"/data/a.pdf","name":"a.pdf","size":3,"mtime_ns":1}}"#;
    const CREATED: &str = r#"{"fact":"created","n":0,"at":"2026-12-07T05:00:01Z","task":"t-1","form_expires":"2026-12-07T11:00:01Z"}"#;
    const ENDED: &str = r#"{"fact":"ended","n":0,"at":"2026-12-07T05:00:04Z","status":"finished","exit":0,"task":{"id":"t-1","status":"finished"}}"#;

    fn at(t: &str) -> SystemTime {
        crate::clock::parse_rfc3339(t).unwrap()
    }

    #[test]
    fn a_finished_item_is_done_for_24_hours_then_done_again() {
        let prior = Prior::parse(&record(&[ITEM, CREATED, ENDED]), Path::new("r")).unwrap();
        assert_eq!(
            prior.resume("k", &file(3), true, at("2026-12-08T05:00:00Z")),
            Resume::Done {
                task: json!({"id": "t-1", "status": "finished"}),
                md5: None
            }
        );
        assert_eq!(
            prior.resume("k", &file(3), true, at("2026-12-08T05:00:05Z")),
            Resume::Again(Why::Expired)
        );
        assert_eq!(
            prior.resume("k", &file(4), true, at("2026-12-07T06:00:00Z")),
            Resume::Again(Why::Changed("t-1".into())),
            "a changed file gets a new task"
        );
        assert_eq!(
            prior.resume("other", &file(3), true, at("2026-12-07T06:00:00Z")),
            Resume::Fresh
        );
        assert_eq!(prior.next_n(), 1);
    }

    #[test]
    fn a_task_never_filled_is_used_while_its_form_is_valid() {
        let prior = Prior::parse(&record(&[ITEM, CREATED]), Path::new("r")).unwrap();
        let task = Resume::Task {
            id: "t-1".into(),
            md5: None,
            stored: false,
            sent: false,
        };
        assert_eq!(
            prior.resume("k", &file(3), true, at("2026-12-07T10:00:00Z")),
            task
        );
        assert_eq!(
            prior.resume("k", &file(3), true, at("2026-12-07T12:00:00Z")),
            Resume::Again(Why::Expired),
            "its form expired"
        );
        let failed = r#"{"fact":"failed","n":0,"at":"2026-12-07T05:00:03Z","kind":"network","exit":5,"message":"connection refused"}"#;
        let prior = Prior::parse(&record(&[ITEM, CREATED, failed]), Path::new("r")).unwrap();
        assert_eq!(
            prior.resume("k", &file(3), true, at("2026-12-07T06:00:00Z")),
            task,
            "a failed file goes into the task it had"
        );
    }

    #[test]
    fn a_url_created_without_wait_is_done_unless_the_run_waits() {
        let url = Source::Url(UrlFacts {
            shown: "https://e.com/a".into(),
        });
        let lines = [
            r#"{"fact":"item","n":4,"at":"2026-12-07T05:00:00Z","key":"u","url":{"shown":"https://e.com/a"}}"#,
            r#"{"fact":"created","n":4,"at":"2026-12-07T05:00:01Z","task":"t-9"}"#,
            r#"{"fact":"ended","n":4,"at":"2026-12-07T05:00:01Z","status":"waiting","exit":0,"task":{"id":"t-9"}}"#,
        ];
        let prior = Prior::parse(&record(&lines), Path::new("r")).unwrap();
        let now = at("2026-12-07T06:00:00Z");
        assert!(matches!(
            prior.resume("u", &url, false, now),
            Resume::Done { .. }
        ));
        assert!(matches!(
            prior.resume("u", &url, true, now),
            Resume::Task { .. }
        ));
        assert_eq!(prior.next_n(), 5);
    }

    #[test]
    fn a_line_cut_short_at_the_end_is_left_out_and_one_in_the_middle_is_refused() {
        let cut = &ENDED[..40];
        let text = record(&[ITEM, CREATED, cut]);
        let prior = Prior::parse(&text, Path::new("r")).unwrap();
        assert_eq!(prior.cut_at, text.find(cut).map(|at| at as u64));
        assert!(matches!(
            prior.resume("k", &file(3), true, at("2026-12-07T06:00:00Z")),
            Resume::Task { .. }
        ));
        let e = Prior::parse(&record(&[ITEM, cut, CREATED]), Path::new("r")).unwrap_err();
        assert!(
            e.message.contains("line 3 of the record r"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_newer_version_or_another_file_is_refused() {
        let newer = r#"{"format":"cloudconvert-record","version":2,"at":""}"#;
        let e = Prior::parse(newer, Path::new("r.jsonl")).unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Usage);
        assert!(e.message.contains("format version 2"), "{}", e.message);
        let e = Prior::parse("id,status\n", Path::new("r.csv")).unwrap_err();
        assert!(e.message.contains("is not a cloudconvert record"));
        assert!(Prior::parse("", Path::new("r")).unwrap().is_empty());
    }
}
