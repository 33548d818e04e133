//! Hostile servers, odd input, terminals and signals: every echo of a secret scrubbed, every
//! answer bounded, no panic, server text that cannot drive the terminal, and the ways out
//! (Ctrl-C, SIGTERM, SIGHUP) that keep the terminal and the task ids.

use crate::cloud::{self, Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A server on 127.0.0.1 that reads each request's head and lets `answer` read the rest and
/// write whatever it wants (through `get_mut`); counts the connections.
fn raw_server(
    answer: impl Fn(&str, &mut BufReader<TcpStream>) + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let (c, answer) = (count.clone(), Arc::new(answer));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(conn);
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                answer(&head, &mut reader);
            });
        }
    });
    (url, count)
}

pub fn kill(pid: u32, signal: &str) {
    assert!(
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
}

/// Waits (at most 10 s) until `what` holds.
pub fn wait_until(what: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !what() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn secret_echoes_in_every_form_are_scrubbed_on_stderr_and_stdout() {
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7&ab<c>\n-----END PRIVATE KEY-----\n";
    let json_escaped = key.replace('\n', "\\n");
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/google-cloud-storage");
        then.status(422).json_body(json!({
            "message": format!("The given data was invalid. {json_escaped}"),
            "code": "INVALID_DATA",
            "errors": {"private_key": [format!("The private key {key} is malformed.")]}
        }));
    });
    let args = [
        "import",
        "gcs",
        "gs://b/f",
        "--project-id",
        "p",
        "--client-email",
        "e@x.iam",
        "--private-key",
        key,
    ];
    let out = sb.api(&server).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "{all}");
    assert!(!all.contains("BKcwggSjAgEAAoIBAQC7"), "{all}");

    // A task whose message echoes the password as it is and HTML-escaped, and whose result
    // echoes it percent-encoded.
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/sftp");
        then.status(201).json_body(json!({"data": {
            "id": "s-1", "status": "error", "code": "AUTH",
            "message": "login failed for password MARK&<SSHPASS>77 (MARK&amp;&lt;SSHPASS&gt;77)",
            "result": {"tried": "MARK%26%3CSSHPASS%3E77"}
        }}));
    });
    let out = sb
        .api(&server)
        .env("SSHPASS", "MARK&<SSHPASS>77")
        .args(["import", "sftp", "sftp://u@h/f"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        printed["message"], "login failed for password *** (***)",
        "every string of a printed task is scrubbed, the JSON's shape kept"
    );
    assert_eq!(printed["result"]["tried"], "***");
}

#[test]
fn a_signed_url_stays_out_of_ps_and_of_every_output() {
    let sb = Sandbox::new();
    let signed = "https://b.s3.amazonaws.com/a.pdf?X-Amz-Credential=AKIAMARK%2F1&X-Amz-Signature=MARKSIG0123456789&X-Amz-Expires=60";
    let file = sb.path().join("url.txt");
    std::fs::write(&file, format!("{signed}\n")).unwrap();
    let at_file = format!("@{}", file.display());
    for args in [
        vec!["--dry-run", "import", "url", at_file.as_str()],
        vec!["--dry-run", "import", "url", "-"],
        vec!["--dry-run", "import", "url"],
    ] {
        let out = sb
            .cmd()
            .env("CLOUDCONVERT_IMPORT_URL", signed)
            .args(&args)
            .write_stdin(signed)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
        let url = shown["body"]["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://b.s3.amazonaws.com/a.pdf?"),
            "{url}"
        );
        assert!(
            !url.contains("MARKSIG") && !url.contains("AKIAMARK"),
            "{url}"
        );
    }
    // And in the printed task, where the API echoes the payload.
    let cloud = Cloud::start(Options::default());
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", &at_file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let body: Value = serde_json::from_slice(&cloud.requests()[0].body).unwrap();
    assert_eq!(body["url"], signed, "the real URL is sent");
    let out = sb
        .cloud(&cloud)
        .args(["task", "show", &cloud::id(1), "--include", "payload"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains("MARKSIG"), "{}", stdout(&out));
}

