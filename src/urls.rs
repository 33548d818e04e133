//! `import url URL...`: each URL's two stages in a batch. Send creates its task; settle (with
//! `--wait`) waits until CloudConvert has downloaded the file. Without `--wait` a URL ends
//! once its task exists.

use crate::api::client::Client;
use crate::api::request::{ImportRequest, UrlImport};
use crate::api::task;
use crate::batch::{Stages, Step};
use crate::error::{Exit, Result};
use crate::events::Reporter;
use crate::progress::Total;
use crate::record::prior::Resume;
use crate::run::ItemRef;
use crate::wait::{self, Ended};
use serde_json::{Value, json};
use std::time::Duration;

pub struct UrlImports<'a> {
    pub api: &'a Client,
    pub report: &'a dyn Reporter,
    /// Each URL's request but the URL.
    pub template: UrlImport,
    /// `--wait`: settle each task; else a URL is done when its task exists.
    pub wait: bool,
    pub wait_timeout: Duration,
    /// What the record says to do with each URL, by place (none: as in a first run).
    pub resume: Vec<Resume>,
}

/// A created task to wait for.
pub struct Created {
    task: Value,
}

/// The request for one URL of a batch.
pub fn request(template: &UrlImport, url: &str) -> ImportRequest {
    ImportRequest::Url(UrlImport {
        url: url.to_string(),
        ..template.clone()
    })
}

impl Stages for UrlImports<'_> {
    type Item = String;
    type Sent = Created;
    const UPLOADS: bool = false;

    fn send(&self, url: &String, at: &ItemRef, _total: Option<&Total>) -> Result<Step<Created>> {
        match self
            .resume
            .get(at.place())
            .cloned()
            .unwrap_or(Resume::Fresh)
        {
            Resume::Done { task, .. } => {
                at.earlier();
                return Ok(Step::Ended(Ended {
                    task,
                    exit: Exit::Ok,
                    error: None,
                }));
            }
            // An earlier run's task, not finished: followed (or shown), never made again.
            Resume::Task { id, .. } => {
                at.created(&id, None);
                let task = json!({"id": id, "operation": "import/url", "status": "waiting"});
                if self.wait {
                    return Ok(Step::Settle(Created { task }));
                }
                let task = self.api.task_by(&id, None).map_err(|e| e.about_task(&id))?;
                return Ok(Step::Ended(Ended {
                    task,
                    exit: Exit::Ok,
                    error: None,
                }));
            }
            Resume::Again(_) | Resume::Fresh => {}
        }
        let request = request(&self.template, url);
        let task = {
            // An interrupt while the create is out cannot know whether the task exists: it
            // waits until the task is in the run (or refuses the create, once it has begun).
            let _creating = at.creating()?;
            let task = self.api.create_task(request.operation(), &request.body())?;
            if let Ok(id) = task::checked_id(&task) {
                at.created(&id, None);
            }
            task
        };
        if !self.wait {
            return Ok(Step::Ended(Ended {
                task,
                exit: Exit::Ok,
                error: None,
            }));
        }
        task::checked_id(&task)?;
        Ok(Step::Settle(Created { task }))
    }

    fn settle(&self, _url: &String, _at: &ItemRef, created: Created) -> Result<Ended> {
        let id = task::id(&created.task).unwrap_or("?").to_string();
        // The batch's total line counts the waits: no spinner or status line of their own.
        wait::until_done(
            self.api,
            self.report,
            created.task,
            wait::deadline_in(self.wait_timeout),
            false,
            None,
        )
        .map(|waited| wait::ended(waited, self.wait_timeout))
        .map_err(|e| wait::naming_the_task(e, &id))
    }

    fn label<'a>(&self, url: &'a String) -> &'a str {
        url
    }

    fn bytes(&self, _url: &String) -> u64 {
        0
    }

    fn halted(&self) -> Option<String> {
        self.api
            .unreachable()
            .map(|host| format!("the API at {host} cannot be reached"))
    }

    fn recorded(&self, url: &String) -> Option<(String, crate::record::Source)> {
        Some(recorded(&self.template, url))
    }
}

/// What the record keeps of a URL, and its key there: the whole request (URL, headers,
/// name) hashed, so that a secret in it is never written.
pub fn recorded(template: &UrlImport, url: &str) -> (String, crate::record::Source) {
    let source = crate::record::Source::url(url);
    (source.key(&request(template, url).body()), source)
}
