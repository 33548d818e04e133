//! Hostile input, round 3: links out of a tree, answers huge in shape, answers that lie, plain
//! http sync hosts, escapes in names and messages, files swapped after their check, a config
//! folder that is a file, and creates that may have happened.

use crate::cloud::{self, Cloud, Options};
use crate::storage::Storage;
use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{Value, json};
use std::process::Stdio;
use std::time::{Duration, Instant};

const FORM: &[(&str, &str)] = &[("key", "k")];

/// Runs the command to its end: its output and its peak RSS in KiB, read from the child's
/// own `VmHWM` every millisecond while it runs. (`wait4`'s `ru_maxrss` would count the test
/// process itself, whose pages the child has between fork and exec.)
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
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(l) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak = peak.max(l.split_whitespace().nth(1).unwrap().parse().unwrap());
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(Duration::from_millis(1));
    };
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

#[cfg(unix)]
#[test]
fn a_walk_skips_links_out_of_the_tree_unless_told_to_follow() {
    let sb = Sandbox::new();
    let secret = sb.write("private/credentials", b"aws_secret_access_key = nope");
    let dir = sb.path().join("scans");
    sb.write("scans/a.txt", b"a");
    sb.write("scans/b.txt", b"b");
    let link = dir.join("x");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    std::os::unix::fs::symlink(dir.join("a.txt"), dir.join("inside")).unwrap();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-r", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let mut names: Vec<String> = storage
        .received()
        .iter()
        .map(|r| r.filename.clone())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a.txt", "b.txt", "inside"],
        "the secret stayed home"
    );
    let canonical = std::fs::canonicalize(&secret).unwrap();
    assert!(
        err.contains(&format!(
            "skipped link to outside the directory: {} -> {}",
            link.display(),
            canonical.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("uploaded 3 of 3 files") && err.contains("; 1 skipped"),
        "{err}"
    );

    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-r", "-L", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.received().len(), 4, "-L follows it");
    assert!(!stderr(&out).contains("skipped"));
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
fn a_plain_http_sync_host_is_warned_about() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-1");
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args([
            "--sync-url",
            "http://sync.example.com",
            "task",
            "show",
            "t-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("http://sync.example.com") && err.contains("unencrypted"),
        "{err}"
    );
}

#[test]
fn c1_and_bidi_controls_are_escaped_on_stdout_and_stderr() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let mut t = task("t-1", "import/url", "error");
    t["message"] = json!("bad \u{9b}2J \u{9d}0;pwned\u{7} \u{202e}gnp.exe");
    t["code"] = json!("X\u{9b}31m");
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-1");
        then.status(200).json_body(json!({"data": t}));
    });
    for color in ["never", "always"] {
        let out = sb
            .api(&server)
            .args(["--color", color, "task", "wait", "t-1"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(3));
        let text = stdout(&out);
        assert!(text.is_ascii(), "{color}: no raw C1 or bidi: {text:?}");
        assert!(
            text.contains("\\u009b2J") && text.contains("\\u202egnp.exe"),
            "{text}"
        );
        let err = stderr(&out);
        assert!(
            !err.contains('\u{9b}') && !err.contains('\u{202e}') && !err.contains('\u{9d}'),
            "{err:?}"
        );
    }
    let out = sb
        .api(&server)
        .args(["--color", "never", "task", "show", "t-1"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["message"], t["message"], "the same value, escaped");
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_its_check_is_caught_not_waited_on() {
    let sb = Sandbox::new();
    // Every answer of the API takes 800 ms: time to swap a file after the checks.
    let slow_cloud = |storage: &Storage| {
        Cloud::start(Options {
            form: json!({"key": "k"}),
            storage: Some((storage.url.clone(), storage.arrivals())),
            delay: Duration::from_millis(800),
            ..Options::default()
        })
    };
    // Runs the upload and, once it is under way, replaces `swapped` by a FIFO.
    let run_swapping = |cloud: &Cloud, files: &[&str], swapped: &str| {
        let child = sb
            .cloud_std(cloud)
            .args(["import", "upload", "--jobs", "1"])
            .args(files)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(300));
        std::fs::remove_file(swapped).unwrap();
        let path = std::ffi::CString::new(swapped).unwrap();
        // SAFETY: a path we own, as a C string.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        child.wait_with_output().unwrap()
    };
    let storage = Storage::start(FORM);
    let cloud = slow_cloud(&storage);
    let a = sb.write("a.txt", b"first");
    let b = sb.write("b.txt", b"second");
    let started = Instant::now();
    let out = run_swapping(&cloud, &[&a, &b], &b);
    let err = stderr(&out);
    assert!(started.elapsed() < Duration::from_secs(20), "no hang");
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("b.txt"))
        .unwrap_or_default();
    assert!(
        line.contains("no longer a regular file") && line.contains(&cloud::id(2)),
        "names the file and its task: {err}"
    );
    assert_eq!(storage.received().len(), 1, "a.txt went");

    // A lone file is held open from its check: swapped, it is still sent as checked.
    let storage = Storage::start(FORM);
    let cloud = slow_cloud(&storage);
    let c = sb.write("c.txt", b"as checked");
    let out = run_swapping(&cloud, &[&c], &c);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.received()[0].data, b"as checked");
}

#[test]
fn a_config_folder_that_is_a_file_matters_only_when_the_key_is_needed_from_it() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    let folder = sb.config_dir().join("cloudconvert");
    std::fs::write(&folder, "not a folder").unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-1");
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning") && err.contains("is a file, not a directory"),
        "{err}"
    );

    // Without a key from elsewhere, the real problem is named.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{} is a file, not a directory", folder.display())),
        "{err}"
    );
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

#[cfg(unix)]
#[test]
fn ctrl_c_while_a_create_is_out_says_the_task_may_exist() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        delay: Duration::from_secs(5),
        ..Options::default()
    });
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "url", "https://e.com/a"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    crate::hardening::wait_until(|| !cloud.requests().is_empty());
    crate::hardening::kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    assert!(
        stderr(&out).contains(
            "the task may have been created; check with cloudconvert task list --limit 5"
        ),
        "{}",
        stderr(&out)
    );
}
