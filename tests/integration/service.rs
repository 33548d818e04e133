//! Truth to the real service, against the CloudConvert stand-in (`cloud.rs`): waits on the sync
//! host, uploads that end when CloudConvert has the file, import-only keys, storage answers, the
//! task commands and the small-file imports.

use crate::cloud::{self, AFTER_UPLOAD, Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const FORM: &[(&str, &str)] = &[("key", "k"), ("success_action_status", "201")];

#[test]
fn the_end_of_a_task_is_noticed_at_once_through_the_sync_host() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_millis(1500),
        ..Options::default()
    });
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "url",
            "https://e.com/a.pdf",
            "--wait",
            "--timeout",
            "1",
        ])
        .output()
        .unwrap();
    let exited = Instant::now();
    assert!(out.status.success(), "{}", stderr(&out));
    let ended = cloud.ended_at(&cloud::id(1)).unwrap();
    let notice = exited.saturating_duration_since(ended);
    eprintln!("end of task noticed after {} ms", notice.as_millis());
    assert!(notice < Duration::from_millis(200), "{notice:?}");
    assert_eq!(json_lines(&out)[0]["status"], "finished");
    // One held call, longer than --timeout 1 without being cut as a stall; no polls.
    assert_eq!(
        cloud.count("GET", "/sync/v2/tasks/"),
        1,
        "{:?}",
        cloud.requests()
    );
    assert_eq!(cloud.count("GET", "/v2/tasks/"), 0);
}

#[test]
fn a_failing_sync_host_falls_back_to_polling_the_api() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        sync_fails: Some(502),
        ..Options::default()
    });
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "https://e.com/a.pdf", "--wait"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["status"], "finished");
    assert_eq!(
        cloud.count("GET", "/sync/"),
        1,
        "the sync host is not asked again"
    );
    assert!(cloud.count("GET", "/v2/tasks/") >= 1);
    assert!(
        stderr(&out).contains("waits ask the API host instead"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_wait_that_times_out_on_the_sync_host_prints_the_task_as_last_seen() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(30),
        ..Options::default()
    });
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "url",
            "https://e.com/a",
            "--wait",
            "--wait-timeout",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(started.elapsed() < Duration::from_secs(4));
    assert_eq!(json_lines(&out)[0]["id"], cloud::id(1).as_str());
    assert!(stderr(&out).contains(&format!("cloudconvert task wait {}", cloud::id(1))));
}

#[test]
fn an_upload_ends_when_cloudconvert_has_the_file_also_when_polling() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    let file = sb.write("scan.pdf", b"%PDF-1.7");
    // No sync host (an API origin alone): the API host is polled until the task has ended.
    let out = sb
        .api_url(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let t = &json_lines(&out)[0];
    assert_eq!(t["status"], "finished");
    assert_eq!(t["result"]["files"][0]["filename"], "scan.pdf");
    let arrived = storage.received()[0].at;
    let first_poll = cloud
        .requests()
        .into_iter()
        .find(|r| r.method == "GET" && r.path.starts_with("/v2/tasks/"))
        .unwrap();
    assert!(
        first_poll.at < arrived + AFTER_UPLOAD,
        "the stand-in is still waiting when first asked, as the real service is"
    );
    assert_eq!(cloud.count("GET", "/sync/"), 0);
}

#[test]
fn an_upload_task_that_ends_in_error_exits_3_with_the_task() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        tasks_fail: true,
        ..Options::default()
    });
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "https://e.com/missing", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json_lines(&out)[0]["status"], "error");
    let err = stderr(&out);
    // The log's start line, then the one error line.
    assert_eq!(err.lines().count(), 2, "{err}");
    assert!(
        err.lines().next().unwrap().contains("waiting for task"),
        "{err}"
    );
    assert!(err.contains("INVALID_URL"), "{err}");
}

#[test]
fn an_import_only_key_is_a_valid_key() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        users_me: 403,
        ..Options::default()
    });
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login"])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot read the account"), "{err}");
    assert!(
        std::fs::read_to_string(sb.config_file())
            .unwrap()
            .contains(KEY)
    );

    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("accepted"), "{}", stderr(&out));

    // A 401 stays a refusal.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .env("CLOUDCONVERT_API_KEY", "wrong-key-123456")
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn a_storage_redirect_is_a_failure_unless_a_redirect_was_asked_for() {
    for (answer, status) in [
        (
            Answer::Moved(301, "https://b.s3.eu-west-1.amazonaws.com/"),
            301,
        ),
        (
            Answer::Moved(307, "https://b.s3-external-1.amazonaws.com/"),
            307,
        ),
        (Answer::Redirect("https://example.com/done".into()), 303),
    ] {
        let sb = Sandbox::new();
        let storage = Storage::start(FORM);
        storage.script(&[answer]);
        let cloud = Cloud::for_storage(&storage, FORM);
        let file = sb.write("a.txt", b"a");
        let out = sb
            .cloud(&cloud)
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{status}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("HTTP {status}")), "{err}");
        assert!(err.contains("https://"), "names the Location: {err}");
        assert_eq!(storage.requests(), 1, "{status} is not retried");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_null_form_parameter_is_skipped() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k", "acl": null, "success_action_status": "201"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"a");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.refusals(), Vec::<String>::new());
}

