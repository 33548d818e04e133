//! `--dry-run`: every request it would send, every secret masked, nothing sent, no key needed.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;

#[test]
fn dry_run_shows_a_large_body_shortened_and_every_header_sent() {
    let sb = Sandbox::new();
    let file = sb.write("big.txt", &vec![b'a'; 3_000_000]);
    let out = sb
        .cmd()
        .args(["--dry-run", "import", "raw", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        out.stdout.len() < 2000,
        "{} bytes printed",
        out.stdout.len()
    );
    let shown: Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = shown["body"]["file"].as_str().unwrap();
    assert!(
        body.starts_with("aaaa") && body.ends_with("(3000000 bytes in all)"),
        "{body}"
    );
    let headers = shown["headers"].as_object().unwrap();
    let names: Vec<&str> = headers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        ["Accept", "Authorization", "User-Agent", "Content-Type"]
    );
}

#[test]
fn a_dry_run_shows_a_create_for_each_file_and_each_url() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let files = sb.files(3);
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
fn dry_run_sends_nothing_and_masks_every_secret() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .api(&server)
        .args([
            "--dry-run",
            "import",
            "s3",
            "s3://b/k",
            "--region",
            "r",
            "--access-key-id",
            "AKID-MARK",
            "--secret-access-key",
            "SECRET-MARK",
            "--session-token",
            "TOKEN-MARK",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(all.calls(), 0);
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["method"], "POST");
    assert_eq!(
        printed["url"],
        format!("{}/v2/import/s3", server.base_url())
    );
    assert_eq!(printed["headers"]["Authorization"], "Bearer ***");
    assert_eq!(
        printed["body"],
        json!({"bucket": "b", "region": "r", "key": "k", "access_key_id": "***", "secret_access_key": "***", "session_token": "***"})
    );
    let both = format!("{}{}", stdout(&out), stderr(&out));
    for secret in ["AKID-MARK", "SECRET-MARK", "TOKEN-MARK", KEY] {
        assert!(!both.contains(secret), "{secret} leaked");
    }
}

#[test]
fn dry_run_masks_url_header_values_and_needs_no_key() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .args([
            "import",
            "url",
            "https://e.com/a",
            "-H",
            "Authorization: Bearer HEADER-MARK",
            "--dry-run",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        printed["body"],
        json!({"url": "https://e.com/a", "headers": {"Authorization": "***"}})
    );
    assert_eq!(printed["url"], "https://api.cloudconvert.com/v2/import/url");
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
