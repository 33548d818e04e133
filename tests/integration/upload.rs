//! `import upload FILE...` end to end: the API on httpmock, the storage on a raw server that
//! checks the bytes of the form.

use crate::cloud::{self, Cloud, Options};
use crate::storage::{Answer, Storage};
use crate::support::*;
use httpmock::MockServer;
use serde_json::{Value, json};

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
