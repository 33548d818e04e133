//! Pipelined batches: a file's wait holds no send slot, `--fail-fast` stops new sends while what
//! was sent still settles, Ctrl-C names the tasks of both stages, polling stays inside its
//! budget, and the same engine takes lists of URLs (`--from`, `-H`) and of paths (`-0`).

use crate::cloud::{Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use serde_json::{Value, json};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

const FORM: &[(&str, &str)] = &[("key", "k")];

fn cloud_for(storage: &Storage, after_upload: Duration, options: Options) -> Cloud {
    Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: Arc::new(move |_| after_upload),
        ..options
    })
}

fn files(sb: &Sandbox, n: usize) -> Vec<String> {
    (1..=n)
        .map(|i| sb.write(&format!("{i:02}.txt"), format!("file {i}").as_bytes()))
        .collect()
}

#[test]
fn a_file_waiting_for_its_task_holds_no_send_slot() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // CloudConvert takes each file 1.5 s after the storage has it.
    let cloud = cloud_for(&storage, Duration::from_millis(1500), Options::default());
    let files = files(&sb, 8);
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
    assert!(took < Duration::from_secs(4), "{took:?}");
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
    let cloud = cloud_for(
        &storage,
        Duration::from_millis(400),
        Options {
            upload_fails: Arc::new(|name| name == "02.txt"),
            ..Options::default()
        },
    );
    let files = files(&sb, 10);
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

#[cfg(unix)]
#[test]
fn ctrl_c_names_the_tasks_of_both_stages() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // The first file is stored and settles for a minute; the second never gets stored.
    storage.script(&[Answer::Accept, Answer::Stall]);
    let cloud = cloud_for(&storage, Duration::from_secs(60), Options::default());
    let files = files(&sb, 3);
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
    assert!(
        err.lines()
            .any(|l| l.ends_with(&format!("cloudconvert task wait {}", crate::cloud::id(1))))
            && !err.contains("task delete"),
        "{err}"
    );
}

#[test]
fn polling_waits_keep_to_their_budget() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage, Duration::from_secs(3), Options::default());
    let files = files(&sb, 24);
    // No sync host: every wait polls the API host.
    let out = sb
        .api_url(&cloud)
        .args(["-v", "import", "upload", "--jobs", "8"])
        .args(&files)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("at most 4 polls a second").count(),
        1,
        "the budget is said once: {err}"
    );
    let polls: Vec<Instant> = cloud
        .requests()
        .iter()
        .filter(|r| r.method == "GET" && r.path.starts_with("/v2/tasks/"))
        .map(|r| r.at)
        .collect();
    assert!(polls.len() >= 24, "{}", polls.len());
    // In any second, at most 4 polls (and one more where a window's edges meet).
    for (i, first) in polls.iter().enumerate() {
        let in_a_second = polls[i..]
            .iter()
            .take_while(|t| t.duration_since(*first) < Duration::from_secs(1))
            .count();
        assert!(in_a_second <= 5, "{in_a_second} polls within a second");
    }
}

#[test]
fn urls_from_a_list_with_comments_and_headers_run_as_a_batch() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_millis(300),
        ..Options::default()
    });
    let list = sb.write(
        "urls.txt",
        b"# scans for today\nhttps://example.com/1.pdf\n\n   https://example.com/2.pdf  \n# done\nhttps://example.com/3.pdf\n",
    );
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "url",
            "https://example.com/0.pdf",
            "--from",
            &list,
        ])
        .args(["-H", "Authorization: Bearer dl-token", "--wait", "-j", "2"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let tasks = json_lines(&out);
    assert_eq!(tasks.len(), 4);
    assert!(tasks.iter().all(|t| t["status"] == "finished"));
    let bodies: Vec<Value> = cloud
        .requests()
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    let mut urls: Vec<&str> = bodies.iter().map(|b| b["url"].as_str().unwrap()).collect();
    urls.sort();
    assert_eq!(
        urls,
        (0..4)
            .map(|i| format!("https://example.com/{i}.pdf"))
            .collect::<Vec<_>>()
    );
    assert!(
        bodies
            .iter()
            .all(|b| b["headers"] == json!({"Authorization": "Bearer dl-token"}))
    );
    assert!(err.contains("imported 4 of 4 URLs in "), "{err}");

    // A bad line: nothing is sent, and the line is named.
    let bad = sb.write("bad.txt", b"https://example.com/1.pdf\n\nnot a url\n");
    let before = cloud.requests().len();
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "--from", &bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 3 of"), "{}", stderr(&out));
    assert_eq!(cloud.requests().len(), before, "nothing was sent");

    // --filename names one file.
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "--from", &list, "--filename", "x.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn urls_from_stdin_without_wait_print_each_task_as_created() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let list = sb.write(
        "urls.txt",
        b"https://example.com/a.pdf\nhttps://example.com/b.pdf\n",
    );
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "--from", "-"])
        .pipe_stdin(&list)
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // In the order listed, whichever create was answered first.
    let urls: Vec<Value> = json_lines(&out)
        .iter()
        .map(|t| t["payload"]["url"].clone())
        .collect();
    assert_eq!(
        urls,
        [
            json!("https://example.com/a.pdf"),
            json!("https://example.com/b.pdf")
        ]
    );
    assert_eq!(cloud.count("GET", "/"), 0, "no waits without --wait");
}

