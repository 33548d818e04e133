//! The person and the log: first contact without stumbles, no silent empty run, a log that
//! hears about every upload, summaries that count what was stored.

use crate::cloud::{Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use serde_json::json;
use std::time::Duration;

const FORM: &[(&str, &str)] = &[("key", "k")];

#[test]
fn first_contact_without_stumbles() {
    let sb = Sandbox::new();
    // A command alone shows its help, which is not an error.
    for args in [&[][..], &["import"], &["task"], &["auth"]] {
        let out = sb.cmd().args(args).output().unwrap();
        let err = stderr(&out);
        assert!(err.contains("Usage: cloudconvert"), "{args:?}: {err}");
        assert!(!err.contains("error:"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // An import source given at the top is pointed to `import`.
    let out = sb.cmd().args(["upload", "x.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cloudconvert import upload ..."),
        "{}",
        stderr(&out)
    );
    // A file where the source was expected: choose a source.
    let out = sb.cmd().args(["import", "report.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("choose a source") && err.contains("url, upload, s3"),
        "{err}"
    );
    // Ranges in words.
    let out = sb
        .cmd()
        .args(["import", "upload", "--jobs", "0", "a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("from 1 to 64") && !err.contains("..="),
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
fn a_log_hears_about_a_batch_once_and_its_summary_counts_what_was_stored() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[
        Answer::Accept,
        Answer::Fail(403, "AccessDenied", "Policy expired."),
    ]);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|_| Duration::from_millis(100)),
        ..Options::default()
    });
    let a = sb.write("a.bin", &[1u8; 1000]);
    let b = sb.write("b.bin", &[2u8; 2000]);
    let c = sb.write("c.bin", &[3u8; 3000]);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1", &a, &b, &c])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    // No line per file in a batch's log: the failure, then the summary of what is stored.
    assert!(!err.contains("sending "), "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("cloudconvert: uploaded 2 of 3 files, 3.91 KiB stored in ")
            && last.ends_with("; 1 failed"),
        "{err}"
    );
}

/// What the command writes to stdout (`stderr` false) or stderr (true) when that stream is a
/// terminal of `cols` columns; the other stream goes nowhere.
#[cfg(unix)]
fn on_a_terminal_of(cols: u16, mut cmd: std::process::Command, stderr: bool) -> String {
    use std::io::Read;
    use std::os::fd::AsRawFd;
    let pty = crate::hardening::Pty::open();
    let size = libc::winsize {
        ws_row: 24,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: sets the size of a terminal we hold open.
    assert_eq!(
        unsafe { libc::ioctl(pty.terminal.as_raw_fd(), libc::TIOCSWINSZ, &size) },
        0
    );
    let terminal = pty.terminal.try_clone().unwrap();
    let nowhere = std::process::Stdio::null;
    if stderr {
        cmd.env("TERM", "xterm").stdout(nowhere()).stderr(terminal);
    } else {
        cmd.stdout(terminal).stderr(nowhere());
    }
    let mut child = cmd.spawn().unwrap();
    drop(cmd);
    drop(pty.terminal);
    let mut master = pty.master;
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let _ = master.read_to_end(&mut seen);
        seen
    });
    assert!(child.wait().unwrap().success());
    String::from_utf8_lossy(&reader.join().unwrap()).replace("\r\n", "\n")
}

#[cfg(unix)]
#[test]
fn a_person_at_a_terminal_gets_a_block_and_a_table_and_a_pipe_gets_json() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    for i in 0..5 {
        cloud.add_task(
            "import/url",
            "finished",
            &format!("2026-11-2{i}T10:00:00+00:00"),
        );
    }
    let id = crate::cloud::id(1);
    let mut show = sb.cloud_std(&cloud);
    show.env("TERM", "xterm")
        .args(["--color", "never", "task", "show", &id]);
    let block = on_a_terminal_of(80, show, false);
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines[0], format!("id        {id}"), "{block}");
    assert!(lines.contains(&"operation import/url"), "{block}");
    assert!(lines.contains(&"status    finished"), "{block}");
    assert!(!block.contains("null") && !block.contains('{'), "{block}");
    assert!(lines.len() < 10, "a few lines, not a wall: {block}");

    for cols in [60u16, 80, 120] {
        let mut list = sb.cloud_std(&cloud);
        list.env("TERM", "xterm")
            .args(["--color", "never", "task", "list"]);
        let table = on_a_terminal_of(cols, list, false);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 6, "a header and a row a task: {table}");
        assert!(
            rows[0].starts_with("ID") && rows[0].contains("STATUS"),
            "{table}"
        );
        for r in &rows {
            assert!(r.chars().count() <= usize::from(cols), "{cols}: {r}");
        }
    }

    // In a pipe: JSON, one line a task, as before; -o table gives the table there too.
    let out = sb.cloud(&cloud).args(["task", "list"]).output().unwrap();
    assert_eq!(json_lines(&out).len(), 5);
    let out = sb
        .cloud(&cloud)
        .args(["-o", "table", "task", "list"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("ID "), "{}", stdout(&out));
    assert_eq!(stdout(&out).lines().count(), 6);
}

