//! One file's two stages. Send: create its task and send the file to the task's form. Settle:
//! wait until CloudConvert has taken the file in, then check the stored file's MD5. They print
//! nothing but their bars: the batch prints.

use super::{Batch, Source, limits};
use crate::api::task;
use crate::batch::{Stages, Step};
use crate::error::{Error, Exit, Result};
use crate::events::Feedback;
use crate::http::Http;
use crate::http::multipart::Envelope;
use crate::http::upload::{Digest, Upload};
use crate::progress::{Bar, Total};
use crate::run::{FileTruth, ItemRef};
use crate::wait::{self, Ended};
use serde_json::Value;

/// The upload's stages, over the files of one `import upload`.
pub struct Uploads<'a> {
    pub http: &'a Http,
    pub batch: &'a Batch<'a>,
    /// More than one file: waits show no spinner of their own (the total line counts them).
    pub several: bool,
}

/// A file in the storage, its task still to end.
pub struct Sent {
    created: Value,
    id: String,
    /// The MD5 of the bytes sent, to compare with the stored file's.
    digest: Digest,
}

/// How long CloudConvert is given to say whether it has a file the storage may have kept
/// (taking a stored file in takes it about 2 s).
const ASK_WITHIN: std::time::Duration = std::time::Duration::from_secs(2);

impl Stages for Uploads<'_> {
    type Item = Source;
    type Sent = Sent;

    const UPLOADS: bool = true;

    fn send(&self, source: &Source, at: &ItemRef, total: Option<&Total>) -> Result<Step<Sent>> {
        let (http, batch) = (self.http, self.batch);
        let created = {
            // An interrupt while the create is out cannot know whether the task exists.
            let _creating = at.creating();
            http.create_task(batch.operation, batch.body)?
        };
        let id = task::checked_id(&created)?;
        at.created(&id);
        match send_file(
            http,
            batch,
            source,
            (&created, &id, at),
            total,
            self.several,
        ) {
            Ok(digest) => {
                at.stored();
                Ok(Step::Settle(Sent {
                    created,
                    id,
                    digest,
                }))
            }
            Err(e) => {
                at.send_failed();
                after_failed_send(http, batch, at, id, e)
            }
        }
    }

    fn settle(&self, source: &Source, _at: &ItemRef, sent: Sent) -> Result<Ended> {
        let (http, batch) = (self.http, self.batch);
        let id = &sent.id;
        let feedback = match batch.plan.feedback {
            Feedback::Bars | Feedback::Lines if self.several => Feedback::Quiet,
            f => f,
        };
        // The storage has the file; the task ends once CloudConvert has taken it in (about 2 s).
        let end = wait::until_done(
            http,
            sent.created,
            wait::deadline_in(batch.wait_timeout),
            feedback,
            Some(&source.name),
        )
        .map(|waited| wait::ended(waited, batch.wait_timeout))
        .map_err(|e| {
            // Whatever failed, the task is named and the file is said to be in the storage.
            let mut e = wait::naming_the_task(e, id);
            e.message = format!("{}; the file was uploaded", e.message);
            e
        })?;
        if end.exit == Exit::Ok {
            check_md5(http, source, id, &end.task, &sent.digest)?;
        }
        Ok(end)
    }

    fn label<'a>(&self, source: &'a Source) -> &'a str {
        &source.label
    }

    fn name<'a>(&self, source: &'a Source) -> &'a str {
        &source.name
    }

    fn bytes(&self, source: &Source) -> u64 {
        source.len
    }

    fn halted(&self) -> Option<String> {
        self.http
            .unreachable()
            .map(|host| format!("the API at {host} cannot be reached"))
    }
}

/// After its upload failed for good: a file the storage may have kept (an attempt handed it
/// over whole and no answer came) is not called failed until CloudConvert says so, once,
/// within `ASK_WITHIN`. A task that ended goes on to be checked as any other; one that has
/// not is named with the command that follows it, never one that deletes it.
fn after_failed_send(
    http: &Http,
    batch: &Batch,
    at: &ItemRef,
    id: String,
    e: Error,
) -> Result<Step<Sent>> {
    let item = at.get();
    if !item
        .as_ref()
        .is_some_and(|i| i.file(false) == FileTruth::MayBeStored)
    {
        return Err(with_task_state(e, http, &id));
    }
    let asked = if http.has_sync() {
        http.sync_task(
            &id,
            ASK_WITHIN,
            "the look at a file the storage may have kept",
        )
        .ok()
    } else {
        http.task_by(&id, std::time::Instant::now().checked_add(ASK_WITHIN))
            .ok()
    };
    match asked {
        Some(task) if task::is_done(&task) => {
            http.note(&format!(
                "task {id}: CloudConvert has the file the storage took without answering"
            ));
            at.stored();
            let digest = match item.and_then(|i| i.md5()) {
                Some(md5) if batch.verify => Digest::Md5(md5),
                _ => Digest::Off,
            };
            Ok(Step::Settle(Sent {
                created: task,
                id,
                digest,
            }))
        }
        _ => Err(e.about_task(&id).with_hint(format!(
            "the storage took the whole file but did not answer, and CloudConvert has not said yet whether it has it; follow it with `cloudconvert task wait {id}`"
        ))),
    }
}

