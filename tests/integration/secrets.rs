//! Secrets are never printed, not even in part: text is scrubbed before it is cut.

use crate::support::*;
use httpmock::MockServer;

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
