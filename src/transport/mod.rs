//! The upload transport: the POST of a file to its task's storage form, behind a blocking call.
//! The file is read (and its MD5 taken) on threads of their own and streams through a small
//! channel into the body (`body`), which one shared runtime worker sends on a socket the tool
//! opened itself (`socket`): so the bar, the rate and the stall watchdog (`watchdog`) count
//! bytes the storage has acknowledged, not bytes the kernel took. The body's exact size is known
//! up front, so the request has a real Content-Length (the storage refuses chunked bodies) and
//! carries no API key. Connections are kept for the next file to the same storage (`pool`); the
//! storage's answer is read and named in `answer`. It prints nothing: it reports.

mod answer;
mod body;
mod exchange;
pub mod multipart;
mod pool;
mod socket;
mod watchdog;

use crate::error::{Error, Result};
use crate::events::{Progress, Reporter};
use crate::net::limit::Limiter;
use crate::net::retry::{Decision, Failure, Idempotency, Retries};
use body::{AHEAD, Fed, FileBody, feed};
use bytes::Bytes;
use multipart::Envelope;
use std::fs::File;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Cuts off every upload under way (see `socket::reset_all`); true where that can be done.
pub fn reset_uploads() -> bool {
    socket::reset_all()
}

/// The runtime and the storage connections, shared by every job: one worker thread drives
/// every upload in flight, while the jobs' threads wait in `block_on` and their readers feed
/// the bodies. Measured: two workers cost a single upload a tenth of its speed and 3 MiB; one
/// keeps it at full speed.
pub struct Transport {
    /// Made on the first upload.
    runtime: OnceLock<tokio::runtime::Runtime>,
    dialer: socket::Dialer,
    pool: pool::Pool,
    /// `--timeout`: connecting, and how long the storage may take in nothing.
    timeout: Duration,
    retries: u32,
    report: Arc<dyn Reporter>,
}

/// One file's upload: where it goes and what it sends.
pub struct Upload<'a> {
    pub url: &'a str,
    pub envelope: &'a Envelope,
    /// Opens the file at its first byte, for each attempt; the whole message when it cannot.
    pub open: &'a (dyn Fn() -> std::result::Result<File, String> + Sync),
    /// The file's size, taken once: exactly this many bytes are sent.
    pub len: u64,
    pub progress: Progress,
    pub label: &'a str,
    /// The task was created with a `redirect`, so the storage answers 303 on success.
    pub redirect: bool,
    /// Take the MD5 of the bytes sent.
    pub hash: bool,
    /// `--limit-rate`, shared by every job.
    pub limit: Option<&'a Limiter>,
    /// A new attempt, where what becomes true of it is written for the run (the whole body
    /// handed over, its MD5, what never left this machine once an interrupt cut it off);
    /// None once an interrupt is ending the run.
    pub attempt: &'a (dyn Fn() -> Option<Arc<crate::run::Attempt>> + Sync),
}

/// What the storage said of a stored file. Made only from a body whose every byte went out
/// and a storage that answered after that, so a hash asked for is always here.
#[derive(Debug)]
pub struct Stored {
    pub status: u16,
    /// The MD5 of the bytes sent, or that none was asked for.
    pub digest: Digest,
    /// The storage's ETag, unquoted: the MD5 for a plain S3 POST, something else under
    /// server-side encryption with KMS.
    pub etag: Option<String>,
}

/// The MD5 of every byte sent (lowercase hex), or `Off` when `--no-verify` asked for none.
/// There is no third case: a reader that stopped early made no `Stored` at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Digest {
    Md5(String),
    Off,
}

/// Why one attempt failed, and whether another may succeed.
enum AttemptError {
    Retryable(Error),
    Final(Error),
}

impl Transport {
    /// `tls`: the API client's settings, so that uploads trust the same authorities.
    pub fn new(
        timeout: Duration,
        retries: u32,
        tls: Arc<rustls::ClientConfig>,
        report: Arc<dyn Reporter>,
    ) -> Transport {
        Transport {
            runtime: OnceLock::new(),
            dialer: socket::Dialer::new(timeout, tls),
            pool: pool::Pool::default(),
            timeout,
            retries,
            report,
        }
    }