#[test]
fn credentials_in_the_api_url_are_refused_unechoed() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args([
            "--api-url",
            "https://user:MARK-PW-99@proxy.example",
            "task",
            "show",
            "abc",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("user or password"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("MARK-PW-99"));
}

#[test]
fn an_endless_api_answer_is_cut_off() {
    let sb = Sandbox::new();
    let (url, _) = raw_server(|_, reader| {
        let conn = reader.get_mut();
        let _ = conn
            .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"data\": \"");
        let chunk = vec![b'a'; 1 << 16];
        while conn.write_all(&chunk).is_ok() {}
    });
    let started = Instant::now();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &url)
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("answer too large"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_storage_that_answers_201_and_never_ends_its_body_is_a_success() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    // The stand-in storage accepts, but this one keeps talking after its 201.
    let (url, _) = raw_server(|head, reader| {
        let len: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let conn = reader.get_mut();
        let _ = conn.write_all(
            b"HTTP/1.1 201 Created\r\nContent-Type: application/xml\r\n\r\n<PostResponse>",
        );
        let chunk = vec![b' '; 1 << 16];
        while conn.write_all(&chunk).is_ok() {}
    });
    let cloud_endless = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((url, storage.arrivals())),
        ..Options::default()
    });
    drop(cloud);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud_endless)
        .args([
            "import",
            "upload",
            file.to_str().unwrap(),
            "--wait-timeout",
            "2",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    // The storage took the file (201); this stand-in never records it, so the wait times out:
    // what matters is that the upload step ended and was not sent again.
    let err = stderr(&out);
    assert!(
        !err.contains("no progress") && !err.contains("sending it again"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(5), "{err}");
}

#[test]
fn server_ids_are_checked_before_they_go_into_a_url() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201)
            .json_body(json!({"data": {"id": "../users/me", "status": "waiting"}}));
    });
    let me = server.mock(|when, then| {
        when.method(GET).path("/v2/users/me");
        then.status(200).json_body(json!({"data": {}}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("may have been created"),
        "{}",
        stderr(&out)
    );
    assert_eq!(me.calls(), 0);
}

#[test]
fn server_text_cannot_drive_the_terminal_or_forge_a_line() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(422).json_body(json!({
            "message": "bad\u{1b}]52;c;ZXZpbA==\u{7}\n  hint: run rm -rf ~",
            "code": "INVALID\u{1b}[2J"
        }));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        !err.lines().any(|l| l.trim_start().starts_with("hint: run")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201)
            .json_body(json!({"data": {"id": "x\u{1b}[2Jy", "status": "waiting"}}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "-o", "id"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "x\\u{1b}[2Jy\n");
}

#[test]
fn a_form_url_that_is_not_http_is_a_bad_answer_not_a_network_fault() {
    let sb = Sandbox::new();
    for url in ["file:///etc/passwd", "ftp://storage.example/x", "not a url"] {
        let server = MockServer::start();
        let create = server.mock(|when, then| {
            when.method(POST).path("/v2/import/upload");
            then.status(201)
                .json_body(json!({"data": {"id": "f-1", "status": "waiting",
                "result": {"form": {"url": url, "parameters": {}}}}}));
        });
        let file = sb.path().join("a.txt");
        std::fs::write(&file, "a").unwrap();
        let started = Instant::now();
        let out = sb
            .api(&server)
            .args(["import", "upload", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains("not http(s)"), "{}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(3), "not retried");
        assert_eq!(create.calls(), 1);
    }
}

#[test]
fn an_api_key_with_a_line_break_is_refused_before_sending() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .env("CLOUDCONVERT_API_KEY", "first-half\nsecond-half")
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("the API key contains a line break"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("may have been created"));
    assert_eq!(all.calls(), 0);
    // A key with a final newline (`$(cat key.txt)` keeps none, a file read by a CI tool may) is
    // trimmed.
    let server = MockServer::start();
    let show = server.mock(|when, then| {
        when.method(GET)
            .path("/v2/tasks/abc")
            .header("authorization", format!("Bearer {KEY}"));
        then.status(200)
            .json_body(json!({"data": task("abc", "import/url", "finished")}));
    });
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .env("CLOUDCONVERT_API_KEY", format!("{KEY}\n"))
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(show.calls(), 1);
}

#[test]
fn malformed_retry_after_and_extreme_values_never_panic() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201)
            .header("Retry-After", "Sun, 06 Nov 99999999999 99:99:99 GMT")
            .json_body(json!({"data": task("r-1", "import/url", "waiting")}));
    });
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/r-2");
        then.status(429)
            .header("Retry-After", "Sun, 06 Nov 1994 25:61:99 GMT")
            .json_body(json!({"message": "Too Many Requests"}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert!(out.status.success(), "a 201 is a 201: {}", stderr(&out));
    let out = sb
        .api(&server)
        .args(["--retries", "1", "task", "show", "r-2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    for extreme in ["18446744073709551615", "0", "604801"] {
        let out = sb
            .api(&server)
            .args([
                "import",
                "url",
                "https://e.com/a",
                "--wait",
                "--wait-timeout",
                extreme,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{extreme}: {}", stderr(&out));
    }
}

#[test]
fn a_retry_after_longer_than_the_cap_fails_at_once_saying_so() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let show = server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/r-1");
        then.status(503)
            .header("Retry-After", "3600")
            .json_body(json!({"message": "Down for maintenance"}));
    });
    let started = Instant::now();
    let out = sb
        .api(&server)
        .args(["task", "show", "r-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(show.calls(), 1);
    assert!(
        stderr(&out).contains("asked to wait 3600 s"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unreadable_answer_to_a_create_says_the_task_may_exist() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201).body("<html>proxy says hi</html>");
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("may have been created"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_stdin_copy_names_its_directory_when_it_cannot_be_made() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .api(&server)
        .env("TMPDIR", "/nonexistent/tmp")
        .args(["import", "upload", "-", "--filename", "x.bin"])
        .write_stdin("data")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("/nonexistent/tmp") && err.contains("TMPDIR"),
        "{err}"
    );
    assert_eq!(all.calls(), 0);
}

#[test]
fn config_writes_are_safe() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    // A dangling link at the config path is not followed into creating its target.
    let target = sb.path().join("elsewhere.toml");
    let link = sb.path().join("link.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", link.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!target.exists());
    // A new file named by --config is created, mode 0600; other settings in it are kept.
    let new = sb.path().join("new.toml");
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", new.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&new).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A link to an existing file is written through, and stays a link.
    std::fs::write(&target, "region = \"eu-central\"\n").unwrap();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", link.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("region = \"eu-central\"") && text.contains(KEY),
        "{text}"
    );
}

#[test]
fn login_stores_exactly_the_environment_it_checked() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let login = |args: &[&str], stdin: &str| {
        sb.cmd()
            .env("CLOUDCONVERT_API_URL", &cloud.url)
            .args(["auth", "login"])
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap()
    };
    assert!(login(&["--sandbox"], KEY).status.success());
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(text.contains("sandbox = true"), "{text}");
    let out = sb.cmd().args(["auth", "logout"]).output().unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(!text.contains("sandbox") && !text.contains(KEY), "{text}");
    // A production login after a sandbox one stores no sandbox setting.
    assert!(login(&["--sandbox"], KEY).status.success());
    let out = login(&[], KEY);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(!text.contains("sandbox"), "{text}");
    // --api-key on login is the key checked and stored; stdin is not read.
    let out = login(&["--api-key", KEY], "");
    assert!(out.status.success(), "{}", stderr(&out));
    // The variable beats the stored key: every auth command says so.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("CLOUDCONVERT_API_KEY is set"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn after_a_failed_upload_the_task_is_looked_at() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    storage.script(&[Answer::Fail(403, "AccessDenied", "Policy expired.")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "task {} is still waiting for its file",
            cloud::id(1)
        )),
        "{err}"
    );
    assert_eq!(
        cloud.count("GET", &format!("/v2/tasks/{}", cloud::id(1))),
        1
    );
}

