//! What goes to stdout and stderr: the task or its id, -v, colour as jq colours (never when
//! piped or asked not to), --no-progress; the human view on a terminal and the display that
//! fits it; server text that cannot drive the terminal; a closed stdout.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Storage;
#[cfg(unix)]
use crate::support::terminal::strip_ansi;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;
use std::time::{Duration, Instant};

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

#[test]
fn server_text_cannot_drive_the_terminal_or_forge_a_line() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(422).json_body(json!({
            "message": "bad\u{1b}]52;c;ZXZpbA==\u{7}\n  hint: run rm -rf ~",
            "code": "INVALID\u{1b}[2J"
        }));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(
        !err.lines().any(|l| l.trim_start().starts_with("hint: run")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(201)
            .json_body(json!({"data": {"id": "x\u{1b}[2Jy", "status": "waiting"}}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a", "-o", "id"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "x\\u{1b}[2Jy\n");
}

#[test]
fn messages_say_what_is_true_once_with_one_prefix() {
    let sb = Sandbox::new();
    let run = |args: &[&str]| sb.cmd().args(args).output().unwrap();
    let out = run(&["import", "ur"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("cloudconvert: error: "), "{err}");
    assert!(
        err.contains("'url'") && !err.contains("azure-blob"),
        "{err}"
    );

    let err = stderr(&run(&["task", "wait", "abc", "--wait-timeout", "0"]));
    assert!(err.contains("from 1 to 604800"), "{err}");
    assert!(!err.contains("18446744073709551615"), "{err}");

    let args = [
        "import",
        "s3",
        "s3://b",
        "--region",
        "r",
        "--access-key-id",
        "a",
        "--secret-access-key",
        "s",
    ];
    let err = stderr(&run(&args));
    assert!(err.contains("names a bucket but no object"), "{err}");

    let err = stderr(&run(&[
        "--dry-run",
        "import",
        "url",
        "https://e.com/a",
        "-H",
        "NoColon",
    ]));
    assert_eq!(err.matches("'Name: value'").count(), 1, "{err}");
}

#[test]
fn c1_and_bidi_controls_are_escaped_on_stdout_and_stderr() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let mut t = task("t-1", "import/url", "error");
    t["message"] = json!(
        "bad \u{9b}2J \u{9d}0;pwned\u{7} \u{202e}gnp.exe \u{061c}\u{2060}\u{2064}\u{206a}\u{206f}\u{ad}\u{180e}\u{115f}\u{3164}\u{fe0f}"
    );
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
        assert!(
            text.is_ascii(),
            "{color}: no raw C1, bidi or invisible: {text:?}"
        );
        assert!(
            text.contains("\\u009b2J") && text.contains("\\u202egnp.exe"),
            "{text}"
        );
        let err = stderr(&out);
        assert!(
            err.is_ascii(),
            "{color}: no raw control, bidi or invisible: {err:?}"
        );
        for escaped in [
            "\\u{61c}",
            "\\u{2060}",
            "\\u{ad}",
            "\\u{180e}",
            "\\u{3164}",
            "\\u{fe0f}",
        ] {
            assert!(err.contains(escaped), "{escaped}: {err}");
        }
    }
    let out = sb
        .api(&server)
        .args(["--color", "never", "task", "show", "t-1"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["message"], t["message"], "the same value, escaped");
}

/// What the command writes to the streams `on` names, a terminal of `cols` columns; it must
/// succeed.
#[cfg(unix)]
fn on_a_terminal_of(cols: u16, cmd: std::process::Command, on: On) -> String {
    let (status, text) = on_terminal(cols, cmd, on);
    assert!(status.success(), "{text}");
    text
}

#[cfg(unix)]
#[test]
fn a_person_at_a_terminal_gets_a_block_and_a_table_and_a_pipe_gets_json() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    // Ages of 3 to 7 hours and a few minutes: whole hours whenever the test runs.
    for i in 0..5u64 {
        let ago = Duration::from_secs((7 - i) * 3600 + 300);
        cloud.add_task("import/url", "finished", &rfc3339_ago(ago));
    }
    let id = crate::cloud::id(1);
    let mut show = sb.cloud_std(&cloud);
    show.env("TERM", "xterm")
        .args(["--color", "never", "task", "show", &id]);
    let block = on_a_terminal_of(80, show, On::Stdout);
    let lines: Vec<&str> = block.lines().collect();
    assert_eq!(lines[0], format!("id        {id}"), "{block}");
    assert!(lines.contains(&"operation import/url"), "{block}");
    assert!(lines.contains(&"status    finished"), "{block}");
    assert!(!block.contains("null") && !block.contains('{'), "{block}");
    assert!(lines.len() < 10, "a few lines, not a wall: {block}");

    let mut seen = String::new();
    for cols in [60u16, 80, 120] {
        let mut list = sb.cloud_std(&cloud);
        list.env("TERM", "xterm")
            .args(["--color", "never", "task", "list"]);
        let table = on_a_terminal_of(cols, list, On::Stdout);
        seen += &format!("==> task list at {cols} columns\n{table}");
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

    // The block's created time is the one moment that moves; the rest is the contract.
    let created = block
        .lines()
        .find(|l| l.starts_with("created "))
        .unwrap_or("");
    let block = block.replace(created, "created   (when)");
    assert_snapshot("task-views", &format!("==> task show\n{block}{seen}"));

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
            let screen = drawn_lines(&on_a_terminal_of(cols, cmd, On::Stderr));
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

#[test]
fn a_closed_stdout_ends_quietly() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/r-1");
        then.status(200)
            .delay(Duration::from_millis(300))
            .json_body(json!({"data": task("r-1", "import/url", "finished")}));
    });
    let mut child = sb
        .cmd_std_api(&server)
        .args(["task", "show", "r-1"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no error for a reader that has gone");
}

#[test]
fn a_log_names_the_task_of_a_lone_upload_and_hears_at_once_what_a_wait_waits_for() {
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    let file = sb.write("a.pdf", b"%PDF");
    // stderr is a log (not a terminal): the summary names the task.
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let id = crate::cloud::id(1);
    assert!(
        err.lines()
            .any(|l| l.starts_with("cloudconvert: uploaded a.pdf (") && l.ends_with(&id)),
        "{err}"
    );
    // A URL import waited for says at once which task it waits for.
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "https://example.com/a.pdf", "--wait"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let id = crate::cloud::id(2);
    assert_eq!(
        lines[0],
        format!("cloudconvert: waiting for task {id} (import/url) to end"),
        "{err}"
    );
    // …and, as the last line, how it ended.
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[1].starts_with(&format!(
            "cloudconvert: task {id} (import/url) finished after "
        )),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn with_ci_set_a_pseudo_terminal_gets_log_lines_never_a_drawing() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    let file = sb.write("big.bin", &vec![1u8; 300_000]);
    let mut cmd = sb.cloud_std(&cloud);
    cmd.env("CI", "true")
        .args(["import", "upload", "--limit-rate", "200K", &file]);
    let screen = on_a_terminal_of(80, cmd, On::Stderr);
    assert!(screen.contains("sending big.bin"), "{screen:?}");
    assert!(
        !screen.contains('\r') && !screen.contains("\u{1b}["),
        "no redraws: {screen:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_batch_piped_on_while_stderr_is_a_terminal_draws_one_line_alone() {
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = ["alpha", "beta", "gamma"]
        .iter()
        .map(|n| sb.write(&format!("{n}.bin"), &vec![3u8; 60_000]))
        .collect();
    // stdout goes to another program (as to `| jq`), stderr is the terminal.
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "upload", "--limit-rate", "100K"])
        .args(&files);
    let screen = on_a_terminal_of(80, cmd, On::StderrPiped);
    assert!(screen.contains("done "), "the total line: {screen:?}");
    for name in ["alpha.bin", "beta.bin", "gamma.bin"] {
        assert!(
            !screen.contains(&format!("{name} [")),
            "no file bar: {screen:?}"
        );
    }
}

/// What stays on a screen of `cols` columns after the command's stderr and a reader of its
/// stdout both wrote to it: the reader comes to each line `late` after it could (a program
/// woken late on a busy machine), takes it, and prints it back at once (as `| jq -r .id` does).
#[cfg(unix)]
fn shared_screen_after(cols: u16, mut cmd: std::process::Command, late: Duration) -> Vec<String> {
    use std::io::{Read, Write};
    cmd.stdout(std::process::Stdio::piped());
    let mut running = crate::support::terminal::start(cols, cmd, On::StderrOnly);
    let mut results = running.child.stdout.take().unwrap();
    let mut reader_screen = running.writer();
    let reader = std::thread::spawn(move || {
        // Byte by byte, unbuffered: a line the reader has not come to stays in the pipe.
        let (mut line, mut byte) = (Vec::new(), [0u8]);
        loop {
            if line.is_empty() {
                std::thread::sleep(late);
            }
            match results.read(&mut byte) {
                Ok(1) => line.push(byte[0]),
                _ => break,
            }
            if byte[0] == b'\n' {
                // A reader's own small delay, as a separate process has.
                std::thread::sleep(Duration::from_millis(5));
                let _ = reader_screen.write_all(&line);
                line.clear();
            }
        }
    });
    reader.join().unwrap();
    let ended = running.end();
    assert!(ended.status.success());
    crate::support::terminal::screen_of(&ended.raw, 500, cols)
}

/// The 8 ids alone, each on its line, then the summary, within the screen's width.
#[cfg(unix)]
fn ids_then_the_summary(screen: &[String], cols: u16) {
    assert!(
        screen.len() >= 9 && screen[..8].iter().all(|l| l.len() == 36),
        "the 8 ids alone, no copy of the total line: {screen:#?}"
    );
    assert!(
        screen[8..]
            .join(" ")
            .starts_with("cloudconvert: uploaded 8 of 8 files"),
        "then the summary, wrapped at most: {screen:#?}"
    );
    assert!(
        screen.iter().all(|l| l.chars().count() <= cols as usize),
        "{screen:#?}"
    );
}

/// `import upload` of 8 files, 2 at a time, slowly enough for the total line to be drawn.
#[cfg(unix)]
fn eight_ids(sb: &Sandbox, cloud: &crate::cloud::Cloud) -> std::process::Command {
    let files: Vec<String> = (0..8)
        .map(|i| sb.write(&format!("f{i:02}.bin"), &vec![4u8; 10_000 + i * 4_000]))
        .collect();
    let mut cmd = sb.cloud_std(cloud);
    cmd.args(["import", "upload", "-j", "2", "--limit-rate", "150K"])
        .args(["-o", "id"])
        .args(&files);
    cmd
}

#[cfg(unix)]
#[test]
fn a_batch_piped_to_a_reader_on_the_same_screen_leaves_its_results_and_the_summary_alone() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    for cols in [60, 80, 120] {
        let screen = shared_screen_after(cols, eight_ids(&sb, &cloud), Duration::ZERO);
        ids_then_the_summary(&screen, cols);
    }
}

#[cfg(unix)]
#[test]
fn a_reader_that_takes_its_lines_late_still_has_them_on_the_screen_alone() {
    // The total line waits for the reader to take each line from the pipe (Linux tells),
    // not only for a fixed pause after it was written.
    crate::unix_only!();
    if !cfg!(target_os = "linux") {
        return;
    }
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    let late = Duration::from_millis(250);
    let screen = shared_screen_after(80, eight_ids(&sb, &cloud), late);
    ids_then_the_summary(&screen, 80);
}

#[cfg(unix)]
#[test]
fn bars_keep_one_width_and_the_batch_line_keeps_its_eta_at_80_columns() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = ["alpha", "beta", "gamma", "delta"]
        .iter()
        .map(|n| sb.write(&format!("{n}.bin"), &vec![5u8; 150_000]))
        .collect();
    // Both streams on the terminal: the file bars and the total line are drawn.
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "upload", "-j", "2", "--limit-rate", "200K"])
        .args(&files);
    let screen = without_escapes(&on_a_terminal_of(80, cmd, On::Both));
    for name in ["alpha.bin [", "delta.bin ["] {
        let widths: std::collections::BTreeSet<usize> = screen
            .match_indices(name)
            .filter_map(|(at, _)| screen[at..].find(']'))
            .collect();
        assert_eq!(
            widths.len(),
            1,
            "{name} drawn at several widths: {widths:?}"
        );
    }
    let total_frames: Vec<&str> = screen
        .match_indices("files [")
        .map(|(at, _)| &screen[at..(at + 80).min(screen.len())])
        .collect();
    assert!(
        total_frames.iter().any(|f| f.contains("ETA ")),
        "the batch line's ETA at 80 columns: {total_frames:?}"
    );
    assert!(
        !screen.contains("ETA 0s"),
        "no ETA under a second: {screen:?}"
    );
}

