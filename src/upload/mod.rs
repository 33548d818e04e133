//! `import upload FILE...`: check every file, then per file create the task, stream the file to
//! the task's form, wait until CloudConvert has taken the file in, and print the task.

pub mod multipart;

use crate::api::task;
use crate::cli::OutputFormat;
use crate::error::{Error, Exit, Result};
use crate::http::Http;
use crate::http::upload::Upload;
use crate::{progress, wait};
use serde_json::{Value, json};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where a file's bytes come from.
#[derive(Debug)]
pub enum Input {
    Path(PathBuf),
    /// Stdin: a regular file it was redirected from, or a temporary copy of the pipe, with the
    /// offset its data starts at.
    Stdin(File, u64),
}

/// A file that passed the checks, ready to be sent.
#[derive(Debug)]
pub struct Source {
    pub input: Input,
    /// The name the storage keeps (`--filename`, else the file's own name).
    pub name: String,
    /// How messages name it.
    pub label: String,
}

impl Source {
    fn open(&self) -> std::io::Result<File> {
        match &self.input {
            Input::Path(p) => File::open(p),
            Input::Stdin(f, start) => {
                let mut f = f.try_clone()?;
                f.seek(SeekFrom::Start(*start))?;
                Ok(f)
            }
        }
    }

    /// The number of bytes to send, taken once per upload.
    fn len(&self) -> std::io::Result<u64> {
        let (file, start) = match &self.input {
            Input::Path(p) => (File::open(p)?, 0),
            Input::Stdin(f, start) => (f.try_clone()?, *start),
        };
        Ok(file.metadata()?.len().saturating_sub(start))
    }
}

/// Checks every file before the first task is created: it exists, is a regular file (or
/// stdin), and can be read.
pub fn check_files(files: &[PathBuf], filename: Option<&str>) -> Result<Vec<Source>> {
    files.iter().map(|p| check(p, filename)).collect()
}

fn check(path: &Path, filename: Option<&str>) -> Result<Source> {
    if path.as_os_str() == "-" {
        crate::cli::validate::refuse_terminal_stdin()?;
        let name = filename.ok_or_else(|| {
            Error::usage("uploading stdin (-) needs --filename")
                .with_hint("name the file, e.g. --filename dump.sql")
        })?;
        let (file, start) = stdin_file()?;
        return Ok(Source {
            input: Input::Stdin(file, start),
            name: name.to_string(),
            label: "stdin".into(),
        });
    }
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::usage(format!("cannot upload {shown}: {e}")).with_hint("check the path")
    })?;
    if !meta.is_file() {
        return Err(
            Error::usage(format!("cannot upload {shown}: not a regular file"))
                .with_hint("give a file, not a directory or device"),
        );
    }
    File::open(path).map_err(|e| {
        Error::usage(format!("cannot upload {shown}: {e}"))
            .with_hint("check the file's permissions")
    })?;
    let name = match filename {
        Some(n) => n.to_string(),
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::usage(format!("cannot tell the name of {shown}"))
                    .with_hint("pass --filename")
            })?,
    };
    Ok(Source {
        input: Input::Path(path.to_path_buf()),
        name,
        label: shown.to_string(),
    })
}

/// Stdin as a file of known length: used directly when it is a regular file, else copied to
/// an unnamed temporary file (the form needs the length before the first byte is sent).
fn stdin_file() -> Result<(File, u64)> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() {
            let mut f = File::from(fd);
            if f.metadata().map(|m| m.is_file()).unwrap_or(false) {
                let start = f.stream_position().unwrap_or(0);
                return Ok((f, start));
            }
        }
    }
    let dir = std::env::temp_dir();
    let in_tmp = |what: &str, e: std::io::Error| {
        Error::failure(format!(
            "cannot {what} the copy of stdin in {}: {e}",
            dir.display()
        ))
        .with_hint("stdin is copied there first (its length is needed up front); set TMPDIR to a directory with room")
    };
    let mut tmp = tempfile::tempfile_in(&dir).map_err(|e| in_tmp("make", e))?;
    let mut stdin = std::io::stdin().lock();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match std::io::Read::read(&mut stdin, &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::usage(format!("cannot read stdin: {e}"))),
        };
        std::io::Write::write_all(&mut tmp, &buf[..n]).map_err(|e| in_tmp("write", e))?;
    }
    Ok((tmp, 0))
}

