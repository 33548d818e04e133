//! One file's two stages. Send: create its task and send the file to the task's form. Settle:
//! wait until CloudConvert has taken the file in, then check the stored file's MD5. They print
//! nothing but their bars: the batch prints.

use super::{Batch, Source, limits};
use crate::api::client::Client;
use crate::api::task;
use crate::batch::{Stages, Step};
use crate::error::{Error, Exit, Result};
use crate::events::Reporter;
use crate::progress::Total;
use crate::record::prior::{Resume, Why};
use crate::run::{FileTruth, ItemRef};
use crate::transport::multipart::Envelope;
use crate::transport::{Digest, Transport, Upload};
use crate::wait::{self, Ended};
use serde_json::Value;

/// The upload's stages, over the files of one `import upload`.
pub struct Uploads<'a> {
    pub api: &'a Client,
    pub transport: &'a Transport,
    pub report: &'a dyn Reporter,
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
        let place = at.place();
        if let Some(task) = self.batch.into.get(place).cloned().flatten() {
            // `--task`: the task was looked at before anything was sent.
            return self.fill(source, task, at, total);
        }
        match self
            .batch
            .resume
            .get(place)
            .cloned()
            .unwrap_or(Resume::Fresh)
        {
            Resume::Done { task, md5 } => {
                if self.unchanged(source, md5.as_deref()) {
                    at.earlier();
                    return Ok(Step::Ended(Ended {
                        task,
                        exit: Exit::Ok,
                        error: None,
                    }));
                }
                let id = task::id(&task).unwrap_or("?");
                self.report.note(&format!(
                    "{} differs from the file of task {id} (its MD5); it goes to a new task",
                    source.label
                ));
            }
            Resume::Task {
                id,
                md5,
                stored,
                sent,
            } => {
                if let Some(step) = self.resume_in(source, (&id, md5, stored, sent), at, total)? {
                    return Ok(step);
                }
            }
            Resume::Again(Why::Changed(old)) => self.report.note(&format!(
                "{} changed since task {old} took it; it goes to a new task",
                source.label
            )),
            Resume::Again(_) | Resume::Fresh => {}
        }
        let created = {
            // An interrupt while the create is out cannot know whether the task exists: it
            // waits until the task is in the run (or refuses the create, once it has begun).
            let _creating = at.creating()?;
            let task = self
                .api
                .create_task(self.batch.operation, self.batch.body)?;
            if let Ok(id) = task::checked_id(&task) {
                at.created(&id, task::form(&task).as_ref().and_then(limits::expires));
            }
            task
        };
        self.fill(source, created, at, total)
    }

    fn settle(&self, source: &Source, _at: &ItemRef, sent: Sent) -> Result<Ended> {
        let batch = self.batch;
        let id = &sent.id;
        // The storage has the file; the task ends once CloudConvert has taken it in (about 2 s).
        let end = wait::until_done(
            self.api,
            self.report,
            sent.created,
            wait::deadline_in(batch.wait_timeout),
            !self.several,
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
            self.check_md5(source, id, &end.task, &sent.digest)?;
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
        self.api
            .unreachable()
            .map(|host| format!("the API at {host} cannot be reached"))
    }

    fn recorded(&self, source: &Source) -> Option<(String, crate::record::Source)> {
        source.recorded()
    }
}

