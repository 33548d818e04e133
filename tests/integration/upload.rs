//! `import upload FILE...` end to end: the API on httpmock, the storage on a raw server that
//! checks the bytes of the form.

use crate::cloud::{self, Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::{Value, json};
use std::io::Read;
use std::io::Write;
use std::time::Duration;
use std::time::Instant;

/// Today's form: an S3 POST policy, every value a string.
const S3_FORM: &[(&str, &str)] = &[
    ("acl", "private"),
    ("key", "up/${filename}"),
    ("success_action_status", "201"),
    (
        "X-Amz-Credential",
        "AKIA/20261126/us-east-1/s3/aws4_request",
    ),
    ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
    ("X-Amz-Date", "20261126T000000Z"),
    (
        "Policy",
        "eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yNlQwMTowMDowMFoifQ==",
    ),
    ("X-Amz-Signature", "0123456789abcdef"),
];

/// The API for uploads: CloudConvert's stand-in, its forms pointing at the storage, each task
/// `waiting` until a while after its file arrived.
struct Api {
    cloud: Cloud,
}

impl Api {
    fn s3(storage: &Storage) -> Api {
        Api {
            cloud: Cloud::for_storage(storage, S3_FORM),
        }
    }

    fn creates(&self) -> usize {
        self.cloud.count("POST", "/v2/import/upload")
    }
}

#[test]
fn s3_form_gets_every_parameter_in_order_then_the_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    let file = sb.write("report.pdf", &data);
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.refusals(), Vec::<String>::new());
    let got = storage.received();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].filename, "report.pdf");
    assert!(got[0].data == data, "the file's bytes arrive unchanged");
    // No bar when stderr is not a terminal: a log hears when the upload starts, and how it
    // ended.
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert_eq!(lines[0], "cloudconvert: sending report.pdf (292.97 KiB)");
    assert!(
        lines[1].starts_with("cloudconvert: uploaded report.pdf (292.97 KiB in "),
        "{err}"
    );
    let printed = json_lines(&out);
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0]["id"], cloud::id(1).as_str());
    assert_eq!(printed[0]["status"], "finished");
    assert_eq!(
        printed[0]["result"]["files"][0]["filename"], "report.pdf",
        "the task is printed once CloudConvert has the file"
    );
    let sync_asks = api.cloud.count("GET", "/sync/v2/tasks/");
    assert_eq!(
        sync_asks,
        1,
        "one held call on the sync host: {:?}",
        api.cloud.requests()
    );
    let quiet = sb
        .cloud(&api.cloud)
        .args(["-q", "import", "upload", &file])
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert_eq!(stderr(&quiet), "", "nothing with -q");
}

#[test]
fn legacy_form_with_numbers_and_a_per_task_url() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[
        ("expires", "1545444403"),
        ("max_file_count", "1"),
        ("max_file_size", "10000000000"),
        ("signature", "d0db9b5e4ff7283xxfe0b1e3ad6x1db95c616121"),
    ]);
    let api = Api {
        cloud: Cloud::start(Options {
            form: json!({"expires": 1545444403, "max_file_count": 1, "max_file_size": 10000000000u64, "signature": "d0db9b5e4ff7283xxfe0b1e3ad6x1db95c616121"}),
            storage: Some((storage.url.clone(), storage.arrivals())),
            ..Options::default()
        }),
    };
    let file = sb.write("a.txt", b"hello");
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.received()[0].data, b"hello");
}

#[test]
fn names_are_sent_as_raw_utf8() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    for (local, sent) in [
        ("with space.pdf", "with space.pdf"),
        ("quote\"d.pdf", "quote%22d.pdf"),
        ("accénts-ünï.pdf", "accénts-ünï.pdf"),
        ("文件 テスト.pdf", "文件 テスト.pdf"),
        ("line\nbreak.pdf", "line%0Abreak.pdf"),
    ] {
        let file = sb.write(local, b"x");
        let out = sb
            .cloud(&api.cloud)
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        assert!(out.status.success(), "{local}: {}", stderr(&out));
        assert_eq!(storage.received().last().unwrap().filename, sent);
    }
    let file = sb.write("local.bin", b"x");
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &file, "--filename", "Überschrift.pdf"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        storage.received().last().unwrap().filename,
        "Überschrift.pdf"
    );
}

