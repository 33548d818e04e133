//! One API call by the policy: it waits its turn (an outage's round, the rate-limit gate, the
//! poll budget), goes out, and is retried as `net::retry` decides, each retry said once with
//! its host and call.

use super::Client;
use super::answer::{Answer, BodyRead, read_bounded, status_error};
use crate::api::task::TASK_MAY_EXIST;
use crate::error::{Error, Exit, Kind, Result};
use crate::net::failure::{first_line, host_of, is_permanent, transport_error};
use crate::net::limit::Limiter;
use crate::net::reach::Round;
use crate::net::retry::{self, Decision, Failure, Idempotency, Retries};
use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

/// One call: what goes out, and what bounds it.
pub(super) struct Call<'a> {
    pub method: Method,
    pub url: &'a str,
    pub body: Option<&'a Value>,
    pub idem: Idempotency,
    /// A wait's deadline: until then the call is sent again as often as it allows.
    pub deadline: Option<Instant>,
    /// The poll budget every attempt takes its turn in.
    pub polls: Option<&'a Limiter>,
}

/// Whether an attempt may go out now.
enum Turn {
    Go,
    /// Wait again (the gate closed while waiting for the poll budget).
    Again,
}

impl Call<'_> {
    fn left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
    }

    fn past_deadline(&self) -> Error {
        Error::new(
            Exit::Unavailable,
            format!("{}: no answer before the deadline", host_of(self.url)),
        )
        .of_kind(Kind::TimedOut)
    }
}

