//! Runs that resume: the record (`--record FILE`, or the one kept in the state folder while a
//! run goes) written as facts become true, and a re-run with it that sends nothing twice,
//! fills the tasks that wait, and finishes what an interrupt or a failure left.

use crate::cloud::{Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

fn cloud_for(storage: &Storage) -> Cloud {
    Cloud::for_storage_with(storage, Duration::from_millis(300), Options::default())
}

/// The lines of a record, each parsed.
fn facts(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

/// How many times each file name reached the storage.
fn arrivals(storage: &Storage) -> std::collections::BTreeMap<String, usize> {
    let mut seen = std::collections::BTreeMap::new();
    for r in storage.received() {
        *seen.entry(r.filename).or_insert(0) += 1;
    }
    seen
}

/// A run that must succeed; else its exit status (a signal shows there) and its stderr.
#[track_caller]
fn succeeded(out: &std::process::Output) {
    assert!(out.status.success(), "{}: {}", out.status, stderr(out));
}

/// The last stderr line, which a run that left something to do makes a whole command.
fn offered(err: &str) -> Vec<String> {
    let line = err.lines().last().unwrap_or_default();
    assert!(line.starts_with("cloudconvert import "), "{err}");
    // The test's paths hold no space: a word is quoted only for what else it holds.
    line.split(' ')
        .skip(1)
        .map(|w| w.trim_matches(['\'', '"']).to_string())
        .collect()
}

#[test]
fn a_record_is_a_header_then_one_fact_a_line() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let files = sb.files(2);
    let record = sb.path().join("run.jsonl");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--record", record.to_str().unwrap()])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = facts(&record);
    assert_eq!(lines[0]["format"], "cloudconvert-record");
    assert_eq!(lines[0]["version"], 1);
    assert_eq!(lines[1]["fact"], "run");
    for n in 0..2 {
        let said: Vec<&str> = lines
            .iter()
            .filter(|l| l["n"] == n)
            .map(|l| l["fact"].as_str().unwrap())
            .collect();
        assert_eq!(
            said,
            [
                "item",
                "created",
                "attempt",
                "md5",
                "delivered",
                "stored",
                "ended"
            ],
            "item {n}: {lines:#?}"
        );
    }
    // Items are numbered as their first fact is written, whichever file that is.
    let item = lines
        .iter()
        .find(|l| l["fact"] == "item" && l["file"]["name"] == "01.txt")
        .unwrap();
    assert_eq!(item["file"]["size"], 6);
    let ended = lines
        .iter()
        .find(|l| l["fact"] == "ended" && l["n"] == item["n"])
        .unwrap();
    assert_eq!(ended["status"], "finished");
    assert_eq!(ended["task"]["id"], json_lines(&out)[0]["id"]);
}

#[test]
fn a_rerun_sends_nothing_and_prints_the_same_ids() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let files = sb.files(3);
    let record = sb.path().join("run.jsonl");
    let run = || {
        sb.cloud(&cloud)
            .args(["import", "upload", "-o", "id", "--record"])
            .arg(&record)
            .args(&files)
            .output()
            .unwrap()
    };
    let first = run();
    succeeded(&first);
    let (creates, gets) = (
        cloud.count("POST", "/v2/import/upload"),
        cloud.requests().len(),
    );
    let started = Instant::now();
    let again = run();
    succeeded(&again);
    assert_eq!(
        stdout(&again),
        stdout(&first),
        "the same ids, in the same order"
    );
    assert_eq!(cloud.count("POST", "/v2/import/upload"), creates);
    assert_eq!(cloud.requests().len(), gets, "no request at all");
    assert_eq!(storage.received().len(), 3);
    assert!(
        stderr(&again).contains("(3 done earlier, from the record)"),
        "{}",
        stderr(&again)
    );
    eprintln!("re-run of 3 finished files: {:?}", started.elapsed());
}

