//! Tunnels through proxies: SOCKS5 by hyper-util's handshake (the one reqwest's API calls go
//! through), and `CONNECT` through a plain-http proxy.

use super::Counted;
use crate::net::failure::PROXY_AUTH_REQUIRED;
use hyper::Uri;
use hyper::http::HeaderValue;
use std::io;
use std::task::{Context, Poll};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Asks a SOCKS5 proxy for a tunnel to `host:port` over the connection made to it, by
/// hyper-util's handshake (the one reqwest's API calls go through): with `socks5h://` the proxy
/// resolves the name, with `socks5://` this machine does.
pub async fn through_socks(
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
pub async fn tunnel(
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
            PROXY_AUTH_REQUIRED
        )))
    } else {
        Err(io::Error::other(format!(
            "the proxy refused the tunnel (HTTP {status})"
        )))
    }
}