impl Client {
    /// Sends one API call by the retry policy; the body of a 2xx answer.
    pub(super) fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        idem: Idempotency,
    ) -> Result<Vec<u8>> {
        let url = format!("{}/{path}", self.base);
        self.call_by(&Call {
            method,
            url: &url,
            body,
            idem,
            deadline: None,
            polls: None,
        })
    }

    /// A call, ended at its deadline if it has one. A call with a deadline (a wait's) is sent
    /// again as often as the deadline allows, not `--retries` times: a rate limit inside a wait
    /// is a pause, bounded by `--wait-timeout`. With a poll budget, every attempt takes its
    /// turn in it, retries too, so that waits retried after a pause never burst past it.
    pub(super) fn call_by(&self, call: &Call) -> Result<Vec<u8>> {
        let mut retries = Retries::new(self.retries, call.deadline);
        loop {
            if let Turn::Again = self.turn(call)? {
                continue;
            }
            let started = Instant::now();
            let timeout = call.left().map_or(self.timeout, |l| l.min(self.timeout));
            let (failure, error) = match self.attempt(call, timeout) {
                Ok((status, answer)) => {
                    self.log(&call.method, call.url, &status.to_string(), started);
                    self.reach.reached(started);
                    match answer {
                        Ok(a) if (200..300).contains(&status) => {
                            self.pause(call.url, &a);
                            return Ok(a.body);
                        }
                        Ok(a) => {
                            let told = self.pause(call.url, &a);
                            // One job's 429 is told once: the others wait at the gate quietly.
                            if !told
                                && a.retry_after.is_some_and(|w| w <= retry::MAX_RETRY_AFTER)
                                && retries.more()
                            {
                                retries.again();
                                continue;
                            }
                            let failure = Failure::Status(status, a.retry_after);
                            (failure, status_error(status, &a.body, call.url))
                        }
                        Err(failed) => failed,
                    }
                }
                Err(e) => {
                    self.log(&call.method, call.url, "failed", started);
                    (
                        failure_of(&e, call.url),
                        transport_error(&e, call.url, timeout),
                    )
                }
            };
            let error = self.named(error, call.url);
            if let Failure::Connect = failure {
                self.unreached(call.url, &error)?;
                continue;
            }
            match retries.decide(failure, call.idem) {
                Decision::Retry(wait) => {
                    self.retry_note(call, &error, &retries, wait);
                    continue;
                }
                Decision::UntilDeadline(left) => {
                    std::thread::sleep(left);
                    return Err(call.past_deadline());
                }
                Decision::Stop => return Err(given_up(failure, call.idem, error)),
            }
        }
    }

    /// Waits for the call's turn: the outage's next round (every call's, not this one's), the
    /// rate-limit gate, and the poll budget, each within the deadline.
    fn turn(&self, call: &Call) -> Result<Turn> {
        if !self.reach.turn(call.deadline)? {
            return Err(call.past_deadline());
        }
        if !self.gate.wait_at_most(call.left()) || call.left().is_some_and(|l| l.is_zero()) {
            return Err(call.past_deadline());
        }
        // A poll goes out at its turn in the budget, with the gate open at that moment: polls
        // that waited at a closed gate do not all go at once when it opens.
        if let Some(p) = call.polls {
            let Some(start) = p.book_by(1, call.deadline) else {
                self.reach.idle(call.left().unwrap_or_default());
                return Err(call.past_deadline());
            };
            // Waiting for its turn, a poll wakes when the API is given up on.
            self.reach
                .idle(start.saturating_duration_since(Instant::now()));
            if !self.reach.turn(call.deadline)? {
                return Err(call.past_deadline());
            }
            if !self.gate.is_open() {
                return Ok(Turn::Again);
            }
        }
        Ok(Turn::Go)
    }

    /// A call that could not connect: one fact of the run's outage, whose round it waits for
    /// (its line said once), or the end of the run's patience.
    fn unreached(&self, url: &str, error: &Error) -> Result<()> {
        let host = host_of(url);
        let why = error
            .message
            .strip_prefix(&format!("{host}: "))
            .unwrap_or(&error.message);
        match self.reach.failed(&host, first_line(why), self.retries) {
            Round::Again(say) => {
                if let Some(line) = say {
                    self.report.note(&line);
                }
                Ok(())
            }
            Round::GiveUp(e) => Err(e),
        }
    }

    /// The one line a retry gets: which host, which call, what went wrong, and the pause.
    fn retry_note(&self, call: &Call, error: &Error, retries: &Retries, wait: Duration) {
        let host = host_of(call.url);
        let why = first_line(&error.message);
        let why = why.strip_prefix(&format!("{host}: ")).unwrap_or(why);
        let path = reqwest::Url::parse(call.url)
            .map_or_else(|_| call.url.to_string(), |u| u.path().to_string());
        self.pause_to_retry(
            retries,
            &format!("{host}: {} {path}: {why}", call.method),
            wait,
        );
    }

    pub(super) fn request(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
    ) -> reqwest::blocking::RequestBuilder {
        let req = self
            .http
            .request(method.clone(), url)
            .bearer_auth(&self.api_key)
            .header(ACCEPT, "application/json");
        match body {
            Some(b) => req
                .header(CONTENT_TYPE, "application/json")
                .body(b.to_string()),
            None => req,
        }
    }

    /// Closes the gate as an answer asks; true when this answer moved the reopening later
    /// (and said so under `-v`).
    fn pause(&self, url: &str, answer: &Answer) -> bool {
        let Some(pause) = answer.retry_after.or(answer.window) else {
            return false;
        };
        let pause = pause.min(retry::MAX_RETRY_AFTER);
        let closed = self.gate.close_for(pause);
        if closed {
            self.report.detail(&format!(
                "{}: rate limit reached; every request waits {:.1} s",
                host_of(url),
                pause.as_secs_f64()
            ));
        }
        closed
    }

    /// One attempt: the status, and the body read up to `MAX_ANSWER`, or why it could not be
    /// (cut off: the server may have acted; too large: trying again would not help).
    fn attempt(&self, call: &Call, timeout: Duration) -> Result<(u16, BodyRead), reqwest::Error> {
        let resp = self
            .request(&call.method, call.url, call.body)
            .timeout(timeout.max(Duration::from_millis(1)))
            .send()?;
        let status = resp.status().as_u16();
        let now = SystemTime::now();
        // `Retry-After` counts only where it means something: on a 429 or a 503.
        let retry_after = matches!(status, 429 | 503)
            .then(|| resp.headers().get(RETRY_AFTER)?.to_str().ok())
            .flatten()
            .and_then(|v| retry::parse_retry_after(v, now));
        let window = crate::net::gate::window(resp.headers(), now);
        let body = match read_bounded(resp) {
            Ok(Ok(body)) => Ok(Answer {
                body,
                retry_after,
                window,
            }),
            Ok(Err(too_large)) => Err((Failure::Unusable, too_large)),
            Err(e) => Err((Failure::Network, transport_error(&e, call.url, timeout))),
        };
        Ok((status, body))
    }
}

/// What kind of failure a transport error is, for the retry policy.
fn failure_of(e: &reqwest::Error, url: &str) -> Failure {
    if is_permanent(e, url) {
        Failure::Permanent
    } else if e.is_connect() {
        Failure::Connect
    } else {
        Failure::Network
    }
}

/// The error of a call the policy gave up on, with what helps: how long a server asked to
/// wait, or that a create or change may have happened.
fn given_up(failure: Failure, idem: Idempotency, error: Error) -> Error {
    if let Some(asked) = retry::asked_too_long(failure) {
        return error.with_hint(format!(
            "the server asked to wait {} s before trying again, longer than the {} s this tool waits; try again later",
            asked.as_secs(),
            retry::MAX_RETRY_AFTER.as_secs()
        ));
    }
    match idem {
        Idempotency::Creates if retry::may_have_acted(failure) => error.with_hint(TASK_MAY_EXIST),
        Idempotency::Changes if retry::may_have_acted(failure) => error.with_hint(
            "the request may have been carried out before this failure; check with `cloudconvert task show ID`",
        ),
        _ => error,
    }
}
