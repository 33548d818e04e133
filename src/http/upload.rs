//! The upload's POST to the storage form, behind a blocking call. The body streams from the file
//! (read 1 MiB at a time, sent in 128 KiB frames) on a small async runtime: reqwest's blocking body pump moves 8 KiB at a time
//! and ran at a sixth of curl's speed. The body's exact size is known up front, so the request
//! has a real Content-Length (the storage refuses chunked bodies) and carries no API key.

use super::{Http, USER_AGENT, retry};
use crate::error::{Error, Exit, Result};
use crate::output;
use crate::upload::multipart::Envelope;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use std::fs::File;
use std::io::Read;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// One read from the file: large, so that reading costs little per byte.
const READ: usize = 1 << 20;
/// One frame of the body, a slice of a read (no copy). The stall watchdog counts a frame taken
/// by the connection as progress, so a frame must go out well within `--timeout` on a slow
/// link: 128 KiB takes 13 s at 10 KB/s, inside the default 30 s (1 MiB frames took 100 s, and
/// such uploads never finished). Measured: 64 KiB frames cost a third of the speed, 128 KiB none.
const CHUNK: usize = 128 << 10;

/// The runtime and async client, made on the first upload and shared by every job: one worker
/// thread drives every upload in flight, while the jobs' threads wait in `block_on`. Measured:
/// a current-thread runtime handed its driver from job to job (394 MiB/s for 8 files at once);
/// two workers cost a single upload a tenth of its speed and 3 MiB; one worker keeps a single
/// upload at full speed and moves 8 at once at 400 to 570 MiB/s (runs vary).
pub struct Uploader {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
}

impl Uploader {
    pub fn new(connect_timeout: Duration) -> Result<Uploader> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| Error::failure(format!("cannot start the upload runtime: {e}")))?;
        let client = runtime
            .block_on(async {
                reqwest::Client::builder()
                    .user_agent(USER_AGENT)
                    .connect_timeout(connect_timeout)
                    // A 3xx is the storage's answer to the form (a `redirect`), never followed.
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
            })
            .map_err(|e| Error::failure(format!("cannot set up the upload client: {e}")))?;
        Ok(Uploader { runtime, client })
    }
}

/// Told the file bytes handed to the connection so far (0 again when an attempt restarts).
pub type Progress = Arc<dyn Fn(u64) + Send + Sync>;

