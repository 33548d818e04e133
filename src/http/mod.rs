//! The one HTTP layer: every API call goes through `Http`, which adds the key and the
//! User-Agent, retries by the policy in `retry`, logs under `-v`, and turns answers into tasks
//! or errors.

pub mod retry;
pub mod upload;

use crate::api;
use crate::config::Settings;
use crate::error::{Error, Exit, Result};
use crate::output;
use reqwest::Method;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use retry::Failure;
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

pub const USER_AGENT: &str = concat!("cloudconvert-cli/", env!("CARGO_PKG_VERSION"));

pub struct Http {
    client: Client,
    api_key: String,
    base: String,
    verbose: bool,
    quiet: bool,
    retries: u32,
    timeout: Duration,
    /// The upload's async runtime and client, made on the first upload.
    uploader: std::sync::OnceLock<upload::Uploader>,
}

impl Http {
    pub fn new(settings: &Settings) -> Result<Http> {
        let api_key = settings.require_key()?.to_string();
        let client = Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(settings.timeout)
            .timeout(settings.timeout)
            // The API does not redirect; following one could carry the key elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Http {
            client,
            api_key,
            base: settings.hosts.api.clone(),
            verbose: settings.verbose,
            quiet: settings.quiet,
            retries: settings.retries,
            timeout: settings.timeout,
            uploader: std::sync::OnceLock::new(),
        })
    }

    /// `POST /v2/<operation>`: creates a task and returns it.
    pub fn create_task(&self, operation: &str, body: &Value) -> Result<Value> {
        self.call(Method::POST, operation, Some(body), true)
    }

    /// `GET /v2/tasks/{id}`.
    pub fn task(&self, id: &str) -> Result<Value> {
        self.call(Method::GET, &format!("tasks/{id}"), None, false)
    }

    /// `GET /v2/<path>`, returning its `data`.
    pub fn get(&self, path: &str) -> Result<Value> {
        self.call(Method::GET, path, None, false)
    }

    fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        creates: bool,
    ) -> Result<Value> {
        let url = format!("{}/{path}", self.base);
        let mut attempt = 0;
        loop {
            let started = Instant::now();
            let (failure, error) = match self.attempt(&method, &url, body) {
                Ok((status, bytes)) if (200..300).contains(&status) => {
                    self.log(&method, &url, &status.to_string(), started);
                    return data(&bytes);
                }
                Ok((status, bytes)) => {
                    self.log(&method, &url, &status.to_string(), started);
                    (
                        Failure::Status(status, None),
                        status_error(status, &bytes, &url),
                    )
                }
                Err(AttemptError::Status {
                    status,
                    retry_after,
                    body,
                }) => {
                    self.log(&method, &url, &status.to_string(), started);
                    (
                        Failure::Status(status, retry_after),
                        status_error(status, &body, &url),
                    )
                }
                Err(AttemptError::Transport(e)) => {
                    self.log(&method, &url, "failed", started);
                    let failure = if e.is_connect() {
                        Failure::Connect
                    } else {
                        Failure::Network
                    };
                    (failure, transport_error(&e, &url, self.timeout))
                }
            };
            if attempt < self.retries
                && let Some(wait) = retry::next_wait(failure, attempt, creates)
            {
                attempt += 1;
                if !self.quiet || self.verbose {
                    output::note(&format!(
                        "{}; retrying in {:.1} s (retry {attempt} of {})",
                        first_line(&error.message),
                        wait.as_secs_f64(),
                        self.retries
                    ));
                }
                std::thread::sleep(wait);
                continue;
            }
            return Err(if creates && retry::may_have_acted(failure) {
                error.with_hint("the task may have been created before this failure; check your tasks at https://cloudconvert.com/dashboard before running the command again")
            } else {
                error
            });
        }
    }

    fn attempt(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Vec<u8>), AttemptError> {
        let mut req = self
            .client
            .request(method.clone(), url)
            .bearer_auth(&self.api_key)
            .header(ACCEPT, "application/json");
        if let Some(b) = body {
            req = req
                .header(CONTENT_TYPE, "application/json")
                .body(b.to_string());
        }
        let resp = req.send().map_err(AttemptError::Transport)?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
        let bytes = resp.bytes().map_err(AttemptError::Transport)?.to_vec();
        if matches!(status, 429 | 503) {
            return Err(AttemptError::Status {
                status,
                retry_after,
                body: bytes,
            });
        }
        Ok((status, bytes))
    }

    fn log(&self, method: &Method, url: &str, outcome: &str, started: Instant) {
        if self.verbose {
            output::verbose(&format!(
                "{method} {url} {outcome} ({} ms)",
                started.elapsed().as_millis()
            ));
        }
    }
}

enum AttemptError {
    Status {
        status: u16,
        retry_after: Option<Duration>,
        body: Vec<u8>,
    },
    Transport(reqwest::Error),
}

/// The task in a `{"data": task}` answer.
fn data(bytes: &[u8]) -> Result<Value> {
    let v: Value = serde_json::from_slice(bytes)
        .map_err(|e| Error::failure(format!("unexpected answer from the API (not JSON: {e})")))?;
    match v {
        Value::Object(mut map) => match map.remove("data") {
            Some(task @ Value::Object(_)) => Ok(task),
            _ => Err(Error::failure(
                "unexpected answer from the API (no data object)",
            )),
        },
        _ => Err(Error::failure(
            "unexpected answer from the API (not an object)",
        )),
    }
}

/// An error answer of the API; a server failure also names the host that failed.
fn status_error(status: u16, body: &[u8], url: &str) -> Error {
    let mut e = api::error::from_response(status, reason(status), body);
    if status >= 500 {
        e.message = format!("{}: {}", host_of(url), e.message);
    }
    e
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("HTTP error")
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

pub fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_else(|| url.to_string())
}

/// A network failure, named as a person would: refused, timed out, reset.
pub fn transport_error(e: &reqwest::Error, url: &str, timeout: Duration) -> Error {
    let host = host_of(url);
    let what = if e.is_timeout() {
        format!("timed out after {} s", timeout.as_secs())
    } else if let Some(io) = io_cause(e) {
        match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                "connection reset".into()
            }
            _ => io.to_string(),
        }
    } else if e.is_connect() {
        format!("cannot connect ({})", root_cause(e))
    } else {
        root_cause(e)
    };
    Error::new(Exit::Unavailable, format!("{host}: {what}"))
}

fn io_cause<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a std::io::Error> {
    let mut cur: Option<&'a (dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        cur = err.source();
    }
    None
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}
