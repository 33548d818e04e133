//! Proxies, from the variables curl reads: HTTP CONNECT and SOCKS5 for the API calls and the
//! uploads alike (the proxy resolving names with `socks5h://`, this machine with
//! `socks5://`), a proxy of any other kind refused before a byte is sent, and a proxy that
//! wants or refuses credentials named for it.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Storage;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::MockServer;
use serde_json::json;
use std::io::Read;
use std::io::Write;
use std::net::TcpListener;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::Mutex;

/// A SOCKS5 proxy on 127.0.0.1 (no authentication, CONNECT only): its address, and each
/// tunnel's destination as asked (`host:port`, the host as a name or an address).
fn socks5() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let seen = asked.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            let seen = seen.clone();
            std::thread::spawn(move || {
                let _ = tunnel(conn, &seen);
            });
        }
    });
    (addr, asked)
}

fn tunnel(mut client: TcpStream, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    let mut head = [0u8; 2];
    client.read_exact(&mut head)?;
    assert_eq!(head[0], 5, "SOCKS version 5");
    let mut methods = vec![0u8; head[1] as usize];
    client.read_exact(&mut methods)?;
    client.write_all(&[5, 0])?;
    let mut request = [0u8; 4];
    client.read_exact(&mut request)?;
    assert_eq!(&request[..3], &[5, 1, 0], "CONNECT");
    let host = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            client.read_exact(&mut ip)?;
            std::net::Ipv4Addr::from(ip).to_string()
        }
        3 => {
            let mut len = [0u8; 1];
            client.read_exact(&mut len)?;
            let mut name = vec![0u8; len[0] as usize];
            client.read_exact(&mut name)?;
            String::from_utf8(name).unwrap()
        }
        4 => {
            let mut ip = [0u8; 16];
            client.read_exact(&mut ip)?;
            format!("[{}]", std::net::Ipv6Addr::from(ip))
        }
        other => panic!("address type {other}"),
    };
    let mut port = [0u8; 2];
    client.read_exact(&mut port)?;
    let dest = format!("{host}:{}", u16::from_be_bytes(port));
    seen.lock().unwrap().push(dest.clone());
    let server = TcpStream::connect(dest.replace("localhost", "127.0.0.1"))?;
    client.write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])?;
    let (mut c2, mut s2) = (client.try_clone()?, server.try_clone()?);
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut c2, &mut s2);
        let _ = s2.shutdown(std::net::Shutdown::Write);
    });
    let (mut client, mut server) = (client, server);
    let _ = std::io::copy(&mut server, &mut client);
    let _ = client.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
    Ok(())
}

#[test]
fn api_calls_and_uploads_go_through_a_socks5_proxy() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let port = storage
        .url
        .rsplit(':')
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap();
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((format!("http://localhost:{port}/tasks"), storage.arrivals())),
        ..Options::default()
    });
    let api_port = cloud.url.rsplit(':').next().unwrap().to_string();
    let file = sb.write("a.txt", b"through the tunnel");
    for (scheme, storage_host) in [("socks5h", "localhost"), ("socks5", "127.0.0.1")] {
        let (proxy, asked) = socks5();
        let out = sb
            .cloud(&cloud)
            .env("ALL_PROXY", format!("{scheme}://{proxy}"))
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        assert!(out.status.success(), "{scheme}: {}", stderr(&out));
        let asked = asked.lock().unwrap().clone();
        assert!(
            asked.contains(&format!("127.0.0.1:{api_port}")),
            "{scheme}: the API call went through the proxy: {asked:?}"
        );
        assert!(
            asked.contains(&format!("{storage_host}:{port}")),
            "{scheme}: the upload went through the proxy, the name resolved by {}: {asked:?}",
            if scheme == "socks5h" {
                "the proxy"
            } else {
                "this machine"
            }
        );
    }
    assert_eq!(storage.received().len(), 2);
    assert!(
        storage
            .received()
            .iter()
            .all(|r| r.data == b"through the tunnel")
    );
}

#[test]
fn a_proxy_of_another_kind_is_refused_before_a_byte_is_sent() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let file = sb.write("a.txt", b"data");
    for (var, value) in [
        ("ALL_PROXY", "socks4://127.0.0.1:9"),
        ("https_proxy", "ftp://127.0.0.1:9"),
    ] {
        let out = sb
            .cloud(&cloud)
            .env(var, value)
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        let scheme = value.split("://").next().unwrap();
        assert!(
            err.contains(&format!("{var} names a {scheme}:// proxy")),
            "{err}"
        );
        assert!(err.contains("socks5://"), "{err}");
    }
    assert!(cloud.requests().is_empty(), "nothing was sent");
}

