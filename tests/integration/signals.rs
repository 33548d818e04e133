//! Ctrl-C, SIGTERM and SIGHUP end the program at once, give the terminal back, and tell the
//! truth: finished tasks held back for the order given are printed, each
//! unfinished file is named with its task and what is true of it, "not stored" is said only
//! when the storage cannot have the file, and the commands to go on are whole lines to copy.
#![cfg(unix)]

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Storage;
use crate::support::kill;
use crate::support::wait_until;
use crate::support::*;
use serde_json::json;
use std::process::Stdio;
use std::time::Duration;
use std::time::Instant;

fn cloud_for(storage: &Storage) -> Cloud {
    Cloud::for_storage_after(storage, FORM, Duration::from_millis(300))
}

#[test]
fn not_stored_is_said_only_when_the_storage_cannot_have_the_file() {
    crate::unix_only!();
    let sb = Sandbox::new();
    // A slow link: 100 KB/s into a small window.
    let storage = Storage::start_slow(FORM, 100_000);
    let cloud = cloud_for(&storage);
    let file = sb.write("big.bin", &vec![9u8; 1_000_000]);
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.body_bytes() >= 400_000);
    kill(child.id(), "INT");
    // From now on the storage reads as fast as anything comes: what the tool left in the
    // buffers must not make a whole file. Under an emulator, with the suite's other runs on
    // both cores, the tool can take longer to get to the signal than the rest of the file
    // takes to go at full speed (seen once under qemu): there the storage speeds up once the
    // tool has ended.
    let out = if emulated() {
        let out = child.wait_with_output().unwrap();
        storage.read_rate(usize::MAX / 2);
        out
    } else {
        storage.read_rate(usize::MAX / 2);
        child.wait_with_output().unwrap()
    };
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    let id = crate::cloud::id(1);
    // The lines an interrupt leaves are the contract: after the log's first line, whole.
    let from_the_interrupt = err
        .find("\ncloudconvert: interrupted")
        .map(|at| &err[at + 1..]);
    // The record kept in the state folder is named by the time and the process.
    let shown: String = from_the_interrupt
        .unwrap_or(&err)
        .replace(&sb.path().display().to_string(), "HOME")
        .lines()
        .map(|l| match l.split_once(" --record ") {
            Some((command, _)) => format!("{command} --record RECORD\n"),
            None => format!("{l}\n"),
        })
        .collect();
    assert_snapshot("interrupt-mid-upload", &shown);
    let line = err
        .lines()
        .find(|l| l.contains(&format!("(task {id})")))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("big.bin") && line.contains("not stored"),
        "{err}"
    );
    assert_finishes(&err, "cloudconvert import upload ");
    // What the tool said is true: whatever the storage reads now, it never has the file.
    std::thread::sleep(Duration::from_secs(2));
    assert!(storage.received().is_empty(), "the whole file arrived");
    assert!(cloud.ended_at(&id).is_none(), "the task finished");
}

#[test]
fn ctrl_c_prints_the_finished_tasks_held_back_for_an_earlier_one() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // Every file is stored; CloudConvert takes a minute over the first, 300 ms over the others.
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|name: &str| {
            Duration::from_millis(if name == "1.bin" { 60_000 } else { 300 })
        }),
        ..Options::default()
    });
    let files: Vec<String> = (1..=4)
        .map(|i| sb.write(&format!("{i}.bin"), &[i as u8; 100]))
        .collect();
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "4"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.received().len() == 4);
    // The three small tasks end 300 ms after their files, and are held behind the first.
    std::thread::sleep(Duration::from_millis(1200));
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    let printed = json_lines(&out);
    let names: Vec<&str> = printed
        .iter()
        .map(|t| t["result"]["files"][0]["filename"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        names,
        ["2.bin", "3.bin", "4.bin"],
        "held results, in order: {err}"
    );
    assert!(printed.iter().all(|t| t["status"] == "finished"));
    let line = err
        .lines()
        .find(|l| l.contains("1.bin (task "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("stored; CloudConvert is taking it in"),
        "{err}"
    );
    assert_finishes(&err, "cloudconvert import upload --jobs 4 ");
    assert!(!err.contains("task delete"), "nothing to remove: {err}");
}

/// The last line is the command that finishes the run: the one run, with its record.
fn assert_finishes(err: &str, starts: &str) {
    let lines: Vec<&str> = err.lines().collect();
    let last = lines.last().copied().unwrap_or_default();
    assert!(
        last.starts_with(starts) && last.contains(" --record "),
        "{err}"
    );
    assert_eq!(
        lines[lines.len() - 2],
        "cloudconvert: to finish the rest (each file stored once, no task left waiting), run:"
    );
}

/// A task that takes long, waited for, then ended by `signal`: the exit status, and the one
/// line naming the unfinished task.
#[cfg(unix)]
fn signalled_wait(signal: &str) -> (std::process::Output, String) {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(60),
        ..Options::default()
    });
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "url", "https://e.com/a", "--wait"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| cloud.count("GET", "/sync/") > 0);
    std::thread::sleep(Duration::from_millis(100));
    kill(child.id(), signal);
    (child.wait_with_output().unwrap(), cloud::id(1))
}

