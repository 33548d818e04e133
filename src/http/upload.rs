//! The upload's POST to the storage form, behind a blocking call. The file is read (and its MD5
//! taken) on a thread of its own and streams through a small channel into the body, which one
//! shared runtime worker sends on a socket the tool opened itself (`socket`): so the bar, the
//! rate and the stall watchdog count bytes the storage has acknowledged, not bytes the kernel
//! took. The body's exact size is known up front, so the request has a real Content-Length
//! (the storage refuses chunked bodies) and carries no API key.

use super::limit::Limiter;
use super::multipart::Envelope;
use super::retry::{Decision, Failure, Idempotency, Retries};
use super::socket::{self, ConnectError, Probe, Route};
use super::{Http, USER_AGENT};
use crate::error::{Error, Exit, Result};
use crate::events::Progress;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use hyper::Uri;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::fs::File;
use std::io::Read;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// One read from the file: large, so that reading costs little per byte.
const READ: usize = 1 << 20;
/// One frame of the body, a slice of a read (no copy). Measured: 64 KiB frames cost a third of
/// the speed, 128 KiB none.
const CHUNK: usize = 128 << 10;
/// Reads waiting in the channel between the reader and the body: enough to keep the socket fed
/// while the next is read and hashed, little enough that memory stays flat.
const AHEAD: usize = 2;
/// How often the watchdog looks at the socket (and the bar is moved).
const TICK: Duration = Duration::from_millis(250);
/// After a 2xx, the most time given to the storage's XML: the status line already said
/// stored, so a slow body never makes the file go again.
const ANSWER_WAIT: Duration = Duration::from_secs(5);
/// Idle connections kept for the next file to the same storage.
const MAX_IDLE: usize = 16;

/// The runtime and the storage connections, made on the first upload and shared by every job:
/// one worker thread drives every upload in flight, while the jobs' threads wait in
/// `block_on` and their readers feed the bodies. Measured: two workers cost a single upload a
/// tenth of its speed and 3 MiB; one keeps it at full speed.
pub struct Uploader {
    runtime: tokio::runtime::Runtime,
    dialer: socket::Dialer,
    idle: Mutex<Vec<Idle>>,
}

/// A connection whose last upload ended cleanly, for the next file to the same origin.
struct Idle {
    origin: String,
    sender: SendRequest<FileBody>,
    probe: Arc<Probe>,
    route: Route,
    conn: Conn,
}

impl Uploader {
    pub fn new(connect_timeout: Duration, tls: Arc<rustls::ClientConfig>) -> Result<Uploader> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| Error::failure(format!("cannot start the upload runtime: {e}")))?;
        let dialer = socket::Dialer::new(connect_timeout, tls);
        Ok(Uploader {
            runtime,
            dialer,
            idle: Mutex::new(Vec::new()),
        })
    }
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
    /// handed over, its MD5, what never left this machine once an interrupt cut it off).
    pub attempt: &'a (dyn Fn() -> Arc<crate::run::Attempt> + Sync),
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

/// The most of a storage answer that is read: its XML or JSON message is a few hundred bytes.
const MAX_STORAGE_ANSWER: usize = 64 << 10;

/// Why one attempt failed, and whether another may succeed.
enum AttemptError {
    Retryable(Error),
    Final(Error),
}

impl Http {
    /// Posts the form with the file, retrying network faults and 5xx from the first byte.
    pub fn upload(&self, up: &Upload) -> Result<Stored> {
        let uploader = match self.uploader.get() {
            Some(u) => u,
            None => {
                let u = Uploader::new(self.timeout, self.tls.clone())?;
                self.uploader.get_or_init(|| u)
            }
        };
        let mut retries = Retries::new(self.retries, None);
        loop {
            let started = Instant::now();
            let attempt = (up.attempt)();
            let result = self.upload_once(uploader, up, &attempt);
            let outcome = match &result {
                Ok(stored) => stored.status.to_string(),
                Err(AttemptError::Retryable(e) | AttemptError::Final(e)) => e.message.clone(),
            };
            if self.verbose {
                self.out.verbose(&format!(
                    "POST {} {outcome} ({} ms)",
                    up.url,
                    started.elapsed().as_millis()
                ));
            }
            match result {
                Ok(stored) => return Ok(stored),
                Err(AttemptError::Final(e)) => return Err(self.named(e, up.url)),
                // A network fault or a 5xx: the form takes the file again from its first byte.
                Err(AttemptError::Retryable(e)) => {
                    match retries.decide(Failure::Network, Idempotency::Safe) {
                        Decision::Retry(wait) => {
                            (up.progress)(0);
                            self.pause_to_retry(
                                &retries,
                                &format!(
                                    "upload of {} failed ({}); sending it again from the start",
                                    up.label, e.message
                                ),
                                wait,
                            );
                        }
                        Decision::UntilDeadline(_) | Decision::Stop => return Err(e),
                    }
                }
            }
        }
    }

