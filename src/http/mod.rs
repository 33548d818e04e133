//! The one HTTP layer: every API call goes through `Http`, which adds the key and the
//! User-Agent, retries by the policy in `retry`, logs under `-v`, and turns answers into tasks
//! or errors.

mod certificate;
mod gate;
pub mod limit;
pub mod multipart;
pub mod proxy;
mod reach;
pub mod retry;
mod socket;
pub mod trust;
pub mod upload;

use crate::api;
use crate::api::task::TASK_MAY_EXIST;
use crate::config::Settings;
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use reqwest::Method;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use retry::{Decision, Failure, Idempotency, Retries};
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

pub const USER_AGENT: &str = concat!("cloudconvert-cli/", env!("CARGO_PKG_VERSION"));

/// The path of a task, and of the fields asked for with it. `--dry-run` shows the same path.
pub fn task_path(id: &str, include: &[String]) -> String {
    if include.is_empty() {
        format!("tasks/{id}")
    } else {
        format!("tasks/{id}?include={}", include.join(","))
    }
}

/// The path of an action on a task: `cancel` or `retry`.
pub fn action_path(id: &str, action: &str) -> String {
    format!("tasks/{id}/{action}")
}

/// The most of an API answer that is read: a task or a page of 100 tasks is a few KiB, so more
/// than this is a broken or hostile server, not an answer.
pub const MAX_ANSWER: u64 = 8 << 20;

pub struct Http {
    client: Client,
    api_key: String,
    base: String,
    /// The sync host's base, when waits may ask it.
    sync: Option<String>,
    verbose: bool,
    quiet: bool,
    retries: u32,
    timeout: Duration,
    /// The rate-limit pause every API call waits at, shared by every job.
    gate: gate::Gate,
    /// Whether the API can be reached, shared by every job.
    reach: reach::Reach,
    /// The upload's async runtime and client, made on the first upload.
    uploader: std::sync::OnceLock<upload::Uploader>,
    /// The TLS settings of the API client, which uploads use too.
    tls: std::sync::Arc<rustls::ClientConfig>,
    /// The polls of every wait together, when waits poll the API host.
    polls: limit::Limiter,
    polls_told: std::sync::Once,
    /// The sync host failed a wait, said once for the run.
    sync_told: std::sync::Once,
    /// Where the notes and `-v` lines of the calls go.
    out: Printer,
    /// Where the key came from, and whether it is for the sandbox: a refusal names them.
    key_source: Option<crate::config::KeySource>,
    sandbox: bool,
    /// The proxies of the usual variables, as both clients read them: to tell whether a proxy
    /// that refused was sent credentials.
    proxies: hyper_util::client::proxy::matcher::Matcher,
}

/// Cuts off every upload under way (see `socket::reset_all`); true where that can be done.
pub fn reset_uploads() -> bool {
    socket::reset_all()
}

/// Polls a second over every wait of a batch, when there is no sync host: the API allows 500
/// requests a minute (8 a second) for the whole account; this leaves half for creates.
pub const POLLS_PER_SECOND: u64 = 4;

/// Why a call to the sync host gave no task.
pub enum SyncError {
    /// The held call reached the limit it was given (what was left of the wait).
    Deadline,
    /// The sync host failed (connection, 5xx, 429): the wait goes on by polling the API host.
    Unavailable(Error),
    /// The sync host refused (4xx): the same answer would come from the API host.
    Refused(Error),
}

