//! `import upload FILE...` end to end, done when CloudConvert has the file: files and stdin,
//! the checks before the first task, the storage's refusals and retries, and what a log hears.

use crate::cloud;
use crate::cloud::AFTER_UPLOAD;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Storage;
use crate::support::*;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;
use std::io::Read;
use std::io::Write;
use std::time::Duration;

#[test]
fn empty_file_and_several_files_as_json_lines() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let a = sb.write("empty.txt", b"");
    let b = sb.write("b.txt", b"bbb");
    let c = sb.write("c.txt", b"cc");
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &a, &b, &c])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<Value> = json_lines(&out)
        .iter()
        .map(|t| t["result"]["files"][0]["filename"].clone())
        .collect();
    assert_eq!(
        names,
        vec![json!("empty.txt"), json!("b.txt"), json!("c.txt")],
        "one JSON line per task, in the order the files were given"
    );
    // The storage takes them in whatever order the jobs reach it.
    let mut got: Vec<(String, Vec<u8>)> = storage
        .received()
        .into_iter()
        .map(|r| (r.filename, r.data))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("b.txt".to_string(), b"bbb".to_vec()),
            ("c.txt".to_string(), b"cc".to_vec()),
            ("empty.txt".to_string(), Vec::new()),
        ]
    );
}

#[test]
fn stdin_from_a_pipe_and_from_a_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", "-", "--filename", "dump.sql"])
        .write_stdin("piped data")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        (
            storage.received()[0].filename.as_str(),
            storage.received()[0].data.as_slice()
        ),
        ("dump.sql", &b"piped data"[..])
    );

    let file = sb.write("in.bin", b"from a redirected file");
    let out = sb
        .cloud_std(&api.cloud)
        .args(["import", "upload", "-", "--filename", "x.bin"])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.received()[1].data, b"from a redirected file");

    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", "-"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--filename"));
}

#[test]
fn every_file_is_checked_before_the_first_task() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let good = sb.write("good.txt", b"g");
    let dir = sb.path().to_str().unwrap().to_string();
    for bad in ["/nonexistent/missing.pdf", dir.as_str()] {
        let out = sb
            .cloud(&api.cloud)
            .args(["import", "upload", &good, bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains(bad),
            "the message names the file: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let locked = sb.write("locked.txt", b"l");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = sb
            .cloud(&api.cloud)
            .args(["import", "upload", &good, &locked])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
    assert_eq!(api.creates(), 0, "no task is created");
    assert_eq!(storage.requests(), 0);
}

#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(true)
}

#[test]
fn dropped_connection_then_success_sends_the_file_again() {
    let data = vec![7u8; 3 << 20];
    let (storage, api, out) = upload_through(&[Answer::DropMidBody], &data);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.requests(), 2);
    assert!(storage.received()[0].data == data);
    assert!(
        stderr(&out).contains("sending it again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(api.creates(), 1, "the same form is used again");
}

/// Uploads one file of `data` to a storage that first gives `answers`.
fn upload_through(answers: &[Answer], data: &[u8]) -> (Storage, Api, std::process::Output) {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    storage.script(answers);
    let file = sb.write("f.bin", data);
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    (storage, api, out)
}

#[test]
fn storage_500_then_success() {
    let (storage, _api, out) = upload_through(
        &[Answer::Fail(
            500,
            "InternalError",
            "We encountered an internal error. Please try again.",
        )],
        b"data",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.requests(), 2);
    assert_eq!(storage.received().len(), 1);
}

#[test]
fn storage_403_is_reported_with_its_message() {
    let (storage, _api, out) = upload_through(
        &[Answer::Fail(
            403,
            "AccessDenied",
            "Invalid according to Policy: Policy expired.",
        )],
        b"data",
    );
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(storage.requests(), 1, "a 4xx is not retried");
    let err = stderr(&out);
    assert!(
        err.contains("Invalid according to Policy: Policy expired. (AccessDenied, HTTP 403)"),
        "{err}"
    );
    assert!(err.contains(&cloud::id(1)), "names the task: {err}");
    assert!(out.stdout.is_empty());
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
fn the_stdin_copy_names_its_directory_when_it_cannot_be_made() {
    crate::unix_only!();
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

#[test]
fn an_upload_with_no_file_is_refused_unless_a_form_is_asked_for() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    // `import upload $FILES` with $FILES empty: nothing is sent.
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("no file given") && err.contains("--form-only"),
        "{err}"
    );
    assert!(cloud.requests().is_empty());
    // --form-only (or --redirect) creates the task with its form, as before.
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--form-only"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let task: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(task["result"]["form"]["url"].is_string());
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--form-only", "a.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--form-only sends no file");
}

#[test]
fn a_long_upload_in_a_log_says_every_30_s_how_far_it_is() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    // 330,000 bytes at 10 KiB/s: 32 s.
    let file = sb.write("big.bin", &vec![5u8; 330_000]);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--limit-rate", "10K", &file])
        .timeout(Duration::from_secs(90))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0], "cloudconvert: sending big.bin (322.27 KiB)",
        "{err}"
    );
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("still sending big.bin: "))
            .count(),
        1,
        "{err}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains("uploaded big.bin (322.27 KiB in 3"),
        "{err}"
    );
}

#[test]
fn an_upload_ends_when_cloudconvert_has_the_file_also_when_polling() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM_201);
    // Under an emulator on a loaded machine the first poll can come later than 0.7 s after
    // the file: the task then takes that much longer, so that it is still asked while waiting.
    let settles = AFTER_UPLOAD + launch_slack();
    let cloud = Cloud::for_storage_after(&storage, FORM_201, settles);
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
        first_poll.at < arrived + settles,
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
