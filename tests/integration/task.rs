//! `task show`, `list`, `wait`, `cancel`, `retry` and `delete`: ids checked before they are
//! sent, pages newest first, several ids one line each, a short id named for what it is.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;
use std::sync::atomic::Ordering;
use std::time::Duration;

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
fn task_wait_and_show() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let (_m, shows) = task_moving(&server, "w-2", &["processing", "finished"]);
    let out = sb
        .api(&server)
        .args(["task", "wait", "w-2", "-o", "id"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "w-2\n");
    assert_eq!(shows.load(Ordering::SeqCst), 2);
    let out = sb
        .api(&server)
        .args(["task", "show", "w-2"])
        .output()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()["status"],
        "finished"
    );
}

#[test]
fn show_of_an_unknown_task_exits_4_with_the_api_message() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/nope");
        then.status(404).json_body(json!({"message": "No query results for model [App\\Models\\Task] nope", "code": "NOT_FOUND"}));
    });
    for args in [&["task", "show", "nope"][..], &["task", "wait", "nope"][..]] {
        let out = sb.api(&server).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(4));
        assert!(
            stderr(&out).contains(
                "No query results for model [App\\Models\\Task] nope (NOT_FOUND, HTTP 404)"
            ),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
}

/// An id cut short, as git users type commits: the message names it and says a task id is
/// a whole UUID, which `task list` shows.
#[test]
fn a_short_id_is_named_and_said_to_be_one() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET);
        then.status(404)
            .json_body(json!({"message": "Task not found.", "code": "NOT_FOUND"}));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "5a0e786c"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.starts_with("cloudconvert: error: task 5a0e786c was not found: Task not found. (NOT_FOUND, HTTP 404)\n"),
        "{err}"
    );
    assert!(
        err.contains("a task id is a whole UUID") && err.contains("cloudconvert task list"),
        "{err}"
    );
    let whole = "3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f";
    let err = stderr(
        &sb.api(&server)
            .args(["task", "wait", whole])
            .output()
            .unwrap(),
    );
    assert!(err.contains("deletes a task 24 h after it ended"), "{err}");
}

#[test]
fn task_commands_take_several_ids_one_line_each_and_the_worst_exit() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let a = cloud.add_task("import/url", "finished", "2026-11-27T10:00:00+00:00");
    let b = cloud.add_task("import/url", "error", "2026-11-27T10:00:01+00:00");
    let missing = "3f7cffff-7c2a-4e0b-9d1c-00000000ffff";
    let out = sb
        .cloud(&cloud)
        .args(["task", "wait", &a, &b, missing])
        .output()
        .unwrap();
    // A missing task (4) is worse than a failed one (3).
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let printed: Vec<String> = json_lines(&out)
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(printed, [a.clone(), b.clone()]);
    assert!(
        stderr(&out).contains(&format!("task {missing}")),
        "{}",
        stderr(&out)
    );
    let out = sb
        .cloud(&cloud)
        .args(["task", "delete", &a, &b])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(cloud.count("DELETE", "/v2/tasks/"), 2);
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
