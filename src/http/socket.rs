//! The upload's socket, opened by the tool itself so that it can ask the system what the peer
//! has acknowledged: reqwest gives no way to reach its socket, and on a real uplink the kernel
//! takes megabytes at once (Linux autotunes the send buffer up to 4 MiB), so bytes written say
//! nothing of bytes delivered. Here: DNS and connect, the proxy from the usual variables (a
//! CONNECT tunnel for https), TLS with the platform's verifier, and a `Probe` that counts bytes
//! written and reads bytes acknowledged (`TCP_INFO` on Linux, `SO_NWRITE` on macOS,
//! `SIO_TCP_INFO` on Windows 10 1703 and later).

use hyper::Uri;
use hyper::http::HeaderValue;
use hyper_util::client::proxy::matcher::Matcher;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpSocket, TcpStream};

#[cfg(unix)]
type RawSocket = std::os::fd::RawFd;
#[cfg(windows)]
type RawSocket = std::os::windows::io::RawSocket;
#[cfg(not(any(unix, windows)))]
type RawSocket = ();

/// Where the system cannot tell what was acknowledged (Windows before 1703, wine, Unix systems
/// other than Linux and macOS), the send buffer is kept small, so that bytes written are close
/// to bytes delivered (the stall watchdog allows for this much). Elsewhere autotuning is left
/// alone.
pub const FALLBACK_SEND_BUFFER: u32 = 256 << 10;

/// What one connection has sent: bytes written to the socket, and bytes the peer acknowledged.
pub struct Probe {
    /// The socket while it is open; cleared before it closes, so that a late reading never
    /// asks a descriptor the system has given to another file.
    fd: Mutex<Option<RawSocket>>,
    written: AtomicU64,
    /// Set when an interrupt cut the connection off: bytes written that had not left this
    /// machine then (`UNKNOWN` where the system does not tell, or before any cut).
    never_left: AtomicU64,
    /// The system tells this connection's acknowledged bytes.
    counts_acks: std::sync::atomic::AtomicBool,
}

const UNKNOWN: u64 = u64::MAX;

impl Default for Probe {
    fn default() -> Probe {
        Probe {
            fd: Mutex::new(None),
            written: AtomicU64::new(0),
            never_left: AtomicU64::new(UNKNOWN),
            counts_acks: std::sync::atomic::AtomicBool::new(false),
        }
    }
}

impl Probe {
    /// After the connection was cut off by an interrupt: the bytes written to it that never
    /// left this machine, where the system tells.
    pub fn left_behind(&self) -> Option<u64> {
        Some(self.never_left.load(Ordering::SeqCst)).filter(|n| *n != UNKNOWN)
    }

    /// Whether `delivered` reads what the peer acknowledged, not only what was written.
    pub fn counts_acks(&self) -> bool {
        self.counts_acks.load(Ordering::Relaxed)
    }

    /// Bytes written to the socket since it opened (TLS records included).
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// Bytes the peer has acknowledged since the socket opened; where the system does not tell,
    /// the bytes written (the send buffer is small there).
    pub fn delivered(&self) -> u64 {
        let fd = self.fd.lock().unwrap_or_else(|e| e.into_inner());
        match *fd {
            Some(fd) => acknowledged(fd, self.written()).unwrap_or_else(|| self.written()),
            // The socket is closed: what was written is all there will be.
            None => self.written(),
        }
    }
}

/// Every upload connection's probe, so that an interrupt can cut them all off.
static LIVE: Mutex<Vec<std::sync::Weak<Probe>>> = Mutex::new(Vec::new());

fn register(probe: &Arc<Probe>) {
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    live.retain(|p| p.strong_count() > 0);
    live.push(Arc::downgrade(probe));
}

/// Cuts every open upload connection off at once with a reset (`SO_LINGER` 0, then the
/// socket closed under its descriptor), noting first how many bytes had not left this
/// machine: the kernel drops those, and the storage gets an incomplete body, which it refuses.
/// So what the interrupt then says of each file stays true. True where this is done.
pub fn reset_all() -> bool {
    let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    for probe in live.iter().filter_map(std::sync::Weak::upgrade) {
        let mut fd = probe.fd.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(raw) = *fd {
            if let Some(n) = unsent(raw) {
                probe.never_left.store(n, Ordering::SeqCst);
            }
            if cut_off(raw) {
                *fd = None;
            }
        }
    }
    cfg!(unix)
}