    /// One attempt: a reader thread feeds the body while this thread drives the exchange.
    fn upload_once(
        &self,
        uploader: &Uploader,
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
            let answer = uploader
                .runtime
                .block_on(self.exchange(uploader, up, body, &handed, attempt, &throttled));
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
                _ => Err(AttemptError::Retryable(early_answer(
                    up,
                    handed.load(Ordering::Relaxed),
                ))),
            }
        })
    }

    /// Sends the request on a pooled or new connection, watching what the storage takes in,
    /// and reads its answer: the status and the ETag.
    async fn exchange(
        &self,
        uploader: &Uploader,
        up: &Upload<'_>,
        body: FileBody,
        handed: &AtomicU64,
        attempt: &crate::run::Attempt,
        throttled: &AtomicBool,
    ) -> Result<(u16, Option<String>), AttemptError> {
        let stall = self.timeout;
        let host = super::host_of(up.url);
        let uri: Uri = up.url.parse().map_err(|_| {
            AttemptError::Final(Error::failure(format!(
                "the form URL is not valid: {}",
                up.url
            )))
        })?;
        let origin = format!(
            "{}://{}",
            uri.scheme_str().unwrap_or("http"),
            uri.authority().map_or("", |a| a.as_str())
        );
        let (mut sender, probe, route, conn) = match take_idle(uploader, &origin).await {
            Some(idle) => (idle.sender, idle.probe, idle.route, idle.conn),
            None => {
                let (stream, probe, route) = uploader
                    .dialer
                    .connect(&uri)
                    .await
                    .map_err(|e| connect_error(&e, up.url, stall))?;
                let (sender, connection) =
                    hyper::client::conn::http1::handshake(TokioIo::new(stream))
                        .await
                        .map_err(|e| {
                            AttemptError::Retryable(super::network_error(&e, up.url, false, stall))
                        })?;
                let conn = Conn(tokio::spawn(async move {
                    let _ = connection.await;
                }));
                (sender, probe, route, conn)
            }
        };
        let target = match &route {
            Route::HttpProxy(_) => up.url.to_string(),
            Route::Direct => uri
                .path_and_query()
                .map_or("/".to_string(), |p| p.as_str().to_string()),
        };
        let content_length = up.envelope.len(up.len).to_string();
        let content_type = up.envelope.content_type();
        let authority = uri.authority().map_or("", |a| a.as_str()).to_string();
        let mut headers = vec![
            ("host", authority),
            ("user-agent", USER_AGENT.to_string()),
            ("content-type", content_type),
            ("content-length", content_length),
        ];
        if let Route::HttpProxy(Some(auth)) = &route {
            headers.push((
                "proxy-authorization",
                String::from_utf8_lossy(auth.as_bytes()).into_owned(),
            ));
        }
        // What goes before the file's first byte: the request's head and the envelope's.
        let before_file = format!("POST {target} HTTP/1.1\r\n").len() as u64
            + headers
                .iter()
                .map(|(k, v)| (k.len() + v.len() + 4) as u64)
                .sum::<u64>()
            + 2
            + up.envelope.head.len() as u64;
        let mut request = hyper::Request::post(target);
        for (k, v) in &headers {
            request = request.header(*k, v);
        }
        let request = request.body(body).map_err(|e| {
            AttemptError::Final(Error::failure(format!(
                "cannot build the upload request: {e}"
            )))
        })?;
        *attempt
            .left_behind
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(Box::new({
            let probe = probe.clone();
            move || probe.left_behind()
        }));
        // Bytes written on this connection before this request are not this file's.
        let before = probe.written();
        let delivered = || {
            let sent = probe.delivered().saturating_sub(before);
            sent.saturating_sub(before_file)
                .min(handed.load(Ordering::Relaxed))
        };
        let mut response = std::pin::pin!(sender.send_request(request));
        let mut seen = (0, 0);
        let started = Instant::now();
        let mut last_move = started;
        // Where the system cannot tell what was acknowledged: what the socket took in the
        // first tick (the send buffer filling at once), and the bytes written after it, until
        // when: the rate the buffer drains at.
        let mut drain = Drain::default();
        let response = loop {
            match tokio::time::timeout(TICK, &mut response).await {
                Ok(Ok(r)) => break r,
                Ok(Err(e)) => {
                    return Err(AttemptError::Retryable(super::network_error(
                        &e, up.url, false, stall,
                    )));
                }
                Err(_) => {}
            }
            let now = (handed.load(Ordering::Relaxed), probe.delivered());
            drain.saw(probe.written(), started.elapsed());
            (up.progress)(delivered());
            if now != seen || throttled.load(Ordering::Relaxed) {
                seen = now;
                last_move = Instant::now();
            } else if last_move.elapsed()
                >= stall + drain_allowance(&probe, &drain, delivered(), started.elapsed())
            {
                let got = delivered();
                let what = if got >= up.len {
                    format!(
                        "the storage took all {} but did not answer",
                        indicatif::BinaryBytes(up.len)
                    )
                } else {
                    format!(
                        "the storage stopped taking data ({} of {} delivered)",
                        indicatif::BinaryBytes(got),
                        indicatif::BinaryBytes(up.len)
                    )
                };
                return Err(AttemptError::Retryable(
                    Error::new(
                        Exit::Unavailable,
                        format!("{host}: no progress for {} s: {what}", stall.as_secs()),
                    )
                    .of_kind(crate::error::Kind::TimedOut),
                ));
            }
        };
        let status = response.status().as_u16();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let location = header(hyper::header::LOCATION);
        let etag_header = header(hyper::header::ETAG);
        let stored = (200..300).contains(&status) || (status == 303 && up.redirect);
        if !stored {
            // The storage's own word: this attempt left it no file.
            attempt.refused.store(true, Ordering::SeqCst);
        }
        if stored && !attempt.whole.load(Ordering::SeqCst) {
            // A storage, or a box in the way that answers uploads itself, said yes before it
            // had the file: nothing says what it keeps, so this is a failed attempt.
            return Err(AttemptError::Retryable(early_answer(
                up,
                handed.load(Ordering::Relaxed),
            )));
        }
        // The status line is the answer: the XML after a 2xx gets a short while, an error's
        // message the usual time.
        let wait = if stored {
            ANSWER_WAIT.min(stall)
        } else {
            stall
        };
        let (text, whole) = read_answer(response.into_body(), wait).await;
        if stored {
            (up.progress)(up.len);
            let reusable = whole && handed.load(Ordering::Relaxed) == up.len && !sender.is_closed();
            if reusable {
                let mut idle = uploader.idle.lock().unwrap_or_else(|e| e.into_inner());
                if idle.len() < MAX_IDLE {
                    idle.push(Idle {
                        origin,
                        sender,
                        probe,
                        route,
                        conn,
                    });
                }
            }
            let etag = etag_header
                .or_else(|| xml_tag(&String::from_utf8_lossy(&text), "ETag"))
                .map(|e| e.trim().trim_matches('"').to_ascii_lowercase());
            return Ok((status, etag));
        }
        if (300..400).contains(&status) {
            // The file did not arrive: S3 answers 301/307 for a wrong-region endpoint.
            return Err(AttemptError::Final(Error::new(
                Exit::Refused,
                format!(
                    "the storage at {host} answered HTTP {status}, redirecting to {}; the file was not stored",
                    location.as_deref().unwrap_or("no Location")
                ),
            )));
        }
        if status == 407 && matches!(route, Route::HttpProxy(_)) {
            return Err(AttemptError::Final(super::proxy_auth_error(
                &host,
                super::ProxyRefusal::Wanted,
            )));
        }
        let e = storage_error(status, &text, &host);
        if status >= 500 || status == 429 {
            Err(AttemptError::Retryable(e))
        } else {
            Err(AttemptError::Final(e))
        }
    }
}