impl Http {
    pub fn new(settings: &Settings, out: &Printer) -> Result<Http> {
        // reqwest is built without a TLS crypto provider (see Cargo.toml): ring is it. A second
        // call finds it installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let api_key = settings.require_key()?.to_string();
        let trust = trust::load()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        if trust.built_in && settings.verbose {
            out.verbose(
                "this system has no certificate authorities (none in its store, SSL_CERT_FILE or SSL_CERT_DIR): trusting Mozilla's, built into the tool",
            );
        }
        let client = Client::builder()
            .use_preconfigured_tls((*trust.config).clone())
            .user_agent(USER_AGENT)
            .connect_timeout(settings.timeout)
            .timeout(settings.timeout)
            // The API does not redirect; following one could carry the key elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        // The key goes to the sync host too.
        for host in std::iter::once(&settings.hosts.api).chain(&settings.hosts.sync) {
            if in_clear(host) {
                out.warn(&format!(
                    "{host} is plain http and not this machine: the API key would travel unencrypted"
                ));
            }
        }
        Ok(Http {
            client,
            tls: trust.config,
            api_key,
            base: settings.hosts.api.clone(),
            sync: settings.hosts.sync.clone(),
            verbose: settings.verbose,
            quiet: settings.quiet,
            retries: settings.retries,
            timeout: settings.timeout,
            gate: gate::Gate::default(),
            reach: reach::Reach::default(),
            uploader: std::sync::OnceLock::new(),
            polls: limit::Limiter::new(POLLS_PER_SECOND),
            polls_told: std::sync::Once::new(),
            sync_told: std::sync::Once::new(),
            out: out.clone(),
            proxies: hyper_util::client::proxy::matcher::Matcher::from_env(),
            key_source: settings.api_key.as_ref().map(|k| k.source.clone()),
            sandbox: settings.sandbox,
        })
    }

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

    /// A wait's poll of `GET /v2/tasks/{id}`: paced with every other poll of the run, so that a
    /// batch polling hundreds of tasks stays inside the API's rate limit; given up at
    /// `deadline`.
    pub fn poll_task(&self, id: &str, deadline: Option<Instant>) -> Result<Value> {
        self.polls_told.call_once(|| {
            self.verbose(&format!(
                "waits poll the API host: at most {POLLS_PER_SECOND} polls a second over all tasks (the API allows 500 requests a minute)"
            ))
        });
        let url = format!("{}/{}", self.base, task_path(id, &[]));
        let answer = self.call_by(
            Method::GET,
            &url,
            None,
            Idempotency::Safe,
            deadline,
            Some(&self.polls),
        )?;
        the_task_asked(data(&answer)?, id)
    }

    /// `GET /v2/tasks/{id}`, given up at `deadline` whatever the server does: every attempt,
    /// retry pause and rate-limit pause is cut there.
    pub fn task_by(&self, id: &str, deadline: Option<Instant>) -> Result<Value> {
        let url = format!("{}/{}", self.base, task_path(id, &[]));
        let answer = self.call_by(Method::GET, &url, None, Idempotency::Safe, deadline, None)?;
        the_task_asked(data(&answer)?, id)
    }

