//! Lists of paths and URLs (`--from`, `-0`) and `@FILE` values: NUL-separated, commented,
//! and as any editor writes them.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Storage;
use crate::support::*;
use serde_json::Value;
use std::time::Duration;

#[test]
fn paths_from_a_nul_separated_list() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(100), Options::default());
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