/// Sends the file to the created task's form: the MD5 of what was sent.
fn send_file(
    http: &Http,
    batch: &Batch,
    source: &Source,
    (created, id, at): (&Value, &str, &ItemRef),
    total: Option<&Total>,
    several: bool,
) -> Result<Digest> {
    // As the official SDKs check: only a waiting task with a form takes a file.
    let form = match (task::status(created), task::form(created)) {
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
        http.printer().warn(&format!(
            "the upload form of task {id} is plain http: {} would travel unencrypted",
            source.label
        ));
    }
    let len = source.len;
    if let Some((min, max)) = limits::size_range(&form)
        && !(min..=max).contains(&len)
    {
        return Err(too_large_for_the_form(http, source, id, len, (min, max)));
    }
    let envelope = Envelope::new(&form, &source.name);
    // In a log, a lone upload says when it starts and every 30 s; a batch has its own lines.
    // In a batch whose stdout goes elsewhere on the same screen, the total line alone shows.
    let drawn =
        batch.plan.feedback == Feedback::Bars && !(several && http.printer().shares_the_screen());
    let bar = Bar::new(
        http.printer(),
        &source.name,
        len,
        drawn,
        batch.plan.feedback == Feedback::Lines && !several,
    );
    let open = || source.open();
    let attempt = || at.attempt();
    let stored = http
        .upload(&Upload {
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
            hash: batch.verify,
            limit: batch.limit.as_ref(),
            attempt: &attempt,
        })
        .map_err(|e| with_task_state(e, http, id))?;
    drop(bar);
    if let (Digest::Md5(md5), Some(etag)) = (&stored.digest, &stored.etag)
        && md5 == etag
    {
        // Only a hint: under server-side encryption the ETag is not the MD5, so a different
        // one proves nothing; the task's own MD5 decides when it has ended.
        http.verbose(&format!(
            "{}: the storage's ETag matches the MD5 sent",
            source.label
        ));
    }
    Ok(stored.digest)
}

/// Compares the MD5 of the bytes sent with the MD5 CloudConvert reports for the stored file.
/// A mismatch deletes the task (as Google's storage clients delete a corrupted object), so that
/// nothing goes on to convert a file that is not the one given. Without a hash, nothing is
/// claimed, and `-v` says why.
fn check_md5(
    http: &Http,
    source: &Source,
    id: &str,
    task: &serde_json::Value,
    digest: &Digest,
) -> Result<()> {
    let Digest::Md5(sent) = digest else {
        http.verbose(&format!("{}: md5 not compared (--no-verify)", source.label));
        return Ok(());
    };
    let Some(reported) = task::stored_md5(task, &source.name) else {
        http.verbose(&format!(
            "{}: task {id} reports no MD5; the stored file was not compared",
            source.label
        ));
        return Ok(());
    };
    if reported.eq_ignore_ascii_case(sent) {
        http.verbose(&format!("{}: md5 verified ({sent})", source.label));
        return Ok(());
    }
    let what = delete_or_name(http, id);
    let shown = if source.label.ends_with(&source.name) {
        source.label.clone()
    } else {
        format!("{} (stored as {})", source.label, source.name)
    };
    Err(Error::failure(format!(
        "{shown}: the stored file differs from the local one (md5 {sent} sent, {reported} stored in task {id}); {what}"
    )))
}

/// A file outside the size range the form names: refused before a byte is sent, its task
/// deleted (or named, when that fails) so that nothing waits for a file that cannot come.
fn too_large_for_the_form(
    http: &Http,
    source: &Source,
    id: &str,
    len: u64,
    (min, max): (u64, u64),
) -> Error {
    let what = if len > max {
        format!("larger than the {max} bytes")
    } else {
        format!("smaller than the {min} bytes")
    };
    let error = Error::new(
        Exit::Refused,
        format!(
            "{} is {len} bytes, {what} the upload form of task {id} accepts; nothing was sent",
            source.label
        ),
    );
    error.with_hint(delete_or_name(http, id))
}

/// Deletes a task that must not go on; what was done, or how to do it when that failed.
fn delete_or_name(http: &Http, id: &str) -> String {
    match http.delete_task(id) {
        Ok(()) => format!("task {id} was deleted"),
        Err(_) => format!("remove the task with `cloudconvert task delete {id}`"),
    }
}

/// A failed upload's error, with what is true of its task: fetched once, not assumed.
fn with_task_state(e: Error, http: &Http, id: &str) -> Error {
    let e = e.about_task(id);
    if e.hint.is_some() {
        return e;
    }
    // One look, bounded: the hint is not worth a long wait.
    let hint = match http.task_by(id, std::time::Instant::now().checked_add(ASK_WITHIN)) {
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