/// How the socket took bytes, for the drain allowance: the first tick's fill, then each write.
#[derive(Default)]
struct Drain {
    /// Bytes written by the end of the first tick, and when that was.
    fill: Option<(u64, Duration)>,
    /// The bytes written when last seen, and when they last grew.
    written: u64,
    grew: Duration,
}

impl Drain {
    fn saw(&mut self, written: u64, at: Duration) {
        if written > self.written {
            self.written = written;
            self.grew = at;
        }
        self.fill.get_or_insert((written, at));
    }

    /// The rate the send buffer drained at: the bytes written after the first fill over the
    /// time they took (in steady state a write is the buffer making room). None before a
    /// second of such writes.
    fn rate(&self) -> Option<f64> {
        let (fill, at) = self.fill?;
        let took = self.grew.checked_sub(at)?.as_secs_f64();
        (took >= 1.0 && self.written > fill).then(|| (self.written - fill) as f64 / took)
    }
}

/// Where the system cannot tell what the storage acknowledged (Windows before 1703, wine,
/// qemu-user), bytes written count as delivered, and up to the send buffer's worth (kept
/// small there) may still be on their way when writing stops: a slow but steady link would
/// look stalled. So the watchdog gives that buffer the time it takes to drain at the rate it
/// drained so far, and a storage that stops reading still fails within `--timeout` plus that.
fn drain_allowance(probe: &Probe, drain: &Drain, sent: u64, elapsed: Duration) -> Duration {
    if probe.counts_acks() {
        return Duration::ZERO;
    }
    allowance_for(sent, drain.rate(), elapsed)
}

