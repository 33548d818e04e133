//! Faults injected by local servers, and what the tool does: retries (how many, how long),
//! timeouts, interrupts, closed pipes, and secrets that never show.

use crate::storage::{Answer, Storage};
use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::{HttpMockResponse, MockServer};
use serde_json::json;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A canned answer: status, an extra header, body.
type Canned = (u16, Option<(&'static str, &'static str)>, &'static str);

/// A run of the binary: its arguments and extra environment.
type Run<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// A task show that first answers each of `failures` (status, extra header, body), then 200.
fn show_after(server: &MockServer, failures: Vec<Canned>) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    server.mock(move |when, then| {
        when.method(GET).path("/v2/tasks/r-1");
        then.respond_with(move |_| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            match failures.get(n) {
                Some((status, header, body)) => {
                    let mut b = HttpMockResponse::builder()
                        .status(*status)
                        .body(body.to_string());
                    if let Some((k, v)) = header {
                        b = b.header(*k, *v);
                    }
                    b.build()
                }
                None => HttpMockResponse::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(json!({"data": task("r-1", "import/url", "finished")}).to_string())
                    .build(),
            }
        });
    });
    calls
}

#[test]
fn rate_limit_429_honours_retry_after() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let calls = show_after(
        &server,
        vec![(
            429,
            Some(("Retry-After", "2")),
            r#"{"message":"Too Many Requests","code":"TOO_MANY_REQUESTS"}"#,
        )],
    );
    let started = Instant::now();
    let out = sb
        .api(&server)
        .args(["-v", "task", "show", "r-1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "the Retry-After of 2 s is waited"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let err = stderr(&out);
    assert!(
        err.contains("retrying in 2.0 s (retry 1 of 3)"),
        "-v logs the retry and its wait: {err}"
    );
}

#[test]
fn a_429_that_outlasts_the_retries_is_try_again_later() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let limited: Canned = (
        429,
        Some(("Retry-After", "0")),
        r#"{"message":"Too Many Requests","code":"TOO_MANY_REQUESTS"}"#,
    );
    let calls = show_after(&server, vec![limited; 5]);
    let out = sb
        .api(&server)
        .args(["--retries", "2", "task", "show", "r-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert!(out.stdout.is_empty());
}

#[test]
fn unavailable_503_then_success() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let calls = show_after(
        &server,
        vec![(
            503,
            None,
            "<html><title>503 Service Unavailable</title></html>",
        )],
    );
    let out = sb
        .api(&server)
        .args(["task", "show", "r-1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn persistent_502_with_html_is_bounded_and_exits_5() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let calls = show_after(
        &server,
        vec![
            (
                502,
                None,
                "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>"
            );
            10
        ],
    );
    let out = sb
        .api(&server)
        .args(["--retries", "2", "task", "show", "r-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(
        calls.load(Ordering::SeqCst),
        3,
        "one attempt and two retries"
    );
    let err = stderr(&out);
    let host = server.address().to_string();
    assert!(
        err.contains(&format!(
            "cloudconvert: error: {host}: 502 Bad Gateway (HTTP 502)"
        )),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn validation_422_is_not_retried() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let calls = show_after(
        &server,
        vec![
            (
                422,
                None,
                r#"{"message":"The given data was invalid.","code":"INVALID_DATA","errors":{"id":["bad"]}}"#
            );
            5
        ],
    );
    let out = sb
        .api(&server)
        .args(["task", "show", "r-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert!(stderr(&out).contains("  id: bad"));
}

#[test]
fn a_create_that_may_have_happened_is_not_retried_but_said() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let m = server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(502).body("bad gateway");
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    m.assert_calls(1);
    assert!(
        stderr(&out).contains("the task may have been created"),
        "{}",
        stderr(&out)
    );

    // A 503 says the server did not act: the create is retried.
    let server = MockServer::start();
    let n = Arc::new(AtomicUsize::new(0));
    let c = n.clone();
    server.mock(move |when, then| {
        when.method(POST).path("/v2/import/url");
        then.respond_with(move |_| {
            if c.fetch_add(1, Ordering::SeqCst) == 0 {
                HttpMockResponse::builder()
                    .status(503)
                    .header("Retry-After", "0")
                    .build()
            } else {
                HttpMockResponse::builder()
                    .status(201)
                    .body(json!({"data": task("c-1", "import/url", "waiting")}).to_string())
                    .build()
            }
        });
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "-o", "id"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "c-1\n", "{}", stderr(&out));
    assert_eq!(n.load(Ordering::SeqCst), 2);
}

/// A server that accepts connections and never answers; returns its URL and a connection count.
fn silent_server() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let c = count.clone();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            c.fetch_add(1, Ordering::SeqCst);
            held.push(conn);
        }
    });
    (url, count)
}

#[test]
fn a_server_that_never_answers_is_bounded_by_timeout() {
    let sb = Sandbox::new();
    let (url, conns) = silent_server();
    let started = Instant::now();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args([
            "--api-url",
            &url,
            "--timeout",
            "1",
            "--retries",
            "1",
            "task",
            "show",
            "r-1",
        ])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("timed out after 1 s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(conns.load(Ordering::SeqCst), 2, "one attempt and one retry");
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(6),
        "{took:?}"
    );
}

/// An upload API whose form points at `storage`; the upload's task shows as finished.
fn upload_api(storage: &Storage) -> MockServer {
    let server = MockServer::start();
    let mut t = task("u-1", "import/upload", "waiting");
    t["result"] = json!({"form": {"url": storage.url, "parameters": {"key": "k"}}});
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/upload");
        then.status(201).json_body(json!({"data": t}));
    });
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/u-1");
        then.status(200)
            .json_body(json!({"data": task("u-1", "import/upload", "finished")}));
    });
    server
}