#[test]
fn empty_file_and_several_files_as_json_lines() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let a = sb.write("empty.txt", b"");
    let b = sb.write("b.txt", b"bbb");
    let c = sb.write("c.txt", b"cc");
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &a, &b, &c])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<Value> = json_lines(&out)
        .iter()
        .map(|t| t["result"]["files"][0]["filename"].clone())
        .collect();
    assert_eq!(
        names,
        vec![json!("empty.txt"), json!("b.txt"), json!("c.txt")],
        "one JSON line per task, in the order the files were given"
    );
    // The storage takes them in whatever order the jobs reach it.
    let mut got: Vec<(String, Vec<u8>)> = storage
        .received()
        .into_iter()
        .map(|r| (r.filename, r.data))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            ("b.txt".to_string(), b"bbb".to_vec()),
            ("c.txt".to_string(), b"cc".to_vec()),
            ("empty.txt".to_string(), Vec::new()),
        ]
    );
}

#[test]
fn stdin_from_a_pipe_and_from_a_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", "-", "--filename", "dump.sql"])
        .write_stdin("piped data")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        (
            storage.received()[0].filename.as_str(),
            storage.received()[0].data.as_slice()
        ),
        ("dump.sql", &b"piped data"[..])
    );

    let file = sb.write("in.bin", b"from a redirected file");
    let out = sb
        .cloud_std(&api.cloud)
        .args(["import", "upload", "-", "--filename", "x.bin"])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.received()[1].data, b"from a redirected file");

    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", "-"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--filename"));
}

#[test]
fn every_file_is_checked_before_the_first_task() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let good = sb.write("good.txt", b"g");
    let dir = sb.path().to_str().unwrap().to_string();
    for bad in ["/nonexistent/missing.pdf", dir.as_str()] {
        let out = sb
            .cloud(&api.cloud)
            .args(["import", "upload", &good, bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&out).contains(bad),
            "the message names the file: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    #[cfg(unix)]
    if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        let locked = sb.write("locked.txt", b"l");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        let out = sb
            .cloud(&api.cloud)
            .args(["import", "upload", &good, &locked])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
    assert_eq!(api.creates(), 0, "no task is created");
    assert_eq!(storage.requests(), 0);
}

#[cfg(unix)]
fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(true)
}

