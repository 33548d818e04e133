//! Secrets are never printed, in any form or mode, not even in part (text is scrubbed before
//! it is cut), never put in the argument list, and never sent in the clear unwarned.

use crate::cloud;
use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;

#[test]
fn a_long_url_in_dry_run_shows_no_part_of_its_password() {
    let sb = Sandbox::new();
    let password = "Pw-".to_string() + &"q7Z".repeat(18) + "end";
    assert_eq!(password.len(), 60);
    let url = format!(
        "https://user:{password}@files.example/{}/report.pdf",
        "deep/".repeat(60)
    );
    assert!(url.len() > 256);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["--dry-run", "import", "url", &url])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out) + &stderr(&out);
    assert!(!text.contains("q7Zq7Z"), "{text}");
    assert!(
        text.contains("bytes in all"),
        "the URL was shortened: {text}"
    );
}

#[test]
fn an_error_page_cut_for_length_shows_no_part_of_the_key() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    // The key echoed so that a cut at 200 characters would fall inside it.
    let title = format!("{} {KEY} tail", "x".repeat(190));
    server.mock(|when, then| {
        when.any_request();
        then.status(400)
            .header("content-type", "text/html")
            .body(format!("<html><title>{title}</title></html>"));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(!err.contains(&KEY[..8]), "{err}");
    assert!(err.contains("xxxx"), "the page was said: {err}");
}

#[test]
fn secret_echoes_in_every_form_are_scrubbed_on_stderr_and_stdout() {
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7&ab<c>\n-----END PRIVATE KEY-----\n";
    let json_escaped = key.replace('\n', "\\n");
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/google-cloud-storage");
        then.status(422).json_body(json!({
            "message": format!("The given data was invalid. {json_escaped}"),
            "code": "INVALID_DATA",
            "errors": {"private_key": [format!("The private key {key} is malformed.")]}
        }));
    });
    let args = [
        "import",
        "gcs",
        "gs://b/f",
        "--project-id",
        "p",
        "--client-email",
        "e@x.iam",
        "--private-key",
        key,
    ];
    let out = sb.api(&server).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(4));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"), "{all}");
    assert!(!all.contains("BKcwggSjAgEAAoIBAQC7"), "{all}");

    // A task whose message echoes the password as it is and HTML-escaped, and whose result
    // echoes it percent-encoded.
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/sftp");
        then.status(201).json_body(json!({"data": {
            "id": "s-1", "status": "error", "code": "AUTH",
            "message": "login failed for password MARK&<SSHPASS>77 (MARK&amp;&lt;SSHPASS&gt;77)",
            "result": {"tried": "MARK%26%3CSSHPASS%3E77"}
        }}));
    });
    let out = sb
        .api(&server)
        .env("SSHPASS", "MARK&<SSHPASS>77")
        .args(["import", "sftp", "sftp://u@h/f"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        printed["message"], "login failed for password *** (***)",
        "every string of a printed task is scrubbed, the JSON's shape kept"
    );
    assert_eq!(printed["result"]["tried"], "***");
}

#[test]
fn a_signed_url_stays_out_of_ps_and_of_every_output() {
    let sb = Sandbox::new();
    let signed = "https://b.s3.amazonaws.com/a.pdf?X-Amz-Credential=AKIAMARK%2F1&X-Amz-Signature=MARKSIG0123456789&X-Amz-Expires=60";
    let file = sb.path().join("url.txt");
    std::fs::write(&file, format!("{signed}\n")).unwrap();
    let at_file = format!("@{}", file.display());
    for args in [
        vec!["--dry-run", "import", "url", at_file.as_str()],
        vec!["--dry-run", "import", "url", "-"],
        vec!["--dry-run", "import", "url"],
    ] {
        let out = sb
            .cmd()
            .env("CLOUDCONVERT_IMPORT_URL", signed)
            .args(&args)
            .write_stdin(signed)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
        let url = shown["body"]["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://b.s3.amazonaws.com/a.pdf?"),
            "{url}"
        );
        assert!(
            !url.contains("MARKSIG") && !url.contains("AKIAMARK"),
            "{url}"
        );
    }
    // And in the printed task, where the API echoes the payload.
    let cloud = Cloud::start(Options::default());
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", &at_file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let body: Value = serde_json::from_slice(&cloud.requests()[0].body).unwrap();
    assert_eq!(body["url"], signed, "the real URL is sent");
    let out = sb
        .cloud(&cloud)
        .args(["task", "show", &cloud::id(1), "--include", "payload"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains("MARKSIG"), "{}", stdout(&out));
}