/// A 64 MiB file, an API whose form points at a storage that will stall the first upload.
fn stalling_upload(sb: &Sandbox) -> (Storage, MockServer, std::path::PathBuf) {
    let storage = Storage::start(&[("key", "k")]);
    storage.script(&[Answer::Stall]);
    let api = upload_api(&storage);
    let file = sb.path().join("big.bin");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    (storage, api, file)
}

#[test]
fn a_stalled_upload_fails_after_timeout_without_progress() {
    let sb = Sandbox::new();
    let (_storage, api, file) = stalling_upload(&sb);
    let started = Instant::now();
    let out = sb
        .api(&api)
        .args([
            "--timeout",
            "1",
            "--retries",
            "0",
            "import",
            "upload",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no progress for 1 s"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(out.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn ctrl_c_mid_upload_exits_130_at_once() {
    let sb = Sandbox::new();
    let (storage, api, file) = stalling_upload(&sb);
    let child = sb
        .cmd_std_api(&api)
        .args(["import", "upload", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the upload has started (the storage has the request), then interrupt.
    let deadline = Instant::now() + Duration::from_secs(10);
    while storage.requests() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert!(sent.elapsed() < Duration::from_secs(2), "exits promptly");
    assert_eq!(out.status.code(), Some(130));
    assert!(out.stdout.is_empty(), "nothing partial on stdout");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/r-1");
        then.status(200)
            .delay(Duration::from_millis(300))
            .json_body(json!({"data": task("r-1", "import/url", "finished")}));
    });
    let mut child = sb
        .cmd_std_api(&server)
        .args(["task", "show", "r-1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no error for a reader that has gone");
}

/// Marker secrets, given every way, must never show in any output of any mode.
#[test]
fn secrets_never_show() {
    const MARKS: [&str; 8] = [
        "MARK-APIKEY-1",
        "MARK-AKID-2",
        "MARK-SECRET-3",
        "MARK-TOKEN-4",
        "MARK-AZKEY-5",
        "MARK-SAS-6",
        "MARK-PASS-7",
        "MARK-HEADER-8",
    ];
    let sb = Sandbox::new();
    let server = MockServer::start();
    // The API echoes every request in the task's payload and in its validation errors.
    server.mock(|when, then| {
        when.method(POST)
            .path_prefix("/v2/import/")
            .header("x-fail", "1");
        then.status(201);
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/s3");
        then.status(422).json_body(json!({"message": "The given data was invalid. MARK-SECRET-3", "code": "INVALID_DATA",
            "errors": {"secret_access_key": ["The key MARK-SECRET-3 is invalid for MARK-AKID-2 with MARK-TOKEN-4."]}}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/azure/blob");
        then.status(201)
            .json_body(json!({"data": {"id": "a-1", "status": "waiting",
            "payload": {"storage_access_key": "MARK-AZKEY-5", "sas_token": null}}}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(401)
            .json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/sftp");
        then.status(500)
            .body("<html><title>Error for MARK-PASS-7</title></html>");
    });
    let base = server.base_url();
    let runs: Vec<Run> = vec![
        (
            vec!["import", "s3", "s3://b/k", "--region", "r"],
            vec![
                ("AWS_ACCESS_KEY_ID", "MARK-AKID-2"),
                ("AWS_SECRET_ACCESS_KEY", "MARK-SECRET-3"),
                ("AWS_SESSION_TOKEN", "MARK-TOKEN-4"),
            ],
        ),
        (
            vec![
                "-v",
                "import",
                "s3",
                "s3://b/k",
                "--region",
                "r",
                "--access-key-id",
                "MARK-AKID-2",
                "--secret-access-key",
                "MARK-SECRET-3",
                "--session-token",
                "MARK-TOKEN-4",
            ],
            vec![],
        ),
        (
            vec![
                "--dry-run",
                "-v",
                "import",
                "s3",
                "s3://b/k",
                "--region",
                "r",
            ],
            vec![
                ("AWS_ACCESS_KEY_ID", "MARK-AKID-2"),
                ("AWS_SECRET_ACCESS_KEY", "MARK-SECRET-3"),
            ],
        ),
        (
            vec![
                "-v",
                "import",
                "azure",
                "--storage-account",
                "acct",
                "--container",
                "c",
                "--blob",
                "b",
            ],
            vec![("AZURE_STORAGE_KEY", "MARK-AZKEY-5")],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "azure",
                "--storage-account",
                "acct",
                "--container",
                "c",
                "--blob",
                "b",
                "--sas-token",
                "MARK-SAS-6",
            ],
            vec![],
        ),
        (
            vec![
                "-v",
                "import",
                "url",
                "https://e.com/a",
                "-H",
                "Authorization: MARK-HEADER-8",
            ],
            vec![],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "url",
                "https://e.com/a",
                "-H",
                "Authorization: MARK-HEADER-8",
            ],
            vec![],
        ),
        (
            vec!["-v", "--retries", "0", "import", "sftp", "sftp://u@h/f"],
            vec![("SSHPASS", "MARK-PASS-7")],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "openstack",
                "--auth-url",
                "https://a",
                "--username",
                "u",
                "--region",
                "r",
                "--container",
                "c",
                "--file",
                "f",
            ],
            vec![("OS_PASSWORD", "MARK-PASS-7")],
        ),
        (vec!["auth", "status"], vec![]),
    ];
    for (args, env) in runs {
        let mut cmd = sb.cmd();
        cmd.env("CLOUDCONVERT_API_URL", &base)
            .env("CLOUDCONVERT_API_KEY", "MARK-APIKEY-1");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = cmd.args(&args).output().unwrap();
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!text.is_empty(), "{args:?} printed nothing");
        for mark in MARKS {
            assert!(
                !text.contains(mark),
                "{mark} shown by {args:?} {env:?}:\n{text}"
            );
        }
    }
}
