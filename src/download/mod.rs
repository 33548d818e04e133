//! Results brought back: every file of a finished `export/url` task, into a folder. Each is
//! streamed to a hidden temporary name beside where it goes and renamed only when whole: its
//! size checked against what the task said, its MD5 against the storage's `ETag` where that
//! is one; a failed or cut-off download is tried again whole (a GET changes nothing). A file
//! already in the way stops everything before the first byte, unless `--force`. The names come
//! from the service and are only ever names (`name`).

pub mod name;

use crate::api::client::Client;
use crate::api::task;
use crate::error::{Error, Exit, Result};
use crate::events::Reporter;
use crate::net::retry::{Decision, Failure, Idempotency, Retries};
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Bytes read at a time, and how many such chunks wait for the hash at most: memory stays
/// at a few MiB whatever the file's size.
const CHUNK: usize = 256 << 10;
const AHEAD: usize = 8;

/// One file to bring back.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub task_id: String,
    /// The name as the service gave it.
    pub filename: String,
    /// The name it gets in the folder.
    pub name: String,
    pub url: String,
    pub size: Option<u64>,
}

/// The files of the finished `export/url` tasks among `tasks`, each with a safe name, no two
/// alike.
pub fn wanted(tasks: &[Value]) -> Vec<Wanted> {
    let mut all: Vec<Wanted> = Vec::new();
    for t in tasks
        .iter()
        .filter(|t| task::operation(t) == Some("export/url") && task::status(t) == Some("finished"))
    {
        let files = t.pointer("/result/files").and_then(Value::as_array);
        for f in files.into_iter().flatten() {
            let (Some(filename), Some(url)) = (
                f.get("filename").and_then(Value::as_str),
                f.get("url").and_then(Value::as_str),
            ) else {
                continue;
            };
            let taken: Vec<String> = all.iter().map(|w| w.name.clone()).collect();
            all.push(Wanted {
                task_id: task::id(t).unwrap_or("?").to_string(),
                filename: filename.to_string(),
                name: name::unique(&name::safe(filename), &taken),
                url: url.to_string(),
                size: f.get("size").and_then(Value::as_u64),
            });
        }
    }
    all
}

/// Before the first byte: the folder is one (made if missing), and no file is in the way of
/// any download unless `force`. Every name the service gave that had to change is said.
pub fn check(to: &Target, wanted: &[Wanted], report: &dyn Reporter) -> Result<()> {
    let (dir, force) = (to.dir, to.force);
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => {
            return Err(Error::usage(format!(
                "{} is in the way: it is a file, not a folder to download into",
                dir.display()
            ))
            .with_hint("name a folder (it is made if missing)"));
        }
        Ok(_) => {}
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            Error::failure(format!("cannot make the folder {}: {e}", dir.display()))
        })?,
    }
    let in_the_way: Vec<String> = wanted
        .iter()
        .map(|w| dir.join(&w.name))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !force && !in_the_way.is_empty() {
        return Err(Error::usage(format!(
            "{} in the way: {}; nothing was downloaded",
            if in_the_way.len() == 1 {
                "a file is"
            } else {
                "files are"
            },
            in_the_way.join(", ")
        ))
        .with_hint("move them, download into another folder, or add --force to replace them"));
    }
    for w in wanted.iter().filter(|w| w.name != w.filename) {
        report.note(&format!(
            "the result named {:?} is saved as {:?}",
            crate::output::clean(&w.filename),
            w.name
        ));
    }
    Ok(())
}

/// Where files are brought, and how.
pub struct Target<'a> {
    pub dir: &'a Path,
    /// Replace files in the way.
    pub force: bool,
    /// Take each file's MD5 and check it against the storage's ETag.
    pub verify: bool,
}

/// A file brought back.
pub struct Saved {
    pub path: PathBuf,
    pub size: u64,
    /// Its MD5, unless `--no-verify`.
    pub md5: Option<String>,
}

impl Saved {
    /// What `task download` prints of it.
    pub fn json(&self, w: &Wanted) -> Value {
        json!({
            "path": self.path.display().to_string(),
            "filename": w.filename,
            "size": self.size,
            "md5": self.md5,
            "task_id": w.task_id,
        })
    }
}

/// Brings one file into `dir`, tried again whole after a failure as `--retries` allows.
pub fn fetch(
    api: &Client,
    report: &dyn Reporter,
    to: &Target,
    w: &Wanted,
    retries: u32,
) -> Result<Saved> {
    let mut tries = Retries::new(retries, None);
    loop {
        let part = Part::new(to.dir, &w.name)?;
        match once(api, report, &part, w, to.verify) {
            Ok((size, md5)) => {
                let path = to.dir.join(&w.name);
                std::fs::rename(&part.path, &path).map_err(|e| {
                    Error::failure(format!(
                        "cannot rename the download to {}: {e}",
                        path.display()
                    ))
                })?;
                return Ok(Saved { path, size, md5 });
            }
            Err(e) => {
                drop(part);
                let failure = match e.http_status {
                    Some(s) => Failure::Status(s, None),
                    None if e.exit == Exit::Failure => Failure::Permanent,
                    None => Failure::Network,
                };
                match tries.decide(failure, Idempotency::Safe) {
                    Decision::Retry(wait) | Decision::UntilDeadline(wait) => {
                        report.note(&format!(
                            "{}; downloading it again whole in {:.1} s ({})",
                            e.message,
                            wait.as_secs_f64(),
                            tries.counted()
                        ));
                        std::thread::sleep(wait);
                    }
                    Decision::Stop => return Err(e),
                }
            }
        }
    }
}

/// A download's temporary file, removed unless it was renamed.
struct Part {
    path: PathBuf,
    file: std::fs::File,
}