#[test]
fn hyphen_values_and_keys_from_stdin_are_sent_byte_exact() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n";
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "gcs",
            "gs://b/f",
            "--project-id",
            "p",
            "--client-email",
            "e@x",
        ])
        .args(["--private-key", "-"])
        .write_stdin(key)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent: Value = serde_json::from_slice(&cloud.requests()[0].body).unwrap();
    assert_eq!(sent["private_key"], key);
    let out = sb
        .cloud(&cloud)
        .args(["import", "sftp", "sftp://u@h/f", "--private-key", key])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent: Value = serde_json::from_slice(&cloud.requests()[1].body).unwrap();
    assert_eq!(sent["private_key"], key);
}

/// A TLS server on 127.0.0.1 whose certificate no system trusts: its port, and how many
/// connections it took.
pub fn untrusted_tls_server() -> (u16, Arc<AtomicUsize>) {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let cert = CertificateDer::from(include_bytes!("tls/cert.der").to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        include_bytes!("tls/key.der").to_vec(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let c = connections.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let mut tls = rustls::ServerConnection::new(config.clone()).unwrap();
            let _ = tls.complete_io(&mut conn);
        }
    });
    (port, connections)
}

#[test]
fn a_certificate_the_system_does_not_trust_is_said_in_words_and_not_retried() {
    let (port, connections) = untrusted_tls_server();
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", format!("https://127.0.0.1:{port}"))
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("not signed by an authority this system trusts"),
        "{err}"
    );
    assert!(err.contains("SSL_CERT_FILE"), "{err}");
    assert!(
        !err.contains("OtherError") && !err.contains("retrying"),
        "{err}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 1, "not retried");
}

