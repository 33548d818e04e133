//! A run that can be finished later: its record opened (the one `--record` names, else one
//! kept in the state folder while the run goes), what it says of each item, the tasks
//! `--task` names, and at the end the one command that finishes what is left.

use crate::api::client::Client;
use crate::api::task;
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use crate::record::prior::Prior;
use crate::record::{Fact, Record};
use crate::run::Run;
use crate::upload::Source;
use serde_json::Value;
use std::path::Path;

/// Opens the run's record into `run`; what it knows of earlier runs. Without `--record` a new
/// one is made in the state folder (records there older than a week are removed first); one
/// that cannot be made there is said, and the run goes on without.
pub fn open(named: Option<&Path>, command: &str, run: &Run, out: &Printer) -> Result<Prior> {
    let (path, prior) = match named {
        Some(path) => (path.to_path_buf(), Prior::read(path)?),
        None => {
            crate::record::prune();
            let Some(path) = crate::record::implicit() else {
                return Ok(Prior::default());
            };
            (path, Prior::default())
        }
    };
    match Record::open(&path, &prior, named.is_some()) {
        Ok(record) => run.keep_record(record),
        Err(e) if named.is_some() => return Err(e),
        Err(e) => {
            out.warn(&format!("{}; the run keeps no record", e.message));
            return Ok(prior);
        }
    }
    run.note_run(&Fact::Run {
        at: crate::record::now(),
        command: command.to_string(),
    });
    Ok(prior)
}

/// `--task`: each file's task, looked at before anything is sent. It must be an
/// `import/upload` task that waits, with its form; anything else is exit 2, naming it.
pub fn tasks(api: &Client, ids: &[String], files: &[Source]) -> Result<Vec<Option<Value>>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    if ids.len() != files.len() {
        return Err(Error::usage(format!(
            "--task was given {} times for {} {}",
            ids.len(),
            files.len(),
            if files.len() == 1 { "file" } else { "files" }
        ))
        .with_hint("give one --task ID per file, in the order of the files"));
    }
    ids.iter()
        .map(|id| {
            let found = api.task_by(id, None).map_err(|e| e.about_task(id))?;
            let (operation, status) = (
                found.get("operation").and_then(Value::as_str).unwrap_or("?"),
                task::status(&found).unwrap_or("?"),
            );
            if operation != "import/upload" || status != "waiting" || task::form(&found).is_none() {
                return Err(Error::usage(format!(
                    "task {id} cannot take a file: it is an {operation} task, {status}{}",
                    if task::form(&found).is_none() {
                        ", without an upload form"
                    } else {
                        ""
                    }
                ))
                .with_hint(
                    "--task takes an import/upload task that still waits for its file (as --form-only makes)",
                ));
            }
            Ok(Some(found))
        })
        .collect()
}

/// After the run. A record kept only while the run went is removed when nothing is left to
/// do; otherwise the last lines say how to finish: the same command with the record.
pub fn end(run: &Run, exit: Exit, out: &Printer) {
    let book = run.snapshot();
    let Some(record) = run.take_record() else {
        return;
    };
    if exit == Exit::Ok {
        record.remove();
        return;
    }
    if let Some((path, _)) = &book.record {
        crate::left::print(out, &crate::left::finish(path, &book.invocation));
    }
}