#[test]
fn credentials_in_the_api_url_are_refused_unechoed() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args([
            "--api-url",
            "https://user:MARK-PW-99@proxy.example",
            "task",
            "show",
            "abc",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("user or password"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("MARK-PW-99"));
}

#[test]
fn an_api_key_with_a_line_break_is_refused_before_sending() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .env("CLOUDCONVERT_API_KEY", "first-half\nsecond-half")
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("the API key contains a line break"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("may have been created"));
    assert_eq!(all.calls(), 0);
    // A key with a final newline (`$(cat key.txt)` keeps none, a file read by a CI tool may) is
    // trimmed.
    let server = MockServer::start();
    let show = server.mock(|when, then| {
        when.method(GET)
            .path("/v2/tasks/abc")
            .header("authorization", format!("Bearer {KEY}"));
        then.status(200)
            .json_body(json!({"data": task("abc", "import/url", "finished")}));
    });
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .env("CLOUDCONVERT_API_KEY", format!("{KEY}\n"))
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(show.calls(), 1);
}

#[test]
fn hyphen_values_and_keys_from_stdin_are_sent_byte_exact() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----\n";
    let out = sb
        .cloud(&cloud)
        .args([
            "import",
            "gcs",
            "gs://b/f",
            "--project-id",
            "p",
            "--client-email",
            "e@x",
        ])
        .args(["--private-key", "-"])
        .write_stdin(key)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent: Value = serde_json::from_slice(&cloud.requests()[0].body).unwrap();
    assert_eq!(sent["private_key"], key);
    let out = sb
        .cloud(&cloud)
        .args(["import", "sftp", "sftp://u@h/f", "--private-key", key])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent: Value = serde_json::from_slice(&cloud.requests()[1].body).unwrap();
    assert_eq!(sent["private_key"], key);
}

#[test]
fn a_plain_http_sync_host_is_warned_about() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-1");
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args([
            "--sync-url",
            "http://sync.example.com",
            "task",
            "show",
            "t-1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("http://sync.example.com") && err.contains("unencrypted"),
        "{err}"
    );
}

/// A run of the binary: its arguments and extra environment.
type Run<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);

/// Marker secrets, given every way, must never show in any output of any mode.
#[test]
fn secrets_never_show() {
    const MARKS: [&str; 8] = [
        "MARK-APIKEY-1",
        "MARK-AKID-2",
        "MARK-SECRET-3",
        "MARK-TOKEN-4",
        "MARK-AZKEY-5",
        "MARK-SAS-6",
        "MARK-PASS-7",
        "MARK-HEADER-8",
    ];
    let sb = Sandbox::new();
    let server = MockServer::start();
    // The API echoes every request in the task's payload and in its validation errors.
    server.mock(|when, then| {
        when.method(POST)
            .path_prefix("/v2/import/")
            .header("x-fail", "1");
        then.status(201);
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/s3");
        then.status(422).json_body(json!({"message": "The given data was invalid. MARK-SECRET-3", "code": "INVALID_DATA",
            "errors": {"secret_access_key": ["The key MARK-SECRET-3 is invalid for MARK-AKID-2 with MARK-TOKEN-4."]}}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/azure/blob");
        then.status(201)
            .json_body(json!({"data": {"id": "a-1", "status": "waiting",
            "payload": {"storage_access_key": "MARK-AZKEY-5", "sas_token": null}}}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/url");
        then.status(401)
            .json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
    });
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/sftp");
        then.status(500)
            .body("<html><title>Error for MARK-PASS-7</title></html>");
    });
    let base = server.base_url();
    let runs: Vec<Run> = vec![
        (
            vec!["import", "s3", "s3://b/k", "--region", "r"],
            vec![
                ("AWS_ACCESS_KEY_ID", "MARK-AKID-2"),
                ("AWS_SECRET_ACCESS_KEY", "MARK-SECRET-3"),
                ("AWS_SESSION_TOKEN", "MARK-TOKEN-4"),
            ],
        ),
        (
            vec![
                "-v",
                "import",
                "s3",
                "s3://b/k",
                "--region",
                "r",
                "--access-key-id",
                "MARK-AKID-2",
                "--secret-access-key",
                "MARK-SECRET-3",
                "--session-token",
                "MARK-TOKEN-4",
            ],
            vec![],
        ),
        (
            vec![
                "--dry-run",
                "-v",
                "import",
                "s3",
                "s3://b/k",
                "--region",
                "r",
            ],
            vec![
                ("AWS_ACCESS_KEY_ID", "MARK-AKID-2"),
                ("AWS_SECRET_ACCESS_KEY", "MARK-SECRET-3"),
            ],
        ),
        (
            vec![
                "-v",
                "import",
                "azure",
                "--storage-account",
                "acct",
                "--container",
                "c",
                "--blob",
                "b",
            ],
            vec![("AZURE_STORAGE_KEY", "MARK-AZKEY-5")],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "azure",
                "--storage-account",
                "acct",
                "--container",
                "c",
                "--blob",
                "b",
                "--sas-token",
                "MARK-SAS-6",
            ],
            vec![],
        ),
        (
            vec![
                "-v",
                "import",
                "url",
                "https://e.com/a",
                "-H",
                "Authorization: MARK-HEADER-8",
            ],
            vec![],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "url",
                "https://e.com/a",
                "-H",
                "Authorization: MARK-HEADER-8",
            ],
            vec![],
        ),
        (
            vec!["-v", "--retries", "0", "import", "sftp", "sftp://u@h/f"],
            vec![("SSHPASS", "MARK-PASS-7")],
        ),
        (
            vec![
                "--dry-run",
                "import",
                "openstack",
                "--auth-url",
                "https://a",
                "--username",
                "u",
                "--region",
                "r",
                "--container",
                "c",
                "--file",
                "f",
            ],
            vec![("OS_PASSWORD", "MARK-PASS-7")],
        ),
        (vec!["auth", "status"], vec![]),
    ];
    for (args, env) in runs {
        let mut cmd = sb.cmd();
        cmd.env("CLOUDCONVERT_API_URL", &base)
            .env("CLOUDCONVERT_API_KEY", "MARK-APIKEY-1");
        for (k, v) in &env {
            cmd.env(k, v);
        }
        let out = cmd.args(&args).output().unwrap();
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!text.is_empty(), "{args:?} printed nothing");
        for mark in MARKS {
            assert!(
                !text.contains(mark),
                "{mark} shown by {args:?} {env:?}:\n{text}"
            );
        }
    }
}

