//! Faults injected by local servers and what the tool does about them: which failures are
//! retried, how many times and how long apart, `Retry-After` and its limits, timeouts, and
//! creates that are never sent twice.
use crate::support::*;
use httpmock::HttpMockResponse;
use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering;
use std::time::Duration;
use std::time::Instant;

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
    assert!(started.elapsed() < Duration::from_secs(3) + launch_slack());
    assert_eq!(show.calls(), 1);
    assert!(
        stderr(&out).contains("asked to wait 3600 s"),
        "{}",
        stderr(&out)
    );
}

/// A canned answer: status, an extra header, body.
type Canned = (u16, Option<(&'static str, &'static str)>, &'static str);

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
    // The line says which host and which call are retried.
    let host = server.base_url().trim_start_matches("http://").to_string();
    assert!(
        err.contains(&format!("{host}: GET /v2/tasks/r-1: Too Many Requests")),
        "{err}"
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
        took >= Duration::from_secs(2) && took < Duration::from_secs(6) + launch_slack(),
        "{took:?}"
    );
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
    assert!(started.elapsed() < stall_bound(5));
    assert!(out.stdout.is_empty());
}