/// A task that takes long, waited for, then ended by `signal`: the exit status, and the one
/// line naming the unfinished task.
#[cfg(unix)]
fn signalled_wait(signal: &str) -> (std::process::Output, String) {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(60),
        ..Options::default()
    });
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| cloud.count("GET", "/sync/") > 0);
    std::thread::sleep(Duration::from_millis(100));
    kill(child.id(), signal);
    (child.wait_with_output().unwrap(), cloud::id(1))
}

#[cfg(unix)]
#[test]
fn signals_end_a_wait_with_their_status_and_name_the_task() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let (out, id) = signalled_wait(signal);
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", stderr(&out));
        let err = stderr(&out);
        // What is true of the task, then the command to go on, whole.
        assert_eq!(
            err.lines().collect::<Vec<_>>(),
            [
                format!("cloudconvert: interrupted: task {id}: created, not finished"),
                format!("cloudconvert: follow the others: cloudconvert task wait {id}"),
            ],
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_program_while_stdout_is_blocked() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    for i in 0..300 {
        cloud.add_task(
            "import/url",
            "finished",
            &format!("2026-11-27T10:00:{:02}+00:00", i % 60),
        );
    }
    // A reader that never reads: the pipe fills, and the write blocks.
    let (reader, writer) = std::io::pipe().unwrap();
    let child = sb
        .cloud_std(&cloud)
        .args(["task", "list", "--limit", "300"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| cloud.count("GET", "/v2/tasks") >= 3);
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(sent.elapsed() < Duration::from_secs(2));
    drop(reader);
}

/// A pseudo-terminal: the child gets the terminal side, the test keeps the other.
#[cfg(unix)]
pub struct Pty {
    pub master: std::fs::File,
    pub terminal: std::fs::File,
}

#[cfg(unix)]
impl Pty {
    pub fn open() -> Pty {
        use std::os::fd::FromRawFd;
        // SAFETY: the POSIX calls that make a pseudo-terminal pair; each result is checked.
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
            assert!(master >= 0);
            assert_eq!(libc::grantpt(master), 0);
            assert_eq!(libc::unlockpt(master), 0);
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
            let path = std::ffi::CStr::from_ptr(name.as_ptr())
                .to_str()
                .unwrap()
                .to_string();
            let terminal = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .unwrap();
            Pty {
                master: std::fs::File::from_raw_fd(master),
                terminal,
            }
        }
    }

    fn echo_is_on(&self) -> bool {
        use std::os::fd::AsRawFd;
        // SAFETY: tcgetattr fills the struct for a terminal we hold open.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(self.terminal.as_raw_fd(), &mut t), 0);
            t.c_lflag & libc::ECHO != 0
        }
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_hidden_prompt_gives_the_terminal_its_echo_back() {
    let sb = Sandbox::new();
    let pty = Pty::open();
    assert!(pty.echo_is_on());
    let mut child = sb
        .std_cmd()
        .args(["auth", "login"])
        .stdin(pty.terminal.try_clone().unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("input hidden")
        && err.read(&mut byte).unwrap() == 1
    {
        seen.push(byte[0]);
    }
    wait_until(|| !pty.echo_is_on());
    assert!(!pty.echo_is_on(), "echo is off while the key is typed");
    kill(child.id(), "INT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(pty.echo_is_on(), "the terminal has its echo back");
    drop(pty.master);
}

#[cfg(unix)]
#[test]
fn stdin_that_is_a_terminal_is_not_uploaded() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let pty = Pty::open();
    for args in [
        vec!["import", "upload", "-", "--filename", "x.bin"],
        vec!["import", "raw", "-", "--filename", "x.txt"],
        vec!["import", "upload", "--from", "-"],
        vec!["import", "url", "--from", "-"],
    ] {
        let out = sb
            .cmd_std_api(&server)
            .args(&args)
            .stdin(pty.terminal.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is a terminal"), "{}", stderr(&out));
    }
    assert_eq!(all.calls(), 0);
}

#[test]
fn a_long_wait_in_a_log_says_every_30_s_that_it_is_still_waiting() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(120),
        ..Options::default()
    });
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "url",
            "https://e.com/a",
            "--wait",
            "--wait-timeout",
            "31",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    let still: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("is still processing after 30 s"))
        .collect();
    assert_eq!(still.len(), 1, "{err}");
    let out = sb
        .cloud(&cloud)
        .args([
            "-q",
            "import",
            "url",
            "https://e.com/a",
            "--wait",
            "--wait-timeout",
            "1",
        ])
        .output()
        .unwrap();
    assert!(
        !stderr(&out).contains("still processing after 30"),
        "-q keeps it quiet"
    );
}

