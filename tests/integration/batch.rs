//! Many files: several in flight, lines in the order given, keep going past a bad file or stop
//! with --fail-fast, directories, a rate-limit pause shared by every job, Ctrl-C with several
//! uploads in flight, and the batch's view on a terminal.

use crate::cloud::AFTER_UPLOAD;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Storage;
use crate::support::*;
use serde_json::Value;
use serde_json::json;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use std::time::Instant;

/// The names of the printed tasks' files, in the order printed.
fn printed_names(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .map(|l| {
            let t: Value = serde_json::from_str(l).unwrap();
            t["result"]["files"][0]["filename"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn lines_come_in_the_order_given_whatever_order_the_files_end_in() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        form: serde_json::json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        // The first file takes CloudConvert longest, the last the least.
        after_upload: Arc::new(|name: &str| match name {
            "1.txt" => Duration::from_millis(1500),
            "2.txt" => Duration::from_millis(800),
            _ => Duration::from_millis(100),
        }),
        ..Options::default()
    });
    let files: Vec<String> = ["1.txt", "2.txt", "3.txt"]
        .iter()
        .map(|n| sb.write(n, n.as_bytes()))
        .collect();
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "3"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(printed_names(&out), ["1.txt", "2.txt", "3.txt"]);
    assert!(
        // One after another they take 2.4 s to settle (under an emulator, the bound shows only
        // that the run ends).
        started.elapsed() < Duration::from_millis(2500) + launch_slack(),
        "the three run at once: {:?}",
        started.elapsed()
    );
    // -o id keeps the order too.
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-j", "3", "-o", "id"])
        .args(&files)
        .output()
        .unwrap();
    let printed = stdout(&out);
    let ids: Vec<&str> = printed.lines().collect();
    let arrived: Vec<String> = ids
        .iter()
        .map(|id| {
            storage
                .received()
                .into_iter()
                .find(|r| r.path.ends_with(id))
                .unwrap()
                .filename
        })
        .collect();
    assert_eq!(arrived, ["1.txt", "2.txt", "3.txt"]);
}

#[test]
fn a_refused_file_in_the_middle_does_not_stop_the_others() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[
        Answer::Accept,
        Answer::Fail(403, "AccessDenied", "Policy expired."),
    ]);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = ["a.txt", "b.txt", "c.txt"]
        .iter()
        .map(|n| sb.write(n, n.as_bytes()))
        .collect();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(
        printed_names(&out),
        ["a.txt", "c.txt"],
        "nothing for the failed file"
    );
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    let id = crate::cloud::id(2);
    // The failure on one line, naming its task once; then the command for what is left.
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].contains(&files[1])
            && lines[0].contains("Policy expired.")
            && lines[0].matches(&id).count() == 1,
        "{err}"
    );
    assert!(lines[1].ends_with("; 1 failed"), "{err}");
    assert_eq!(
        lines[2],
        "cloudconvert: to finish the rest (each file stored once, no task left waiting), run:",
        "{err}"
    );
    // The summary, then the command that finishes the run, last.
    assert!(
        lines[1].contains("uploaded 2 of 3 files, 10 B stored in "),
        "{err}"
    );
    assert!(
        lines[3].starts_with("cloudconvert import upload --jobs 1 "),
        "{err}"
    );
}

/// Many files refused for the same reason: one line saying the reason and how many, then
/// one short line a file with its task, the summary, and one command that finishes the run;
/// 6 of 18 files take 10 lines, where each once took 5 (the task id three times, a command
/// per file).
#[test]
fn failures_that_share_a_reason_take_one_line_each_under_it() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let mut script = Vec::new();
    for i in 0..18 {
        script.push(if i % 3 == 1 {
            Answer::Fail(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
            )
        } else {
            Answer::Accept
        });
    }
    storage.script(&script);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = (0..18)
        .map(|i| sb.write(&format!("scans/{i:02}.pdf"), b"%PDF"))
        .collect();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1"])
        .args(&files)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1 + 6 + 2 + 1, "{err}");
    assert!(
        lines[0].starts_with("cloudconvert: error: 6 files: the storage at ")
            && lines[0].ends_with("refused the upload: Your proposed upload exceeds the maximum allowed size (EntityTooLarge, HTTP 400)"),
        "{err}"
    );
    for (line, i) in lines[1..7].iter().zip([1, 4, 7, 10, 13, 16]) {
        assert!(line.starts_with(&format!("  {}", files[i])), "{err}");
        assert_eq!(line.matches("(task ").count(), 1, "{err}");
    }
    assert!(lines[7].ends_with("; 6 failed"), "{err}");
    assert!(
        lines[9].starts_with("cloudconvert import upload ") && lines[9].contains(" --record "),
        "one command finishes all six: {err}"
    );
}