#[cfg(unix)]
#[test]
fn signals_end_a_wait_with_their_status_and_name_the_task() {
    crate::unix_only!();
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let (out, id) = signalled_wait(signal);
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", stderr(&out));
        let err = stderr(&out);
        // What is true of the task, then the command to go on, whole.
        assert_eq!(
            err.lines().collect::<Vec<_>>(),
            [
                format!("cloudconvert: waiting for task {id} (import/url) to end"),
                format!("cloudconvert: interrupted: task {id}: created, not finished"),
                "cloudconvert: to follow the tasks that may still finish:".to_string(),
                format!("cloudconvert task wait {id}"),
            ],
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_the_program_while_stdout_is_blocked() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    for i in 0..300 {
        cloud.add_task(
            "import/url",
            "finished",
            &format!("2026-11-27T10:00:{:02}+00:00", i % 60),
        );
    }
    // A reader that never reads: the pipe fills, and the write blocks.
    let (reader, writer) = std::io::pipe().unwrap();
    let child = sb
        .cloud_std(&cloud)
        .args(["task", "list", "--limit", "300"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| cloud.count("GET", "/v2/tasks") >= 3);
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(sent.elapsed() < Duration::from_secs(2) + launch_slack());
    drop(reader);
}

#[cfg(unix)]
#[test]
fn ctrl_c_at_the_hidden_prompt_gives_the_terminal_its_echo_back() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let pty = Pty::open();
    assert!(pty.echo_is_on());
    let mut child = sb
        .std_cmd()
        .args(["auth", "login"])
        .stdin(pty.terminal.try_clone().unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    // Before it asks, the prompt says where a key comes from and which scopes it needs.
    let said = read_until(&mut err, "input hidden");
    assert!(
        said.contains("https://cloudconvert.com/dashboard/api/v2/keys")
            && said.contains("task.read")
            && said.contains("task.write"),
        "{said}"
    );
    wait_until(|| !pty.echo_is_on());
    assert!(!pty.echo_is_on(), "echo is off while the key is typed");
    kill(child.id(), "INT");
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(pty.echo_is_on(), "the terminal has its echo back");
    drop(pty.master);
}

/// Runs `cmd`, and Ctrl-C once the first request has reached `cloud`: what it printed.
fn ctrl_c_once_asked(mut cmd: std::process::Command, cloud: &Cloud) -> std::process::Output {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| !cloud.requests().is_empty());
    kill(child.id(), "INT");
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_a_create_is_out_says_the_task_may_exist() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        delay: Duration::from_secs(5),
        ..Options::default()
    });
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "url", "https://e.com/a"]);
    let out = ctrl_c_once_asked(cmd, &cloud);
    assert_eq!(out.status.code(), Some(130));
    assert!(
        stderr(&out).contains(
            "the task may have been created; check with cloudconvert task list --limit 5"
        ),
        "{}",
        stderr(&out)
    );
}

