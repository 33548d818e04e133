//! `uploaded` means the storage holds this file: an answer before the whole body is no
//! success, every file says whether its MD5 was compared, and a file is sent only as it was
//! when it was checked.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Md5;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Etag;
use crate::storage::Storage;
use crate::support::*;
use serde_json::json;
use std::process::Stdio;
use std::time::Duration;
use std::time::Instant;

fn cloud_for(storage: &Storage) -> Cloud {
    Cloud::for_storage_after(storage, FORM, Duration::from_millis(300))
}

#[test]
fn an_answer_before_the_whole_file_is_a_failed_attempt_sent_again() {
    let sb = Sandbox::new();
    let data: Vec<u8> = (0..16u32 << 20).map(|i| (i % 251) as u8).collect();
    let file = sb.write("big.bin", &data);

    // Once early, then a storage that reads it all: the second attempt is the stored file.
    let storage = Storage::start(FORM);
    storage.script(&[Answer::Early("big.bin")]);
    let cloud = cloud_for(&storage);
    let out = sb
        .cloud(&cloud)
        .args(["-v", "import", "upload", &file])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("answered before it had the whole file (")
            && err.contains(" of 16.00 MiB sent)"),
        "{err}"
    );
    assert!(err.contains("md5 verified"), "{err}");
    assert_eq!(storage.requests(), 2);

    // Always early: never success, exit 5 as for a network fault, nothing on stdout.
    let storage = Storage::start(FORM);
    storage.script(&[const { Answer::Early("big.bin") }; 3]);
    let cloud = cloud_for(&storage);
    let out = sb
        .cloud(&cloud)
        .args(["--retries", "2", "import", "upload", &file])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(out.stdout.is_empty());
    assert!(!err.contains("uploaded big.bin"), "{err}");
    assert!(
        err.contains("answered before it had the whole file"),
        "{err}"
    );
    assert_eq!(storage.requests(), 3);
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_link_after_the_walk_is_never_sent() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // Every answer of the API takes 800 ms: time to swap a file while the first one goes.
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        delay: Duration::from_millis(800),
        ..Options::default()
    });
    sb.write("scans/a.pdf", b"%PDF first");
    let b = sb.write("scans/b.pdf", b"%PDF scan two");
    let secret = sb.write("secret.txt", b"TOP SECRET!!!");
    assert_eq!(std::fs::metadata(&b).unwrap().len(), 13);
    let child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "-r", "--jobs", "1"])
        .arg(sb.path().join("scans"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the walk is done (the first create has arrived; a fixed pause was too short for a
    // run under qemu, whose walk then saw the link itself).
    crate::support::wait_until(|| !cloud.requests().is_empty());
    // Atomically, as an attacker would: a link of the same size's target, renamed over it.
    let tmp = sb.path().join("scans/.b.tmp");
    std::os::unix::fs::symlink(&secret, &tmp).unwrap();
    std::fs::rename(&tmp, &b).unwrap();
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let line = err
        .lines()
        .find(|l| l.contains("b.pdf") && l.contains("error"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.contains("b.pdf changed since it was checked (now a link to ")
            && line.contains("secret.txt); not sent"),
        "{line}"
    );
    assert_eq!(line.matches("b.pdf").count(), 1, "labelled once: {line}");
    let received = storage.received();
    assert!(
        received.iter().all(|r| r.data != b"TOP SECRET!!!"),
        "the secret was sent"
    );
    assert_eq!(received.len(), 1, "a.pdf went, and the batch went on");
    assert_eq!(json_lines(&out).len(), 1);
}

#[test]
fn a_file_listed_twice_is_sent_once_with_a_note() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage);
    let a = sb.write("a.pdf", b"%PDF a");
    let b = sb.write("b.pdf", b"%PDF b");
    let list = sb.write("list.txt", format!("{a}\n{b}\n{a}\n").as_bytes());
    let again = sb.path().join(".").join("a.pdf");
    let out = sb
        .cloud(&cloud)
        .current_dir(sb.path())
        .args(["import", "upload", &a, "--from", &list])
        .arg(&again)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(json_lines(&out).len(), 2, "a.pdf and b.pdf");
    assert_eq!(storage.received().len(), 2);
    assert_eq!(
        err.matches("names a file listed before it; it is sent once")
            .count(),
        3,
        "./a.pdf, and a.pdf twice in the list: {err}"
    );
}

#[test]
fn a_huge_name_in_a_list_makes_a_line_a_person_can_read() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let name = format!("/nowhere/{}/end.pdf", "n".repeat(1 << 20));
    let list = sb.write("list.txt", name.as_bytes());
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--from", &list])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.len() < 1000, "{} bytes", err.len());
    assert!(
        err.contains("/nowhere/nnn") && err.contains("nn/end.pdf"),
        "{err}"
    );
    assert!(cloud.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn a_walk_skips_links_out_of_the_tree_unless_told_to_follow() {
    crate::unix_only!();
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

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_its_check_is_caught_not_waited_on() {
    crate::unix_only!();
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
    // Runs the upload and, once it is under way (its checks done: the first create has
    // arrived; a fixed pause was too short for a run under qemu), replaces `swapped` by a FIFO.
    let run_swapping = |cloud: &Cloud, files: &[&str], swapped: &str| {
        let child = sb
            .cloud_std(cloud)
            .args(["import", "upload", "--jobs", "1"])
            .args(files)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        crate::support::wait_until(|| !cloud.requests().is_empty());
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

/// One upload of a small PDF (from a file, or from stdin) to a fresh storage, with `-v`.
fn upload(md5: Md5, etag: Etag, extra: &[&str], stdin: bool) -> (Cloud, std::process::Output) {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.etag(etag);
    let cloud = Cloud::for_storage_with(
        &storage,
        Duration::from_millis(300),
        Options {
            md5,
            ..Options::default()
        },
    );
    let file = sb.write("report.pdf", b"%PDF-1.7 the local file");
    let mut cmd = sb.cloud(&cloud);
    cmd.args(["-v", "import", "upload"]).args(extra);
    if stdin {
        cmd.args(["-", "--filename", "report.pdf"])
            .pipe_stdin(&file)
            .unwrap();
    } else {
        cmd.arg(&file);
    }
    let out = cmd.output().unwrap();
    (cloud, out)
}

#[test]
fn the_stored_file_is_checked_against_the_local_one() {
    let local = format!("{:x}", md5::compute(b"%PDF-1.7 the local file"));
    // ETag and task both say the MD5: verified, and the ETag said so first.
    let (_, out) = upload(Md5::Real, Etag::Md5, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("md5 verified ({local})")), "{err}");
    assert!(err.contains("ETag matches"), "{err}");

    // An ETag that is not the MD5 (server-side encryption) is no alarm.
    let (_, out) = upload(Md5::Real, Etag::Other, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("md5 verified"), "{err}");
    assert!(!err.contains("ETag matches"), "{err}");

    // No hash anywhere: nothing claimed.
    let (_, out) = upload(Md5::Missing, Etag::Missing, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("verified") && !err.contains("ETag"), "{err}");
    assert!(err.contains("reports no MD5"), "{err}");

    // A stdin upload is hashed too.
    let (_, out) = upload(Md5::Real, Etag::Other, &[], true);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("md5 verified ({local})")), "{err}");
}

#[test]
fn a_stored_file_that_differs_is_an_error_and_its_task_is_deleted() {
    let local = format!("{:x}", md5::compute(b"%PDF-1.7 the local file"));
    for stdin in [false, true] {
        let (cloud, out) = upload(Md5::Wrong, Etag::Md5, &[], stdin);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty(), "the task is not printed");
        let id = crate::cloud::id(1);
        let line = err
            .lines()
            .find(|l| l.contains("differs"))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(
            line.contains("report.pdf")
                && line.contains(&id)
                && line.contains(&local)
                && line.contains("9e107d9d372bb6826bd81d3542a419d6")
                && line.contains("deleted"),
            "{line}"
        );
        assert_eq!(cloud.count("DELETE", &format!("/v2/tasks/{id}")), 1);
    }

    // --no-verify: the check is off, and -v says so.
    let (cloud, out) = upload(Md5::Wrong, Etag::Md5, &["--no-verify"], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("md5 not compared (--no-verify)"), "{err}");
    assert!(
        !err.contains("differs") && !err.contains("verified"),
        "{err}"
    );
    assert_eq!(cloud.count("DELETE", "/v2/tasks/"), 0);
}