#[test]
fn fail_fast_starts_no_new_file_after_a_failure() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[
        Answer::Accept,
        Answer::Fail(403, "AccessDenied", "Policy expired."),
    ]);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = ["a.txt", "b.txt", "c.txt", "d.txt"]
        .iter()
        .map(|n| sb.write(n, n.as_bytes()))
        .collect();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1", "--fail-fast"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(printed_names(&out), ["a.txt"]);
    assert_eq!(storage.requests(), 2);
    assert_eq!(cloud.count("POST", "/v2/import/upload"), 2);
    assert!(
        stderr(&out).contains("2 of 4 files were not started"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_directory_needs_recursive_and_its_walk_survives_a_link_loop() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage(&storage, FORM);
    let dir = sb.path().join("scans");
    sb.write("scans/b.pdf", b"b");
    sb.write("scans/sub/a.pdf", b"a");
    sb.write("scans/.hidden", b"h");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
    let d = dir.to_str().unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", d])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--recursive"), "{}", stderr(&out));
    assert_eq!(cloud.requests().len(), 0);

    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-r", d])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        printed_names(&out),
        [".hidden", "b.pdf", "a.pdf"],
        "sorted by path"
    );

    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-r", d, "--filename", "x.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--filename names one file");
}

#[test]
fn one_rate_limit_pauses_every_job() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        form: serde_json::json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: Arc::new(|_| Duration::from_millis(100)),
        throttle_first: Some(2),
        ..Options::default()
    });
    let files: Vec<String> = (1..=4)
        .map(|i| sb.write(&format!("{i}.txt"), b"x"))
        .collect();
    let out = sb
        .cloud(&cloud)
        .args(["-v", "import", "upload", "--jobs", "2"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let creates: Vec<Instant> = cloud
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/v2/import/upload")
        .map(|r| r.at)
        .collect();
    assert_eq!(creates.len(), 5, "4 tasks and the one refused");
    let limited = creates[0];
    // The second job's first create was already on its way; every later one waited the pause,
    // though that job was free long before (its file took well under a second).
    for at in &creates[2..] {
        assert!(
            at.duration_since(limited) >= Duration::from_millis(1900),
            "a create {:?} after the 429",
            at.duration_since(limited)
        );
    }
    let err = stderr(&out);
    assert_eq!(
        err.matches("rate limit reached").count(),
        1,
        "-v says it once: {err}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_with_several_uploads_in_flight_names_every_task() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[Answer::Stall, Answer::Stall, Answer::Stall]);
    let cloud = Cloud::for_storage(&storage, FORM);
    let files: Vec<String> = (1..=3)
        .map(|i| sb.write(&format!("{i}.bin"), &vec![0u8; 1 << 20]))
        .collect();
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "3"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while storage.requests() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    // What is true of them in one line, a line per file with its task, then what to do and
    // one whole command that finishes.
    assert_eq!(err.lines().count(), 6, "{err}");
    assert!(
        err.lines().next().unwrap().ends_with(
            "interrupted: 3 tasks: not stored: its upload was cut off before the whole file went out"
        ),
        "{err}"
    );
    let finish = err.lines().last().unwrap();
    for n in 1..=3 {
        let id = crate::cloud::id(n);
        assert!(
            err.lines()
                .any(|l| l.starts_with("  ") && l.ends_with(&format!(".bin (task {id})"))),
            "{err}"
        );
    }
    assert!(
        finish.starts_with("cloudconvert import upload --jobs 3 ") && finish.contains(" --record "),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[cfg(unix)]
#[test]
fn on_a_terminal_the_batch_shows_its_total_and_ends_with_one_summary_line() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::start(Options {
        form: serde_json::json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: Arc::new(|_| AFTER_UPLOAD),
        ..Options::default()
    });
    let files: Vec<String> = (1..=3)
        .map(|i| sb.write(&format!("{i}.txt"), b"abc"))
        .collect();
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["import", "upload", "--jobs", "2"]).args(&files);
    let ended = crate::support::terminal::start(80, cmd, On::StderrPiped).end();
    assert!(ended.status.success());
    let screen = crate::support::terminal::strip_ansi(&ended.text);
    assert!(
        screen.contains("done 0/3 files ["),
        "the total line: {screen}"
    );
    assert!(
        screen.contains(", settling "),
        "the files settling are counted on the total line: {screen}"
    );
    assert!(
        !screen.contains(": waiting ("),
        "no spinner per settling file: {screen}"
    );
    assert!(screen.contains("uploaded 3 of 3 files"), "{screen}");
    assert_eq!(ended.stdout.lines().count(), 3);
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
    // No line per file in a batch's log: the failure, the summary of what is stored, then
    // the command that finishes the run.
    assert!(!err.contains("sending "), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let summary = lines[lines.len() - 3];
    assert!(
        summary.starts_with("cloudconvert: uploaded 2 of 3 files, 3.91 KiB stored in ")
            && summary.ends_with("; 1 failed"),
        "{err}"
    );
    assert!(lines[lines.len() - 1].starts_with("cloudconvert import upload --jobs 1 "));
}

/// The service goes away mid-batch: the outage is one fact for the whole batch, said once a
/// round, and once the rounds a lone file would try are spent the batch stops: no new file
/// starts, every task created is named with the command that follows it, exit 5, within the
/// time a single file takes to give up (it once ran the whole --wait-timeout, 684 lines).
#[test]
fn when_the_service_goes_away_a_batch_stops_within_seconds_in_few_lines() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_after(&storage, FORM, Duration::from_secs(3));
    let files: Vec<String> = (1..=40)
        .map(|i| sb.write(&format!("batch/{i:02}.bin"), &vec![i as u8; 20_000]))
        .collect();
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "8"])
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.received().len() >= 12);
    let created = cloud.count("POST", "/v2/import/upload");
    cloud.stop();
    let stopped = Instant::now();
    let out = child.wait_with_output().unwrap();
    let took = stopped.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    // A lone file gives up after its retries: 0.5 + 1 + 2 s, each up to half again.
    assert!(
        took < Duration::from_secs(9) + launch_slack(),
        "{took:?}: {err}"
    );
    // Refused, or (under qemu, a connection accepted as the port closed) reset: the same
    // outage either way.
    let rounds = err
        .lines()
        .filter(|l| l.contains("cannot be reached: connection ") && l.contains("; every call"))
        .count();
    assert!((1..=3).contains(&rounds), "one line a round: {err}");
    assert!(
        err.lines().count() <= 60,
        "{} lines: {err}",
        err.lines().count()
    );
    assert!(err.contains(" not started (the API at"), "{err}");
    // Every task created and not finished is named, in a command to copy; a create whose
    // answer the outage cut off is said to have maybe made a task.
    let commands = &err;
    let printed = stdout(&out);
    let unnamed = (1..=created)
        .map(crate::cloud::id)
        .filter(|id| !commands.contains(id) && !printed.contains(id))
        .count();
    let maybe: usize = err
        .lines()
        .filter(|l| l.contains("may have been created"))
        .map(|l| {
            l.split_whitespace()
                .nth(2)
                .and_then(|n| n.parse().ok())
                .unwrap_or(1)
        })
        .sum();
    assert!(unnamed <= maybe, "{unnamed} tasks lost: {err}");
}