/// An http proxy that wants credentials: it answers every request, CONNECT or not, 407. Its
/// address, and how many requests it took.
fn proxy_wanting_credentials() -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            *seen.lock().unwrap() += 1;
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let _ = conn.write_all(
                b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    (addr, count)
}

#[test]
fn a_proxy_that_wants_credentials_is_a_refusal_not_retried() {
    let sb = Sandbox::new();
    let check = |out: std::process::Output, count: &Mutex<usize>| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(4), "{err}");
        assert!(
            err.contains("the proxy wants credentials: put them in the proxy URL"),
            "{err}"
        );
        assert!(!err.contains("retry"), "{err}");
        assert_eq!(*count.lock().unwrap(), 1, "asked once: {err}");
    };
    // An API call through it, plain and tunnelled.
    for (var, api) in [
        ("HTTP_PROXY", "http://api.example"),
        ("HTTPS_PROXY", "https://api.example"),
    ] {
        let (proxy, count) = proxy_wanting_credentials();
        let out = sb
            .cmd()
            .env(var, &proxy)
            .env("CLOUDCONVERT_API_URL", api)
            .env("CLOUDCONVERT_API_KEY", KEY)
            .args(["task", "show", "abc"])
            .output()
            .unwrap();
        check(out, &count);
    }
    // An upload through it, plain and tunnelled; the API itself is reached directly.
    for scheme in ["http", "https"] {
        let (proxy, count) = proxy_wanting_credentials();
        let cloud = Cloud::start(Options {
            storage: Some((
                format!("{scheme}://storage.example/tasks"),
                Arc::new(|_: &str| None),
            )),
            ..Options::default()
        });
        let file = sb.write("a.txt", b"data");
        let out = sb
            .cloud(&cloud)
            .env("HTTP_PROXY", &proxy)
            .env("HTTPS_PROXY", &proxy)
            .env("NO_PROXY", "127.0.0.1")
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        check(out, &count);
    }
}

/// A SOCKS5 proxy that takes no request without a user and password, and refuses every pair
/// it is given: its address, and how many connections it took.
fn socks5_refusing() -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let count = Arc::new(Mutex::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            *seen.lock().unwrap() += 1;
            let _ = (|| -> std::io::Result<()> {
                let mut head = [0u8; 2];
                conn.read_exact(&mut head)?;
                let mut methods = vec![0u8; head[1] as usize];
                conn.read_exact(&mut methods)?;
                if !methods.contains(&2) {
                    return conn.write_all(&[5, 0xff]); // no acceptable method
                }
                conn.write_all(&[5, 2])?;
                let mut version_and_len = [0u8; 2];
                conn.read_exact(&mut version_and_len)?;
                let mut user = vec![0u8; version_and_len[1] as usize];
                conn.read_exact(&mut user)?;
                let mut len = [0u8; 1];
                conn.read_exact(&mut len)?;
                let mut pass = vec![0u8; len[0] as usize];
                conn.read_exact(&mut pass)?;
                conn.write_all(&[1, 1]) // refused
            })();
        }
    });
    (addr, count)
}