#[test]
fn paths_from_a_nul_separated_list() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage, Duration::from_millis(100), Options::default());
    let a = sb.write("a b.txt", b"a");
    let b = sb.write("line\nbreak.txt", b"b");
    let mut list = Vec::new();
    for p in [&a, &b] {
        list.extend_from_slice(p.as_bytes());
        list.push(0);
    }
    let list = sb.write("list", &list);
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--from", &list, "-0", "-o", "id"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = storage
        .received()
        .iter()
        .map(|r| r.filename.clone())
        .collect();
    names.sort();
    // The name with a line break is sent escaped, as every name is.
    assert_eq!(names, ["a b.txt", "line%0Abreak.txt"]);

    // -0 needs --from.
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "-0", &a])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_dry_run_shows_a_create_for_each_file_and_each_url() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let files = files(&sb, 3);
    let out = sb
        .cloud(&cloud)
        .args(["--dry-run", "import", "upload"])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let requests = json_lines(&out);
    let creates = requests
        .iter()
        .filter(|r| r["url"].as_str().unwrap().ends_with("/v2/import/upload"))
        .count();
    assert_eq!((requests.len(), creates), (6, 3));
    let out = sb
        .cloud(&cloud)
        .args([
            "--dry-run",
            "import",
            "url",
            "https://e.com/1",
            "https://e.com/2",
        ])
        .output()
        .unwrap();
    assert_eq!(json_lines(&out).len(), 2);
    assert!(cloud.requests().is_empty());
}

#[test]
fn lists_and_at_files_written_by_windows_editors_read_the_same() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let text = "https://example.com/1.pdf\r\nhttps://example.com/2.pdf\r\n";
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(text.as_bytes());
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let headers = "\u{feff}Authorization: Bearer dl-token\r\n";
    let mut headers16 = vec![0xFF, 0xFE];
    headers16.extend(
        headers
            .trim_start_matches('\u{feff}')
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    for (name, list, h) in [
        ("notepad", bom, headers.as_bytes().to_vec()),
        ("powershell", utf16, headers16),
    ] {
        let list = sb.write(&format!("{name}.txt"), &list);
        let h = sb.write(&format!("{name}.headers"), &h);
        let before = cloud.count("POST", "/v2/import/url");
        let out = sb
            .cloud(&cloud)
            .args(["import", "url", "--from", &list, "-H", &format!("@{h}")])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(cloud.count("POST", "/v2/import/url") - before, 2, "{name}");
        let bodies: Vec<Value> = cloud
            .requests()
            .iter()
            .filter(|r| r.method == "POST")
            .skip(before)
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect();
        // Created several at once: in either order.
        let mut urls: Vec<&str> = bodies.iter().map(|b| b["url"].as_str().unwrap()).collect();
        urls.sort();
        assert_eq!(
            urls,
            ["https://example.com/1.pdf", "https://example.com/2.pdf"],
            "{name}"
        );
        assert!(
            bodies
                .iter()
                .all(|b| b["headers"]["Authorization"] == "Bearer dl-token"),
            "{name}"
        );
    }
    // UTF-16 that does not decode: exit 2, naming the line, nothing sent.
    let mut bad = vec![0xFF, 0xFE];
    bad.extend(
        "https://example.com/1.pdf\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    bad.extend(0xD800u16.to_le_bytes());
    let bad = sb.write("bad.txt", &bad);
    let before = cloud.requests().len();
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "--from", &bad])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 2"), "{}", stderr(&out));
    assert_eq!(cloud.requests().len(), before);
}
