//! The upload form as the storage takes it: every parameter in order and the file last,
//! names as raw UTF-8, a `null` skipped, only a waiting task's form used, a redirect only
//! when asked for, a file larger than the form allows refused before it is sent.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Storage;
use crate::support::*;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::json;
use std::time::Duration;
use std::time::Instant;

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
        assert!(
            started.elapsed() < Duration::from_secs(3) + launch_slack(),
            "not retried"
        );
        assert_eq!(create.calls(), 1);
    }
}

#[test]
fn a_storage_redirect_is_a_failure_unless_a_redirect_was_asked_for() {
    for (answer, status) in [
        (
            Answer::Moved(301, "https://b.s3.eu-west-1.amazonaws.com/"),
            301,
        ),
        (
            Answer::Moved(307, "https://b.s3-external-1.amazonaws.com/"),
            307,
        ),
        (Answer::Redirect("https://example.com/done".into()), 303),
    ] {
        let sb = Sandbox::new();
        let storage = Storage::start(FORM_201);
        storage.script(&[answer]);
        let cloud = Cloud::for_storage(&storage, FORM_201);
        let file = sb.write("a.txt", b"a");
        let out = sb
            .cloud(&cloud)
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{status}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(&format!("HTTP {status}")), "{err}");
        assert!(err.contains("https://"), "names the Location: {err}");
        assert_eq!(storage.requests(), 1, "{status} is not retried");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_null_form_parameter_is_skipped() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM_201);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k", "acl": null, "success_action_status": "201"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"a");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.refusals(), Vec::<String>::new());
}

#[test]
fn only_a_waiting_task_with_a_form_takes_the_file() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM_201);
    let cloud = Cloud::start(Options {
        created_status: "error",
        storage: Some((storage.url.clone(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"a");
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot take the file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(storage.requests(), 0);
}

#[test]
fn a_file_larger_than_the_form_takes_is_refused_before_it_is_sent() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let file = sb.write("big.bin", &[0u8; 2048]);
    // The older form's max_file_size, and a policy's content-length-range.
    // {"expiration":"2026-12-02T10:00:00Z","conditions":[["content-length-range",0,1024]]}
    let policy = "eyJleHBpcmF0aW9uIjoiMjAyNi0xMi0wMlQxMDowMDowMFoiLCJjb25kaXRpb25zIjpbWyJjb250ZW50LWxlbmd0aC1yYW5nZSIsMCwxMDI0XV19";
    for form in [
        json!({"max_file_size": 1024, "signature": "s"}),
        json!({"key": "k", "Policy": policy}),
    ] {
        let cloud = Cloud::start(Options {
            form,
            storage: Some((storage.url.clone(), storage.arrivals())),
            ..Options::default()
        });
        let out = sb
            .cloud(&cloud)
            .args(["import", "upload", &file])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(4), "{err}");
        assert!(
            err.contains("2048 bytes, larger than the 1024 bytes"),
            "{err}"
        );
        assert_eq!(storage.requests(), 0, "nothing was sent");
        assert_eq!(cloud.count("DELETE", "/v2/tasks/"), 1, "{err}");
    }
}