/// Resets the connection now: with `SO_LINGER` 0 a close sends a reset and drops the send
/// queue; the descriptor is pointed at /dev/null so that the socket closes at once while the
/// runtime still holds its number (the program ends right after).
#[cfg(unix)]
fn cut_off(fd: RawSocket) -> bool {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a plain struct option on a descriptor held open under the probe's lock; dup2
    // replaces that descriptor with /dev/null, which closes the socket.
    unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        if null < 0 {
            return false;
        }
        let done = libc::dup2(null, fd) == fd;
        libc::close(null);
        done
    }
}

#[cfg(not(unix))]
fn cut_off(_fd: RawSocket) -> bool {
    false
}

/// Bytes in the send queue that have not left this machine (`tcpi_notsent_bytes`, Linux 4.6
/// and later).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn unsent(fd: RawSocket) -> Option<u64> {
    let (info, len) = tcp_info(fd)?;
    let needed = std::mem::offset_of!(libc::tcp_info, tcpi_notsent_bytes) + 4;
    (len >= needed).then_some(u64::from(info.tcpi_notsent_bytes))
}

#[cfg(not(all(target_os = "linux", any(target_env = "gnu", target_env = "musl"))))]
fn unsent(_fd: RawSocket) -> Option<u64> {
    None
}

/// The kernel's `tcp_info` for the socket, and how many of its bytes the kernel filled in
/// (older kernels fill less: a field past that is not there).
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn tcp_info(fd: RawSocket) -> Option<(libc::tcp_info, usize)> {
    // SAFETY: `tcp_info` is plain data; getsockopt writes at most `len` bytes into it, and the
    // descriptor is open while the probe's lock is held.
    let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    let rc = unsafe {
        libc::getsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut libc::tcp_info).cast(),
            &mut len,
        )
    };
    (rc == 0).then_some((info, len as usize))
}

/// `tcpi_bytes_acked` (Linux 4.1 and later) counts the SYN too.
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
fn acknowledged(fd: RawSocket, _written: u64) -> Option<u64> {
    let (info, len) = tcp_info(fd)?;
    let needed = std::mem::offset_of!(libc::tcp_info, tcpi_bytes_acked) + 8;
    (len >= needed).then(|| info.tcpi_bytes_acked.saturating_sub(1))
}

/// `SO_NWRITE`: the bytes still in the send buffer, not yet acknowledged.
#[cfg(target_os = "macos")]
fn acknowledged(fd: RawSocket, written: u64) -> Option<u64> {
    let mut unacked: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized option into an int; the descriptor is open under the probe's lock.
    let rc = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_NWRITE,
            (&mut unacked as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    (rc == 0).then(|| written.saturating_sub(unacked.max(0) as u64))
}

/// `SIO_TCP_INFO` (Windows 10 1703 and later): the bytes sent less those still in flight.
/// None where the system has no such query (older Windows, wine).
#[cfg(windows)]
fn acknowledged(fd: RawSocket, written: u64) -> Option<u64> {
    use windows_sys::Win32::Networking::WinSock::{SIO_TCP_INFO, TCP_INFO_v0, WSAIoctl};
    let version: u32 = 0;
    let mut info = TCP_INFO_v0::default();
    let mut returned: u32 = 0;
    // SAFETY: the documented in/out buffers, sized as given, on a socket held open under the
    // probe's lock; no overlapped I/O.
    let rc = unsafe {
        WSAIoctl(
            fd as usize,
            SIO_TCP_INFO,
            (&version as *const u32).cast(),
            std::mem::size_of::<u32>() as u32,
            (&mut info as *mut TCP_INFO_v0).cast(),
            std::mem::size_of::<TCP_INFO_v0>() as u32,
            &mut returned,
            std::ptr::null_mut(),
            None,
        )
    };
    let whole = returned as usize >= std::mem::size_of::<TCP_INFO_v0>();
    (rc == 0 && whole).then(|| {
        let acked = info.BytesOut.saturating_sub(u64::from(info.BytesInFlight));
        if written == 0 {
            acked
        } else {
            acked.min(written)
        }
    })
}

#[cfg(not(any(
    all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
    target_os = "macos",
    windows
)))]
fn acknowledged(_fd: RawSocket, _written: u64) -> Option<u64> {
    None
}

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
        let (tcp_host, tcp_port) = match &proxy {
            Some(p) => {
                if p.uri().scheme_str() == Some("https") {
                    return Err(ConnectError::Handshake(io::Error::other(
                        "uploads go through http:// and socks5:// proxies only; set HTTPS_PROXY to the proxy's http:// address",
                    )));
                }
                let h = p.uri().host().unwrap_or("").to_string();
                (
                    h,
                    p.uri().port_u16().unwrap_or(if socks { 1080 } else { 80 }),
                )
            }
            None => (host.to_string(), port),
        };
        let tcp = dial(
            tcp_host.trim_start_matches('[').trim_end_matches(']'),
            tcp_port,
            self.timeout,
        )
        .await
        .map_err(ConnectError::Connect)?;
        let probe = Arc::new(Probe::default());
        let fd = raw(&tcp);
        *probe.fd.lock().unwrap_or_else(|e| e.into_inner()) = fd;
        // Where the system does not tell, the watchdog allows the send buffer (kept small by
        // `dial`) time to drain.
        probe.counts_acks.store(tells_acks(fd), Ordering::Relaxed);
        register(&probe);
        let mut counted = Counted {
            io: tcp,
            probe: probe.clone(),
        };
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

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, what.to_string())
}

