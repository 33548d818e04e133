//! Exit statuses and error messages: refused input sends nothing; API and network failures.

use crate::support::*;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;

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
fn no_api_key_exits_4_naming_every_way_to_give_one() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    for needle in ["CLOUDCONVERT_API_KEY", "--api-key", "config.toml"] {
        assert!(err.contains(needle), "{needle} missing from {err}");
    }
    assert_eq!(all.calls(), 0);
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
fn unauthenticated_adds_a_hint() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST);
        then.status(401)
            .json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "cloudconvert: error: Unauthenticated. (UNAUTHENTICATED, HTTP 401)\n  hint: "
        ),
        "{err}"
    );
    assert!(
        err.contains("CLOUDCONVERT_API_KEY") && !err.contains(KEY),
        "{err}"
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
        stderr(&out).contains(&format!("127.0.0.1:{port}: connection refused")),
        "{}",
        stderr(&out)
    );
}