#[test]
fn a_changed_file_alone_gets_a_new_task() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let files = sb.files(3);
    let record = sb.path().join("run.jsonl");
    let run = || {
        sb.cloud(&cloud)
            .args(["import", "upload", "-o", "id", "--record"])
            .arg(&record)
            .args(&files)
            .output()
            .unwrap()
    };
    let first = stdout(&run());
    // Another size, so that the change shows whatever the file system's time resolution.
    std::fs::write(&files[1], "file 2, rewritten").unwrap();
    let again = run();
    succeeded(&again);
    let again_ids = stdout(&again);
    let (before, after): (Vec<&str>, Vec<&str>) =
        (first.lines().collect(), again_ids.lines().collect());
    assert_eq!(after[0], before[0]);
    assert_ne!(after[1], before[1], "a new task for the changed file");
    assert_eq!(after[2], before[2]);
    assert_eq!(cloud.count("POST", "/v2/import/upload"), 4);
    assert!(
        stderr(&again).contains(&format!("changed since task {}", before[1])),
        "the old task is named: {}",
        stderr(&again)
    );
    assert_eq!(arrivals(&storage)["02.txt"], 2);
}

#[test]
fn a_failed_file_is_sent_into_the_task_it_had_by_the_offered_command() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // The second file's first upload is refused (not retried).
    storage.script(&[
        Answer::Accept,
        Answer::Fail(403, "AccessDenied", "Request has expired"),
    ]);
    let cloud = cloud_for(&storage);
    let files = sb.files(3);
    let first = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "1", "-o", "id"])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(4), "{}", stderr(&first));
    let failed_task = crate::cloud::id(2);
    // Without --record, the record was kept in the state folder, and the last line runs the
    // same command with it.
    let args = offered(&stderr(&first));
    let record = args.last().unwrap().clone();
    assert!(
        record.contains(".local/state/cloudconvert/runs/") || windows_build(),
        "{record}"
    );
    let creates = cloud.count("POST", "/v2/import/upload");
    let again = sb.cloud(&cloud).args(&args).output().unwrap();
    succeeded(&again);
    assert_eq!(
        cloud.count("POST", "/v2/import/upload"),
        creates,
        "no new task: {}",
        stderr(&again)
    );
    let ids: Vec<String> = stdout(&again).lines().map(str::to_string).collect();
    assert_eq!(ids[1], failed_task, "the file went into the task it had");
    // The refused upload stored nothing: each file is in the storage once.
    assert_eq!(
        arrivals(&storage).values().copied().collect::<Vec<_>>(),
        [1, 1, 1]
    );
    assert!(
        cloud.statuses().iter().all(|(_, s)| s == "finished"),
        "no task left waiting: {:?}",
        cloud.statuses()
    );
    // Named now, the record is kept (the state folder's are pruned after a week).
    assert!(Path::new(&record).exists() || windows_build(), "{record}");
}

/// Ctrl-C mid-batch, then the command the interrupt offers: each file stored exactly once,
/// and no task left waiting for a file.
#[cfg(unix)]
#[test]
fn ctrl_c_mid_batch_then_the_offered_command_stores_each_file_once() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start_slow(FORM, 400_000);
    let cloud = cloud_for(&storage);
    let files: Vec<String> = (1..=6)
        .map(|i| sb.write(&format!("batch/{i}.bin"), &vec![i as u8; 300_000]))
        .collect();
    let record = sb.path().join("batch.jsonl");
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "2", "--record"])
        .arg(&record)
        .args(&files)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_until(|| storage.received().len() >= 2);
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let args = offered(&stderr(&out));
    assert!(args.contains(&"--record".to_string()), "{args:?}");
    storage.read_rate(usize::MAX / 2);
    let again = sb.cloud(&cloud).args(&args).output().unwrap();
    succeeded(&again);
    let seen = arrivals(&storage);
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert!(seen.values().all(|n| *n == 1), "each file once: {seen:?}");
    assert!(
        cloud.statuses().iter().all(|(_, s)| s == "finished"),
        "no task left waiting: {:?}",
        cloud.statuses()
    );
}

