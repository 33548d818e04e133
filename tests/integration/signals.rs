//! Ctrl-C tells the truth: finished tasks held back for the order given are printed, each
//! unfinished file is named with its task and what is true of it, "not stored" is said only
//! when the storage cannot have the file, and the commands to go on are whole lines to copy.

#![cfg(unix)]

use crate::cloud::{Cloud, Options};
use crate::hardening::{kill, wait_until};
use crate::storage::Storage;
use crate::support::*;
use serde_json::json;
use std::process::Stdio;
use std::time::Duration;

const FORM: &[(&str, &str)] = &[("key", "k")];

fn cloud_for(storage: &Storage) -> Cloud {
    Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|_| Duration::from_millis(300)),
        ..Options::default()
    })
}

#[test]
fn not_stored_is_said_only_when_the_storage_cannot_have_the_file() {
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
    // From now on the storage reads as fast as anything comes.
    storage.read_rate(usize::MAX / 2);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    let id = crate::cloud::id(1);
    let line = err
        .lines()
        .find(|l| l.contains(&format!("(task {id})")))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("big.bin") && line.contains("not stored"),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.ends_with(&format!("cloudconvert task delete {id}"))),
        "a whole command to copy: {err}"
    );
    // What the tool said is true: whatever the storage reads now, it never has the file.
    std::thread::sleep(Duration::from_secs(2));
    assert!(storage.received().is_empty(), "the whole file arrived");
    assert!(cloud.ended_at(&id).is_none(), "the task finished");
}

#[test]
fn ctrl_c_prints_the_finished_tasks_held_back_for_an_earlier_one() {
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
    assert!(
        err.lines().any(|l| l.contains("cloudconvert task wait ")),
        "{err}"
    );
    assert!(!err.contains("task delete"), "nothing to remove: {err}");
}
