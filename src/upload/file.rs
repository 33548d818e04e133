//! One file's flow: create its task, send the file to the task's form, then wait until
//! CloudConvert has taken the file in. It prints nothing but its bars: the batch prints.

use super::multipart::Envelope;
use super::{Batch, Source};
use crate::api::task;
use crate::error::{Error, Result};
use crate::http::Http;
use crate::http::upload::Upload;
use crate::progress::{Bar, Feedback, Total};
use crate::wait::{self, Ended};
use serde_json::Value;

/// Sends one file: its task as it ended, or why there is none to show.
pub fn send(http: &Http, batch: &Batch, source: &Source, total: Option<&Total>) -> Result<Ended> {
    let created = http.create_task(batch.operation, batch.body)?;
    let id = task::checked_id(&created)?;
    let _unfinished = crate::interrupt::task_created(&id);
    send_and_wait(http, batch, source, created, &id, total)
}

fn send_and_wait(
    http: &Http,
    batch: &Batch,
    source: &Source,
    created: Value,
    id: &str,
    total: Option<&Total>,
) -> Result<Ended> {
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
    let envelope = Envelope::new(&form, &source.name);
    let bar = Bar::new(&source.name, len, batch.progress == Feedback::Bars);
    let open = || source.open();
    http.upload(&Upload {
        url: &form.url,
        envelope: &envelope,
        open: &open,
        len,
        progress: match total {
            Some(t) => t.callback(bar.callback()),
            None => bar.callback(),
        },
        label: &source.label,
        redirect: batch.redirect,
    })
    .map_err(|e| with_task_state(e, http, id))?;
    drop(bar);
    // The storage has the file; the task ends once CloudConvert has taken it in (about 2 s).
    wait::until_done(
        http,
        created,
        batch.wait_timeout,
        batch.progress,
        Some(&source.name),
    )
    .map(|waited| wait::ended(waited, batch.wait_timeout))
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