/// `kill -9` leaves no chance to say anything: the record, written as facts became true, is
/// enough for a re-run to finish.
#[cfg(unix)]
#[test]
fn kill_9_mid_batch_then_a_rerun_with_the_record_finishes() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start_slow(FORM, 400_000);
    let cloud = cloud_for(&storage);
    let files: Vec<String> = (1..=6)
        .map(|i| sb.write(&format!("batch/{i}.bin"), &vec![i as u8; 300_000]))
        .collect();
    let record = sb.path().join("batch.jsonl");
    let mut child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--jobs", "2", "--record"])
        .arg(&record)
        .args(&files)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    wait_until(|| storage.received().len() >= 2);
    kill(child.id(), "KILL");
    child.wait().unwrap();
    storage.read_rate(usize::MAX / 2);
    let again = sb
        .cloud(&cloud)
        .args(["import", "upload", "--jobs", "2", "-o", "id", "--record"])
        .arg(&record)
        .args(&files)
        .output()
        .unwrap();
    succeeded(&again);
    assert_eq!(stdout(&again).lines().count(), 6);
    let seen = arrivals(&storage);
    assert_eq!(seen.len(), 6, "{seen:?}");
    assert!(seen.values().all(|n| *n == 1), "each file once: {seen:?}");
    // Every task that had a file finished. A kill while creates were out cannot be told the
    // new tasks' ids: those (at most one a slot, two here) are left waiting for files that
    // went elsewhere. (Under qemu both slots were creating at the kill.)
    let waiting = cloud
        .statuses()
        .into_iter()
        .filter(|(_, s)| s != "finished")
        .count();
    assert!(
        waiting <= 2,
        "{:?}\n{}",
        cloud.statuses(),
        std::fs::read_to_string(&record).unwrap()
    );
}

#[test]
fn urls_from_a_list_are_imported_once() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let list: String = (0..20)
        .map(|i| format!("https://e.com/{i}.pdf\n"))
        .collect();
    let from = sb.write("urls.txt", list.as_bytes());
    let record = sb.path().join("urls.jsonl");
    let run = |wait: bool| {
        let mut cmd = sb.cloud(&cloud);
        cmd.args(["import", "url", "--from", &from, "-o", "id", "--record"])
            .arg(&record);
        if wait {
            cmd.arg("--wait");
        }
        cmd.output().unwrap()
    };
    let first = run(true);
    succeeded(&first);
    let requests = cloud.requests().len();
    let again = run(true);
    succeeded(&again);
    assert_eq!(stdout(&again), stdout(&first));
    assert_eq!(cloud.requests().len(), requests, "no request");
    // A signed URL's query never reaches the record.
    let secret = sb.write(
        "signed.txt",
        b"https://e.com/a.pdf?X-Amz-Signature=s3cr3t\n",
    );
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "--from", &secret, "--record"])
        .arg(&record)
        .output()
        .unwrap();
    succeeded(&out);
    assert!(!std::fs::read_to_string(&record).unwrap().contains("s3cr3t"));
}

#[test]
fn task_fills_a_form_only_task_and_refuses_one_that_cannot_take_a_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let form = sb
        .cloud(&cloud)
        .args(["import", "upload", "--form-only", "-o", "id"])
        .output()
        .unwrap();
    let id = stdout(&form).trim().to_string();
    let file = sb.write("report.pdf", b"%PDF-1.7 a report");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file, "--task", &id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["id"], id.as_str());
    assert_eq!(json_lines(&out)[0]["status"], "finished");
    assert_eq!(cloud.count("POST", "/v2/import/upload"), 1, "no new task");
    assert_eq!(storage.received()[0].path, format!("/tasks/{id}"));
    // Finished now: it takes no file, and nothing is sent.
    let refused = sb
        .cloud(&cloud)
        .args(["import", "upload", &file, "--task", &id])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains(&format!(
            "task {id} cannot take a file: it is an import/upload task, finished"
        )),
        "{}",
        stderr(&refused)
    );
    assert_eq!(storage.received().len(), 1);
    let two = sb
        .cloud(&cloud)
        .args(["import", "upload", &file, &file, "--task", &id])
        .output()
        .unwrap();
    assert_eq!(two.status.code(), Some(2));
}