/// One file's upload: where it goes and what it sends.
pub struct Upload<'a> {
    pub url: &'a str,
    pub envelope: &'a Envelope,
    /// Opens the file at its first byte, for each attempt.
    pub open: &'a dyn Fn() -> std::io::Result<File>,
    /// The file's size, taken once: exactly this many bytes are sent.
    pub len: u64,
    pub progress: Progress,
    pub label: &'a str,
    /// The task was created with a `redirect`, so the storage answers 303 on success.
    pub redirect: bool,
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
    /// Returns the storage's status (2xx or 3xx).
    pub fn upload(&self, up: &Upload) -> Result<u16> {
        let uploader = match self.uploader.get() {
            Some(u) => u,
            None => {
                let u = Uploader::new(self.timeout)?;
                self.uploader.get_or_init(|| u)
            }
        };
        let mut attempt = 0;
        loop {
            let started = Instant::now();
            let result = self.upload_once(uploader, up);
            let outcome = match &result {
                Ok(status) => status.to_string(),
                Err(AttemptError::Retryable(e) | AttemptError::Final(e)) => e.message.clone(),
            };
            if self.verbose {
                output::verbose(&format!(
                    "POST {} {outcome} ({} ms)",
                    up.url,
                    started.elapsed().as_millis()
                ));
            }
            match result {
                Ok(status) => return Ok(status),
                Err(AttemptError::Final(e)) => return Err(e),
                Err(AttemptError::Retryable(e)) if attempt >= self.retries => return Err(e),
                Err(AttemptError::Retryable(e)) => {
                    attempt += 1;
                    let wait = retry::backoff(attempt - 1);
                    self.note(&format!(
                        "upload of {} failed ({}); sending it again from the start in {:.1} s (retry {attempt} of {})",
                        up.label,
                        e.message,
                        wait.as_secs_f64(),
                        self.retries
                    ));
                    (up.progress)(0);
                    std::thread::sleep(wait);
                }
            }
        }
    }

    fn upload_once(&self, uploader: &Uploader, up: &Upload) -> Result<u16, AttemptError> {
        let file = (up.open)().map_err(|e| {
            AttemptError::Final(Error::failure(format!("cannot read {}: {e}", up.label)))
        })?;
        let shared = Arc::new(Shared::new());
        let body = FileBody {
            head: Some(Bytes::from(up.envelope.head.clone())),
            tail: Some(Bytes::from(up.envelope.tail.clone())),
            pending: Bytes::new(),
            file,
            remaining: up.len,
            len: up.len,
            shared: shared.clone(),
            progress: up.progress.clone(),
        };
        let request = uploader
            .client
            .post(up.url)
            .header(reqwest::header::CONTENT_TYPE, up.envelope.content_type())
            .header(reqwest::header::CONTENT_LENGTH, up.envelope.len(up.len))
            .body(reqwest::Body::wrap(body));
        let stall = self.timeout;
        let host = super::host_of(up.url);
        uploader.runtime.block_on(async {
            let mut send = tokio::spawn(async move {
                let mut resp = request.send().await?;
                let status = resp.status().as_u16();
                let location = resp
                    .headers()
                    .get(reqwest::header::LOCATION)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
                let mut text = Vec::new();
                while text.len() < MAX_STORAGE_ANSWER {
                    match resp.chunk().await {
                        Ok(Some(c)) => text.extend_from_slice(&c),
                        _ => break,
                    }
                }
                text.truncate(MAX_STORAGE_ANSWER);
                Ok::<_, reqwest::Error>((status, location, text))
            });
            let (status, location, text) = loop {
                match tokio::time::timeout(Duration::from_millis(250), &mut send).await {
                    Ok(Ok(Ok(answer))) => break answer,
                    Ok(Ok(Err(e))) => {
                        if shared.shrank.load(Ordering::Relaxed) {
                            return Err(AttemptError::Final(Error::failure(format!(
                                "{} got shorter while it was being sent; upload it again once it is complete",
                                up.label
                            ))));
                        }
                        let error = super::transport_error(&e, up.url, stall);
                        return Err(if super::is_permanent(&e, up.url) {
                            AttemptError::Final(error)
                        } else {
                            AttemptError::Retryable(error)
                        });
                    }
                    Ok(Err(join)) => return Err(AttemptError::Final(Error::failure(format!("the upload stopped: {join}")))),
                    Err(_) if shared.idle_for() >= stall => {
                        send.abort();
                        return Err(AttemptError::Retryable(Error::new(
                            Exit::Unavailable,
                            format!("{host}: no progress for {} s", stall.as_secs()),
                        )));
                    }
                    Err(_) => {}
                }
            };
            if (200..300).contains(&status) || (status == 303 && up.redirect) {
                Ok(status)
            } else if (300..400).contains(&status) {
                // The file did not arrive: S3 answers 301/307 for a wrong-region endpoint.
                Err(AttemptError::Final(Error::new(
                    Exit::Refused,
                    format!(
                        "the storage at {host} answered HTTP {status}, redirecting to {}; the file was not stored",
                        location.as_deref().unwrap_or("no Location")
                    ),
                )))
            } else {
                let e = storage_error(status, &text, &host);
                if status >= 500 || status == 429 { Err(AttemptError::Retryable(e)) } else { Err(AttemptError::Final(e)) }
            }
        })
    }
}

/// The storage's own words: S3 answers errors in XML (`<Code>`, `<Message>`).
fn storage_error(status: u16, body: &[u8], host: &str) -> Error {
    let text = String::from_utf8_lossy(body);
    let tag = |name: &str| {
        let (open, close) = (format!("<{name}>"), format!("</{name}>"));
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&close)? + start;
        Some(text[start..end].trim().to_string())
    };
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

