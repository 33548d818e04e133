//! The proxies named in the environment, checked before anything is sent: the API calls
//! (reqwest) and the uploads (`socket`) both read them, and both speak only http:// (and
//! https:// for the API) and SOCKS5 proxies. A proxy of another kind would otherwise be spoken
//! to in the wrong protocol, or passed by in silence.

use super::failure::{ProxyRefusal, host_of, proxy_auth_error};
use crate::env::Env;
use crate::error::{Error, Result};

/// The variables read, as curl and reqwest read them.
const VARIABLES: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// Refuses a proxy this tool cannot speak to, naming its variable and scheme; a proxy's
/// password is a secret from here on.
pub fn check(env: &Env) -> Result<()> {
    for name in VARIABLES {
        let Some(value) = env.peek(name) else {
            continue;
        };
        // No scheme means http://, as curl takes it.
        let (scheme, rest) = value.split_once("://").unwrap_or(("http", &value));
        if let Some((userinfo, _)) = rest.split_once('@')
            && let Some((_, password)) = userinfo.split_once(':')
        {
            crate::secret::register(password);
        }
        if !matches!(
            scheme.to_ascii_lowercase().as_str(),
            "http" | "https" | "socks5" | "socks5h"
        ) {
            return Err(Error::usage(format!(
                "{name} names a {scheme}:// proxy, which this tool cannot use"
            ))
            .with_hint(format!(
                "give {name} an http://, socks5:// or socks5h:// proxy, or unset it"
            )));
        }
    }
    Ok(())
}

/// A proxy's refusal said for what it was: where the proxy URL for `url` holds credentials,
/// the proxy refused them; it did not merely want some (an HTTP proxy's 407 does not say which).
pub fn named(e: Error, url: &str, proxies: &hyper_util::client::proxy::matcher::Matcher) -> Error {
    let sent = || {
        url.parse::<hyper::Uri>().ok().is_some_and(|uri| {
            proxies
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_socks5_proxies_pass() {
        for ok in [
            "http://p:3128",
            "proxy.example:3128",
            "https://p",
            "socks5://p:1080",
            "SOCKS5H://u:pw@p",
        ] {
            assert!(check(&Env::from_pairs([("ALL_PROXY", ok)])).is_ok(), "{ok}");
        }
        let e = check(&Env::from_pairs([("https_proxy", "socks4://p:1080")])).unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Usage);
        assert_eq!(
            e.message,
            "https_proxy names a socks4:// proxy, which this tool cannot use"
        );
    }
}