#[test]
fn a_cut_last_line_is_left_out_and_a_newer_record_is_refused() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let files = sb.files(2);
    let record = sb.path().join("run.jsonl");
    let run = || {
        sb.cloud(&cloud)
            .args(["import", "upload", "-o", "id", "--record"])
            .arg(&record)
            .args(&files)
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    // The last fact (the second file's end) cut in the middle, as a kill leaves it.
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(&record, &text[..text.len() - 20]).unwrap();
    let again = run();
    succeeded(&again);
    assert!(
        stderr(&again).contains("(1 done earlier, from the record)"),
        "{}",
        stderr(&again)
    );
    // The record goes on on a line of its own.
    assert!(facts(&record).len() > 3);

    let newer = sb.write(
        "newer.jsonl",
        br#"{"format":"cloudconvert-record","version":2,"at":"2027-01-01T00:00:00Z"}"#,
    );
    let before = cloud.requests().len();
    let refused = sb
        .cloud(&cloud)
        .args(["import", "upload", "--record", &newer])
        .args(&files)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("is a record of format version 2"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(cloud.requests().len(), before, "nothing sent");
}

#[test]
fn a_run_that_finished_keeps_no_record_and_old_ones_are_pruned() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let runs = sb.path().join(".local/state/cloudconvert/runs");
    std::fs::create_dir_all(&runs).unwrap();
    let old = runs.join("2026-11-01T000000Z-1.jsonl");
    let recent = runs.join("2026-12-06T000000Z-2.jsonl");
    for p in [&old, &recent] {
        std::fs::write(p, "{}\n").unwrap();
    }
    let eight_days = std::time::SystemTime::now() - Duration::from_secs(8 * 24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(eight_days)
        .unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload"])
        .args(sb.files(2))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    if windows_build() {
        return; // wine keeps its state folder in its own prefix
    }
    let left: Vec<String> = std::fs::read_dir(&runs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        left,
        ["2026-12-06T000000Z-2.jsonl"],
        "the old one pruned, none added"
    );
}

/// `--watch`: a file written slowly is sent once it holds still, whole, once; a restart with
/// the same record skips it and sends what is new.
#[test]
fn watch_sends_each_file_once_whole_and_a_restart_skips_what_was_sent() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let dir = sb.path().join("inbox");
    std::fs::create_dir_all(&dir).unwrap();
    let record = sb.path().join("watch.jsonl");
    let watch = || {
        sb.cloud_std(&cloud)
            .args(["import", "upload", "--watch", "-o", "id", "--record"])
            .arg(&record)
            .arg(&dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let child = watch();
    std::thread::sleep(Duration::from_millis(500));
    // Written in three parts, 0.8 s apart: never sent half.
    let slow = dir.join("slow.bin");
    let mut f = std::fs::File::create(&slow).unwrap();
    for part in 0..3u8 {
        std::io::Write::write_all(&mut f, &vec![part; 100_000]).unwrap();
        std::io::Write::flush(&mut f).unwrap();
        std::thread::sleep(Duration::from_millis(800));
    }
    drop(f);
    wait_until(|| !storage.received().is_empty());
    std::thread::sleep(Duration::from_millis(2500));
    stop(child);
    let got = storage.received();
    assert_eq!(got.len(), 1, "once");
    assert_eq!(got[0].data.len(), 300_000, "whole");

    let child = watch();
    std::thread::sleep(Duration::from_millis(500));
    sb.write("inbox/new.bin", b"a new file");
    wait_until(|| storage.received().len() >= 2);
    std::thread::sleep(Duration::from_millis(2500));
    let err = stop(child);
    let names: Vec<String> = storage.received().into_iter().map(|r| r.filename).collect();
    assert_eq!(names, ["slow.bin", "new.bin"], "{err}");
    assert!(err.contains("(1 files of the record skipped)"), "{err}");
}

/// Ends a watch as Ctrl-C does: its stderr.
fn stop(child: std::process::Child) -> String {
    kill(child.id(), "INT");
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}