/// The time `sent`'s last buffer's worth takes at `rate`; with no rate seen yet (all of it
/// went into the buffer at once), the rate of the whole upload so far, which grows the
/// allowance with the wait: a file that fits the buffer is never failed for a slow link.
fn allowance_for(sent: u64, rate: Option<f64>, elapsed: Duration) -> Duration {
    let rate = rate.unwrap_or(sent as f64 / elapsed.as_secs_f64().max(0.001));
    if rate < 1.0 {
        return Duration::ZERO;
    }
    let buffered = sent.min(u64::from(socket::FALLBACK_SEND_BUFFER));
    Duration::from_secs_f64(buffered as f64 / rate).min(Duration::from_secs(3600))
}

/// A success answered before the whole body was handed to the connection.
fn early_answer(up: &Upload, handed: u64) -> Error {
    Error::new(
        Exit::Unavailable,
        format!(
            "the storage at {} answered before it had the whole file ({} of {} sent)",
            super::host_of(up.url),
            indicatif::BinaryBytes(handed),
            indicatif::BinaryBytes(up.len)
        ),
    )
}

/// The connection's task, ended when dropped (unless kept idle for the next file).
struct Conn(tokio::task::JoinHandle<()>);

impl Drop for Conn {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// An idle connection to `origin` that is still open.
async fn take_idle(uploader: &Uploader, origin: &str) -> Option<Idle> {
    loop {
        let mut found = {
            let mut idle = uploader.idle.lock().unwrap_or_else(|e| e.into_inner());
            let i = idle.iter().position(|c| c.origin == origin)?;
            idle.swap_remove(i)
        };
        if !found.sender.is_closed() && found.sender.ready().await.is_ok() {
            return Some(found);
        }
    }
}

/// A failed connect: not retried when trying again cannot mend it (a certificate the system
/// does not trust).
fn connect_error(e: &ConnectError, url: &str, timeout: Duration) -> AttemptError {
    let connect = matches!(e, ConnectError::Connect(_));
    let error = super::network_error(e, url, false, timeout);
    if !connect && (super::certificate_problem(e) || super::proxy_wants_credentials(e)) {
        AttemptError::Final(error)
    } else {
        AttemptError::Retryable(error)
    }
}

/// Reads an answer's body: at most `MAX_STORAGE_ANSWER` bytes, for at most `wait`. True when
/// it was read to its end (so the connection can carry the next file).
async fn read_answer(mut body: hyper::body::Incoming, wait: Duration) -> (Vec<u8>, bool) {
    use http_body::Body;
    let mut text = Vec::new();
    let read = async {
        while text.len() < MAX_STORAGE_ANSWER {
            match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        text.extend_from_slice(&data);
                    }
                }
                Some(Err(_)) => return false,
                None => return true,
            }
        }
        false
    };
    let whole = tokio::time::timeout(wait, read).await.unwrap_or(false);
    text.truncate(MAX_STORAGE_ANSWER);
    (text, whole)
}