/// With nothing listening at the API's address, 100 URLs fail within the time one takes, in a
/// few lines: the jobs in flight fail together, no other URL starts (it once took 327 s and
/// 1,211 lines for 300).
#[test]
fn with_nothing_listening_a_hundred_urls_fail_as_fast_as_one() {
    let sb = Sandbox::new();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let list: String = (0..100).map(|i| format!("https://e.com/{i}\n")).collect();
    let from = sb.write("urls.txt", list.as_bytes());
    let started = Instant::now();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .env("CLOUDCONVERT_API_URL", format!("http://127.0.0.1:{port}"))
        .args(["import", "url", "--from", &from, "--jobs", "8"])
        .output()
        .unwrap();
    let took = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(took < Duration::from_secs(9) + launch_slack(), "{took:?}");
    assert!(
        err.lines().count() <= 20,
        "{} lines: {err}",
        err.lines().count()
    );
    assert!(err.contains("URLs were not started (the API at"), "{err}");
    assert!(out.stdout.is_empty());
}

/// The batch table of a person's view: its size column says what was sent where the task
/// does not say, and its file column is as wide as the longest name (it was 59 columns wide
/// for 11-character names at 120).
#[test]
fn the_batch_table_fits_its_columns_and_says_each_size() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_after(&storage, FORM, Duration::from_millis(100));
    let files: Vec<String> = [("short.pdf", 2048), ("a-longer-name.pdf", 3072)]
        .iter()
        .map(|(n, len)| sb.write(n, &vec![1u8; *len]))
        .collect();
    let out = sb
        .cloud(&cloud)
        .env("COLUMNS", "120")
        .args(["import", "upload", "-o", "table"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(
        lines[0].starts_with(&format!("{:<17}  TASK", "FILE")),
        "the name column fits the longest name: {table}"
    );
    assert!(
        lines[1].ends_with("2.00 KiB") && lines[2].ends_with("3.00 KiB"),
        "{table}"
    );
}

#[test]
fn a_file_waiting_for_its_task_holds_no_send_slot() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // CloudConvert takes each file 1.5 s after the storage has it.
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(1500), Options::default());
    let files = sb.files(8);
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1"])
        .args(&files)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = json_lines(&out)
        .iter()
        .map(|t| {
            t["result"]["files"][0]["filename"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let names: Vec<String> = (1..=8).map(|i| format!("{i:02}.txt")).collect();
    assert_eq!(ids, names, "in the order given");
    // One slot sending one file after another, the waits overlapping: about 1.5 s in all,
    // where a slot held through each wait would take 8 × 1.5 = 12 s.
    assert!(took < Duration::from_secs(4) + launch_slack(), "{took:?}");
    // With the sync host, each file costs the API one create and one held wait.
    assert_eq!(cloud.count("POST", "/v2/import/upload"), 8);
    assert_eq!(cloud.count("GET", "/sync/v2/tasks/"), 8);
    assert_eq!(cloud.count("GET", "/v2/tasks/"), 0);
}

#[test]
fn fail_fast_stops_new_sends_and_what_was_sent_still_settles() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.slow(Duration::from_millis(150));
    let cloud = Cloud::for_storage_with(
        &storage,
        Duration::from_millis(400),
        Options {
            upload_fails: Arc::new(|name| name == "02.txt"),
            ..Options::default()
        },
    );
    let files = sb.files(10);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1", "--fail-fast"])
        .args(&files)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(3), "{err}");
    let created = cloud.count("POST", "/v2/import/upload");
    assert!(
        (3..10).contains(&created),
        "sends went on while 02 settled, then stopped: {created}"
    );
    // Every file that was sent settled and was printed, the failed one too.
    let printed = json_lines(&out);
    assert_eq!(printed.len(), created, "{err}");
    assert_eq!(printed[1]["status"], "error");
    assert!(printed[2..].iter().all(|t| t["status"] == "finished"));
    assert!(
        err.contains(&format!(
            "{} of 10 files {} not started",
            10 - created,
            if 10 - created == 1 { "was" } else { "were" }
        )),
        "{err}"
    );
}
