//! The upload's socket, opened by the tool itself so that it can ask the system what the peer
//! has acknowledged: reqwest gives no way to reach its socket, and on a real uplink the kernel
//! takes megabytes at once (Linux autotunes the send buffer up to 4 MiB), so bytes written say
//! nothing of bytes delivered. Here: DNS and connect, the proxy from the usual variables (a
//! CONNECT tunnel for https), TLS with the platform's verifier, and a `Probe` that counts bytes
//! written and reads bytes acknowledged (`TCP_INFO` on Linux, `SO_NWRITE` on macOS,
//! `SIO_TCP_INFO` on Windows 10 1703 and later).

mod probe;
mod sys;
mod tunnel;

pub use probe::{FALLBACK_SEND_BUFFER, Probe, reset_all};

use hyper::Uri;
use hyper::http::HeaderValue;
use hyper_util::client::proxy::matcher::Matcher;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};
use std::time::Duration;
use sys::{raw, tells_acks};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};
use tunnel::{through_socks, tunnel};

/// The TCP stream, counting what is written to it.
pub struct Counted {
    io: TcpStream,
    probe: Arc<Probe>,
}

impl Drop for Counted {
    fn drop(&mut self) {
        *self.probe.fd.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write(cx, buf);
        if let Poll::Ready(Ok(n)) = r {
            self.probe.written.fetch_add(n as u64, Ordering::Relaxed);
        }
        r
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let r = Pin::new(&mut self.io).poll_write_vectored(cx, bufs);
        if let Poll::Ready(Ok(n)) = r {
            self.probe.written.fetch_add(n as u64, Ordering::Relaxed);
        }
        r
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

/// A connection to the storage: plain, or TLS over the counted stream.
pub enum Stream {
    Plain(Counted),
    Tls(Box<tokio_rustls::client::TlsStream<Counted>>),
}

macro_rules! both {
    ($self:ident, $s:ident => $e:expr) => {
        match $self.get_mut() {
            Stream::Plain($s) => {
                let $s = Pin::new($s);
                $e
            }
            Stream::Tls($s) => {
                let $s = Pin::new(&mut **$s);
                $e
            }
        }
    };
}

impl AsyncRead for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_read(cx, buf))
    }
}

impl AsyncWrite for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        both!(self, s => s.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        both!(self, s => s.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        both!(self, s => s.poll_shutdown(cx))
    }
}

/// How a request goes to its host: straight, or through a plain-http proxy, which takes the
/// whole URL in the request line and maybe its own credentials.
pub enum Route {
    Direct,
    HttpProxy(Option<HeaderValue>),
}

/// Why a connection could not be made.
#[derive(Debug)]
pub enum ConnectError {
    /// No connection: nothing was sent (refused, unreachable, DNS, timed out).
    Connect(io::Error),
    /// The TLS handshake or the proxy failed.
    Handshake(io::Error),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::Connect(e) | ConnectError::Handshake(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ConnectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConnectError::Connect(e) | ConnectError::Handshake(e) => Some(e),
        }
    }
}

/// Opens connections to storages: the proxies and TLS settings, made once.
pub struct Dialer {
    tls: tokio_rustls::TlsConnector,
    proxies: Matcher,
    timeout: Duration,
}

impl Dialer {
    /// `tls`: the settings the API client uses (see `trust`).
    pub fn new(timeout: Duration, tls: Arc<rustls::ClientConfig>) -> Dialer {
        Dialer {
            tls: tokio_rustls::TlsConnector::from(tls),
            // HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, read as reqwest reads them.
            proxies: Matcher::from_env(),
            timeout,
        }
    }

    /// The proxies of the usual variables, as uploads go through them.
    pub fn proxies(&self) -> &Matcher {
        &self.proxies
    }