/// The text of `<name>…</name>` in an XML answer.
fn xml_tag(text: &str, name: &str) -> Option<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(text[start..end].trim().to_string())
}

/// How the reader ended.
enum Fed {
    /// Every byte went into the body; its MD5 if one was asked for.
    Whole(Digest),
    /// The body was dropped (the attempt failed) before it took every byte.
    Stopped,
    /// The file could not be read.
    Failed(std::io::Error),
}

/// Reads the file into the body's channel, keeping to `--limit-rate`. Runs on its own thread,
/// so that reading holds up neither the worker that sends every job's bytes nor the MD5: each
/// read goes, without a copy (`Bytes` shares it), both to the body and to a hashing thread of
/// its own, so that reading, hashing and sending overlap and a verified upload takes what the
/// hash alone takes.
fn feed(
    file: File,
    len: u64,
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    hash: bool,
    limit: Option<&Limiter>,
    throttled: &AtomicBool,
) -> Fed {
    if !hash {
        return read_into(file, len, &tx, None, limit, throttled)
            .map_or_else(|f| f, |()| Fed::Whole(Digest::Off));
    }
    let (to_hash, hashing) = std::sync::mpsc::sync_channel::<Bytes>(AHEAD);
    std::thread::scope(|scope| {
        let hasher = scope.spawn(move || {
            let mut md5 = crate::md5::Md5::new();
            for piece in hashing {
                md5.update(&piece);
            }
            crate::md5::hex(&md5.finish())
        });
        let read = read_into(file, len, &tx, Some(to_hash), limit, throttled);
        // The sender was dropped with `read_into`: the hasher has every piece.
        let digest = hasher.join();
        match (read, digest) {
            (Ok(()), Ok(md5)) => Fed::Whole(Digest::Md5(md5)),
            (Err(fed), _) => fed,
            (Ok(()), Err(_)) => Fed::Stopped,
        }
    })
}

/// Reads `len` bytes of the file in pieces, each to the body (and to the hasher when there is
/// one); how the reading stopped early, if it did.
fn read_into(
    mut file: File,
    len: u64,
    tx: &mpsc::Sender<std::io::Result<Bytes>>,
    to_hash: Option<std::sync::mpsc::SyncSender<Bytes>>,
    limit: Option<&Limiter>,
    throttled: &AtomicBool,
) -> Result<(), Fed> {
    let piece = limit.map_or(READ, |l| l.piece(READ));
    let mut left = len;
    while left > 0 {
        // `left` may exceed usize on a 32-bit target; a read never does.
        let want = usize::try_from(left).map_or(piece, |l| l.min(piece));
        // Read into spare capacity: no zeroing of a buffer the read fills anyway.
        let mut buf = Vec::with_capacity(want);
        let n = match (&mut file).take(want as u64).read_to_end(&mut buf) {
            Ok(0) => {
                let _ = tx.blocking_send(Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file got shorter",
                )));
                return Err(Fed::Stopped);
            }
            Ok(n) => n,
            Err(e) => {
                let _ = tx.blocking_send(Err(std::io::Error::new(e.kind(), e.to_string())));
                return Err(Fed::Failed(e));
            }
        };
        if let Some(l) = limit {
            throttled.store(true, Ordering::Relaxed);
            // A failed attempt drops the body: its reader gives up its slot at once.
            let slot = l.take_unless(n, || tx.is_closed());
            throttled.store(false, Ordering::Relaxed);
            if !slot {
                return Err(Fed::Stopped);
            }
        }
        let bytes = Bytes::from(buf);
        if let Some(h) = &to_hash
            && h.send(bytes.clone()).is_err()
        {
            return Err(Fed::Stopped);
        }
        if tx.blocking_send(Ok(bytes)).is_err() {
            return Err(Fed::Stopped);
        }
        left -= n as u64;
    }
    Ok(())
}