impl Part {
    fn new(dir: &Path, name: &str) -> Result<Part> {
        // A hidden name beside the final one (the same file system, so the rename is whole),
        // new each time: one left by a killed run is never written into.
        loop {
            let path = dir.join(format!(".{name}.{:08x}.part", fastrand::u32(..)));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => return Ok(Part { path, file }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(Error::failure(format!(
                        "cannot write into {}: {e}",
                        dir.display()
                    )));
                }
            }
        }
    }
}

impl Drop for Part {
    fn drop(&mut self) {
        // After a rename nothing is left at the old name, and this fails quietly.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// One attempt: the bytes into `part`, hashed on a thread of their own where `verify`; the
/// size and MD5 as checked.
fn once(
    api: &Client,
    report: &dyn Reporter,
    part: &Part,
    w: &Wanted,
    verify: bool,
) -> Result<(u64, Option<String>)> {
    let mut resp = api.fetch(&w.url)?;
    // Read before the body: once it is read, the length left is what it says.
    let length = resp.content_length();
    let announced = length.or(w.size);
    let etag = resp
        .headers()
        .get(reqwest::header::ETAG)
        .and_then(|v| v.to_str().ok())
        .and_then(etag_md5);
    let bar = report.transfer(
        &w.name,
        announced.unwrap_or(0),
        true,
        crate::events::Way::In,
    );
    let progress = bar.progress();
    let (to_hash, hasher) = verify.then(|| crate::md5::beside::<Vec<u8>>(AHEAD)).unzip();
    let read = copy(&mut resp, part, w, to_hash, &*progress);
    let md5 = match hasher {
        Some(h) => Some(h.join().map_err(|_| Error::failure("the hash stopped"))?),
        None => None,
    };
    let got = read?;
    let short = |what: &str, want: u64| {
        Error::new(
            Exit::Unavailable,
            format!("{}: {got} bytes came, {what} said {want}", w.name),
        )
    };
    if let Some(want) = length.filter(|n| *n != got) {
        return Err(short("the storage", want));
    }
    if let Some(want) = w.size.filter(|n| *n != got) {
        return Err(short("the task", want));
    }
    if let (Some(etag), Some(md5)) = (&etag, &md5)
        && etag != md5
    {
        return Err(Error::new(
            Exit::Unavailable,
            format!(
                "{}: the bytes that came have MD5 {md5}, the storage's ETag says {etag}",
                w.name
            ),
        ));
    }
    Ok((got, md5))
}

/// The body into `part`, a whole chunk at a time, each then to the hash where there is one;
/// `progress` is told the bytes so far. The bytes in all; the sender is dropped on return.
fn copy(
    resp: &mut reqwest::blocking::Response,
    part: &Part,
    w: &Wanted,
    to_hash: Option<mpsc::SyncSender<Vec<u8>>>,
    progress: &dyn Fn(u64),
) -> Result<u64> {
    let mut file = &part.file;
    let mut got: u64 = 0;
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        // A whole chunk before it is written and hashed: the body comes in pieces of a few
        // KiB, each a write and a message of its own otherwise.
        let n = resp
            .take(CHUNK as u64)
            .read_to_end(&mut chunk)
            .map_err(|e| {
                Error::new(
                    Exit::Unavailable,
                    format!(
                        "{}: the download was cut off after {} bytes ({e})",
                        w.name,
                        got + chunk.len() as u64
                    ),
                )
            })?;
        if n == 0 {
            return Ok(got);
        }
        file.write_all(&chunk)
            .map_err(|e| Error::failure(format!("cannot write {}: {e}", part.path.display())))?;
        got += n as u64;
        progress(got);
        if let Some(tx) = &to_hash
            && tx.send(chunk).is_err()
        {
            return Err(Error::failure("the hash stopped"));
        }
    }
}

/// The MD5 an `ETag` is, where it is one: 32 hexadecimal digits, quoted (a multipart upload's
/// ETag, `"…-3"`, or a weak one is not an MD5).
fn etag_md5(etag: &str) -> Option<String> {
    let inner = etag.strip_prefix('"')?.strip_suffix('"')?;
    (inner.len() == 32 && inner.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| inner.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_etag_is_an_md5_only_when_it_is_one() {
        assert_eq!(
            etag_md5("\"53D6FE6B688C31C565907C81DE625046\"").as_deref(),
            Some("53d6fe6b688c31c565907c81de625046")
        );
        assert_eq!(etag_md5("\"53d6fe6b688c31c565907c81de625046-3\""), None);
        assert_eq!(etag_md5("W/\"53d6fe6b688c31c565907c81de625046\""), None);
        assert_eq!(etag_md5("53d6fe6b688c31c565907c81de625046"), None);
    }

    #[test]
    fn only_finished_url_exports_are_wanted_each_under_its_own_name() {
        let tasks = vec![
            json!({"id": "a", "operation": "export/url", "status": "finished",
                   "result": {"files": [{"filename": "out.pdf", "size": 3, "url": "http://s/1"},
                                        {"filename": "../out.pdf", "url": "http://s/2"}]}}),
            json!({"id": "b", "operation": "export/url", "status": "finished",
                   "result": {"files": [{"filename": "out.pdf", "url": "http://s/3"}]}}),
            json!({"id": "c", "operation": "export/url", "status": "error"}),
            json!({"id": "d", "operation": "convert", "status": "finished",
                   "result": {"files": [{"filename": "x.pdf", "url": "http://s/4"}]}}),
        ];
        let names: Vec<(String, String)> = wanted(&tasks)
            .into_iter()
            .map(|w| (w.task_id, w.name))
            .collect();
        assert_eq!(
            names,
            [
                ("a".into(), "out.pdf".into()),
                ("a".into(), ".._out.pdf".into()),
                ("b".into(), "out (2).pdf".into())
            ]
        );
    }
}
