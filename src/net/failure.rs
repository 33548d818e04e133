//! Failures of the network, named as a person would: refused, timed out, reset; a certificate
//! refused for what it is; a proxy that wants (or refused) credentials; a region host that does
//! not exist. The API client and the upload transport both name their failures here.

use super::certificate;
use crate::error::causes;
use crate::error::{Error, Exit};
use std::time::Duration;

/// CloudConvert's regions today, for hints.
pub const REGIONS: &[&str] = &["eu-central", "us-east"];

/// The first line of a message.
pub fn first_line(s: &str) -> &str {
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
            REGIONS.join(", ")
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
    fn errors_say_their_kind_as_data() {
        use crate::error::Kind;
        let body = br#"{"message":"Too Many Attempts.","code":"TOO_MANY_REQUESTS"}"#;
        assert_eq!(
            crate::api::client::status_error(429, body, "https://h/v2/x").kind,
            Kind::RateLimited
        );
        assert_eq!(
            crate::api::client::status_error(422, b"{}", "https://h/v2/x").kind,
            Kind::Refused
        );
        assert_eq!(
            crate::api::client::status_error(502, b"", "https://h/v2/x").kind,
            Kind::Network
        );
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