impl Uploads<'_> {
    /// Sends the file into `task` (just created, named by `--task`, or kept from an earlier
    /// run), and hands it on to be settled.
    fn fill(
        &self,
        source: &Source,
        task: Value,
        at: &ItemRef,
        total: Option<&Total>,
    ) -> Result<Step<Sent>> {
        let id = task::checked_id(&task)?;
        at.created(&id, task::form(&task).as_ref().and_then(limits::expires));
        match self.send_file(source, (&task, &id, at), total) {
            Ok(digest) => {
                at.stored();
                Ok(Step::Settle(Sent {
                    created: task,
                    id,
                    digest,
                }))
            }
            Err(e) => {
                at.send_failed();
                self.after_failed_send(at, id, e)
            }
        }
    }

    /// An earlier run's task for this file, looked at once: one that waits for its file takes
    /// it (no new task, none left waiting); one that has it is settled; one that failed or is
    /// gone leaves the file to a new task (None).
    fn resume_in(
        &self,
        source: &Source,
        (id, md5, stored, sent): (&str, Option<String>, bool, bool),
        at: &ItemRef,
        total: Option<&Total>,
    ) -> Result<Option<Step<Sent>>> {
        // A file whose sending began may have arrived without the earlier run hearing so (a
        // kill): CloudConvert is given the time it takes a file in to say so, before the file
        // goes out again.
        let held = (sent && !stored && self.api.has_sync())
            .then(|| {
                self.api
                    .sync_task(
                        id,
                        ASK_WITHIN,
                        "the look at a task an earlier run sent a file to",
                    )
                    .ok()
            })
            .flatten();
        let looked = match held {
            Some(task) => Ok(task),
            None => self
                .api
                .task_by(id, std::time::Instant::now().checked_add(ASK_WITHIN)),
        };
        let task = match looked {
            Ok(task) => task,
            Err(e) if e.http_status == Some(404) => {
                self.report.note(&format!(
                    "task {id} of {} is gone; the file goes to a new task",
                    source.label
                ));
                return Ok(None);
            }
            Err(e) => return Err(e.about_task(id)),
        };
        match (task::status(&task), task::form(&task)) {
            // The storage said it has the file (or CloudConvert has it): it is taken in, as
            // after any upload.
            (Some("waiting" | "processing"), _) | (Some("finished"), _)
                if stored || task::status(&task) == Some("finished") =>
            {
                at.created(id, None);
                at.stored();
                let digest = match md5 {
                    Some(md5) if self.batch.verify => Digest::Md5(md5),
                    _ => Digest::Off,
                };
                Ok(Some(Step::Settle(Sent {
                    created: task,
                    id: id.to_string(),
                    digest,
                })))
            }
            (Some("waiting"), Some(_)) => {
                self.report.detail(&format!(
                    "{}: into task {id}, which still waits for it",
                    source.label
                ));
                self.fill(source, task, at, total).map(Some)
            }
            (status, _) => {
                self.report.note(&format!(
                    "task {id} of {} is {}; the file goes to a new task",
                    source.label,
                    status.unwrap_or("of unknown status")
                ));
                Ok(None)
            }
        }
    }

    /// Whether the file is still the one an earlier run sent, by the MD5 then (size and time
    /// were compared already); without one recorded, it is taken as unchanged.
    fn unchanged(&self, source: &Source, md5: Option<&str>) -> bool {
        let Some(md5) = md5 else { return true };
        let Ok(mut file) = source.open() else {
            return false;
        };
        let mut hash = crate::md5::Md5::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            match std::io::Read::read(&mut file, &mut buf) {
                Ok(0) => break,
                Ok(n) => hash.update(&buf[..n]),
                Err(_) => return false,
            }
        }
        crate::md5::hex(&hash.finish()).eq_ignore_ascii_case(md5)
    }

    /// After its upload failed for good: a file the storage may have kept (an attempt handed
    /// it over whole and no answer came) is not called failed until CloudConvert says so, once,
    /// within `ASK_WITHIN`. A task that ended goes on to be checked as any other; one that has
    /// not is named with the command that follows it, never one that deletes it.
    fn after_failed_send(&self, at: &ItemRef, id: String, e: Error) -> Result<Step<Sent>> {
        let item = at.get();
        if !item
            .as_ref()
            .is_some_and(|i| i.file(false) == FileTruth::MayBeStored)
        {
            return Err(self.with_task_state(e, &id));
        }
        let asked = if self.api.has_sync() {
            self.api
                .sync_task(
                    &id,
                    ASK_WITHIN,
                    "the look at a file the storage may have kept",
                )
                .ok()
        } else {
            self.api
                .task_by(&id, std::time::Instant::now().checked_add(ASK_WITHIN))
                .ok()
        };
        match asked {
            Some(task) if task::is_done(&task) => {
                self.report.note(&format!(
                    "task {id}: CloudConvert has the file the storage took without answering"
                ));
                at.stored();
                let digest = match item.and_then(|i| i.md5()) {
                    Some(md5) if self.batch.verify => Digest::Md5(md5),
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
        &self,
        source: &Source,
        (created, id, at): (&Value, &str, &ItemRef),
        total: Option<&Total>,
    ) -> Result<Digest> {
        let batch = self.batch;
        let form = form_of(created, id)?;
        if crate::net::failure::in_clear(&form.url) {
            self.report.warn(&format!(
                "the upload form of task {id} is plain http: {} would travel unencrypted",
                source.label
            ));
        }
        let len = source.len;
        if let Some((min, max)) = limits::size_range(&form)
            && !(min..=max).contains(&len)
        {
            return Err(self.too_large_for_the_form(source, id, len, (min, max)));
        }
        let envelope = Envelope::new(&form, &source.name);
        let shown = self
            .report
            .transfer(&source.name, len, !self.several, crate::events::Way::Out);
        let open = || source.open();
        let attempt = || at.attempt();
        let stored = self
            .transport
            .upload(&Upload {
                url: &form.url,
                envelope: &envelope,
                open: &open,
                len,
                progress: match total {
                    Some(t) => t.callback(shown.progress()),
                    None => shown.progress(),
                },
                label: &source.label,
                redirect: batch.redirect,
                hash: batch.verify,
                limit: batch.limit.as_ref(),
                attempt: &attempt,
            })
            .map_err(|e| self.with_task_state(e, id))?;
        drop(shown);
        if let (Digest::Md5(md5), Some(etag)) = (&stored.digest, &stored.etag)
            && md5 == etag
        {
            // Only a hint: under server-side encryption the ETag is not the MD5, so a
            // different one proves nothing; the task's own MD5 decides when it has ended.
            self.report.detail(&format!(
                "{}: the storage's ETag matches the MD5 sent",
                source.label
            ));
        }
        Ok(stored.digest)
    }

    /// Compares the MD5 of the bytes sent with the MD5 CloudConvert reports for the stored
    /// file. A mismatch deletes the task (as Google's storage clients delete a corrupted
    /// object), so that nothing goes on to convert a file that is not the one given. Without a
    /// hash, nothing is claimed, and `-v` says why.
    fn check_md5(
        &self,
        source: &Source,
        id: &str,
        task: &serde_json::Value,
        digest: &Digest,
    ) -> Result<()> {
        let Digest::Md5(sent) = digest else {
            self.report
                .detail(&format!("{}: md5 not compared (--no-verify)", source.label));
            return Ok(());
        };
        let Some(reported) = task::stored_md5(task, &source.name) else {
            self.report.detail(&format!(
                "{}: task {id} reports no MD5; the stored file was not compared",
                source.label
            ));
            return Ok(());
        };
        if reported.eq_ignore_ascii_case(sent) {
            self.report
                .detail(&format!("{}: md5 verified ({sent})", source.label));
            return Ok(());
        }
        let what = self.delete_or_name(id);
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
        &self,
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
        error.with_hint(self.delete_or_name(id))
    }

    /// Deletes a task that must not go on; what was done, or how to do it when that failed.
    fn delete_or_name(&self, id: &str) -> String {
        match self.api.delete(crate::api::client::Thing::Task, id) {
            Ok(()) => format!("task {id} was deleted"),
            Err(_) => format!("remove the task with `cloudconvert task delete {id}`"),
        }
    }

    /// A failed upload's error, with what is true of its task: fetched once, not assumed.
    fn with_task_state(&self, e: Error, id: &str) -> Error {
        let e = e.about_task(id);
        if e.hint.is_some() {
            return e;
        }
        // One look, bounded: the hint is not worth a long wait.
        let hint = match self
            .api
            .task_by(id, std::time::Instant::now().checked_add(ASK_WITHIN))
        {
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
}

/// The created task's upload form, as the official SDKs check it: only a waiting task with a
/// form takes a file, and only at an http(s) URL.
fn form_of(created: &Value, id: &str) -> Result<task::Form> {
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
    let url = reqwest::Url::parse(&form.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if url.is_none() {
        return Err(Error::failure(format!(
            "the API answered task {id} with an upload form URL that is not http(s): {}",
            form.url
        ))
        .with_hint(format!(
            "nothing was uploaded; see the task with: cloudconvert task show {id}"
        )));
    }
    Ok(form)
}