/// Terminal output as the lines it draws: colour codes dropped, and every escape that moves
/// the cursor to another line (or clears one) taken as a line break.
fn drawn_lines(raw: &str) -> String {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.next() != Some('[') {
            continue;
        }
        for f in chars.by_ref() {
            if f.is_ascii_alphabetic() {
                if "ABEFHJK".contains(f) {
                    out.push('\n');
                }
                break;
            }
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn every_line_of_the_display_fits_the_terminal() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.slow(Duration::from_millis(300));
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|_| Duration::from_millis(400)),
        ..Options::default()
    });
    let files: Vec<String> = (0..6)
        .map(|i| {
            sb.write(
                &format!("a-scan-with-a-rather-long-name-from-the-archive-{i:02}.tiff"),
                &vec![7u8; 200_000],
            )
        })
        .collect();
    for cols in [60u16, 80, 120] {
        for args in [&files[..1], &files[..]] {
            let mut cmd = sb.cloud_std(&cloud);
            cmd.args(["import", "upload", "--jobs", "3"]).args(args);
            let screen = drawn_lines(&on_a_terminal_of(cols, cmd, true));
            // No rate or ETA is made up before a file's first byte has arrived.
            assert!(!screen.contains(" 0 B/s"), "{screen:?}");
            let drawn: Vec<&str> = screen.split(['\n', '\r']).collect();
            assert!(
                drawn.iter().any(|l| l.contains('[')),
                "a bar was drawn: {screen:?}"
            );
            // indicatif pads each line of the display to the terminal's edge and lets the
            // terminal wrap there, so K lines drawn at once are K x cols characters; a line
            // longer than the terminal breaks that, and cuts a line in two.
            let cols = usize::from(cols);
            for segment in drawn.iter().filter(|l| !l.starts_with("cloudconvert:")) {
                let chars: Vec<char> = segment.chars().collect();
                if chars.len() <= cols {
                    continue;
                }
                assert_eq!(chars.len() % cols, 0, "{cols} columns: {segment:?}");
                for row in chars.chunks(cols) {
                    let row: String = row.iter().collect();
                    assert!(
                        (row.contains(" [") && row.contains("] ")) || row.trim().is_empty(),
                        "{cols} columns, {} files: a line cut in two: {row:?} in {segment:?}",
                        args.len()
                    );
                }
            }
        }
    }
}

#[test]
fn auth_status_warns_only_about_a_stored_key_that_exists() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let status = || sb.cloud(&cloud).args(["auth", "status"]).output().unwrap();
    let out = status();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("is set"),
        "no stored key: {}",
        stderr(&out)
    );
    sb.write_config("api_key = \"stored-key-123\"\n");
    let out = status();
    assert!(
        stderr(&out).contains("CLOUDCONVERT_API_KEY is set"),
        "{}",
        stderr(&out)
    );
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

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_batch_says_what_its_end_would_have_said() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[
        Answer::Fail(403, "AccessDenied", "Policy expired."),
        Answer::Stall,
    ]);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = (1..=3)
        .map(|i| sb.write(&format!("{i}.bin"), &[0u8; 100]))
        .collect();
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "1"])
        .args(&files)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    crate::hardening::wait_until(|| storage.requests() >= 2);
    std::thread::sleep(Duration::from_millis(200));
    crate::hardening::kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    assert!(
        err.contains(&files[0]) && err.contains("Policy expired."),
        "the failure seen: {err}"
    );
    let (one, two) = (crate::cloud::id(1), crate::cloud::id(2));
    // The refused file's task waits for a file that will not come: to be removed. The file
    // the storage holds without reading may still arrive, for all the tool can know.
    let line = err
        .lines()
        .find(|l| l.contains("remove the tasks whose files are not stored"))
        .unwrap_or_default();
    assert!(line.ends_with(&format!("task delete {one}")), "{err}");
    assert!(
        err.contains(&format!("(task {one}): its upload failed"))
            && err.contains(&format!("(task {two}): the file may still arrive")),
        "{err}"
    );
    assert!(err.contains("1 of 3 files were not started"), "{err}");
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
fn the_human_view_is_scrubbed_and_escaped_like_json() {
    let sb = Sandbox::new();
    let server = httpmock::MockServer::start();
    let mut t = task("t-1", "import/url", "error");
    t["message"] = json!(format!("bad key {KEY} \u{1b}[2J\u{202e}gnp.exe"));
    server.mock(|when, then| {
        when.method(httpmock::Method::GET).path("/v2/tasks/t-1");
        then.status(200).json_body(json!({"data": t}));
    });
    let out = sb
        .api(&server)
        .args(["-o", "table", "task", "show", "t-1"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("message") && !text.contains(KEY), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
}

#[test]
fn a_status_from_outside_is_cleaned_in_every_human_view() {
    let sb = Sandbox::new();
    let server = httpmock::MockServer::start();
    let mut t = task("t-1", "import/url", "error");
    t["status"] = json!(format!("{KEY}\u{1b}]0;owned\u{7}\u{9b}2J"));
    let page = json!({"data": [t.clone()], "links": {}, "meta": {}});
    server.mock(|when, then| {
        when.method(httpmock::Method::GET).path("/v2/tasks/t-1");
        then.status(200).json_body(json!({"data": t}));
    });
    server.mock(|when, then| {
        when.method(httpmock::Method::GET).path("/v2/tasks");
        then.status(200).json_body(page);
    });
    for args in [
        vec!["-o", "table", "task", "show", "t-1"],
        vec!["-o", "table", "task", "list"],
        vec!["-o", "table", "--color", "always", "task", "list"],
        vec!["-o", "table", "--color", "always", "task", "show", "t-1"],
    ] {
        let out = sb.api(&server).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(!text.contains(KEY), "{args:?}: {text}");
        assert!(
            !text.contains('\u{7}') && !text.contains('\u{9b}') && !text.contains("\u{1b}]"),
            "{args:?}: {text:?}"
        );
    }
}
