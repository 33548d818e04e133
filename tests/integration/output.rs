//! What goes to stdout and stderr: the task or its id, --dry-run, -v.

use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{Value, json};

fn url_mock(server: &MockServer) -> httpmock::Mock<'_> {
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201)
            .json_body(json!({"data": task("t-42", "import/url", "waiting")}));
    })
}

#[test]
fn output_id_prints_the_id_alone() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    url_mock(&server);
    for args in [
        ["-o", "id", "import", "url", "https://e.com/a"],
        ["import", "url", "https://e.com/a", "--output", "id"],
    ] {
        let out = sb.api(&server).args(args).output().unwrap();
        assert!(out.status.success());
        assert_eq!(stdout(&out), "t-42\n");
    }
}

#[test]
fn task_show_prints_the_task() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let m = server.mock(|when, then| {
        when.method(GET)
            .path("/v2/tasks/t-9")
            .header("authorization", format!("Bearer {KEY}"));
        then.status(200)
            .json_body(json!({"data": task("t-9", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "t-9"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    m.assert();
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap(),
        task("t-9", "import/url", "finished")
    );
}

#[test]
fn dry_run_sends_nothing_and_masks_every_secret() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .api(&server)
        .args([
            "--dry-run",
            "import",
            "s3",
            "s3://b/k",
            "--region",
            "r",
            "--access-key-id",
            "AKID-MARK",
            "--secret-access-key",
            "SECRET-MARK",
            "--session-token",
            "TOKEN-MARK",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(all.calls(), 0);
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["method"], "POST");
    assert_eq!(
        printed["url"],
        format!("{}/v2/import/s3", server.base_url())
    );
    assert_eq!(printed["headers"]["Authorization"], "Bearer ***");
    assert_eq!(
        printed["body"],
        json!({"bucket": "b", "region": "r", "key": "k", "access_key_id": "***", "secret_access_key": "***", "session_token": "***"})
    );
    let both = format!("{}{}", stdout(&out), stderr(&out));
    for secret in ["AKID-MARK", "SECRET-MARK", "TOKEN-MARK", KEY] {
        assert!(!both.contains(secret), "{secret} leaked");
    }
}

#[test]
fn dry_run_masks_url_header_values_and_needs_no_key() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "import",
            "url",
            "https://e.com/a",
            "-H",
            "Authorization: Bearer HEADER-MARK",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        printed["body"],
        json!({"url": "https://e.com/a", "headers": {"Authorization": "***"}})
    );
    assert_eq!(printed["url"], "https://api.cloudconvert.com/v2/import/url");
}

#[test]
fn verbose_logs_each_exchange_without_the_key() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    url_mock(&server);
    let out = sb
        .api(&server)
        .args(["-v", "import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.contains("POST"))
        .expect("a log line for the POST");
    assert!(
        line.contains(&format!("{}/v2/import/url", server.base_url()))
            && line.contains("201")
            && line.contains(" ms)"),
        "{line}"
    );
    assert!(!err.contains(KEY));
    assert!(
        serde_json::from_str::<Value>(&stdout(&out)).is_ok(),
        "stdout holds only the task"
    );
}