/// What `--dry-run` prints for the upload of one file.
pub fn would_send(source: &Source) -> Value {
    json!({
        "method": "POST",
        "url": "<result.form.url of the created task>",
        "multipart": ["<result.form.parameters, in order>", {"name": "file", "filename": source.name, "source": source.label}],
    })
}

/// What every file of one `import upload` shares.
pub struct Batch<'a> {
    pub operation: &'a str,
    pub body: &'a Value,
    /// The task is created with a `redirect`: the storage answers 303 on success.
    pub redirect: bool,
    pub wait_timeout: Duration,
    pub progress: progress::Feedback,
    pub format: OutputFormat,
}

/// Uploads each file in turn; returns the worst exit of the tasks.
pub fn run(http: &Http, batch: &Batch, files: &[Source]) -> Result<Exit> {
    let mut worst = Exit::Ok;
    for source in files {
        worst = worst.max(one(http, batch, source)?);
    }
    Ok(worst)
}

/// One file: create its task, send the file to the task's form, wait for the task to end.
fn one(http: &Http, batch: &Batch, source: &Source) -> Result<Exit> {
    let created = http.create_task(batch.operation, batch.body)?;
    let id = task::checked_id(&created)?;
    crate::interrupt::task_created(&id);
    let result = send_and_wait(http, batch, source, created, &id);
    crate::interrupt::task_done(&id);
    result
}

fn send_and_wait(
    http: &Http,
    batch: &Batch,
    source: &Source,
    created: Value,
    id: &str,
) -> Result<Exit> {
    // As the official SDKs check: only a waiting task with a form takes a file.
    let form = match (task::status(&created), task::form(&created)) {
        (Some("waiting"), Some(form)) => form,
        (status, _) => {
            return Err(Error::failure(format!(
                "task {id} cannot take the file: it is {} without an upload form (result.form)",
                status.unwrap_or("of unknown status")
            ))
            .with_hint(format!("see it with: cloudconvert task show {id}")));
        }
    };
    let form_url = reqwest::Url::parse(&form.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if form_url.is_none() {
        return Err(Error::failure(format!(
            "the API answered task {id} with an upload form URL that is not http(s): {}",
            form.url
        ))
        .with_hint(format!(
            "nothing was uploaded; see the task with: cloudconvert task show {id}"
        )));
    }
    if crate::http::in_clear(&form.url) {
        crate::output::warn(&format!(
            "the upload form of task {id} is plain http: {} would travel unencrypted",
            source.label
        ));
    }
    let len = source
        .len()
        .map_err(|e| Error::failure(format!("cannot read {}: {e}", source.label)))?;
    let envelope = multipart::Envelope::new(&form, &source.name);
    let bar = progress::Bar::new(
        &source.name,
        len,
        batch.progress == progress::Feedback::Bars,
    );
    let open = || source.open();
    http.upload(&Upload {
        url: &form.url,
        envelope: &envelope,
        open: &open,
        len,
        progress: bar.callback(),
        label: &source.label,
        redirect: batch.redirect,
    })
    .map_err(|e| with_task_state(e, http, id))?;
    bar.finish();
    // The storage has the file; the task ends once CloudConvert has taken it in (about 2 s).
    wait::wait_and_report(
        http,
        created,
        batch.wait_timeout,
        batch.progress,
        batch.format,
    )
    .map_err(|e| {
        if e.hint.is_some() {
            e
        } else {
            e.with_hint(format!(
                "the file was uploaded; see the task with: cloudconvert task show {id}"
            ))
        }
    })
}

/// A failed upload's error, with what is true of its task: fetched once, not assumed.
fn with_task_state(e: Error, http: &Http, id: &str) -> Error {
    if e.hint.is_some() {
        return e;
    }
    let hint = match http.task(id, &[]) {
        Ok(t) if task::status(&t) == Some("waiting") => format!(
            "task {id} is still waiting for its file; remove it with `cloudconvert task delete {id}`"
        ),
        Ok(t) => format!(
            "task {id} is {}; see it with `cloudconvert task show {id}`",
            task::status(&t).unwrap_or("of unknown status")
        ),
        Err(_) => format!("task {id} was created; see it with `cloudconvert task show {id}`"),
    };
    e.with_hint(hint)
}