/// The key typed at `auth login`'s prompt on a terminal never shows on it: the tool turns the
/// terminal's echo off. Unix only: under wine a terminal given as stdin echoes nothing even
/// when the console's ENABLE_ECHO_INPUT is left on (tried), so there it could not fail; the
/// Windows console itself is for a real machine to show.
#[cfg(unix)]
#[test]
fn a_key_typed_at_the_prompt_never_shows_on_the_terminal() {
    crate::unix_only!();
    use std::io::{Read, Write};
    let sb = Sandbox::new();
    let cloud = crate::cloud::Cloud::start(crate::cloud::Options::default());
    let pty = Pty::open();
    pty.set_width(80);
    let mut child = sb
        .std_cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .env("TERM", "xterm")
        .args(["auth", "login"])
        .stdin(pty.terminal.try_clone().unwrap())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut err = child.stderr.take().unwrap();
    read_until(&mut err, "input hidden");
    // Give the prompt its moment to turn the echo off, then type as a person does.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut master = pty.master;
    master.write_all(format!("{KEY}\r").as_bytes()).unwrap();
    let mut rest = String::new();
    err.read_to_string(&mut rest).unwrap();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    let status = child.wait().unwrap();
    drop(pty.terminal);
    let mut shown = Vec::new();
    let _ = master.read_to_end(&mut shown);
    // Wherever an echo could land: the terminal, or the program's own output.
    let shown = format!("{}{out}{rest}", String::from_utf8_lossy(&shown));
    assert!(status.success(), "{rest}");
    assert!(!shown.contains(KEY), "the key was shown: {shown:?}");
    let stored = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(stored.contains(KEY), "{stored}");
}

#[test]
fn verbose_names_the_variables_used_never_their_values() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/s3");
        then.status(201)
            .json_body(json!({"data": task("s-1", "import/s3", "waiting")}));
    });
    let out = sb
        .api(&server)
        .env("AWS_ACCESS_KEY_ID", "VAL-ID-1")
        .env("AWS_SECRET_ACCESS_KEY", "VAL-SECRET-2")
        .env("AWS_DEFAULT_REGION", "eu-west-3")
        .args(["-v", "import", "s3", "s3://b/k"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_DEFAULT_REGION",
        "CLOUDCONVERT_API_KEY",
    ] {
        assert!(
            err.contains(&format!("using {var} from the environment")),
            "{var}: {err}"
        );
    }
    assert!(!err.contains("VAL-ID-1") && !err.contains("VAL-SECRET-2"));
}