/// A proxy that refuses credentials already in its URL is said to refuse them (never told
/// to put them there); a SOCKS5 proxy's refusal is a refusal (exit 4), as an HTTP proxy's 407
/// is, asked once. The password is never printed.
#[test]
fn a_proxy_refusing_the_credentials_in_its_url_is_named_for_that() {
    let sb = Sandbox::new();
    let check = |out: std::process::Output, count: &Mutex<usize>, words: &str| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(4), "{err}");
        assert!(err.contains(words), "{words}: {err}");
        assert!(
            !err.contains("s3cr3t-pw") && !err.contains("retry"),
            "{err}"
        );
        assert_eq!(*count.lock().unwrap(), 1, "asked once: {err}");
    };
    let refused = "the proxy refused the credentials in the proxy URL";
    // An HTTP proxy answering 407 to credentials it was given, for an API call and an upload.
    let (proxy, count) = proxy_wanting_credentials();
    let with_pw = proxy.replace("http://", "http://user:s3cr3t-pw@");
    let out = sb
        .cmd()
        .env("HTTPS_PROXY", &with_pw)
        .env("CLOUDCONVERT_API_URL", "https://api.example")
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    check(out, &count, refused);
    let (proxy, count) = proxy_wanting_credentials();
    let cloud = Cloud::start(Options {
        storage: Some((
            "https://storage.example/tasks".into(),
            Arc::new(|_: &str| None),
        )),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"data");
    let out = sb
        .cloud(&cloud)
        .env(
            "HTTPS_PROXY",
            proxy.replace("http://", "http://user:s3cr3t-pw@"),
        )
        .env("NO_PROXY", "127.0.0.1")
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    check(out, &count, refused);
    // A SOCKS5 proxy: with credentials it refuses them; without, it wants some.
    for (userinfo, words) in [
        ("user:s3cr3t-pw@", refused),
        ("", "the proxy wants credentials: put them in the proxy URL"),
    ] {
        let (proxy, count) = socks5_refusing();
        let out = sb
            .cmd()
            .env("ALL_PROXY", format!("socks5h://{userinfo}{proxy}"))
            .env("CLOUDCONVERT_API_URL", "http://api.example")
            .env("CLOUDCONVERT_API_KEY", KEY)
            .args(["task", "show", "abc"])
            .output()
            .unwrap();
        check(out, &count, words);
    }
}

#[test]
fn uploads_go_through_the_proxy_named_in_the_environment() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // The form names a host that exists only behind the proxy (the storage stand-in, which
    // takes the whole URL in the request line as a proxy does).
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some(("http://storage.invalid/tasks".into(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"through the proxy");
    let proxy = storage.url.trim_end_matches("/tasks").to_string();
    let out = sb
        .cloud(&cloud)
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", "127.0.0.1")
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let got = storage.received();
    assert_eq!(got.len(), 1);
    assert!(
        got[0].path.starts_with("http://storage.invalid/tasks/"),
        "{}",
        got[0].path
    );
    assert_eq!(got[0].data, b"through the proxy");
}

/// A plain-http proxy that tunnels `CONNECT` to 127.0.0.1; the CONNECT lines it was sent.
fn connect_proxy() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            let mut reader = BufReader::new(conn);
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            log.lock().unwrap().push(line.trim_end().to_string());
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let port = line.rsplit(':').next().unwrap().split(' ').next().unwrap();
            let Ok(target) = TcpStream::connect(format!("127.0.0.1:{port}")) else {
                return;
            };
            let mut client = reader.into_inner();
            client
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .unwrap();
            let (mut c2, mut t2) = (client.try_clone().unwrap(), target.try_clone().unwrap());
            let mut target = target;
            std::thread::spawn(move || std::io::copy(&mut c2, &mut t2));
            std::thread::spawn(move || std::io::copy(&mut target, &mut client));
        }
    });
    (url, seen)
}

#[test]
fn https_uploads_tunnel_through_the_proxy_and_check_the_certificate() {
    let sb = Sandbox::new();
    let (port, connections) = crate::support::tls::untrusted();
    let storage = Storage::start(FORM);
    let file = sb.write("a.txt", b"secret data");
    let (proxy, seen) = connect_proxy();
    for via_proxy in [false, true] {
        let cloud = Cloud::start(Options {
            form: json!({"key": "k"}),
            storage: Some((
                format!("https://localhost:{port}/tasks"),
                storage.arrivals(),
            )),
            ..Options::default()
        });
        let mut cmd = sb.cloud(&cloud);
        if via_proxy {
            cmd.env("HTTPS_PROXY", &proxy).env("NO_PROXY", "127.0.0.1");
        }
        let out = cmd.args(["import", "upload", &file]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("not signed by an authority this system trusts"),
            "{err}"
        );
        assert!(!err.contains("sending it again"), "not retried: {err}");
    }
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert_eq!(
        *seen.lock().unwrap(),
        vec![format!("CONNECT localhost:{port} HTTP/1.1")]
    );
}

#[test]
fn proxies_come_from_the_usual_variables() {
    let sb = Sandbox::new();
    let proxy = MockServer::start();
    // A proxy sees the absolute URL of a host that does not exist here.
    let m = proxy.mock(|when, then| {
        when.method(GET)
            .path("/v2/tasks/t-1")
            .header("host", "api.cloudconvert.test");
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    });
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .env("HTTP_PROXY", proxy.base_url())
        .args([
            "--api-url",
            "http://api.cloudconvert.test",
            "task",
            "show",
            "t-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    m.assert();
}