/// After Ctrl-C nothing new goes out: the create that was out is waited for and its task
/// named and recorded, and no other item starts (its task would be made after the tool had
/// said what exists, and wait unknown).
#[test]
fn after_ctrl_c_no_item_starts_and_the_create_that_was_out_is_kept() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        delay: Duration::from_millis(400),
        ..Options::default()
    });
    let record = sb.path().join("urls.jsonl");
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "url", "--jobs", "1", "--record"])
        .arg(&record)
        .args(["https://e.com/a", "https://e.com/b", "https://e.com/c"]);
    let out = ctrl_c_once_asked(cmd, &cloud);
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    // What the tool sent before it ended has arrived by now.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        cloud.count("POST", "/v2/import/url"),
        1,
        "no item started after the interrupt: {}",
        stderr(&out)
    );
    // Its task is printed on stdout, or, when the interrupt looked first, named on stderr.
    let first = cloud::id(1);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&first) || stderr(&out).contains(&first),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("imported"),
        "no summary: {}",
        stderr(&out)
    );
    let kept = std::fs::read_to_string(&record).unwrap();
    assert!(
        kept.lines()
            .any(|l| l.contains(r#""fact":"created""#) && l.contains(&first)),
        "{kept}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_in_a_batch_says_what_its_end_would_have_said() {
    crate::unix_only!();
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
    crate::support::wait_until(|| storage.requests() >= 2);
    std::thread::sleep(Duration::from_millis(200));
    crate::support::kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    assert!(
        err.contains(&files[0]) && err.contains("Policy expired."),
        "the failure seen: {err}"
    );
    let (one, two) = (crate::cloud::id(1), crate::cloud::id(2));
    // The refused file's task waits for a file that will not come: the command that finishes
    // the run fills it, so none is offered to be deleted. The file the storage holds without
    // reading may still arrive, for all the tool can know.
    assert!(!err.contains("task delete"), "{err}");
    assert_finishes(&err, "cloudconvert import upload --jobs 1 ");
    assert!(
        err.contains(&format!("(task {one}): its upload failed"))
            && err.contains(&format!("(task {two}): the file may still arrive")),
        "{err}"
    );
    assert!(err.contains("1 of 3 files was not started"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_mid_upload_exits_130_at_once() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let (storage, api, file) = stalling_upload(&sb);
    let child = sb
        .cmd_std_api(&api)
        .args(["import", "upload", file.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the upload has started (the storage has the request), then interrupt.
    let deadline = Instant::now() + Duration::from_secs(10);
    while storage.requests() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let sent = Instant::now();
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(2) + launch_slack(),
        "exits promptly"
    );
    assert_eq!(out.status.code(), Some(130));
    assert!(out.stdout.is_empty(), "nothing partial on stdout");
}

/// The commands Ctrl-C offers are whole lines on a terminal too: at 80 columns, three task ids
/// make a command longer than the line, which the tool once wrapped (`cloudconvert task` /
/// `  delete ID` / `  ID`), so that a copy ran `cloudconvert task` alone.
#[cfg(unix)]
#[test]
fn the_commands_ctrl_c_offers_are_never_wrapped_by_the_tool() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[Answer::Stall, Answer::Stall, Answer::Stall]);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = (1..=3)
        .map(|i| sb.write(&format!("{i}.bin"), &vec![0u8; 1 << 20]))
        .collect();
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "upload", "--jobs", "3"]).args(&files);
    let running = crate::support::terminal::start(80, cmd, On::Stderr);
    wait_until(|| storage.requests() >= 3);
    std::thread::sleep(Duration::from_millis(300));
    kill(running.child.id(), "INT");
    let ended = running.end();
    assert_eq!(ended.status.code(), Some(130));
    let screen = ended.text;
    // One line holds the whole command, longer than the terminal is wide.
    let line = screen
        .lines()
        .find(|l| l.starts_with("cloudconvert import upload "))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(line.len() > 80);
    for file in &files {
        assert!(
            line.contains(file.as_str()),
            "one line, as it runs: {screen}"
        );
    }
}

/// Ctrl-C at `cloudconvert … | cat`: the shell's SIGINT ends `cat` too, so the finished tasks
/// held back for an earlier one meet a closed stdout. The exit is still 130, never 0, and
/// every one of those tasks is named on stderr.
#[cfg(unix)]
#[test]
fn ctrl_c_with_the_reader_gone_exits_130_and_names_what_stdout_did_not_take() {
    crate::unix_only!();
    use std::io::Read;
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|name: &str| {
            Duration::from_millis(if name == "1.bin" { 60_000 } else { 300 })
        }),
        ..Options::default()
    });
    let files: Vec<String> = (1..=4)
        .map(|i| sb.write(&format!("{i}.bin"), &[i as u8; 100]))
        .collect();
    let mut child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "4"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.received().len() == 4);
    std::thread::sleep(Duration::from_millis(1200));
    // The reader is gone when the signal comes, as `cat` is after the shell's SIGINT.
    drop(child.stdout.take());
    kill(child.id(), "INT");
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(130), "{err}");
    let line = err
        .lines()
        .skip_while(|l| !l.contains("stdout did not take 3 finished tasks"))
        .nth(1)
        .unwrap_or_else(|| panic!("{err}"));
    let mut named: Vec<&str> = line
        .strip_prefix("cloudconvert task show ")
        .unwrap_or_else(|| panic!("{err}"))
        .split(' ')
        .collect();
    // Every task but the one still settling (1.bin's), whichever ids the creates got.
    let settling = err
        .lines()
        .find(|l| l.contains("1.bin (task "))
        .and_then(|l| l.split("(task ").nth(1))
        .and_then(|l| l.split(')').next())
        .unwrap_or_else(|| panic!("{err}"));
    let mut held: Vec<String> = (1..=4).map(cloud::id).filter(|id| id != settling).collect();
    named.sort();
    held.sort();
    assert_eq!(named, held, "{err}");
}

