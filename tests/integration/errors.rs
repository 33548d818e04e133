//! Exit statuses and error messages: refused input sends nothing; API and network failures;
//! answers that are endless, huge in shape, about another task, or cut off.

use crate::support::*;
use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;
use std::io::Write;
use std::process::Stdio;
use std::time::Duration;
use std::time::Instant;

#[test]
fn usage_errors_exit_2_and_send_nothing() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let bad_json = sb.path().join("sa.json").to_str().unwrap().to_string();
    std::fs::write(&bad_json, "{\"type\": \"service_account\", ").unwrap();
    let empty = sb.path().join("empty_key").to_str().unwrap().to_string();
    std::fs::write(&empty, "\n").unwrap();
    let dir = sb.path().to_str().unwrap().to_string();
    let cases: &[&[&str]] = &[
        &["import", "url", "not a url"],
        &["import", "url", "https://e.com/a", "-H", "no colon"],
        &[
            "import",
            "s3",
            "--bucket",
            "b",
            "--key",
            "k",
            "--key-prefix",
            "p",
            "--region",
            "r",
            "--access-key-id",
            "a",
            "--secret-access-key",
            "s",
        ],
        &[
            "import",
            "s3",
            "--bucket",
            "b",
            "--region",
            "r",
            "--access-key-id",
            "a",
            "--secret-access-key",
            "s",
        ],
        &[
            "import",
            "azure",
            "--storage-account",
            "a",
            "--container",
            "c",
            "--blob",
            "b",
            "--sas-token",
            "s",
            "--storage-access-key",
            "k",
        ],
        &[
            "import",
            "sftp",
            "--host",
            "h",
            "--username",
            "u",
            "--password",
            "p",
            "--file",
            "f",
            "--port",
            "70000",
        ],
        &[
            "import",
            "sftp",
            "--host",
            "h",
            "--username",
            "u",
            "--password",
            "p",
            "--file",
            "f",
            "--path",
            "d",
        ],
        &["import", "gcs", "gs://b/f"],
        &["import", "openstack", "--container", "c", "--file", "f"],
        &["import", "upload", "/nonexistent/file.pdf"],
        &["import", "url", "https://e.com/a", "--filename", ""],
        &["task", "show", "../users/me"],
        &["import", "nosuchsource"],
        &["import", "url", "https://e.com/a", "-H", "X-A: 1\r\nX-B: 2"],
        &["import", "url", "https://e.com/a", "-H", ": no name"],
        &[
            "import",
            "sftp",
            "--host",
            "h",
            "--username",
            "u",
            "--password",
            "p",
            "--file",
            "f",
            "--port",
            "abc",
        ],
        &[
            "import",
            "azure",
            "--storage-account",
            "a",
            "--container",
            "c",
            "--sas-token",
            "s",
        ],
        &["import", "gcs", "gs://b/f", "--credentials-file", &bad_json],
        &[
            "import",
            "gcs",
            "gs://b/f",
            "--credentials-file",
            "/nonexistent/sa.json",
        ],
        &[
            "import",
            "sftp",
            "sftp://u@h/f",
            "--private-key-file",
            "/nonexistent/id_rsa",
        ],
        &[
            "import",
            "sftp",
            "sftp://u@h/f",
            "--private-key-file",
            &empty,
        ],
        &[
            "import",
            "s3",
            "s3://b/k",
            "--region",
            "",
            "--access-key-id",
            "a",
            "--secret-access-key",
            "s",
        ],
        &["import", "upload", "-"],
        &["import", "upload", &dir],
    ];
    for args in cases {
        let out = sb.api(&server).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?}: stdout must stay empty");
        assert!(!stderr(&out).is_empty());
    }
    assert_eq!(all.calls(), 0, "nothing may be sent for refused input");
}

#[test]
fn exactly_one_message_names_both_flags_and_the_fix() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "import",
            "s3",
            "s3://b/k",
            "--region",
            "r",
            "--access-key-id",
            "a",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("cloudconvert: error: --secret-access-key is required"),
        "{err}"
    );
    assert!(err.contains("AWS_SECRET_ACCESS_KEY"), "{err}");
}

#[test]
fn validation_error_exits_4_with_field_lines() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let m = server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(422).json_body(json!({"message": "The given data was invalid.", "code": "INVALID_DATA",
            "errors": {"url": ["The url format is invalid."], "filename": ["The filename may not be greater than 255 characters."]}}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    m.assert_calls(1);
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "cloudconvert: error: The given data was invalid. (INVALID_DATA, HTTP 422)\n  url: The url format is invalid.\n  filename: The filename may not be greater than 255 characters.\n"
    );
}