/// Text without its escape sequences (`ESC [ … letter`): colours and cursor moves.
fn without_escapes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A 2 KB error answer whose field name is all spaces: on a terminal of 80 columns, what is
/// printed stays within a few times the answer, every line fitting (it once grew to 115 MB);
/// a long list of field errors is shown up to ten lines.
#[cfg(unix)]
#[test]
fn a_small_hostile_answer_prints_a_small_message() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let server = MockServer::start();
    let mut errors = serde_json::Map::new();
    errors.insert(" ".repeat(1500), json!(["word ".repeat(100)]));
    for i in 0..30 {
        errors.insert(format!("field{i}"), json!(["is wrong"]));
    }
    let body =
        json!({"message": "The given data was invalid.", "code": "INVALID_DATA", "errors": errors});
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(422).json_body(body);
    });
    let mut cmd = sb.cmd_std_api(&server);
    cmd.args(["import", "url", "https://e.com/a"]);
    let (status, text) = on_terminal(80, cmd, On::Stderr);
    assert_eq!(status.code(), Some(4), "{text}");
    assert!(text.len() < 8_000, "{} bytes: {text}", text.len());
    assert!(
        text.lines()
            .all(|l| without_escapes(l).chars().count() <= 80),
        "{text}"
    );
    assert!(text.contains("… and 21 more"), "{text}");
}