#[test]
fn redirect_is_success_and_not_followed() {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    let target = MockServer::start();
    let followed = catch_all(&target);
    storage.script(&[Answer::Redirect(format!("{}/done", target.base_url()))]);
    let file = sb.write("r.txt", b"r");
    let out = sb
        .cloud(&api.cloud)
        .args([
            "import",
            "upload",
            &file,
            "--redirect",
            &format!("{}/done", target.base_url()),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(followed.calls(), 0, "the redirect target is never fetched");
    assert_eq!(json_lines(&out)[0]["status"], "finished");
}

#[test]
fn dropped_connection_then_success_sends_the_file_again() {
    let data = vec![7u8; 3 << 20];
    let (storage, api, out) = upload_through(&[Answer::DropMidBody], &data);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.requests(), 2);
    assert!(storage.received()[0].data == data);
    assert!(
        stderr(&out).contains("sending it again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(api.creates(), 1, "the same form is used again");
}

/// Uploads one file of `data` to a storage that first gives `answers`.
fn upload_through(answers: &[Answer], data: &[u8]) -> (Storage, Api, std::process::Output) {
    let sb = Sandbox::new();
    let storage = Storage::start(S3_FORM);
    let api = Api::s3(&storage);
    storage.script(answers);
    let file = sb.write("f.bin", data);
    let out = sb
        .cloud(&api.cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    (storage, api, out)
}

#[test]
fn storage_500_then_success() {
    let (storage, _api, out) = upload_through(
        &[Answer::Fail(
            500,
            "InternalError",
            "We encountered an internal error. Please try again.",
        )],
        b"data",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.requests(), 2);
    assert_eq!(storage.received().len(), 1);
}

#[test]
fn storage_403_is_reported_with_its_message() {
    let (storage, _api, out) = upload_through(
        &[Answer::Fail(
            403,
            "AccessDenied",
            "Invalid according to Policy: Policy expired.",
        )],
        b"data",
    );
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(storage.requests(), 1, "a 4xx is not retried");
    let err = stderr(&out);
    assert!(
        err.contains("Invalid according to Policy: Policy expired. (AccessDenied, HTTP 403)"),
        "{err}"
    );
    assert!(err.contains(&cloud::id(1)), "names the task: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn dry_run_shows_both_requests_per_file_and_sends_nothing() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let a = sb.write("a.pdf", b"a");
    let b = sb.write("b.pdf", b"b");
    let out = sb
        .api(&server)
        .args(["--dry-run", "import", "upload", &a, &b])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(all.calls(), 0);
    let printed = json_lines(&out);
    assert_eq!(printed.len(), 4, "a create, then an upload, per file");
    for create in [&printed[0], &printed[2]] {
        assert_eq!(
            create["url"],
            format!("{}/v2/import/upload", server.base_url())
        );
        assert_eq!(create["body"], json!({}));
    }
    assert_eq!(printed[1]["multipart"][1]["filename"], "a.pdf");
    assert_eq!(printed[3]["multipart"][1]["filename"], "b.pdf");
}

/// The stand-in storage is only as good as what it refuses: each rule of the real storage,
/// sent as raw bytes, must be refused.
#[test]
fn the_test_storage_refuses_what_the_real_one_refuses() {
    use std::io::{Read, Write};
    let storage = Storage::start(&[("key", "k"), ("policy", "p")]);
    let addr = storage
        .url
        .trim_start_matches("http://")
        .trim_end_matches("/tasks")
        .to_string();
    let part = |name: &str, file: bool, value: &str| {
        let filename = if file { "; filename=\"f.txt\"" } else { "" };
        format!(
            "--B\r\nContent-Disposition: form-data; name=\"{name}\"{filename}\r\n\r\n{value}\r\n"
        )
    };
    let form = |parts: &[String]| format!("{}--B--\r\n", parts.concat());
    let good = form(&[
        part("key", false, "k"),
        part("policy", false, "p"),
        part("file", true, "data"),
    ]);
    let send = |head: &str, body: &str| -> String {
        let mut c = std::net::TcpStream::connect(&addr).unwrap();
        write!(c, "POST /tasks HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\nConnection: close\r\n{head}\r\n{body}").unwrap();
        // A refusal may come before the body was read, and the connection end with a reset:
        // the status line read before it is what counts.
        let mut answer = Vec::new();
        let _ = c.read_to_end(&mut answer);
        String::from_utf8_lossy(&answer)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let len = |b: &str| format!("Content-Length: {}\r\n", b.len());
    let chunked = format!("{:x}\r\n{good}\r\n0\r\n\r\n", good.len());
    let cases = [
        (
            "chunked",
            send("Transfer-Encoding: chunked\r\n", &chunked),
            "411",
        ),
        ("no length", send("", &good), "411"),
        (
            "Authorization",
            send(&format!("{}Authorization: Bearer k\r\n", len(&good)), &good),
            "400",
        ),
        (
            "file not last",
            {
                let b = form(&[
                    part("key", false, "k"),
                    part("file", true, "data"),
                    part("policy", false, "p"),
                ]);
                send(&len(&b), &b)
            },
            "400",
        ),
        (
            "parameter missing",
            {
                let b = form(&[part("key", false, "k"), part("file", true, "data")]);
                send(&len(&b), &b)
            },
            "403",
        ),
        (
            "reordered",
            {
                let b = form(&[
                    part("policy", false, "p"),
                    part("key", false, "k"),
                    part("file", true, "data"),
                ]);
                send(&len(&b), &b)
            },
            "403",
        ),
        (
            "changed",
            {
                let b = form(&[
                    part("key", false, "k2"),
                    part("policy", false, "p"),
                    part("file", true, "data"),
                ]);
                send(&len(&b), &b)
            },
            "403",
        ),
        ("good", send(&len(&good), &good), "201"),
    ];
    for (what, status_line, code) in cases {
        assert!(
            status_line.starts_with(&format!("HTTP/1.1 {code}")),
            "{what}: {status_line}"
        );
    }
    assert_eq!(storage.received().len(), 1);
    assert_eq!(storage.refusals().len(), 7);
}

#[test]
fn a_storage_that_answers_201_and_never_ends_its_body_is_a_success() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    // The stand-in storage accepts, but this one keeps talking after its 201.
    let (url, _) = raw_server(|head, reader| {
        let len: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        let mut body = vec![0; len];
        reader.read_exact(&mut body).unwrap();
        let conn = reader.get_mut();
        let _ = conn.write_all(
            b"HTTP/1.1 201 Created\r\nContent-Type: application/xml\r\n\r\n<PostResponse>",
        );
        let chunk = vec![b' '; 1 << 16];
        while conn.write_all(&chunk).is_ok() {}
    });
    let cloud_endless = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((url, storage.arrivals())),
        ..Options::default()
    });
    drop(cloud);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud_endless)
        .args([
            "import",
            "upload",
            file.to_str().unwrap(),
            "--wait-timeout",
            "2",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    // The storage took the file (201); this stand-in never records it, so the wait times out:
    // what matters is that the upload step ended and was not sent again.
    let err = stderr(&out);
    assert!(
        !err.contains("no progress") && !err.contains("sending it again"),
        "{err}"
    );
    assert_eq!(out.status.code(), Some(5), "{err}");
}

#[test]
fn a_form_url_that_is_not_http_is_a_bad_answer_not_a_network_fault() {
    let sb = Sandbox::new();
    for url in ["file:///etc/passwd", "ftp://storage.example/x", "not a url"] {
        let server = MockServer::start();
        let create = server.mock(|when, then| {
            when.method(POST).path("/v2/import/upload");
            then.status(201)
                .json_body(json!({"data": {"id": "f-1", "status": "waiting",
                "result": {"form": {"url": url, "parameters": {}}}}}));
        });
        let file = sb.path().join("a.txt");
        std::fs::write(&file, "a").unwrap();
        let started = Instant::now();
        let out = sb
            .api(&server)
            .args(["import", "upload", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains("not http(s)"), "{}", stderr(&out));
        assert!(started.elapsed() < Duration::from_secs(3), "not retried");
        assert_eq!(create.calls(), 1);
    }
}

#[test]
fn the_stdin_copy_names_its_directory_when_it_cannot_be_made() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .api(&server)
        .env("TMPDIR", "/nonexistent/tmp")
        .args(["import", "upload", "-", "--filename", "x.bin"])
        .write_stdin("data")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("/nonexistent/tmp") && err.contains("TMPDIR"),
        "{err}"
    );
    assert_eq!(all.calls(), 0);
}

#[test]
fn after_a_failed_upload_the_task_is_looked_at() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    storage.script(&[Answer::Fail(403, "AccessDenied", "Policy expired.")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "task {} is still waiting for its file",
            cloud::id(1)
        )),
        "{err}"
    );
    assert_eq!(
        cloud.count("GET", &format!("/v2/tasks/{}", cloud::id(1))),
        1
    );
}

#[cfg(unix)]
#[test]
fn stdin_that_is_a_terminal_is_not_uploaded() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let pty = Pty::open();
    for args in [
        vec!["import", "upload", "-", "--filename", "x.bin"],
        vec!["import", "raw", "-", "--filename", "x.txt"],
        vec!["import", "upload", "--from", "-"],
        vec!["import", "url", "--from", "-"],
    ] {
        let out = sb
            .cmd_std_api(&server)
            .args(&args)
            .stdin(pty.terminal.try_clone().unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("is a terminal"), "{}", stderr(&out));
    }
    assert_eq!(all.calls(), 0);
}

#[test]
fn a_failure_after_the_upload_says_the_file_was_uploaded() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        sync_fails: Some(404),
        ..Options::default()
    });
    let file = sb.path().join("a.txt");
    std::fs::write(&file, "a").unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(storage.received().len(), 1);
    let err = stderr(&out);
    assert!(
        err.contains("the file was uploaded") && err.contains(&cloud::id(1)),
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