/// What the body and the watchdog share.
struct Shared {
    started: Instant,
    /// Milliseconds since `started` when a byte last moved.
    last_move: AtomicU64,
    shrank: AtomicBool,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            started: Instant::now(),
            last_move: AtomicU64::new(0),
            shrank: AtomicBool::new(false),
        }
    }

    fn moved(&self) {
        self.last_move
            .store(self.started.elapsed().as_millis() as u64, Ordering::Relaxed);
    }

    fn idle_for(&self) -> Duration {
        self.started.elapsed().saturating_sub(Duration::from_millis(
            self.last_move.load(Ordering::Relaxed),
        ))
    }
}

/// The multipart body: the envelope's head, the file's bytes read as they are sent, the tail.
struct FileBody {
    head: Option<Bytes>,
    tail: Option<Bytes>,
    /// Read from the file but not yet handed out as frames.
    pending: Bytes,
    file: File,
    remaining: u64,
    len: u64,
    shared: Arc<Shared>,
    progress: Progress,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = &mut *self;
        this.shared.moved();
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if !this.pending.is_empty() {
            let frame = this.pending.split_to(CHUNK.min(this.pending.len()));
            return Poll::Ready(Some(Ok(Frame::data(frame))));
        }
        if this.remaining > 0 {
            // Reading 1 MiB of a page-cached file takes well under a millisecond, so it is done
            // here rather than on another thread: the other uploads on the worker wait that
            // long at most (measured: 8 files at once still move over 400 MiB/s in all).
            // `remaining` may exceed usize on a 32-bit target; a read never does.
            let mut buf = vec![0u8; usize::try_from(this.remaining).map_or(READ, |r| r.min(READ))];
            let n = loop {
                match this.file.read(&mut buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            return Poll::Ready(Some(match n {
                Ok(0) => {
                    this.shared.shrank.store(true, Ordering::Relaxed);
                    Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "the file got shorter",
                    ))
                }
                Ok(n) => {
                    this.remaining -= n as u64;
                    (this.progress)(this.len - this.remaining);
                    buf.truncate(n);
                    this.pending = Bytes::from(buf);
                    let frame = this.pending.split_to(CHUNK.min(n));
                    Ok(Frame::data(frame))
                }
                Err(e) => Err(e),
            }));
        }
        Poll::Ready(this.tail.take().map(|t| Ok(Frame::data(t))))
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

    /// Polls the body to its end: the bytes, or the first error.
    fn drain(mut body: FileBody) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        let mut cx = Context::from_waker(std::task::Waker::noop());
        assert_eq!(body.size_hint().exact(), Some(body.len + 4));
        while let Poll::Ready(Some(frame)) = Pin::new(&mut body).poll_frame(&mut cx) {
            let data = frame?.into_data().unwrap();
            // Each frame taken is progress for the stall watchdog: at 10 KB/s one must go out
            // well within the default 30 s.
            assert!(data.len() <= 128 << 10, "a frame of {} bytes", data.len());
            out.extend_from_slice(&data);
        }
        assert!(body.is_end_stream());
        Ok(out)
    }

    fn body(file: File, len: u64) -> FileBody {
        FileBody {
            head: Some(Bytes::from_static(b"HE")),
            tail: Some(Bytes::from_static(b"AD")),
            pending: Bytes::new(),
            file,
            remaining: len,
            len,
            shared: Arc::new(Shared::new()),
            progress: Arc::new(|_| {}),
        }
    }

    #[test]
    fn sends_exactly_the_length_taken_even_if_the_file_grows() {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(&vec![1u8; 3 * READ + 5]).unwrap();
        let len = f.metadata().unwrap().len();
        f.write_all(b"appended later").unwrap();
        let reader = f.try_clone().unwrap();
        let mut reader = reader;
        std::io::Seek::rewind(&mut reader).unwrap();
        let out = drain(body(reader, len)).unwrap();
        assert_eq!(out.len() as u64, len + 4);
        assert!(out.starts_with(b"HE") && out.ends_with(b"\x01AD"));
    }

    #[test]
    fn a_file_that_shrinks_is_an_error() {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(b"short").unwrap();
        std::io::Seek::rewind(&mut f).unwrap();
        let b = body(f, 10);
        let shared = b.shared.clone();
        assert_eq!(
            drain(b).unwrap_err().kind(),
            std::io::ErrorKind::UnexpectedEof
        );
        assert!(shared.shrank.load(Ordering::Relaxed));
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
