//! `--wait` and `task wait`: the sync host that notices the end at once and the polling that
//! stands in when it fails, exit 3 for a failed task, the timeout as a hard bound, and how
//! often the API is asked.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Storage;
use crate::support::*;
use httpmock::HttpMockResponse;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering;
use std::time::Duration;
use std::time::Instant;

fn create(server: &MockServer, id: &str) {
    let t = task(id, "import/url", "waiting");
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201).json_body(json!({"data": t}));
    });
}

#[test]
fn import_wait_follows_the_task_to_finished() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    create(&server, "w-1");
    let (_m, shows) = task_moving(&server, "w-1", &["waiting", "processing", "finished"]);
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(shows.load(Ordering::SeqCst), 3);
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["status"], "finished");
    assert_eq!(printed["result"]["files"][0]["filename"], "a.pdf");
    assert_eq!(
        stdout(&out).lines().count(),
        1,
        "only the final task is printed"
    );
    let err = stderr(&out);
    assert_eq!(
        err.lines().collect::<Vec<_>>()[..1],
        ["cloudconvert: waiting for task w-1 (import/url) to end"],
        "no spinner when stderr is not a terminal, the start line of a log: {err:?}",
    );
    assert!(
        err.lines().count() == 2 && err.contains("task w-1 (import/url) finished after "),
        "and the end: {:?}",
        stderr(&out)
    );
}