    /// `GET /v2/tasks?…`: one page, the whole answer (`data`, `links`, `meta`).
    pub fn task_page(&self, query: &str) -> Result<Value> {
        let answer = self.call(
            Method::GET,
            &format!("tasks?{query}"),
            None,
            Idempotency::Safe,
        )?;
        json(&answer)
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

    /// `DELETE /v2/tasks/{id}`: answered with 204 and no body.
    pub fn delete_task(&self, id: &str) -> Result<()> {
        self.call(
            Method::DELETE,
            &task_path(id, &[]),
            None,
            Idempotency::Changes,
        )
        .map(drop)
    }

    /// `GET /v2/<path>`, returning its `data`.
    pub fn get(&self, path: &str) -> Result<Value> {
        data(&self.call(Method::GET, path, None, Idempotency::Safe)?)
    }

    /// Sleeps between a wait's two looks at its task: `pause`, or less once the run gives up
    /// reaching the API (then the next look fails at once).
    pub fn idle(&self, pause: Duration) {
        self.reach.idle(pause)
    }

    /// The API host, once the run has given up reaching it.
    pub fn unreachable(&self) -> Option<String> {
        self.reach.lost()
    }

    /// The sync host failed a wait, which goes on by asking the API host: said once for the
    /// run, not once a wait.
    pub fn sync_failed(&self, e: &Error) {
        self.sync_told.call_once(|| {
            self.note(&format!(
                "{}; waits ask the API host instead",
                first_line(&e.message)
            ))
        });
    }

    /// Whether waits can ask a sync host.
    pub fn has_sync(&self) -> bool {
        self.sync.is_some()
    }

    /// `GET {sync}/tasks/{id}`, held by the server until the task has ended, for at most `hold`.
    /// One attempt: what to do on a failure is the wait's choice.
    /// `limit` names what set `hold`, for `-v`.
    pub fn sync_task(&self, id: &str, hold: Duration, limit: &str) -> Result<Value, SyncError> {
        let Some(sync) = &self.sync else {
            return Err(SyncError::Unavailable(Error::failure("no sync host")));
        };
        let url = format!("{sync}/tasks/{id}");
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
                .and_then(|t| the_task_asked(t, id))
                .map_err(SyncError::Unavailable),
            Ok(Ok(bytes)) if status >= 500 || status == 429 => {
                Err(SyncError::Unavailable(status_error(status, &bytes, &url)))
            }
            Ok(Ok(bytes)) => Err(SyncError::Refused(
                self.named(status_error(status, &bytes, &url), &url),
            )),
        }
    }

