//! The API's endpoints the tool calls, each one call by the policy of `call`.

use super::answer::{data, json, the_one_asked, the_task_asked};
use super::call::Call;
use super::{Client, POLLS_PER_SECOND, Thing, action_path, task_path};
use crate::api::task::TASK_MAY_EXIST;
use crate::error::Result;
use crate::net::retry::Idempotency;
use reqwest::Method;
use serde_json::Value;
use std::time::Instant;

impl Client {
    /// `POST /v2/<operation>`: creates a task and returns it.
    pub fn create_task(&self, operation: &str, body: &Value) -> Result<Value> {
        let answer = self.call(Method::POST, operation, Some(body), Idempotency::Creates)?;
        data(&answer).map_err(|e| e.with_hint(TASK_MAY_EXIST))
    }

    /// `GET /v2/tasks/{id}`, with `?include=` for the fields the API leaves out unless asked.
    pub fn task(&self, id: &str, include: &[String]) -> Result<Value> {
        let answer = self.call(
            Method::GET,
            &task_path(id, include),
            None,
            Idempotency::Safe,
        )?;
        the_task_asked(data(&answer)?, id)
    }

    /// A wait's poll of `GET /v2/tasks/{id}` (or `/v2/jobs/{id}`): paced with every other poll
    /// of the run, so that a batch polling hundreds of tasks stays inside the API's rate limit;
    /// given up at `deadline`.
    pub fn poll(&self, thing: Thing, id: &str, deadline: Option<Instant>) -> Result<Value> {
        self.polls_told.call_once(|| {
            self.report.detail(&format!(
                "waits poll the API host: at most {POLLS_PER_SECOND} polls a second over all tasks (the API allows 500 requests a minute)"
            ))
        });
        let url = format!("{}/{}", self.base, thing.path(id));
        let answer = self.call_by(&Call {
            method: Method::GET,
            url: &url,
            body: None,
            idem: Idempotency::Safe,
            deadline,
            polls: Some(&self.polls),
        })?;
        the_one_asked(data(&answer)?, id, thing)
    }

    /// `GET /v2/tasks/{id}`, given up at `deadline` whatever the server does: every attempt,
    /// retry pause and rate-limit pause is cut there.
    pub fn task_by(&self, id: &str, deadline: Option<Instant>) -> Result<Value> {
        self.look_by(Thing::Task, id, deadline)
    }

    /// `GET /v2/tasks/{id}` or `/v2/jobs/{id}`, as `task_by` says.
    pub fn look_by(&self, thing: Thing, id: &str, deadline: Option<Instant>) -> Result<Value> {
        let url = format!("{}/{}", self.base, thing.path(id));
        let answer = self.call_by(&Call {
            method: Method::GET,
            url: &url,
            body: None,
            idem: Idempotency::Safe,
            deadline,
            polls: None,
        })?;
        the_one_asked(data(&answer)?, id, thing)
    }

    /// `GET /v2/tasks?…` or `/v2/jobs?…`: one page, the whole answer (`data`, `links`,
    /// `meta`).
    pub fn page(&self, thing: Thing, query: &str) -> Result<Value> {
        let path = format!("{}s?{query}", thing.word());
        json(&self.call(Method::GET, &path, None, Idempotency::Safe)?)
    }

    /// `POST /v2/tasks/{id}/cancel` or `…/retry`: the task as it is afterwards (for a retry, the
    /// new task).
    pub fn task_action(&self, id: &str, action: &str) -> Result<Value> {
        let idem = if action == "retry" {
            Idempotency::Creates
        } else {
            Idempotency::Changes
        };
        data(&self.call(Method::POST, &action_path(id, action), None, idem)?)
    }

    /// `DELETE /v2/tasks/{id}` or `/v2/jobs/{id}`: answered with 204 and no body.
    pub fn delete(&self, thing: Thing, id: &str) -> Result<()> {
        self.call(Method::DELETE, &thing.path(id), None, Idempotency::Changes)
            .map(drop)
    }

    /// `POST /v2/jobs`: creates the job (its tasks with it) and returns it.
    pub fn create_job(&self, body: &Value) -> Result<Value> {
        let answer = self.call(Method::POST, "jobs", Some(body), Idempotency::Creates)?;
        data(&answer).map_err(|e| {
            e.with_hint("the job may have been created; check with cloudconvert job list --limit 5")
        })
    }

    /// `GET /v2/<path>`, returning its `data`.
    pub fn get(&self, path: &str) -> Result<Value> {
        data(&self.call(Method::GET, path, None, Idempotency::Safe)?)
    }
}