    /// A connection to `uri`'s origin (through a proxy, if one is set for it), its probe, and
    /// how requests go over it.
    pub async fn connect(&self, uri: &Uri) -> Result<(Stream, Arc<Probe>, Route), ConnectError> {
        let https = uri.scheme_str() == Some("https");
        let host = uri
            .host()
            .ok_or_else(|| ConnectError::Connect(io::Error::other("the URL has no host")))?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
        let proxy = self.proxies.intercept(uri);
        let socks = proxy
            .as_ref()
            .and_then(|p| p.uri().scheme_str())
            .filter(|s| matches!(*s, "socks5" | "socks5h"))
            .is_some();
        let (tcp_host, tcp_port) = first_hop(proxy.as_ref(), socks, host, port)?;
        let tcp = dial(&tcp_host, tcp_port, self.timeout)
            .await
            .map_err(ConnectError::Connect)?;
        let (mut counted, probe) = probed(tcp);
        if let Some(p) = proxy.as_ref().filter(|_| socks) {
            counted = tokio::time::timeout(self.timeout, through_socks(counted, p, host, port))
                .await
                .map_err(|_| timed_out("the SOCKS proxy did not answer"))
                .and_then(|r| r)
                .map_err(ConnectError::Handshake)?;
        }
        let proxy = proxy.filter(|_| !socks);
        let auth = proxy.as_ref().and_then(|p| p.basic_auth().cloned());
        if !https {
            let route = match proxy {
                Some(_) => Route::HttpProxy(auth),
                None => Route::Direct,
            };
            return Ok((Stream::Plain(counted), probe, route));
        }
        if proxy.is_some() {
            tokio::time::timeout(
                self.timeout,
                tunnel(&mut counted, host, port, auth.as_ref()),
            )
            .await
            .map_err(|_| timed_out("the proxy did not answer"))
            .and_then(|r| r)
            .map_err(ConnectError::Handshake)?;
        }
        let name = rustls::pki_types::ServerName::try_from(host.to_string())
            .map_err(|e| ConnectError::Handshake(io::Error::other(e)))?;
        let tls = tokio::time::timeout(self.timeout, self.tls.connect(name, counted))
            .await
            .map_err(|_| timed_out("the TLS handshake timed out"))
            .and_then(|r| r)
            .map_err(ConnectError::Handshake)?;
        Ok((Stream::Tls(Box::new(tls)), probe, Route::Direct))
    }
}

/// Where the connection goes first: the proxy (SOCKS or plain http) set for the origin, or the
/// origin itself. An https proxy is refused: uploads speak to http and SOCKS proxies only.
fn first_hop(
    proxy: Option<&hyper_util::client::proxy::matcher::Intercept>,
    socks: bool,
    host: &str,
    port: u16,
) -> Result<(String, u16), ConnectError> {
    let Some(p) = proxy else {
        return Ok((host.to_string(), port));
    };
    if p.uri().scheme_str() == Some("https") {
        return Err(ConnectError::Handshake(io::Error::other(
            "uploads go through http:// and socks5:// proxies only; set HTTPS_PROXY to the proxy's http:// address",
        )));
    }
    let h = p.uri().host().unwrap_or("");
    Ok((
        h.trim_start_matches('[').trim_end_matches(']').to_string(),
        p.uri().port_u16().unwrap_or(if socks { 1080 } else { 80 }),
    ))
}

/// The TCP stream counted, and its probe: registered for an interrupt to cut off, and told
/// whether the system says what the peer acknowledged (where it does not, the watchdog allows
/// the send buffer, kept small by `dial`, time to drain).
fn probed(tcp: TcpStream) -> (Counted, Arc<Probe>) {
    let probe = Arc::new(Probe::default());
    let fd = raw(&tcp);
    *probe.fd.lock().unwrap_or_else(|e| e.into_inner()) = fd;
    probe.counts_acks.store(tells_acks(fd), Ordering::Relaxed);
    probe::register(&probe);
    let counted = Counted {
        io: tcp,
        probe: probe.clone(),
    };
    (counted, probe)
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, what.to_string())
}

/// Resolves the host and connects to its addresses in turn, each within `timeout`.
async fn dial(host: &str, port: u16, timeout: Duration) -> io::Result<TcpStream> {
    let addrs = tokio::time::timeout(timeout, tokio::net::lookup_host((host, port)))
        .await
        .map_err(|_| timed_out("the name lookup timed out"))??;
    let mut last = None;
    for addr in addrs {
        let socket = if addr.is_ipv4() {
            TcpSocket::new_v4()?
        } else {
            TcpSocket::new_v6()?
        };
        // Linux, macOS and Windows 10 1703 and later tell, and keep their send-buffer
        // autotuning; a system that does not is given the small buffer the watchdog allows.
        if !tells_acks(raw(&socket)) {
            socket.set_send_buffer_size(FALLBACK_SEND_BUFFER)?;
            // A Linux kernel underneath (wine, qemu-user) doubles what it is asked for.
            if socket
                .send_buffer_size()
                .is_ok_and(|n| n > FALLBACK_SEND_BUFFER)
            {
                socket.set_send_buffer_size(FALLBACK_SEND_BUFFER / 2)?;
            }
        }
        match tokio::time::timeout(timeout, socket.connect(addr)).await {
            Ok(Ok(s)) => {
                s.set_nodelay(true)?;
                return Ok(s);
            }
            Ok(Err(e)) => last = Some(e),
            Err(_) => last = Some(timed_out("connecting timed out")),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no address for the host")))
}
