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