/// The storage's own words: S3 answers errors in XML (`<Code>`, `<Message>`).
fn storage_error(status: u16, body: &[u8], host: &str) -> Error {
    let text = String::from_utf8_lossy(body);
    let tag = |name: &str| xml_tag(&text, name);
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |name: &str| {
        json.as_ref()?
            .get(name)?
            .as_str()
            .map(|s| s.trim().to_string())
    };
    // The storage's own words only, never its body raw: S3's XML, a JSON `message`, or an
    // HTML page's title.
    let message = tag("Message")
        .or_else(|| field("message"))
        .or_else(|| {
            json.is_none()
                .then(|| crate::api::error::summary(body))
                .flatten()
        })
        .unwrap_or_else(|| "no message".into());
    let what = match tag("Code").or_else(|| field("code")) {
        Some(code) => format!("{code}, HTTP {status}"),
        None => format!("HTTP {status}"),
    };
    let exit = if (400..500).contains(&status) {
        Exit::Refused
    } else {
        Exit::Unavailable
    };
    Error::new(
        exit,
        format!("the storage at {host} refused the upload: {message} ({what})"),
    )
}

/// The multipart body: the envelope's head, the file's bytes as the reader hands them over,
/// the tail.
struct FileBody {
    head: Option<Bytes>,
    tail: Option<Bytes>,
    /// Read from the file but not yet handed out as frames.
    pending: Bytes,
    rx: mpsc::Receiver<std::io::Result<Bytes>>,
    remaining: u64,
    /// File bytes handed to the connection.
    handed: Arc<AtomicU64>,
    shrank: Arc<AtomicBool>,
    /// Told when the last frame (the envelope's tail) was handed to the connection.
    attempt: Arc<crate::run::Attempt>,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = &mut *self;
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if this.pending.is_empty() && this.remaining > 0 {
            match this.rx.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(mut data))) => {
                    // Never more than the length announced, whatever the reader does.
                    data.truncate(usize::try_from(this.remaining).unwrap_or(usize::MAX));
                    this.remaining -= data.len() as u64;
                    this.pending = data;
                }
                Poll::Ready(Some(Err(e))) => {
                    if e.kind() == std::io::ErrorKind::UnexpectedEof {
                        this.shrank.store(true, Ordering::Relaxed);
                    }
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => {
                    return Poll::Ready(Some(Err(std::io::Error::other(
                        "the file's reader stopped",
                    ))));
                }
            }
        }
        if !this.pending.is_empty() {
            let frame = this.pending.split_to(CHUNK.min(this.pending.len()));
            this.handed.fetch_add(frame.len() as u64, Ordering::Relaxed);
            return Poll::Ready(Some(Ok(Frame::data(frame))));
        }
        let tail = this.tail.take();
        if tail.is_some() {
            this.attempt.whole.store(true, Ordering::SeqCst);
        }
        Poll::Ready(tail.map(|t| Ok(Frame::data(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none() && self.pending.is_empty() && self.remaining == 0 && self.tail.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        let pending = |b: &Option<Bytes>| b.as_ref().map_or(0, |b| b.len() as u64);
        SizeHint::with_exact(
            pending(&self.head) + self.pending.len() as u64 + self.remaining + pending(&self.tail),
        )
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Body;
    use std::io::Write;

    /// The body of a file of `len` bytes, fed by `feed` on a thread; its bytes (or the first
    /// error) and what the reader reported.
    fn send(file: File, len: u64, hash: bool) -> (std::io::Result<Vec<u8>>, Fed) {
        let (tx, rx) = mpsc::channel(AHEAD);
        let mut body = FileBody {
            head: Some(Bytes::from_static(b"HE")),
            tail: Some(Bytes::from_static(b"AD")),
            pending: Bytes::new(),
            rx,
            remaining: len,
            handed: Arc::new(AtomicU64::new(0)),
            shrank: Arc::new(AtomicBool::new(false)),
            attempt: Arc::new(crate::run::Attempt::default()),
        };
        assert_eq!(body.size_hint().exact(), Some(len + 4));
        let reader =
            std::thread::spawn(move || feed(file, len, tx, hash, None, &AtomicBool::new(false)));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let out = runtime.block_on(async {
            let mut out = Vec::new();
            while let Some(frame) =
                std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
            {
                let data = frame?.into_data().unwrap();
                assert!(data.len() <= CHUNK, "a frame of {} bytes", data.len());
                out.extend_from_slice(&data);
            }
            assert!(body.is_end_stream());
            assert_eq!(body.handed.load(Ordering::Relaxed), len);
            assert!(body.attempt.whole.load(Ordering::Relaxed));
            Ok(out)
        });
        drop(body);
        (out, reader.join().unwrap())
    }

    #[test]
    fn sends_exactly_the_length_taken_even_if_the_file_grows_and_hashes_it() {
        let mut f = tempfile::tempfile().unwrap();
        let data = vec![1u8; 3 * READ + 5];
        f.write_all(&data).unwrap();
        let len = f.metadata().unwrap().len();
        f.write_all(b"appended later").unwrap();
        std::io::Seek::rewind(&mut f).unwrap();
        let (out, fed) = send(f, len, true);
        let out = out.unwrap();
        assert_eq!(out.len() as u64, len + 4);
        assert!(out.starts_with(b"HE") && out.ends_with(b"\x01AD"));
        let Fed::Whole(Digest::Md5(md5)) = fed else {
            panic!("the file was read whole")
        };
        let mut want = crate::md5::Md5::new();
        want.update(&data);
        assert_eq!(md5, crate::md5::hex(&want.finish()));
    }

    #[test]
    fn a_file_that_shrinks_is_an_error() {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(b"short").unwrap();
        std::io::Seek::rewind(&mut f).unwrap();
        let (out, fed) = send(f, 10, false);
        assert_eq!(out.unwrap_err().kind(), std::io::ErrorKind::UnexpectedEof);
        assert!(matches!(fed, Fed::Stopped));
    }

    #[test]
    fn a_full_send_buffer_is_given_the_time_to_drain_at_the_rate_seen() {
        // 400 KB written in 10 s (40 KB/s): the 256 KiB buffer takes 6.6 s to drain.
        let d = allowance_for(400_000, None, Duration::from_secs(10));
        assert!((6.5..6.6).contains(&d.as_secs_f64()), "{d:?}");
        // Nothing moved yet: no allowance, a storage that never reads fails as before.
        assert_eq!(
            allowance_for(0, None, Duration::from_secs(5)),
            Duration::ZERO
        );
        // 300 KB at once, then 300 KB more over 6 s: the buffer drains at 50 KB/s, so its
        // 256 KiB take 5.2 s, however long the wait has been.
        let mut drain = Drain::default();
        drain.saw(300_000, Duration::from_millis(250));
        drain.saw(600_000, Duration::from_millis(6250));
        let d = allowance_for(600_000, drain.rate(), Duration::from_secs(30));
        assert!((5.2..5.3).contains(&d.as_secs_f64()), "{d:?}");
    }

    #[test]
    fn the_etag_is_read_from_the_xml() {
        let xml = "<PostResponse><Location>l</Location><ETag>\"53d6fe6b\"</ETag></PostResponse>";
        assert_eq!(xml_tag(xml, "ETag").as_deref(), Some("\"53d6fe6b\""));
        assert_eq!(xml_tag(xml, "Key"), None);
    }

    #[test]
    fn s3_errors_are_read_from_xml() {
        let e = storage_error(
            403,
            b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Invalid according to Policy</Message></Error>",
            "storage.example",
        );
        assert_eq!(e.exit, Exit::Refused);
        assert_eq!(
            e.message,
            "the storage at storage.example refused the upload: Invalid according to Policy (AccessDenied, HTTP 403)"
        );
        assert!(storage_error(502, b"", "h").message.contains("HTTP 502"));
        assert_eq!(
            storage_error(
                403,
                br#"{"message": "Signature expired", "code": "EXPIRED", "detail": {"x": 1}}"#,
                "h"
            )
            .message,
            "the storage at h refused the upload: Signature expired (EXPIRED, HTTP 403)"
        );
        assert_eq!(
            storage_error(400, br#"{"error": "raw"}"#, "h").message,
            "the storage at h refused the upload: no message (HTTP 400)"
        );
    }
}
