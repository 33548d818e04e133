//! One upload's exchange with the storage: a pooled or new connection, the request's head, the
//! body watched while it goes (the bar moved, a stall caught), and the answer.

use super::answer::{
    ANSWER_WAIT, connect_error, early_answer, read_answer, storage_error, xml_tag,
};
use super::body::FileBody;
use super::pool::{Conn, Idle};
use super::socket::{Probe, Route};
use super::watchdog::{Drain, TICK, drain_allowance};
use super::{AttemptError, Transport, Upload};
use crate::api::client::USER_AGENT;
use crate::error::{Error, Exit, Kind};
use crate::net::failure::{ProxyRefusal, host_of, network_error, proxy_auth_error};
use hyper::Uri;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// What the exchange watches and tells: the file bytes handed to the connection, the run's
/// attempt, and whether the reader is waiting for its `--limit-rate` slot.
pub struct Watched<'a> {
    pub handed: &'a AtomicU64,
    pub attempt: &'a crate::run::Attempt,
    pub throttled: &'a AtomicBool,
}

/// A connection ready for a request.
struct Connection {
    sender: SendRequest<FileBody>,
    probe: Arc<Probe>,
    route: Route,
    conn: Conn,
}

impl Transport {
    /// Sends the request on a pooled or new connection, watching what the storage takes in,
    /// and reads its answer: the status and the ETag.
    pub(super) async fn exchange(
        &self,
        up: &Upload<'_>,
        body: FileBody,
        watched: Watched<'_>,
    ) -> Result<(u16, Option<String>), AttemptError> {
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
        let mut connection = self.connection(&uri, &origin, up.url).await?;
        let (request, before_file) = request(&uri, &connection.route, up, body)?;
        *watched
            .attempt
            .left_behind
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(Box::new({
            let probe = connection.probe.clone();
            move || probe.left_behind()
        }));
        let sent = connection.sender.send_request(request);
        let response = self
            .watch(up, sent, &connection.probe, before_file, &watched)
            .await?;
        self.answer(up, response, connection, origin, &watched)
            .await
    }

    /// An idle connection to the origin, else a new one (connected, tunnelled, TLS, HTTP/1).
    async fn connection(
        &self,
        uri: &Uri,
        origin: &str,
        url: &str,
    ) -> Result<Connection, AttemptError> {
        if let Some(idle) = self.pool.take(origin).await {
            return Ok(Connection {
                sender: idle.sender,
                probe: idle.probe,
                route: idle.route,
                conn: idle.conn,
            });
        }
        let (stream, probe, route) = self
            .dialer
            .connect(uri)
            .await
            .map_err(|e| connect_error(&e, url, self.timeout))?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| AttemptError::Retryable(network_error(&e, url, false, self.timeout)))?;
        let conn = Conn(tokio::spawn(async move {
            let _ = connection.await;
        }));
        Ok(Connection {
            sender,
            probe,
            route,
            conn,
        })
    }

    /// Waits for the answer, every `TICK` moving the bar to the bytes the storage has and
    /// failing the attempt once nothing moved for `--timeout` (plus the drain allowance).
    async fn watch(
        &self,
        up: &Upload<'_>,
        sent: impl Future<Output = hyper::Result<hyper::Response<Incoming>>>,
        probe: &Probe,
        before_file: u64,
        watched: &Watched<'_>,
    ) -> Result<hyper::Response<Incoming>, AttemptError> {
        let stall = self.timeout;
        // Bytes written on this connection before this request are not this file's.
        let before = probe.written();
        let delivered = || {
            let sent = probe.delivered().saturating_sub(before);
            sent.saturating_sub(before_file)
                .min(watched.handed.load(Ordering::Relaxed))
        };
        let mut response = std::pin::pin!(sent);
        let mut seen = (0, 0);
        let started = Instant::now();
        let mut last_move = started;
        // Where the system cannot tell what was acknowledged: what the socket took in the
        // first tick (the send buffer filling at once), and the bytes written after it, until
        // when: the rate the buffer drains at.
        let mut drain = Drain::default();
        loop {
            match tokio::time::timeout(TICK, &mut response).await {
                Ok(Ok(r)) => return Ok(r),
                Ok(Err(e)) => {
                    return Err(AttemptError::Retryable(network_error(
                        &e, up.url, false, stall,
                    )));
                }
                Err(_) => {}
            }
            let now = (watched.handed.load(Ordering::Relaxed), probe.delivered());
            drain.saw(probe.written(), started.elapsed());
            (up.progress)(delivered());
            if now != seen || watched.throttled.load(Ordering::Relaxed) {
                seen = now;
                last_move = Instant::now();
            } else if last_move.elapsed()
                >= stall + drain_allowance(probe, &drain, delivered(), started.elapsed())
            {
                return Err(AttemptError::Retryable(stalled(up, delivered(), stall)));
            }
        }
    }

    /// The storage's answer: a file stored (its connection kept for the next file), or why
    /// not, and whether another attempt may do better.
    async fn answer(
        &self,
        up: &Upload<'_>,
        response: hyper::Response<Incoming>,
        connection: Connection,
        origin: String,
        watched: &Watched<'_>,
    ) -> Result<(u16, Option<String>), AttemptError> {
        let host = host_of(up.url);
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
            watched.attempt.refused.store(true, Ordering::SeqCst);
        }
        let handed = watched.handed.load(Ordering::Relaxed);
        if stored && !watched.attempt.whole.load(Ordering::SeqCst) {
            // A storage, or a box in the way that answers uploads itself, said yes before it
            // had the file: nothing says what it keeps, so this is a failed attempt.
            return Err(AttemptError::Retryable(early_answer(up, handed)));
        }
        // The status line is the answer: the XML after a 2xx gets a short while, an error's
        // message the usual time.
        let wait = if stored {
            ANSWER_WAIT.min(self.timeout)
        } else {
            self.timeout
        };
        let (text, whole) = read_answer(response.into_body(), wait).await;
        if stored {
            (up.progress)(up.len);
            if whole && handed == up.len && !connection.sender.is_closed() {
                self.pool.give_back(Idle {
                    origin,
                    sender: connection.sender,
                    probe: connection.probe,
                    route: connection.route,
                    conn: connection.conn,
                });
            }
            let etag = etag_header
                .or_else(|| xml_tag(&String::from_utf8_lossy(&text), "ETag"))
                .map(|e| e.trim().trim_matches('"').to_ascii_lowercase());
            return Ok((status, etag));
        }
        Err(refusal(status, &text, &host, location, &connection.route))
    }
}

