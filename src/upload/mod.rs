//! `import upload FILE...`: check every file, then per file create the task, stream the file to
//! the task's form, and print the task as the API then reports it.

use crate::cli::ImportArgs;
use crate::config::Settings;
use crate::error::{Error, Exit, Result};
use crate::http::Http;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A file that passed the checks, ready to be sent.
#[derive(Debug)]
pub struct Source {
    pub path: PathBuf,
    /// The name the storage keeps (`--filename`, else the file's own name).
    pub name: String,
}

/// Checks every file before the first task is created: it exists, is a regular file (or
/// stdin), and can be read.
pub fn check_files(files: &[PathBuf], filename: Option<&str>) -> Result<Vec<Source>> {
    files.iter().map(|p| check(p, filename)).collect()
}

fn check(path: &Path, filename: Option<&str>) -> Result<Source> {
    if path.as_os_str() == "-" {
        let name = filename.ok_or_else(|| {
            Error::usage("uploading stdin (-) needs --filename")
                .with_hint("name the file, e.g. --filename dump.sql")
        })?;
        return Ok(Source {
            path: path.to_path_buf(),
            name: name.to_string(),
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
    std::fs::File::open(path).map_err(|e| {
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
        path: path.to_path_buf(),
        name,
    })
}

/// What `--dry-run` prints for the upload of one file.
pub fn would_send(source: &Source) -> Value {
    json!({
        "method": "POST",
        "url": "<result.form.url of the created task>",
        "multipart": ["<result.form.parameters, in order>", {"name": "file", "filename": source.name, "path": source.path.display().to_string()}],
    })
}

pub fn run(
    _http: &Http,
    _settings: &Settings,
    _import: &ImportArgs,
    _operation: &str,
    _body: &Value,
    _files: Vec<Source>,
) -> Result<Exit> {
    Err(Error::failure(
        "uploading files is not built yet; run `import upload` without files to get a form",
    ))
}
