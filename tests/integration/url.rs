//! `import url` with many URLs: from the command line, a list or stdin, with headers, as a
//! batch.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use serde_json::Value;
use serde_json::json;
use std::time::Duration;

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