/// A socket's number as the system's queries take it (a TcpStream's, or a TcpSocket's before
/// it connects).
#[cfg(unix)]
fn raw(socket: &impl std::os::fd::AsRawFd) -> Option<RawSocket> {
    Some(socket.as_raw_fd())
}

#[cfg(windows)]
fn raw(socket: &impl std::os::windows::io::AsRawSocket) -> Option<RawSocket> {
    Some(socket.as_raw_socket())
}

#[cfg(not(any(unix, windows)))]
fn raw<T>(_socket: &T) -> Option<RawSocket> {
    Some(())
}

/// Whether the system tells the socket's acknowledged bytes: Windows before 1703, wine and
/// qemu-user cannot.
fn tells_acks(fd: Option<RawSocket>) -> bool {
    fd.is_some_and(|fd| acknowledged(fd, 0).is_some())
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

/// Asks a SOCKS5 proxy for a tunnel to `host:port` over the connection made to it, by
/// hyper-util's handshake (the one reqwest's API calls go through): with `socks5h://` the proxy
/// resolves the name, with `socks5://` this machine does.
async fn through_socks(
    conn: Counted,
    proxy: &hyper_util::client::proxy::matcher::Intercept,
    host: &str,
    port: u16,
) -> io::Result<Counted> {
    use hyper_util::client::legacy::connect::proxy::SocksV5;
    use hyper_util::rt::TokioIo;
    use tower_service::Service;

    /// The connection already made, handed to the handshake as its connector.
    struct Made(Option<TokioIo<Counted>>);
    impl Service<Uri> for Made {
        type Response = TokioIo<Counted>;
        type Error = io::Error;
        type Future = std::future::Ready<io::Result<TokioIo<Counted>>>;
        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
        fn call(&mut self, _: Uri) -> Self::Future {
            std::future::ready(self.0.take().ok_or_else(|| io::Error::other("used once")))
        }
    }

    let authority = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let dst: Uri = format!("http://{authority}")
        .parse()
        .map_err(io::Error::other)?;
    let mut socks = SocksV5::new(proxy.uri().clone(), Made(Some(TokioIo::new(conn))))
        .local_dns(proxy.uri().scheme_str() == Some("socks5"));
    if let Some((user, pass)) = proxy.raw_auth() {
        socks = socks.with_auth(user.to_string(), pass.to_string());
    }
    socks
        .call(dst)
        .await
        .map(TokioIo::into_inner)
        .map_err(|e| io::Error::other(format!("the SOCKS proxy gave no tunnel: {e}")))
}

/// `CONNECT host:port` through a plain-http proxy.
async fn tunnel(
    io: &mut Counted,
    host: &str,
    port: u16,
    auth: Option<&HeaderValue>,
) -> io::Result<()> {
    let authority = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut head = format!("CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n").into_bytes();
    if let Some(a) = auth {
        head.extend_from_slice(b"Proxy-Authorization: ");
        head.extend_from_slice(a.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    head.extend_from_slice(b"\r\n");
    io.write_all(&head).await?;
    // The proxy's answer is a status line and headers; nothing follows until the TLS handshake.
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = io.read(&mut buf).await?;
        if n == 0 || answer.len() > 16 << 10 {
            return Err(io::Error::other("the proxy closed the connection"));
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let line = String::from_utf8_lossy(&answer);
    let status = line.split_whitespace().nth(1).unwrap_or("");
    if status == "200" {
        Ok(())
    } else if status == "407" {
        Err(io::Error::other(format!(
            "the proxy refused the tunnel: {} (HTTP 407)",
            super::PROXY_AUTH_REQUIRED
        )))
    } else {
        Err(io::Error::other(format!(
            "the proxy refused the tunnel (HTTP {status})"
        )))
    }
}