#[test]
fn only_a_waiting_task_with_a_form_takes_the_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        created_status: "error",
        storage: Some((storage.url.clone(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"a");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot take the file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(storage.requests(), 0);
}

#[test]
fn task_list_pages_newest_first_with_filters() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    for i in 0..130 {
        let (op, status) = if i % 2 == 0 {
            ("import/upload", "finished")
        } else {
            ("import/url", "error")
        };
        cloud.add_task(
            op,
            status,
            &format!("2026-11-27T10:{:02}:{:02}+00:00", i / 60, i % 60),
        );
    }
    let out = sb
        .cloud(&cloud)
        .args(["task", "list", "--limit", "120"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let tasks = json_lines(&out);
    assert_eq!(tasks.len(), 120);
    assert_eq!(
        tasks[0]["created_at"], "2026-11-27T10:02:09+00:00",
        "newest first"
    );
    assert!(
        tasks
            .windows(2)
            .all(|w| w[0]["created_at"].as_str() >= w[1]["created_at"].as_str())
    );
    assert_eq!(cloud.count("GET", "/v2/tasks"), 2, "two pages of 100");

    let out = sb
        .cloud(&cloud)
        .args([
            "task",
            "list",
            "--status",
            "error",
            "--operation",
            "import/url",
            "-o",
            "id",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(ids.len(), 50, "the default limit");
    let last = cloud.requests().pop().unwrap();
    assert!(
        last.query.contains("filter%5Bstatus%5D=error"),
        "{}",
        last.query
    );
    assert!(
        last.query.contains("filter%5Boperation%5D=import%2Furl"),
        "{}",
        last.query
    );
}

#[test]
fn task_cancel_retry_delete_and_show_include() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(60),
        ..Options::default()
    });
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "s3",
            "s3://bucket/in.mp4",
            "--region",
            "eu-west-1",
        ])
        .args([
            "--access-key-id",
            "AKIAEXAMPLE",
            "--secret-access-key",
            "s3cr3t-value-123",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let id = cloud::id(1);

    let out = sb
        .cloud(&cloud)
        .args(["task", "show", &id, "--include", "payload"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = &json_lines(&out)[0];
    assert_eq!(shown["payload"]["bucket"], "bucket");
    assert_eq!(shown["payload"]["secret_access_key"], "***");
    assert_eq!(cloud.requests().pop().unwrap().query, "include=payload");

    let out = sb
        .cloud(&cloud)
        .args(["task", "cancel", &id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["code"], "CANCELLED");
    let out = sb
        .cloud(&cloud)
        .args(["task", "cancel", &id])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "an ended task cannot be cancelled"
    );

    let out = sb
        .cloud(&cloud)
        .args(["task", "retry", &id, "-o", "id"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{}\n", cloud::id(2)));

    let out = sb
        .cloud(&cloud)
        .args(["task", "delete", &id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let out = sb
        .cloud(&cloud)
        .args(["task", "show", &id])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "a deleted task is gone");
}

#[test]
fn task_ids_are_checked_before_anything_is_sent() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    for verb in ["show", "wait", "cancel", "retry", "delete"] {
        let out = sb
            .cloud(&cloud)
            .args(["task", verb, "../users/me"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{verb}");
    }
    let out = sb
        .cloud(&cloud)
        .args(["task", "show", "abc", "--include", "secrets"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(cloud.requests().is_empty());
}

#[test]
fn base64_and_raw_imports_send_the_content() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let bin = sb.write("logo.png", &[0x89, b'P', b'N', b'G']);
    let out = sb
        .cloud(&cloud)
        .args(["import", "base64", &bin])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = cloud.requests().pop().unwrap();
    assert_eq!(sent.path, "/v2/import/base64");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).unwrap(),
        json!({"file": "iVBORw==", "filename": "logo.png"})
    );

    let out = sb
        .cloud(&cloud)
        .args(["import", "raw", "-", "--filename", "notes.md"])
        .write_stdin("# Notes\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = cloud.requests().pop().unwrap();
    assert_eq!(sent.path, "/v2/import/raw");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).unwrap(),
        json!({"file": "# Notes\n", "filename": "notes.md"})
    );

    let before = cloud.requests().len();
    let out = sb
        .cloud(&cloud)
        .args(["import", "raw", &bin])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("import base64"), "{}", stderr(&out));
    let big = sb.path().join("big.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10_000_001)
        .unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "base64", big.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("import upload"), "{}", stderr(&out));
    assert_eq!(cloud.requests().len(), before, "nothing sent");
}

#[test]
fn dry_run_shows_a_large_body_shortened_and_every_header_sent() {
    let sb = Sandbox::new();
    let file = sb.write("big.txt", &vec![b'a'; 3_000_000]);
    let out = sb
        .cmd()
        .args(["--dry-run", "import", "raw", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        out.stdout.len() < 2000,
        "{} bytes printed",
        out.stdout.len()
    );
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = shown["body"]["file"].as_str().unwrap();
    assert!(
        body.starts_with("aaaa") && body.ends_with("(3000000 bytes in all)"),
        "{body}"
    );
    let headers = shown["headers"].as_object().unwrap();
    let names: Vec<&str> = headers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Accept", "Authorization", "User-Agent", "Content-Type"]
    );
}
