//! The API client: every call to CloudConvert's API and sync host goes through `Client`, which
//! adds the key and the User-Agent, waits its turn (an outage's round, the rate-limit gate, the
//! poll budget), retries by the policy in `net::retry`, reports each exchange, and turns
//! answers into tasks or errors. It prints nothing: it reports (`events::Reporter`).

mod answer;
mod call;
mod endpoints;
mod fetch;
mod sync;

#[cfg(test)]
pub(crate) use answer::status_error;
pub use sync::SyncError;

use crate::error::{Error, Result};
use crate::events::Reporter;
use crate::net::failure::{first_line, in_clear};
use crate::net::retry::Retries;
use crate::net::{gate, limit, reach, trust};
use reqwest::Method;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const USER_AGENT: &str = concat!("cloudconvert-cli/", env!("CARGO_PKG_VERSION"));

/// The path of a task, and of the fields asked for with it. `--dry-run` shows the same path.
pub fn task_path(id: &str, include: &[String]) -> String {
    if include.is_empty() {
        format!("tasks/{id}")
    } else {
        format!("tasks/{id}?include={}", include.join(","))
    }
}

/// What the API shows by id and the sync host holds until it has ended: a task, or a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Task,
    Job,
}

impl Thing {
    /// Its path under the API's base, and the sync host's.
    pub fn path(self, id: &str) -> String {
        format!("{}s/{id}", self.word())
    }

    /// How messages name it.
    pub fn word(self) -> &'static str {
        match self {
            Thing::Task => "task",
            Thing::Job => "job",
        }
    }
}

/// The path of an action on a task: `cancel` or `retry`.
pub fn action_path(id: &str, action: &str) -> String {
    format!("tasks/{id}/{action}")
}

/// Polls a second over every wait of a batch, when there is no sync host: the API allows 500
/// requests a minute (8 a second) for the whole account; this leaves half for creates.
pub const POLLS_PER_SECOND: u64 = 4;

/// Where the API key came from, for `auth status` and for what a refusal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    Flag,
    Env,
    File(std::path::PathBuf),
    /// Given to `auth login` to be checked and stored.
    Login,
}

impl KeySource {
    /// What to say when the API refused the key: where it came from, and what to do there.
    pub fn refused(&self, sandbox: bool) -> String {
        let other = if sandbox {
            "a production key needs no --sandbox"
        } else {
            "a sandbox key needs --sandbox"
        };
        match self {
            KeySource::Env => format!(
                "the key from CLOUDCONVERT_API_KEY was refused (a stored key is not used while it is set): set a valid key, or unset it; {other}"
            ),
            KeySource::Flag => format!("the key given with --api-key was refused; {other}"),
            KeySource::File(p) => format!(
                "the key stored in {} was refused: store a valid one with `cloudconvert auth login`; {other}",
                p.display()
            ),
            KeySource::Login => format!("the key was refused, and nothing was stored; {other}"),
        }
    }
}

/// What the client is made with: the key and where it came from, the hosts, and how long and
/// how often it tries.
pub struct Setup<'a> {
    pub key: &'a str,
    pub key_source: KeySource,
    /// The API's base (`…/v2`), and the sync host's where waits may ask it.
    pub api: &'a str,
    pub sync: Option<&'a str>,
    pub sandbox: bool,
    pub timeout: Duration,
    pub retries: u32,
}

pub struct Client {
    http: reqwest::blocking::Client,
    api_key: String,
    base: String,
    /// The sync host's base, when waits may ask it.
    sync: Option<String>,
    retries: u32,
    timeout: Duration,
    /// The rate-limit pause every API call waits at, shared by every job.
    gate: gate::Gate,
    /// Whether the API can be reached, shared by every job.
    reach: reach::Reach,
    /// The TLS settings of the API calls, which uploads use too.
    tls: Arc<rustls::ClientConfig>,
    /// The polls of every wait together, when waits poll the API host.
    polls: limit::Limiter,
    polls_told: std::sync::Once,
    /// The sync host failed a wait, said once for the run.
    sync_told: std::sync::Once,
    report: Arc<dyn Reporter>,
    /// Where the key came from, and whether it is for the sandbox: a refusal names them.
    key_source: KeySource,
    sandbox: bool,
    /// The proxies of the usual variables, as both clients read them: to tell whether a proxy
    /// that refused was sent credentials.
    proxies: hyper_util::client::proxy::matcher::Matcher,
}

impl Client {
    pub fn new(setup: &Setup, report: Arc<dyn Reporter>) -> Result<Client> {
        // reqwest is built without a TLS crypto provider (see Cargo.toml): ring is it. A second
        // call finds it installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let trust = trust::load()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        if trust.built_in {
            report.detail(
                "this system has no certificate authorities (none in its store, SSL_CERT_FILE or SSL_CERT_DIR): trusting Mozilla's, built into the tool",
            );
        }
        let http = reqwest::blocking::Client::builder()
            .use_preconfigured_tls((*trust.config).clone())
            .user_agent(USER_AGENT)
            .connect_timeout(setup.timeout)
            .timeout(setup.timeout)
            // The API does not redirect; following one could carry the key elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::failure(format!("cannot set up the HTTP client: {e}")))?;
        // The key goes to the sync host too.
        for host in std::iter::once(setup.api).chain(setup.sync) {
            if in_clear(host) {
                report.warn(&format!(
                    "{host} is plain http and not this machine: the API key would travel unencrypted"
                ));
            }
        }
        Ok(Client {
            http,
            tls: trust.config,
            api_key: setup.key.to_string(),
            base: setup.api.to_string(),
            sync: setup.sync.map(str::to_string),
            retries: setup.retries,
            timeout: setup.timeout,
            gate: gate::Gate::default(),
            reach: reach::Reach::default(),
            polls: limit::Limiter::new(POLLS_PER_SECOND),
            polls_told: std::sync::Once::new(),
            sync_told: std::sync::Once::new(),
            report,
            proxies: hyper_util::client::proxy::matcher::Matcher::from_env(),
            key_source: setup.key_source.clone(),
            sandbox: setup.sandbox,
        })
    }

    /// The TLS settings, for the upload transport to trust the same authorities.
    pub fn tls(&self) -> Arc<rustls::ClientConfig> {
        self.tls.clone()
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
            self.report.note(&format!(
                "{}; waits ask the API host instead",
                first_line(&e.message)
            ))
        });
    }

    /// Whether waits can ask a sync host.
    pub fn has_sync(&self) -> bool {
        self.sync.is_some()
    }

    /// A refusal said for what it was: a refused key names where it came from (the variable
    /// that is set and wrong, not a list of ways to set one); where the proxy URL for `url`
    /// holds credentials, the proxy refused them, it did not merely want some.
    fn named(&self, mut e: Error, url: &str) -> Error {
        if e.http_status == Some(401) {
            e.hint = Some(self.key_source.refused(self.sandbox));
            return e;
        }
        crate::net::proxy::named(e, url, &self.proxies)
    }

    /// The one place a retry pauses and says so: `WHAT; retrying in 1.2 s (retry 2 of 3)`.
    fn pause_to_retry(&self, retries: &Retries, what: &str, wait: Duration) {
        self.report.note(&format!(
            "{what}; retrying in {:.1} s ({})",
            wait.as_secs_f64(),
            retries.counted()
        ));
        std::thread::sleep(wait);
    }

    fn log(&self, method: &Method, url: &str, outcome: &str, started: Instant) {
        self.report.detail(&format!(
            "{method} {url} {outcome} ({} ms)",
            started.elapsed().as_millis()
        ));
    }
}