/// The request: the form's URL as its target (the whole URL through a plain-http proxy), the
/// headers with an exact Content-Length and no key, and the body. Also how many bytes go
/// before the file's first byte (the request's head and the envelope's), to tell the file's
/// bytes the storage has from the rest.
fn request(
    uri: &Uri,
    route: &Route,
    up: &Upload,
    body: FileBody,
) -> Result<(hyper::Request<FileBody>, u64), AttemptError> {
    let target = match route {
        Route::HttpProxy(_) => up.url.to_string(),
        Route::Direct => uri
            .path_and_query()
            .map_or("/".to_string(), |p| p.as_str().to_string()),
    };
    let authority = uri.authority().map_or("", |a| a.as_str()).to_string();
    let mut headers = vec![
        ("host", authority),
        ("user-agent", USER_AGENT.to_string()),
        ("content-type", up.envelope.content_type()),
        ("content-length", up.envelope.len(up.len).to_string()),
    ];
    if let Route::HttpProxy(Some(auth)) = route {
        headers.push((
            "proxy-authorization",
            String::from_utf8_lossy(auth.as_bytes()).into_owned(),
        ));
    }
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
    Ok((request, before_file))
}

/// A storage that took nothing in for `stall`: all of the file and no answer, or part of it.
fn stalled(up: &Upload, got: u64, stall: std::time::Duration) -> Error {
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
    Error::new(
        Exit::Unavailable,
        format!(
            "{}: no progress for {} s: {what}",
            host_of(up.url),
            stall.as_secs()
        ),
    )
    .of_kind(Kind::TimedOut)
}

/// A storage's answer that is no success: a redirect (the file did not arrive: S3 answers
/// 301/307 for a wrong-region endpoint), a proxy that wants credentials, or the storage's own
/// refusal, retried only for a 5xx or 429.
fn refusal(
    status: u16,
    text: &[u8],
    host: &str,
    location: Option<String>,
    route: &Route,
) -> AttemptError {
    if (300..400).contains(&status) {
        return AttemptError::Final(Error::new(
            Exit::Refused,
            format!(
                "the storage at {host} answered HTTP {status}, redirecting to {}; the file was not stored",
                location.as_deref().unwrap_or("no Location")
            ),
        ));
    }
    if status == 407 && matches!(route, Route::HttpProxy(_)) {
        return AttemptError::Final(proxy_auth_error(host, ProxyRefusal::Wanted));
    }
    let e = storage_error(status, text, host);
    if status >= 500 || status == 429 {
        AttemptError::Retryable(e)
    } else {
        AttemptError::Final(e)
    }
}