/// SIGTERM while stderr is a full pipe nobody reads (a log reader that stalled): the program
/// still ends within 2 s, with 143.
#[cfg(unix)]
#[test]
fn a_signal_ends_the_run_within_two_seconds_whatever_stderr_does() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let list: String = (0..4000).map(|i| format!("https://e.com/{i}\n")).collect();
    let from = sb.write("urls.txt", list.as_bytes());
    // A reader that never reads: stderr fills at 64 KiB, and the next write waits forever.
    let (reader, writer) = std::io::pipe().unwrap();
    let mut child = sb
        .cloud_std(&cloud)
        .args(["-v", "import", "url", "--from", &from, "--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(writer)
        .spawn()
        .unwrap();
    // Until the requests stop coming: the tool is stuck on its full stderr.
    let mut seen = 0;
    loop {
        std::thread::sleep(Duration::from_millis(500));
        let now = cloud.requests().len();
        if now == seen && now > 0 {
            break;
        }
        seen = now;
    }
    assert!(seen < 4000, "stderr never filled");
    let sent = Instant::now();
    kill(child.id(), "TERM");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            sent.elapsed() < Duration::from_secs(5) + launch_slack(),
            "still running"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(143));
    assert!(
        sent.elapsed() < Duration::from_secs(2) + launch_slack(),
        "{:?}",
        sent.elapsed()
    );
    drop(reader);
}

/// The storage keeps the file but its answer never comes; the tool retries. Ctrl-C during the
/// retry, and retries running out, must not call the stored file "not stored" nor offer to
/// delete its task: CloudConvert is asked, and what it says is said.
#[cfg(unix)]
#[test]
fn a_file_the_storage_kept_without_answering_is_never_called_not_stored() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let file = sb.write("report.pdf", &vec![7u8; 600_000]);
    // Ctrl-C during the retry.
    let storage = Storage::start(FORM);
    storage.script(&[Answer::KeepSilently, Answer::Stall]);
    let cloud = cloud_for(&storage);
    let child = sb
        .cloud_std(&cloud)
        .args(["--timeout", "2", "import", "upload", &file])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.requests() >= 2);
    std::thread::sleep(Duration::from_millis(300));
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let id = cloud::id(1);
    assert!(cloud.ended_at(&id).is_some(), "the file was stored: {err}");
    assert!(
        !err.contains("not stored") && !err.contains("task delete"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "report.pdf (task {id}): stored; CloudConvert has it (the task finished)"
        )),
        "{err}"
    );
    // Retries running out: CloudConvert has the file, so the upload is done and checked.
    let storage = Storage::start(FORM);
    storage.script(&[Answer::KeepSilently, Answer::Stall]);
    let cloud = cloud_for(&storage);
    let out = sb
        .cloud_std(&cloud)
        .args([
            "-v",
            "--timeout",
            "2",
            "--retries",
            "1",
            "import",
            "upload",
            &file,
        ])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        !err.contains("failed;") && !err.contains("task delete"),
        "{err}"
    );
    assert!(err.contains("md5 verified"), "{err}");
    let task: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(task["status"], "finished");
}

#[cfg(unix)]
#[test]
fn ctrl_c_names_the_tasks_of_both_stages() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // The first file is stored and settles for a minute; the second never gets stored.
    storage.script(&[Answer::Accept, Answer::Stall]);
    let cloud = Cloud::for_storage_with(&storage, Duration::from_secs(60), Options::default());
    let files = sb.files(3);
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "1"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    crate::support::wait_until(|| storage.requests() >= 2);
    std::thread::sleep(Duration::from_millis(200));
    crate::support::kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    assert!(
        err.contains(&crate::cloud::id(1)) && err.contains(&crate::cloud::id(2)),
        "the settling task and the one being sent: {err}"
    );
    assert!(!err.contains(&crate::cloud::id(3)), "never created: {err}");
    // The file being sent was not stored: its task can only be deleted, never waited for.
    let sending = err
        .lines()
        .find(|l| l.contains(&crate::cloud::id(2)))
        .unwrap();
    // All of it left this machine, into a storage that does not read: it may still arrive.
    assert!(
        sending.contains("the file may still arrive; check with `cloudconvert task show"),
        "{err}"
    );
    let settling = err
        .lines()
        .find(|l| l.contains(&crate::cloud::id(1)))
        .unwrap();
    assert!(
        settling.contains("stored; CloudConvert is taking it in"),
        "{err}"
    );
    assert!(!err.contains("task delete"), "{err}");
    assert_finishes(&err, "cloudconvert import upload ");
}