#[test]
fn failed_task_exits_3_with_the_task_on_stdout() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    create(&server, "w-err");
    task_moving(&server, "w-err", &["processing", "error"]);
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["status"], "error");
    assert_eq!(
        stderr(&out),
        "cloudconvert: waiting for task w-err (import/url) to end\ncloudconvert: error: task w-err failed: INPUT_TASK_FAILED: Download of https://e.com/a failed: 404 Not Found\n"
    );

    let out = sb
        .api(&server)
        .args(["task", "wait", "w-err"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn wait_timeout_exits_5_telling_how_to_resume_and_polls_gently() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    create(&server, "w-slow");
    let (_m, shows) = task_moving(&server, "w-slow", &["processing"]);
    let started = Instant::now();
    let out = sb
        .api(&server)
        .args([
            "import",
            "url",
            "https://e.com/a",
            "--wait",
            "--wait-timeout",
            "3",
        ])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    assert!(
        err.contains("task w-slow is still processing after 3 s"),
        "{err}"
    );
    assert!(err.contains("cloudconvert task wait w-slow"), "{err}");
    let last: Value = serde_json::from_slice(&out.stdout).expect("the task as last seen");
    assert_eq!(
        (last["id"].as_str(), last["status"].as_str()),
        (Some("w-slow"), Some("processing"))
    );
    assert!(
        took >= Duration::from_secs(3) && took < Duration::from_secs(6) + launch_slack(),
        "{took:?}"
    );
    // Pauses of 0.5, 0.75, 1.125 s, then one at the deadline: 4 shows in 3 s, never a burst.
    assert_eq!(shows.load(Ordering::SeqCst), 4);

    // With -o id, the id alone, so that a script can go on with `task wait`.
    let out = sb
        .api(&server)
        .args([
            "import",
            "url",
            "https://e.com/a",
            "--wait",
            "--wait-timeout",
            "1",
            "-o",
            "id",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(stdout(&out), "w-slow\n");
}

#[test]
fn several_files_wait_for_each_and_exit_with_the_worst() {
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(&[("key", "k")]);
    let server = MockServer::start();
    let n = Arc::new(AtomicUsize::new(0));
    let url = storage.url.clone();
    server.mock(move |when, then| {
        when.method(POST).path("/v2/import/upload");
        then.respond_with(move |_| {
            let i = n.fetch_add(1, Ordering::SeqCst) + 1;
            let mut t = task(&format!("f-{i}"), "import/upload", "waiting");
            t["result"] = json!({"form": {"url": url, "parameters": {"key": "k"}}});
            HttpMockResponse::builder()
                .status(201)
                .header("content-type", "application/json")
                .body(json!({"data": t}).to_string())
                .build()
        });
    });
    task_moving(&server, "f-1", &["processing", "error"]);
    task_moving(&server, "f-2", &["finished"]);
    let a = sb.path().join("a.txt");
    let b = sb.path().join("b.txt");
    std::fs::write(&a, "a").unwrap();
    std::fs::write(&b, "b").unwrap();
    let out = sb
        .api(&server)
        .args([
            "import",
            "upload",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
            "--wait",
            "--jobs",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let statuses: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["status"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        statuses,
        ["error", "finished"],
        "the second file is still uploaded and waited for"
    );
}

#[test]
fn task_wait_ends_at_its_timeout_even_when_no_get_is_ever_answered() {
    use crate::cloud::{Cloud, Options};
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(600),
        hang_gets: Some(Duration::from_secs(120)),
        ..Options::default()
    });
    let a = cloud.add_task("import/url", "processing", "2026-12-01T10:00:00+00:00");
    let b = cloud.add_task("import/url", "processing", "2026-12-01T10:00:01+00:00");
    for ids in [vec![a.clone()], vec![a.clone(), b.clone()]] {
        let started = Instant::now();
        let out = sb
            .cloud(&cloud)
            .args(["task", "wait", "--wait-timeout", "3"])
            .args(&ids)
            .output()
            .unwrap();
        let took = started.elapsed();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(5), "{err}");
        // Each id's wait ends within its 3 s and a last look of at most 1 s.
        assert!(
            took < Duration::from_secs(4) * ids.len() as u32 + launch_slack(),
            "{took:?} for {} ids",
            ids.len()
        );
        for id in &ids {
            assert!(err.contains(id.as_str()), "names {id}: {err}");
        }
        assert!(err.contains("--wait-timeout"), "{err}");
    }
}

#[test]
fn a_rate_limit_inside_a_wait_is_a_pause_bounded_by_the_wait_and_the_poll_budget_holds() {
    use crate::cloud::{Cloud, Options};
    let sb = Sandbox::new();
    // Every task GET is refused with 429 for the first 5 s (longer than --retries would wait).
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_millis(500),
        throttle_gets_for: Some(Duration::from_secs(5)),
        ..Options::default()
    });
    let urls: Vec<String> = (0..12)
        .map(|i| format!("https://example.com/{i}.pdf"))
        .collect();
    // No sync host: the waits poll the API host.
    let out = sb
        .api_url(&cloud)
        .args(["import", "url", "--wait", "--wait-timeout", "30", "-j", "8"])
        .args(&urls)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(json_lines(&out).len(), 12);
    let polls: Vec<Instant> = cloud
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v2/tasks/"))
        .map(|r| r.at)
        .collect();
    within_the_poll_budget(&polls);

    // A wait that cannot get past the limit before its timeout: exit 5, naming the task.
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_millis(500),
        throttle_gets_for: Some(Duration::from_secs(60)),
        ..Options::default()
    });
    let started = Instant::now();
    let out = sb
        .api_url(&cloud)
        .args([
            "import",
            "url",
            "https://example.com/a.pdf",
            "--wait",
            "--wait-timeout",
            "6",
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(
        started.elapsed() >= Duration::from_secs(6),
        "waited its 6 s"
    );
    assert!(
        started.elapsed() < Duration::from_secs(8) + launch_slack(),
        "and no more"
    );
    assert!(err.contains(&crate::cloud::id(1)), "{err}");
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
fn waiting_for_an_upload_task_whose_file_never_came_says_what_helps() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--form-only", "-o", "id"])
        .output()
        .unwrap();
    let id = stdout(&out).trim().to_string();
    let out = sb
        .cloud(&cloud)
        .args(["task", "wait", &id, "--wait-timeout", "1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].contains("waiting for its file: nothing has sent it yet"),
        "said at once: {err}"
    );
    assert!(err.contains("nothing has sent its file"), "{err}");
    assert!(
        err.contains(&format!("cloudconvert task delete {id}")) && !err.contains("task wait"),
        "{err}"
    );
}

#[test]
fn a_wait_that_fails_names_its_task() {
    let sb = Sandbox::new();
    let server = httpmock::MockServer::start();
    server.mock(|when, then| {
        when.method(httpmock::Method::POST).path("/v2/import/url");
        then.status(201)
            .json_body(json!({"data": task("t-9", "import/url", "processing")}));
    });
    server.mock(|when, then| {
        when.method(httpmock::Method::GET).path("/v2/tasks/t-9");
        then.status(404)
            .json_body(json!({"message": "Task not found", "code": "NOT_FOUND"}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("cloudconvert task wait t-9"),
        "{}",
        stderr(&out)
    );
}

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
    assert!(
        notice < Duration::from_millis(200) + launch_slack(),
        "{notice:?}"
    );
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
    assert!(started.elapsed() < Duration::from_secs(4) + launch_slack());
    assert_eq!(json_lines(&out)[0]["id"], cloud::id(1).as_str());
    assert!(stderr(&out).contains(&format!("cloudconvert task wait {}", cloud::id(1))));
}

#[test]
fn polling_waits_keep_to_their_budget() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_with(&storage, Duration::from_secs(3), Options::default());
    let files = sb.files(24);
    // No sync host: every wait polls the API host.
    let out = sb
        .api_url(&cloud)
        .args(["-v", "import", "upload", "--jobs", "8"])
        .args(&files)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("at most 4 polls a second").count(),
        1,
        "the budget is said once: {err}"
    );
    let polls: Vec<Instant> = cloud
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v2/tasks/"))
        .map(|r| r.at)
        .collect();
    assert!(polls.len() >= 24, "{}", polls.len());
    within_the_poll_budget(&polls);
}

#[test]
fn wait_timeout_is_a_hard_bound_whatever_the_server_does() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(600),
        hang_gets: Some(Duration::from_secs(120)),
        ..Options::default()
    });
    // The sync host never answers; then the API host alone, whose polls never answer.
    for (n, mut cmd) in [sb.cloud(&cloud), sb.api_url(&cloud)]
        .into_iter()
        .enumerate()
    {
        let started = Instant::now();
        let out = cmd
            .args([
                "import",
                "url",
                "https://example.com/a.pdf",
                "--wait",
                "--wait-timeout",
                "3",
            ])
            .output()
            .unwrap();
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert!(took < Duration::from_secs(4) + launch_slack(), "{took:?}");
        let last: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(last["id"], crate::cloud::id(n + 1), "the task as last seen");
    }
}

/// At most 4 polls in any second (and one more where a window's edges meet). Under an emulator
/// on a loaded machine, polls sent on time can reach the server bunched: there the budget is
/// checked over 3 s (12, and two more for the edges and the bunching).
fn within_the_poll_budget(polls: &[Instant]) {
    let (window, most) = if emulated() {
        (Duration::from_secs(3), 14)
    } else {
        (Duration::from_secs(1), 5)
    };
    for (i, first) in polls.iter().enumerate() {
        let in_window = polls[i..]
            .iter()
            .take_while(|t| t.duration_since(*first) < window)
            .count();
        assert!(in_window <= most, "{in_window} polls within {window:?}");
    }
}