    fn runtime(&self) -> Result<&tokio::runtime::Runtime> {
        if let Some(r) = self.runtime.get() {
            return Ok(r);
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| Error::failure(format!("cannot start the upload runtime: {e}")))?;
        Ok(self.runtime.get_or_init(|| runtime))
    }

    /// Posts the form with the file, retrying network faults and 5xx from the first byte.
    pub fn upload(&self, up: &Upload) -> Result<Stored> {
        let runtime = self.runtime()?;
        let mut retries = Retries::new(self.retries, None);
        loop {
            let started = Instant::now();
            let Some(attempt) = (up.attempt)() else {
                return Err(crate::run::interrupted());
            };
            let result = self.upload_once(runtime, up, &attempt);
            let outcome = match &result {
                Ok(stored) => stored.status.to_string(),
                Err(AttemptError::Retryable(e) | AttemptError::Final(e)) => e.message.clone(),
            };
            self.report.detail(&format!(
                "POST {} {outcome} ({} ms)",
                up.url,
                started.elapsed().as_millis()
            ));
            let e = match result {
                Ok(stored) => return Ok(stored),
                Err(AttemptError::Final(e)) => {
                    return Err(crate::net::proxy::named(e, up.url, self.dialer.proxies()));
                }
                Err(AttemptError::Retryable(e)) => e,
            };
            // A network fault or a 5xx: the form takes the file again from its first byte.
            match retries.decide(Failure::Network, Idempotency::Safe) {
                Decision::Retry(wait) => {
                    (up.progress)(0);
                    self.report.note(&format!(
                        "upload of {} failed ({}); sending it again from the start; retrying in {:.1} s ({})",
                        up.label,
                        e.message,
                        wait.as_secs_f64(),
                        retries.counted()
                    ));
                    std::thread::sleep(wait);
                }
                Decision::UntilDeadline(_) | Decision::Stop => return Err(e),
            }
        }
    }

    /// One attempt: a reader thread feeds the body while this thread drives the exchange.
    fn upload_once(
        &self,
        runtime: &tokio::runtime::Runtime,
        up: &Upload,
        attempt: &Arc<crate::run::Attempt>,
    ) -> Result<Stored, AttemptError> {
        let file = (up.open)().map_err(|e| AttemptError::Final(Error::failure(e)))?;
        let (tx, rx) = mpsc::channel(AHEAD);
        let handed = Arc::new(AtomicU64::new(0));
        let shrank = Arc::new(AtomicBool::new(false));
        // The reader waits for its `--limit-rate` slot: a pause of the tool's own, no stall.
        let throttled = AtomicBool::new(false);
        let body = FileBody {
            head: Some(Bytes::from(up.envelope.head.clone())),
            tail: Some(Bytes::from(up.envelope.tail.clone())),
            pending: Bytes::new(),
            rx,
            remaining: up.len,
            handed: handed.clone(),
            shrank: shrank.clone(),
            attempt: attempt.clone(),
        };
        std::thread::scope(|scope| {
            let reader = scope.spawn(|| feed(file, up.len, tx, up.hash, up.limit, &throttled));
            let answer = runtime.block_on(self.exchange(
                up,
                body,
                exchange::Watched {
                    handed: &handed,
                    attempt,
                    throttled: &throttled,
                },
            ));
            // A failed exchange dropped the body, so a reader still waiting to hand it more
            // has stopped.
            let fed = reader.join().unwrap_or(Fed::Stopped);
            if let Fed::Whole(Digest::Md5(md5)) = &fed {
                let _ = attempt.md5.set(md5.clone());
            }
            if shrank.load(Ordering::Relaxed) {
                return Err(AttemptError::Final(Error::failure(format!(
                    "{} got shorter while it was being sent; upload it again once it is complete",
                    up.label
                ))));
            }
            if let Fed::Failed(e) = fed {
                return Err(AttemptError::Final(Error::failure(format!(
                    "cannot read {}: {e}",
                    up.label
                ))));
            }
            let (status, etag) = answer?;
            match fed {
                Fed::Whole(digest) => Ok(Stored {
                    status,
                    digest,
                    etag,
                }),
                // The exchange checks that the body went out whole before it takes an answer
                // as success; a reader that stopped anyway is no stored file.
                _ => Err(AttemptError::Retryable(answer::early_answer(
                    up,
                    handed.load(Ordering::Relaxed),
                ))),
            }
        })
    }
}