    /// Sends one API call by the retry policy; the body of a 2xx answer.
    fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        idem: Idempotency,
    ) -> Result<Vec<u8>> {
        let url = format!("{}/{path}", self.base);
        self.call_by(method, &url, body, idem, None, None)
    }

    /// `call`, ended at `deadline` if one is given. A call with a deadline (a wait's) is sent
    /// again as often as the deadline allows, not `--retries` times: a rate limit inside a wait
    /// is a pause, bounded by `--wait-timeout`. With `polls`, every attempt takes its turn in
    /// the poll budget, retries too, so that waits retried after a pause never burst past it.
    fn call_by(
        &self,
        method: Method,
        url: &str,
        body: Option<&Value>,
        idem: Idempotency,
        deadline: Option<Instant>,
        polls: Option<&limit::Limiter>,
    ) -> Result<Vec<u8>> {
        let mut retries = Retries::new(self.retries, deadline);
        let left = || deadline.map(|d| d.saturating_duration_since(Instant::now()));
        let past_deadline = || {
            Error::new(
                Exit::Unavailable,
                format!("{}: no answer before the deadline", host_of(url)),
            )
            .of_kind(crate::error::Kind::TimedOut)
        };
        loop {
            // An outage is the run's, not this call's: its next round is every call's.
            if !self.reach.turn(deadline)? {
                return Err(past_deadline());
            }
            if !self.gate.wait_at_most(left()) || left().is_some_and(|l| l.is_zero()) {
                return Err(past_deadline());
            }
            // A poll goes out at its turn in the budget, with the gate open at that moment:
            // polls that waited at a closed gate do not all go at once when it opens.
            if let Some(p) = polls {
                let Some(start) = p.book_by(1, deadline) else {
                    self.reach.idle(left().unwrap_or_default());
                    return Err(past_deadline());
                };
                // Waiting for its turn, a poll wakes when the API is given up on.
                self.reach
                    .idle(start.saturating_duration_since(Instant::now()));
                if !self.reach.turn(deadline)? {
                    return Err(past_deadline());
                }
                if !self.gate.is_open() {
                    continue;
                }
            }
            let started = Instant::now();
            let timeout = left().map_or(self.timeout, |l| l.min(self.timeout));
            let (failure, error) = match self.attempt(&method, url, body, timeout) {
                Ok((status, answer)) => {
                    self.log(&method, url, &status.to_string(), started);
                    self.reach.reached();
                    match answer {
                        Ok(a) => {
                            let told = self.pause(url, &a);
                            if (200..300).contains(&status) {
                                return Ok(a.body);
                            }
                            let failure = Failure::Status(status, a.retry_after);
                            // One job's 429 is told once: the others wait at the gate quietly.
                            if !told
                                && a.retry_after.is_some_and(|w| w <= retry::MAX_RETRY_AFTER)
                                && retries.more()
                            {
                                retries.again();
                                continue;
                            }
                            (failure, status_error(status, &a.body, url))
                        }
                        Err(failed) => failed,
                    }
                }
                Err(e) => {
                    self.log(&method, url, "failed", started);
                    let failure = if is_permanent(&e, url) {
                        Failure::Permanent
                    } else if e.is_connect() {
                        Failure::Connect
                    } else {
                        Failure::Network
                    };
                    (failure, transport_error(&e, url, timeout))
                }
            };
            let error = self.named(error, url);
            if let Failure::Connect = failure {
                let host = host_of(url);
                let why = error
                    .message
                    .strip_prefix(&format!("{host}: "))
                    .unwrap_or(&error.message);
                match self.reach.failed(&host, first_line(why), self.retries) {
                    reach::Round::Again(say) => {
                        if let Some(line) = say {
                            self.note(&line);
                        }
                        continue;
                    }
                    reach::Round::GiveUp(e) => return Err(e),
                }
            }
            match retries.decide(failure, idem) {
                Decision::Retry(wait) => {
                    // Which host, which call, what went wrong.
                    let host = host_of(url);
                    let why = first_line(&error.message);
                    let why = why.strip_prefix(&format!("{host}: ")).unwrap_or(why);
                    let path = reqwest::Url::parse(url)
                        .map_or_else(|_| url.to_string(), |u| u.path().to_string());
                    self.pause_to_retry(&retries, &format!("{host}: {method} {path}: {why}"), wait);
                    continue;
                }
                Decision::UntilDeadline(left) => {
                    std::thread::sleep(left);
                    return Err(past_deadline());
                }
                Decision::Stop => {}
            }
            if let Some(asked) = retry::asked_too_long(failure) {
                return Err(error.with_hint(format!(
                    "the server asked to wait {} s before trying again, longer than the {} s this tool waits; try again later",
                    asked.as_secs(),
                    retry::MAX_RETRY_AFTER.as_secs()
                )));
            }
            return Err(match idem {
                Idempotency::Creates if retry::may_have_acted(failure) => {
                    error.with_hint(TASK_MAY_EXIST)
                }
                Idempotency::Changes if retry::may_have_acted(failure) => error.with_hint("the request may have been carried out before this failure; check with `cloudconvert task show ID`"),
                _ => error,
            });
        }
    }

    fn request(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
    ) -> reqwest::blocking::RequestBuilder {
        let req = self
            .client
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
        let closed = self.gate.close_for(pause.min(retry::MAX_RETRY_AFTER));
        if closed && self.verbose {
            self.out.verbose(&format!(
                "{}: rate limit reached; every request waits {:.1} s",
                host_of(url),
                pause.min(retry::MAX_RETRY_AFTER).as_secs_f64()
            ));
        }
        closed
    }

    /// One attempt: the status, and the body read up to `MAX_ANSWER`, or why it could not be
    /// (cut off: the server may have acted; too large: trying again would not help).
    fn attempt(
        &self,
        method: &Method,
        url: &str,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<(u16, BodyRead), reqwest::Error> {
        let resp = self
            .request(method, url, body)
            .timeout(timeout.max(Duration::from_millis(1)))
            .send()?;
        let status = resp.status().as_u16();
        let now = SystemTime::now();
        // `Retry-After` counts only where it means something: on a 429 or a 503.
        let retry_after = matches!(status, 429 | 503)
            .then(|| resp.headers().get(RETRY_AFTER)?.to_str().ok())
            .flatten()
            .and_then(|v| retry::parse_retry_after(v, now));
        let window = gate::window(resp.headers(), now);
        let body = match read_bounded(resp) {
            Ok(Ok(body)) => Ok(Answer {
                body,
                retry_after,
                window,
            }),
            Ok(Err(too_large)) => Err((Failure::Unusable, too_large)),
            Err(e) => Err((Failure::Network, transport_error(&e, url, timeout))),
        };
        Ok((status, body))
    }

    /// A refusal said for what it was: a refused key names where it came from (the variable
    /// that is set and wrong, not a list of ways to set one); where the proxy URL for `url`
    /// holds credentials, the proxy refused them, it did not merely want some.
    fn named(&self, mut e: Error, url: &str) -> Error {
        if e.http_status == Some(401)
            && let Some(source) = &self.key_source
        {
            e.hint = Some(source.refused(self.sandbox));
            return e;
        }
        let sent = || {
            url.parse::<hyper::Uri>().ok().is_some_and(|uri| {
                self.proxies
                    .intercept(&uri)
                    .is_some_and(|p| p.raw_auth().is_some() || p.basic_auth().is_some())
            })
        };
        if e.http_status == Some(407) && sent() {
            proxy_auth_error(&host_of(url), ProxyRefusal::Refused)
        } else {
            e
        }
    }

    /// The printer this client reports to, for the waits and stages that go through it.
    pub fn printer(&self) -> &Printer {
        &self.out
    }

    /// The one place a retry pauses and says so: `WHAT; retrying in 1.2 s (retry 2 of 3)`.
    pub(crate) fn pause_to_retry(&self, retries: &Retries, what: &str, wait: Duration) {
        self.note(&format!(
            "{what}; retrying in {:.1} s ({})",
            wait.as_secs_f64(),
            retries.counted()
        ));
        std::thread::sleep(wait);
    }

    /// A note for people, unless `-q` (and always under `-v`).
    pub fn note(&self, message: &str) {
        if !self.quiet || self.verbose {
            self.out.note(message);
        }
    }

    /// A line for `-v` only.
    pub fn verbose(&self, message: &str) {
        if self.verbose {
            self.out.verbose(message);
        }
    }

    fn log(&self, method: &Method, url: &str, outcome: &str, started: Instant) {
        if self.verbose {
            self.out.verbose(&format!(
                "{method} {url} {outcome} ({} ms)",
                started.elapsed().as_millis()
            ));
        }
    }
}