#[test]
fn messages_say_what_is_true_once_with_one_prefix() {
    let sb = Sandbox::new();
    let run = |args: &[&str]| sb.cmd().args(args).output().unwrap();
    let out = run(&["import", "ur"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("cloudconvert: error: "), "{err}");
    assert!(
        err.contains("'url'") && !err.contains("azure-blob"),
        "{err}"
    );

    let err = stderr(&run(&["task", "wait", "abc", "--wait-timeout", "0"]));
    assert!(err.contains("from 1 to 604800"), "{err}");
    assert!(!err.contains("18446744073709551615"), "{err}");

    let args = [
        "import",
        "s3",
        "s3://b",
        "--region",
        "r",
        "--access-key-id",
        "a",
        "--secret-access-key",
        "s",
    ];
    let err = stderr(&run(&args));
    assert!(err.contains("names a bucket but no object"), "{err}");

    let err = stderr(&run(&[
        "--dry-run",
        "import",
        "url",
        "https://e.com/a",
        "-H",
        "NoColon",
    ]));
    assert_eq!(err.matches("'Name: value'").count(), 1, "{err}");
}

#[test]
fn a_failure_after_the_upload_says_the_file_was_uploaded() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        sync_fails: Some(404),
        ..Options::default()
    });
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(storage.received().len(), 1);
    let err = stderr(&out);
    assert!(
        err.contains("the file was uploaded") && err.contains(&cloud::id(1)),
        "{err}"
    );
}