/// `> ids.txt`: stdout is a file, which writes to no screen, so the total line stays drawn
/// (it once stepped aside after every result as for `| jq`, showing in 1 screen sample of
/// 64). The screen is sampled every 40 ms while the batch runs.
#[cfg(unix)]
#[test]
fn a_batch_written_to_a_file_keeps_its_total_line_on_the_screen() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        delay: Duration::from_millis(30),
        ..Options::default()
    });
    let list: String = (0..240).map(|i| format!("https://e.com/{i}\n")).collect();
    let from = sb.write("urls.txt", list.as_bytes());
    let ids = std::fs::File::create(sb.path().join("ids.txt")).unwrap();
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "url", "--from", &from, "-o", "id"])
        .stdout(ids);
    let mut running = crate::support::terminal::start(80, cmd, On::StderrOnly);
    let (mut samples, mut with_total) = (0, 0);
    // Counted from the line's first drawing: a start slowed by a loaded machine or an emulator
    // is not what this looks at.
    let drawn = || running.screen(24).iter().any(|l| l.contains("done "));
    let first = Instant::now();
    while !drawn() && first.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    while running.child.try_wait().unwrap().is_none() {
        samples += 1;
        if running.screen(24).iter().any(|l| l.contains("done ")) {
            with_total += 1;
        }
        std::thread::sleep(Duration::from_millis(40));
    }
    running.end();
    assert!(samples >= 10, "{samples} samples");
    assert!(
        with_total * 10 >= samples * 8,
        "the total line in {with_total} of {samples} samples"
    );
    let written = std::fs::read_to_string(sb.path().join("ids.txt")).unwrap();
    assert_eq!(written.lines().count(), 240);
}