/// An answer's body as read, or how reading it failed and what kind of failure that is.
type BodyRead = Result<Answer, (Failure, Error)>;

/// An answer's body, and how long it asks new requests to wait.
struct Answer {
    body: Vec<u8>,
    /// `Retry-After` of a 429 or 503.
    retry_after: Option<Duration>,
    /// The rest of the rate-limit window, when `X-Ratelimit-Remaining` reached 0.
    window: Option<Duration>,
}

/// Reads an answer's body, refusing one larger than `MAX_ANSWER`.
fn read_bounded(
    resp: reqwest::blocking::Response,
) -> Result<Result<Vec<u8>, Error>, reqwest::Error> {
    use std::io::Read;
    let host = resp.url().host_str().unwrap_or("the API").to_string();
    // Sized once from Content-Length where the answer says it: growing by doubling would hold
    // up to three times a large answer for a moment.
    let announced = resp.content_length().unwrap_or(0).min(MAX_ANSWER + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    let mut limited = resp.take(MAX_ANSWER + 1);
    if let Err(e) = limited.read_to_end(&mut bytes) {
        // reqwest's reader wraps its own error in an io::Error; give that back as it was.
        return match e
            .into_inner()
            .and_then(|inner| inner.downcast::<reqwest::Error>().ok())
        {
            Some(re) => Err(*re),
            None => Ok(Err(Error::new(
                Exit::Unavailable,
                format!("{host}: the answer was cut off"),
            ))),
        };
    }
    if bytes.len() as u64 > MAX_ANSWER {
        return Ok(Err(Error::failure(format!(
            "{host}: answer too large (over {} MiB); this is not an answer of the CloudConvert API",
            MAX_ANSWER >> 20
        ))));
    }
    Ok(Ok(bytes))
}

/// The most JSON values an answer may hold. A page of 100 tasks with their payloads holds a few
/// tens of thousands; each value parsed costs about 80 bytes whatever its text, so 8 MiB of
/// `[{},{},…]` (2.8 million values) took 600 MiB to parse, where this many take 20.
pub const MAX_VALUES: usize = 250_000;

/// An answer's JSON, refused unread when it holds more values than any answer of the API.
fn json(bytes: &[u8]) -> Result<Value> {
    if values_at_least(bytes, MAX_VALUES) {
        return Err(Error::failure(format!(
            "unexpected answer from the API (over {MAX_VALUES} JSON values); this is not an answer of the CloudConvert API"
        )));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Error::failure(format!("unexpected answer from the API (not JSON: {e})")))
}

/// Whether JSON text holds at least `limit` values: every value but the first opens a
/// container or follows a comma, outside strings.
fn values_at_least(bytes: &[u8], limit: usize) -> bool {
    let (mut count, mut in_string, mut escaped) = (1, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' | b',' => {
                count += 1;
                if count >= limit {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The task in a `{"data": task}` answer.
fn data(bytes: &[u8]) -> Result<Value> {
    match json(bytes)? {
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

/// The task answered, if it is the one asked for: a server that answers with another task's
/// JSON would otherwise have it printed as the task asked for.
fn the_task_asked(task: Value, asked: &str) -> Result<Value> {
    match crate::api::task::id(&task) {
        Some(got) if got == asked => Ok(task),
        got => Err(Error::failure(format!(
            "asked for task {asked}, the server answered with task {}",
            got.unwrap_or("without an id")
        ))),
    }
}

/// An error answer of the API; a server failure also names the host that failed.
fn status_error(status: u16, body: &[u8], url: &str) -> Error {
    if status == 407 {
        return proxy_auth_error(&host_of(url), ProxyRefusal::Wanted);
    }
    let mut e = api::error::from_response(status, reason(status), body);
    if status >= 500 {
        e.message = format!("{}: {}", host_of(url), e.message);
    }
    if status == 429 {
        e.kind = crate::error::Kind::RateLimited;
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

/// A plain-http URL to another machine: what is sent to it can be read on the way.
pub fn in_clear(url: &str) -> bool {
    let Ok(u) = reqwest::Url::parse(url) else {
        return false;
    };
    let host = u.host_str().unwrap_or("");
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    u.scheme() == "http" && !loopback
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

/// A failure of reqwest's, named as `network_error` names it.
pub fn transport_error(e: &reqwest::Error, url: &str, timeout: Duration) -> Error {
    let what = if e.is_connect() && !e.is_timeout() && io_cause(e).is_none() {
        Some(format!("cannot connect ({})", root_cause(e)))
    } else {
        None
    };
    let mut error = network_error(e, url, e.is_timeout(), timeout);
    if let Some(what) = what
        && !certificate_problem(e)
        && !proxy_wants_credentials(e)
        && unknown_region(e, &host_of(url)).is_none()
    {
        error.message = format!("{}: {what}", host_of(url));
    }
    error
}

/// A network failure, named as a person would: refused, timed out, reset; a certificate the
/// system does not trust, said in words with what to do; a region host that does not exist.
pub fn network_error(
    e: &(dyn std::error::Error + 'static),
    url: &str,
    timed_out: bool,
    timeout: Duration,
) -> Error {
    let host = host_of(url);
    if let Some(how) = proxy_refusal(e) {
        return proxy_auth_error(&host, how);
    }
    if let Some(refusal) = certificate::Refusal::of(e) {
        let (what, hint) = refusal.words(&host);
        return Error::new(Exit::Failure, format!("{host}: {what}")).with_hint(hint);
    }
    if let Some(region) = unknown_region(e, &host) {
        return Error::new(Exit::Unavailable, format!("{host}: no such host")).with_hint(format!(
            "the region {region:?} may be wrong; the known regions are {}",
            crate::config::REGIONS.join(", ")
        ));
    }
    let what = if timed_out {
        format!("timed out after {} s", timeout.as_secs())
    } else if causes(e).any(|c| {
        c.to_string()
            .contains("connection closed before message completed")
    }) {
        // hyper's words for an answer that never came.
        "the connection was closed before the answer came".into()
    } else if let Some(io) = io_cause(e) {
        match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted => {
                "connection reset".into()
            }
            std::io::ErrorKind::TimedOut => format!("{io}"),
            _ => io.to_string(),
        }
    } else {
        root_cause(e)
    };
    let kind = if timed_out {
        crate::error::Kind::TimedOut
    } else {
        crate::error::Kind::Network
    };
    Error::new(Exit::Unavailable, format!("{host}: {what}")).of_kind(kind)
}

/// A proxy refused to carry the request for want of credentials: an HTTP proxy's 407, or a
/// SOCKS5 proxy that takes no request without them or refused those given. hyper-util's error
/// types are private, so their words are what can be read; the upload's own tunnel says the
/// same words.
pub fn proxy_wants_credentials(e: &(dyn std::error::Error + 'static)) -> bool {
    proxy_refusal(e).is_some()
}

/// How a proxy refused, as `proxy_wants_credentials` reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProxyRefusal {
    /// It wants credentials (or others than were sent: an HTTP proxy does not say which).
    Wanted,
    /// A SOCKS5 proxy refused the user and password it was given.
    Refused,
}

fn proxy_refusal(e: &(dyn std::error::Error + 'static)) -> Option<ProxyRefusal> {
    causes(e).find_map(|err| {
        let text = err.to_string();
        if text.contains(PROXY_AUTH_REQUIRED) || text.contains(SOCKS_WANTS_CREDENTIALS) {
            Some(ProxyRefusal::Wanted)
        } else if text.contains(SOCKS_REFUSED_CREDENTIALS) {
            Some(ProxyRefusal::Refused)
        } else {
            None
        }
    })
}

/// An error and every error behind it. An io::Error's `source()` skips the error it wraps
/// (which may be another io::Error): the walk goes into it instead.
pub fn causes<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(e), |err| {
        match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        }
    })
}

/// What hyper-util says of a 407 to its CONNECT.
pub const PROXY_AUTH_REQUIRED: &str = "proxy authorization required";
/// What its SOCKS5 handshake says of a proxy that takes no request without credentials, and
/// of one that refused those given.
const SOCKS_WANTS_CREDENTIALS: &str = "server does not support user/pass authentication";
const SOCKS_REFUSED_CREDENTIALS: &str = "credentials not accepted";

/// A proxy that wants credentials, or refused those in its URL: a refusal (exit 4), since
/// asking again the same way cannot succeed. Marked with HTTP 407, so that the client, which
/// knows whether the proxy URL holds credentials, can say which (`Http::named`).
pub fn proxy_auth_error(host: &str, how: ProxyRefusal) -> Error {
    let mut e = match how {
        ProxyRefusal::Wanted => Error::new(
            Exit::Refused,
            format!("{host}: the proxy wants credentials: put them in the proxy URL"),
        )
        .with_hint(
            "e.g. HTTPS_PROXY=http://user:password@proxy.example:3128 (the password is never printed)",
        ),
        ProxyRefusal::Refused => Error::new(
            Exit::Refused,
            format!("{host}: the proxy refused the credentials in the proxy URL"),
        )
        .with_hint(
            "check the user and password in the proxy variable (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY); the password is never printed",
        ),
    };
    e.http_status = Some(407);
    e
}

/// Whether the server's certificate was refused.
pub fn certificate_problem(e: &(dyn std::error::Error + 'static)) -> bool {
    certificate::Refusal::of(e).is_some()
}

/// A transport failure that trying again cannot mend: an untrusted certificate, or a region
/// host that does not exist.
pub fn is_permanent(e: &reqwest::Error, url: &str) -> bool {
    certificate_problem(e)
        || proxy_wants_credentials(e)
        || unknown_region(e, &host_of(url)).is_some()
}

/// The region of a `{region}.api.cloudconvert.com` (or sync) host whose name does not resolve.
fn unknown_region(e: &(dyn std::error::Error + 'static), host: &str) -> Option<String> {
    let region = host
        .strip_suffix(".api.cloudconvert.com")
        .or_else(|| host.strip_suffix(".sync.api.cloudconvert.com"))?;
    let region = region.strip_suffix(".sync").unwrap_or(region);
    if region == "sync" || region.contains('.') {
        return None;
    }
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string().to_ascii_lowercase();
        if text.contains("dns error") || text.contains("failed to lookup address") {
            return Some(region.to_string());
        }
        cur = err.source();
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_outside_strings() {
        assert!(!values_at_least(br#"{"a": "x,y,[z]", "b": [1, 2]}"#, 6));
        assert!(values_at_least(br#"{"a": "x,y,[z]", "b": [1, 2]}"#, 5));
        assert!(!values_at_least(br#"["\",[", 1]"#, 4));
        let hostile = format!("[{}{{}}]", "{},".repeat(300_000));
        assert!(
            json(hostile.as_bytes())
                .unwrap_err()
                .message
                .contains("JSON values")
        );
    }

    #[test]
    fn errors_say_their_kind_as_data() {
        use crate::error::Kind;
        let body = br#"{"message":"Too Many Attempts.","code":"TOO_MANY_REQUESTS"}"#;
        assert_eq!(
            status_error(429, body, "https://h/v2/x").kind,
            Kind::RateLimited
        );
        assert_eq!(
            status_error(422, b"{}", "https://h/v2/x").kind,
            Kind::Refused
        );
        assert_eq!(status_error(502, b"", "https://h/v2/x").kind, Kind::Network);
        let io = std::io::Error::other("reset");
        let slow = network_error(&io, "https://h/", true, Duration::from_secs(3));
        assert_eq!((slow.kind, slow.exit), (Kind::TimedOut, Exit::Unavailable));
        assert_eq!(
            network_error(&io, "https://h/", false, Duration::ZERO).kind,
            Kind::Network
        );
    }

    #[test]
    fn plain_http_is_in_clear_unless_it_stays_on_this_machine() {
        assert!(in_clear("http://storage.example/tasks"));
        assert!(in_clear("http://10.0.0.1:8080/"));
        assert!(!in_clear("http://127.0.0.1:8080/"));
        assert!(!in_clear("http://localhost/"));
        assert!(!in_clear("http://[::1]:9/"));
        assert!(!in_clear("https://storage.example/"));
    }

    #[test]
    fn a_region_host_that_does_not_resolve_names_its_region() {
        let dns = std::io::Error::other(
            "dns error: failed to lookup address information: Name or service not known",
        );
        assert_eq!(
            unknown_region(&dns, "eu-centrl.api.cloudconvert.com").as_deref(),
            Some("eu-centrl")
        );
        assert_eq!(
            unknown_region(&dns, "eu-centrl.sync.api.cloudconvert.com").as_deref(),
            Some("eu-centrl")
        );
        assert_eq!(unknown_region(&dns, "api.cloudconvert.com"), None);
        assert_eq!(unknown_region(&dns, "sync.api.cloudconvert.com"), None);
        let refused = std::io::Error::other("connection refused");
        assert_eq!(
            unknown_region(&refused, "eu-central.api.cloudconvert.com"),
            None
        );
    }
}