#[test]
fn server_error_exits_5_and_unexpected_answer_exits_1() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(500)
            .header("content-type", "text/html")
            .body("<html><title>500 Internal Server Error</title></html>");
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/s3");
        then.status(201).body("<html>not json</html>");
    });
    let out = sb
        .api(&server)
        .args(["--retries", "0", "import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("500 Internal Server Error (HTTP 500)"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let out = sb
        .api(&server)
        .args([
            "import",
            "s3",
            "s3://b/k",
            "--region",
            "r",
            "--access-key-id",
            "a",
            "--secret-access-key",
            "s",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("unexpected answer"));
}

#[test]
fn refused_connection_exits_5_naming_the_host() {
    let sb = Sandbox::new();
    // Bind then drop a listener: the port is then (almost surely) closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args([
            "--api-url",
            &format!("http://127.0.0.1:{port}"),
            "--retries",
            "0",
            "task",
            "show",
            "t-1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains(&format!(
            "the API at 127.0.0.1:{port} cannot be reached: connection refused"
        )),
        "{}",
        stderr(&out)
    );
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
    assert!(started.elapsed() < Duration::from_secs(10) + launch_slack());
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

/// Runs the command to its end: its output and its peak RSS in KiB, looked at every
/// millisecond.
#[cfg(target_os = "linux")]
fn run_measured(cmd: &mut std::process::Command) -> (std::process::Output, u64) {
    use std::io::Read;
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let readers = [
        std::thread::spawn(move || {
            let mut b = Vec::new();
            out.read_to_end(&mut b).unwrap();
            b
        }),
        std::thread::spawn(move || {
            let mut b = Vec::new();
            err.read_to_end(&mut b).unwrap();
            b
        }),
    ];
    let (status, peak) = crate::support::memory::watch(&mut child, Duration::from_millis(1));
    let [stdout, stderr] = readers.map(|r| r.join().unwrap());
    (
        std::process::Output {
            status,
            stdout,
            stderr,
        },
        peak,
    )
}

/// A server that answers every GET with `answer(path)`, headers and body in one write with
/// their Content-Length, as an API server does.
fn answering(answer: impl Fn(&str) -> String + Send + Sync + 'static) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(conn);
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                            break;
                        }
                    }
                    let body = answer(&path);
                    let text = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if reader.get_mut().write_all(text.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

#[cfg(target_os = "linux")]
#[test]
fn answers_huge_in_shape_do_not_take_the_memory() {
    let sb = Sandbox::new();
    // 8 MiB, just under the answer limit, made of empty objects: a task, and a page of tasks.
    let objects = "{},".repeat((8 << 20) / 3 - 100);
    let shaped =
        format!(r#"{{"data": {{"id": "t-1", "status": "finished", "result": [{objects}{{}}]}}}}"#);
    let page = format!(r#"{{"data": [{objects}{{}}], "links": {{"next": "x"}}}}"#);
    let url = answering(move |path| {
        if path.starts_with("/v2/tasks/") {
            shaped.clone()
        } else {
            page.clone()
        }
    });
    for args in [
        &["task", "show", "t-1"][..],
        &["task", "list", "--limit", "400"],
    ] {
        let (out, peak_kib) = run_measured(
            sb.std_cmd()
                .env("CLOUDCONVERT_API_URL", &url)
                .env("CLOUDCONVERT_API_KEY", KEY)
                .args(args),
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("JSON values"), "{err}");
        assert!(out.stdout.is_empty());
        eprintln!("{args:?}: peak RSS {:.1} MiB", peak_kib as f64 / 1024.0);
        assert!(peak_kib > 0, "measured");
        assert!(peak_kib < 64 << 10, "{args:?}: peak RSS {peak_kib} KiB");
    }
}

#[test]
fn answers_about_another_task_are_not_taken_for_the_one_asked() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let mut created = task("t-a", "import/url", "waiting");
    created["status"] = json!("processing");
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201).json_body(json!({"data": created}));
    });
    // The sync host answers with another task; the API host with the right one.
    server.mock(|when, then| {
        when.method(GET).path("/sync/v2/tasks/t-a");
        then.status(200)
            .json_body(json!({"data": task("t-b", "import/url", "finished")}));
    });
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-a");
        then.status(200)
            .json_body(json!({"data": task("t-a", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .env(
            "CLOUDCONVERT_SYNC_URL",
            format!("{}/sync", server.base_url()),
        )
        .args(["import", "url", "https://e.com/a", "--wait"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["id"], "t-a");
    assert!(err.contains("t-b"), "the lie is said: {err}");

    // An API host that lies is a failure naming both.
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-c");
        then.status(200)
            .json_body(json!({"data": task("t-d", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "t-c"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("t-c") && err.contains("t-d"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_create_whose_answer_is_too_large_may_have_made_the_task() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let huge = format!(
        r#"{{"data": {{"id": "t-1", "x": "{}"}}}}"#,
        "a".repeat(9 << 20)
    );
    let m = server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201).body(&huge);
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("answer too large"), "{err}");
    assert!(
        err.contains("the task may have been created; check with cloudconvert task list --limit 5"),
        "{err}"
    );
    m.assert_calls(1);
}