/// After the last byte of a lone upload, the wait's line says what is happening (CloudConvert
/// taking the file in), not the API's word `waiting`, which would say the file had not come.
#[cfg(unix)]
#[test]
fn after_the_last_byte_the_wait_says_cloudconvert_is_taking_the_file_in() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = crate::storage::Storage::start(FORM);
    let cloud = crate::cloud::Cloud::for_storage_after(&storage, FORM, Duration::from_millis(1500));
    let file = sb.write("report.pdf", b"%PDF-1.7");
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "upload", &file]);
    let screen = on_a_terminal_of(80, cmd, On::Stderr);
    assert!(
        screen.contains("report.pdf") && screen.contains("being taken in by CloudConvert"),
        "{screen}"
    );
    assert!(!screen.contains(": waiting"), "{screen}");
}

#[cfg(unix)]
#[test]
fn a_task_on_a_terminal_is_coloured_like_jq_and_nowhere_else() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "https://e.com/a.pdf"])
        .output()
        .unwrap();
    let piped = stdout(&out);
    assert!(!piped.contains('\x1b'), "piped: no colour");
    let task: Value = serde_json::from_str(&piped).unwrap();
    assert_eq!(
        piped,
        format!("{task}\n"),
        "piped: one compact line, byte for byte"
    );
    let id = cloud::id(1);

    let show = |extra: &[(&str, &str)], args: &[&str]| {
        let mut cmd = sb.cloud_std(&cloud);
        cmd.envs(extra.iter().copied()).args(args);
        let (status, text) = on_terminal(80, cmd, On::Stdout);
        assert!(status.success());
        text
    };
    // -o json on a terminal: JSON, coloured and indented.
    let shown = show(&[], &["-o", "json", "task", "show", &id]);
    assert!(
        shown.contains("\x1b[34;1m\"id\"\x1b[0m"),
        "keys coloured: {shown:?}"
    );
    assert!(shown.contains("\x1b[1;30mnull\x1b[0m"), "null dimmed");
    let plain: Value = serde_json::from_str(&strip_ansi(&shown)).expect("still valid JSON");
    assert_eq!(plain["id"], id.as_str());
    assert!(strip_ansi(&shown).contains("\n  \"id\": "), "indented");

    for (var, value) in [("NO_COLOR", "1"), ("TERM", "dumb")] {
        let shown = show(&[(var, value)], &["-o", "json", "task", "show", &id]);
        assert!(!shown.contains('\x1b'), "{var}={value}: {shown:?}");
        serde_json::from_str::<Value>(&shown).unwrap();
    }
    let shown = show(
        &[],
        &["--color", "never", "-o", "json", "task", "show", &id],
    );
    assert!(!shown.contains('\x1b'));

    // --color always colours even a pipe (as jq -C does).
    let out = sb
        .cloud(&cloud)
        .args(["--color", "always", "-o", "json", "task", "show", &id])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("\x1b[34;1m"));
    // And the error label follows the same choice.
    let out = sb
        .cloud(&cloud)
        .args(["--color", "always", "task", "show", "nope"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("\x1b[1;31merror\x1b[0m"),
        "{}",
        stderr(&out)
    );
    let out = sb
        .cloud(&cloud)
        .env("NO_COLOR", "1")
        .args(["task", "show", "nope"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\x1b'));
}

#[cfg(unix)]
#[test]
fn no_progress_hides_the_bars_but_keeps_the_notes() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, vec![b'a'; 300_000]).unwrap();
    let run = |extra: &[&str]| {
        let mut cmd = sb.cloud_std(&cloud);
        cmd.args(["import", "upload", file.to_str().unwrap()])
            .args(extra);
        let (status, text) = on_terminal(80, cmd, On::Stderr);
        assert!(status.success());
        text
    };
    // The wait for CloudConvert (0.7 s here) shows its spinner; the file's bar may come and go
    // between two draws.
    let with_bars = strip_ansi(&run(&[]));
    assert!(
        with_bars.contains(": being taken in by CloudConvert ("),
        "a spinner on a terminal: {with_bars:?}"
    );
    let without = strip_ansi(&run(&["--no-progress"]));
    assert!(
        !without.contains("being taken in by CloudConvert (") && !without.contains("a.txt ["),
        "no bar: {without:?}"
    );
    assert!(
        without.contains("uploaded a.txt"),
        "the note stays: {without:?}"
    );
    let quiet = run(&["-q"]);
    assert!(quiet.trim().is_empty(), "-q: {quiet:?}");
}
