//! The sync host: `GET tasks/{id}` (or `jobs/{id}`) held until the task (or job) has ended, one attempt at a time (what
//! to do when it fails is the wait's choice).

use super::answer::{data, read_bounded, status_error, the_one_asked};
use super::{Client, Thing};
use crate::error::Error;
use crate::net::failure::transport_error;
use reqwest::Method;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Why a call to the sync host gave no task.
pub enum SyncError {
    /// The held call reached the limit it was given (what was left of the wait).
    Deadline,
    /// The sync host failed (connection, 5xx, 429): the wait goes on by polling the API host.
    Unavailable(Error),
    /// The sync host refused (4xx): the same answer would come from the API host.
    Refused(Error),
}

impl Client {
    /// `GET {sync}/tasks/{id}`, held by the server until the task has ended, for at most `hold`.
    /// One attempt: what to do on a failure is the wait's choice.
    /// `limit` names what set `hold`, for `-v`.
    pub fn sync_task(&self, id: &str, hold: Duration, limit: &str) -> Result<Value, SyncError> {
        self.sync_of(Thing::Task, id, hold, limit)
    }

    /// `GET {sync}/tasks/{id}` or `…/jobs/{id}`, as `sync_task` says.
    pub fn sync_of(
        &self,
        thing: Thing,
        id: &str,
        hold: Duration,
        limit: &str,
    ) -> Result<Value, SyncError> {
        let Some(sync) = &self.sync else {
            return Err(SyncError::Unavailable(Error::failure("no sync host")));
        };
        let url = format!("{sync}/{}", thing.path(id));
        let started = Instant::now();
        let sent = self
            .request(&Method::GET, &url, None)
            .timeout(hold.max(Duration::from_millis(1)))
            .send();
        let resp = match sent {
            Err(e) if e.is_timeout() && !e.is_connect() => {
                // Not a failure: the wait set the call's limit and reached it.
                self.log(
                    &Method::GET,
                    &url,
                    &format!("held call ended at {limit}"),
                    started,
                );
                return Err(SyncError::Deadline);
            }
            Err(e) => {
                self.log(&Method::GET, &url, "failed", started);
                return Err(SyncError::Unavailable(
                    self.named(transport_error(&e, &url, hold), &url),
                ));
            }
            Ok(r) => r,
        };
        let status = resp.status().as_u16();
        let body = read_bounded(resp);
        self.log(&Method::GET, &url, &status.to_string(), started);
        match body {
            Err(e) if e.is_timeout() => Err(SyncError::Deadline),
            Err(e) => Err(SyncError::Unavailable(transport_error(&e, &url, hold))),
            Ok(Err(too_large)) => Err(SyncError::Unavailable(too_large)),
            // A sync host that answers with another task is not trusted for this wait: the
            // API host is asked instead.
            Ok(Ok(bytes)) if (200..300).contains(&status) => data(&bytes)
                .and_then(|t| the_one_asked(t, id, thing))
                .map_err(SyncError::Unavailable),
            Ok(Ok(bytes)) if status >= 500 || status == 429 => {
                Err(SyncError::Unavailable(status_error(status, &bytes, &url)))
            }
            Ok(Ok(bytes)) => Err(SyncError::Refused(
                self.named(status_error(status, &bytes, &url), &url),
            )),
        }
    }
}
