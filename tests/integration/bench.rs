//! The upload benchmark (ignored: it is a measurement, not a test). It times
//! `cloudconvert import upload FILE` against the same job done with curl (create the task,
//! POST the form, show the task), alternating rounds, on a local storage that drains the body,
//! and prints the ratio, MiB/s and peak RSS. Run it with:
//!
//!     cargo test --release --test integration -- --ignored bench_upload --nocapture
//!
//! BENCH_SIZES (default 64M,1G,4G) and BENCH_ROUNDS (default 3) change what is measured.

use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A storage that reads and discards each body, then answers 201.
fn drain_storage() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/tasks", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::with_capacity(1 << 20, conn.try_clone().unwrap());
                let mut out = conn;
                loop {
                    let mut len = 0u64;
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        line.clear();
                        reader.read_line(&mut line).unwrap();
                        let l = line.trim_end().to_ascii_lowercase();
                        if l.is_empty() {
                            break;
                        }
                        if let Some(v) = l.strip_prefix("content-length:") {
                            len = v.trim().parse().unwrap();
                        }
                        if l.starts_with("expect:") {
                            out.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").unwrap();
                        }
                    }
                    let mut buf = vec![0u8; 1 << 20];
                    let mut left = len;
                    while left > 0 {
                        let n = reader.read(&mut buf[..left.min(1 << 20) as usize]).unwrap();
                        assert!(n > 0, "body ended early");
                        left -= n as u64;
                    }
                    let xml = "<PostResponse><Key>k</Key></PostResponse>";
                    let _ = write!(
                        out,
                        "HTTP/1.1 201 Created\r\nContent-Length: {}\r\nContent-Type: application/xml\r\n\r\n{xml}",
                        xml.len()
                    );
                }
            });
        }
    });
    url
}

fn api(storage: &str) -> MockServer {
    let server = MockServer::start();
    let mut created = task("bench-1", "import/upload", "waiting");
    created["result"] = json!({"form": {"url": storage, "parameters": {"acl": "private", "key": "bench-1/${filename}", "success_action_status": "201", "Policy": "eyJ4IjoieSJ9", "X-Amz-Signature": "abc"}}});
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/upload");
        then.status(201).json_body(json!({"data": created}));
    });
    // The show after the upload: curl asks the API host; the tool asks the sync host, which
    // answers at once here (the task has ended), as the real one does when the file is in.
    for path in ["/v2/tasks/bench-1", "/sync/v2/tasks/bench-1"] {
        server.mock(|when, then| {
            when.method(GET).path(path);
            then.status(200)
                .json_body(json!({"data": task("bench-1", "import/upload", "finished")}));
        });
    }
    server
}

/// Runs a command to its end; returns its time and peak RSS in KiB. Its output
/// goes to files: a pipe nobody reads while it runs would fill and stall it.
fn measure(cmd: &mut Command) -> (Duration, u64) {
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    let started = Instant::now();
    let mut child = cmd
        .stdout(out)
        .stderr(err.try_clone().unwrap())
        .spawn()
        .unwrap();
    let (status, peak) = crate::support::memory::watch(&mut child, Duration::from_millis(5));
    let elapsed = started.elapsed();
    let mut text = String::new();
    let mut err = err;
    std::io::Seek::rewind(&mut err).unwrap();
    err.read_to_string(&mut text).unwrap();
    assert!(status.success(), "{cmd:?} failed: {text}");
    (elapsed, peak)
}

/// The curl job: create, upload, show; its time and the upload step's peak RSS. With `md5sum`,
/// the file's MD5 is taken beside the upload, as a careful curl user checks what was sent.
fn curl_job(api: &str, file: &str, md5sum: bool) -> (Duration, u64) {
    let started = Instant::now();
    let hashing = md5sum.then(|| {
        Command::new("md5sum")
            .arg(file)
            .stdout(Stdio::null())
            .spawn()
            .unwrap()
    });
    let created = Command::new("curl")
        .args([
            "-sS",
            "-X",
            "POST",
            &format!("{api}/v2/import/upload"),
            "-H",
            &format!("Authorization: Bearer {KEY}"),
        ])
        .args(["-H", "Content-Type: application/json", "-d", "{}"])
        .output()
        .unwrap();
    let task: Value = serde_json::from_slice(&created.stdout).unwrap();
    let form = &task["data"]["result"]["form"];
    let mut up = Command::new("curl");
    up.args([
        "-sS",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        form["url"].as_str().unwrap(),
    ]);
    for (k, v) in form["parameters"].as_object().unwrap() {
        up.args(["--form-string", &format!("{k}={}", v.as_str().unwrap())]);
    }
    up.args(["-F", &format!("file=@{file}")]);
    let (_, rss) = measure(&mut up);
    if let Some(mut h) = hashing {
        assert!(h.wait().unwrap().success());
    }
    let shown = Command::new("curl")
        .args([
            "-sS",
            &format!("{api}/v2/tasks/bench-1"),
            "-H",
            &format!("Authorization: Bearer {KEY}"),
        ])
        .output()
        .unwrap();
    assert!(shown.status.success());
    (started.elapsed(), rss)
}

fn parse_size(s: &str) -> u64 {
    let (num, unit) = s.split_at(s.trim_end_matches(['K', 'M', 'G']).len());
    num.parse::<u64>().unwrap()
        * match unit {
            "K" => 1 << 10,
            "M" => 1 << 20,
            "G" => 1 << 30,
            _ => 1,
        }
}

/// BENCH_SIZES (default 64M,1G,4G) and BENCH_ROUNDS (default 3).
fn sizes_and_rounds() -> (String, usize) {
    let sizes = std::env::var("BENCH_SIZES").unwrap_or_else(|_| "64M,1G,4G".into());
    let rounds = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    (sizes, rounds)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "a benchmark: run with --ignored bench_upload --nocapture, in release mode"]
fn bench_upload() {
    let (sizes, rounds) = sizes_and_rounds();
    let sb = Sandbox::new();
    let storage = drain_storage();
    let server = api(&storage);
    println!(
        "size     rounds  --no-verify  curl      ratio  | verified   curl+md5sum  ratio  | MiB/s (no-verify / verified / curl)  peak RSS (cc / curl)"
    );
    for size in sizes.split(',') {
        let bytes = parse_size(size);
        let path = sb.path().join(format!("bench-{size}.bin"));
        // A sparse file: reading it costs what reading cached pages costs, and makes no disk I/O.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(bytes)
            .unwrap();
        let file = path.to_str().unwrap();
        let mut times: [Vec<Duration>; 4] = Default::default();
        let (mut our_rss, mut their_rss) = (0, 0);
        for _ in 0..rounds {
            for (i, verify) in [(0, false), (2, true)] {
                let mut cmd = sb.cmd_std_api(&server);
                cmd.env(
                    "CLOUDCONVERT_SYNC_URL",
                    format!("{}/sync", server.base_url()),
                )
                .args(["-q", "import", "upload", file]);
                if !verify {
                    cmd.arg("--no-verify");
                }
                let (t, rss) = measure(&mut cmd);
                times[i].push(t);
                our_rss = our_rss.max(rss);
            }
            for (i, md5sum) in [(1, false), (3, true)] {
                let (t, rss) = curl_job(&server.base_url(), file, md5sum);
                times[i].push(t);
                their_rss = their_rss.max(rss);
            }
        }
        let [plain, curl, verified, curl_md5] = times.map(|t| median(t).as_secs_f64());
        let mib = bytes as f64 / (1 << 20) as f64;
        println!(
            "{size:<8} {rounds:<7} {plain:>8.3} s  {curl:>7.3} s  {:>5.2}  | {verified:>7.3} s  {curl_md5:>8.3} s  {:>6.2}  | {:>6.0} / {:>6.0} / {:<6.0}                {:.1} MiB / {:.1} MiB",
            plain / curl,
            verified / curl_md5,
            mib / plain,
            mib / verified,
            mib / curl,
            our_rss as f64 / 1024.0,
            their_rss as f64 / 1024.0
        );
        std::fs::remove_file(&path).unwrap();
    }
}

/// The shaped run: 1.5 MB through a storage that reads 50 KB/s into a small window, with the
/// default flags; its wall time against the ideal (size / rate). Run it with:
///
///     cargo test --release --test integration -- --ignored bench_slow_link --nocapture
#[cfg(unix)]
#[test]
#[ignore = "a benchmark: run with --ignored bench_slow_link --nocapture, in release mode"]
fn bench_slow_link() {
    use crate::cloud::{Cloud, Options};
    use crate::storage::Storage;
    let sb = Sandbox::new();
    let (size, rate) = (1_500_000, 50_000);
    let storage = Storage::start_slow(&[("key", "k")], rate);
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|_| Duration::ZERO),
        ..Options::default()
    });
    let file = sb.write("slow.bin", &vec![5u8; size]);
    let (took, rss) = measure(sb.cloud_std(&cloud).args(["import", "upload", &file]));
    let ideal = size as f64 / rate as f64;
    println!(
        "1.5 MB at 50 KB/s, default flags: {:.1} s (ideal {ideal:.1} s, {:.2}x), {} POST, peak RSS {:.1} MiB",
        took.as_secs_f64(),
        took.as_secs_f64() / ideal,
        storage.requests(),
        rss as f64 / 1024.0
    );
}

/// The batch benchmark, at the real service's pace: every answer (API, sync host, storage)
/// waits 50 ms, CloudConvert takes an uploaded file 2 s after its storage answered, and a URL
/// task takes 2 s. 200 files of 64 KiB, then 200 URLs (with --wait), each by `--jobs 8` and by
/// `xargs -P 8` over one-item runs, in the same run; wall time, items a second, API requests
/// per item and peak RSS. Then 8 files of 1 GiB with `--jobs 8`, and 100,000 URLs from a list,
/// for memory. Run it with:
///
///     cargo test --release --test integration -- --ignored bench_batch --nocapture
///
/// BENCH_FILES=200 and BENCH_MANY=100000 change the counts.
#[test]
#[ignore = "a benchmark: run with --ignored bench_batch --nocapture, in release mode"]
fn bench_batch() {
    use crate::cloud::{Cloud, Options};
    use crate::storage::Storage;
    let sb = Sandbox::new();
    let delay = Duration::from_millis(50);
    let settle = Duration::from_secs(2);
    let form = [("key", "k")];
    let count: usize = std::env::var("BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = sb.path().join("many");
    std::fs::create_dir_all(&dir).unwrap();
    let files: Vec<String> = (0..count)
        .map(|i| {
            let p = dir.join(format!("{i:03}.bin"));
            std::fs::write(&p, vec![i as u8; 64 << 10]).unwrap();
            p.to_str().unwrap().to_string()
        })
        .collect();
    let urls: Vec<String> = (0..count)
        .map(|i| format!("https://example.com/scan-{i:03}.pdf"))
        .collect();
    // A fresh stand-in for each run, so that request counts are the run's own.
    let stand_in = || {
        let storage = Storage::start(&form);
        storage.slow(delay);
        let cloud = Cloud::start(Options {
            form: json!({"key": "k"}),
            storage: Some((storage.url.clone(), storage.arrivals())),
            after_upload: std::sync::Arc::new(move |_| settle),
            task_takes: settle,
            delay,
            ..Options::default()
        });
        (storage, cloud)
    };
    println!(
        "{count} files of 64 KiB and {count} URLs; 50 ms per answer, 2 s for CloudConvert to finish each task"
    );
    println!("run                      wall      items/s  API requests/item  peak RSS");
    let row = |what: &str, (t, rss): (Duration, u64), cloud: &Cloud| {
        println!(
            "{what:<24} {:>6.2} s  {:>7.1}  {:>17.2}  {}",
            t.as_secs_f64(),
            count as f64 / t.as_secs_f64(),
            cloud.requests().len() as f64 / count as f64,
            if rss > 0 {
                format!("{:.1} MiB", rss as f64 / 1024.0)
            } else {
                "-".into()
            }
        );
        t
    };
    let xargs = |cloud: &Cloud, args: &[&str], items: &[String]| {
        let mut xargs = Command::new("xargs");
        xargs
            .args([
                "-P",
                "8",
                "-n",
                "1",
                env!("CARGO_BIN_EXE_cloudconvert"),
                "-q",
            ])
            .args(args)
            .env_clear()
            .env("HOME", sb.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("CLOUDCONVERT_API_URL", &cloud.url)
            .env("CLOUDCONVERT_SYNC_URL", &cloud.sync_url)
            .env("CLOUDCONVERT_API_KEY", KEY)
            .stdin(Stdio::piped());
        let started = Instant::now();
        let mut child = xargs
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(items.join("\n").as_bytes()).unwrap();
        }
        assert!(child.wait().unwrap().success());
        (started.elapsed(), 0)
    };

    let (_s, cloud) = stand_in();
    let ours = row(
        "files, --jobs 8",
        measure(
            sb.cloud_std(&cloud)
                .args(["-q", "import", "upload", "-j", "8"])
                .args(&files),
        ),
        &cloud,
    );
    let (_s, cloud) = stand_in();
    let theirs = row(
        "files, xargs -P 8",
        xargs(&cloud, &["import", "upload"], &files),
        &cloud,
    );
    println!(
        "files: --jobs 8 takes {:.2}x the time of xargs -P 8",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );
    let list = sb.write("urls.txt", urls.join("\n").as_bytes());
    let (_s, cloud) = stand_in();
    let ours = row(
        "URLs, --jobs 8 --wait",
        measure(
            sb.cloud_std(&cloud)
                .args(["-q", "import", "url", "--from", &list, "-j", "8", "--wait"]),
        ),
        &cloud,
    );
    let (_s, cloud) = stand_in();
    let theirs = row(
        "URLs, xargs -P 8 --wait",
        xargs(&cloud, &["import", "url", "--wait"], &urls),
        &cloud,
    );
    println!(
        "URLs: --jobs 8 takes {:.2}x the time of xargs -P 8",
        ours.as_secs_f64() / theirs.as_secs_f64()
    );

    // Memory: 8 files of 1 GiB at once, to a storage that drains them.
    let drain = drain_storage();
    let server = api(&drain);
    let big: Vec<String> = (0..8)
        .map(|i| {
            let p = sb.path().join(format!("big-{i}.bin"));
            std::fs::File::create(&p).unwrap().set_len(1 << 30).unwrap();
            p.to_str().unwrap().to_string()
        })
        .collect();
    let (t, rss) = measure(
        sb.cmd_std_api(&server)
            .env(
                "CLOUDCONVERT_SYNC_URL",
                format!("{}/sync", server.base_url()),
            )
            .args(["-q", "import", "upload", "-j", "8", "--no-verify"])
            .args(&big),
    );
    println!(
        "8 files of 1 GiB, --jobs 8 --no-verify: {:.2} s, {:.0} MiB/s, peak RSS {:.1} MiB",
        t.as_secs_f64(),
        8192.0 / t.as_secs_f64(),
        rss as f64 / 1024.0
    );

    // Memory: a list of many URLs (created, not waited for: the stand-in's task list is a
    // plain vector).
    let many: usize = std::env::var("BENCH_MANY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let list: String = (0..many)
        .map(|i| format!("https://example.com/archive/2026/12/document-{i:06}.pdf\n"))
        .collect();
    let list = sb.write("many.txt", list.as_bytes());
    let cloud = Cloud::start(Options::default());
    let (t, rss) = measure(
        sb.cloud_std(&cloud)
            .args(["-q", "import", "url", "--from", &list, "-j", "16"]),
    );
    println!(
        "{many} URLs from --from, --jobs 16: {:.1} s, {:.0} URLs/s, peak RSS {:.1} MiB",
        t.as_secs_f64(),
        many as f64 / t.as_secs_f64(),
        rss as f64 / 1024.0
    );
}

/// A re-run of a finished record of BENCH_URLS (default 5,000) URL imports: no request, and
/// its time (the promise: under 1 s). The first run makes the record against the stand-in.
#[test]
#[ignore = "a benchmark: run with --ignored bench_rerun --nocapture, in release mode"]
fn bench_rerun() {
    use crate::cloud::{Cloud, Options};
    let count: usize = std::env::var("BENCH_URLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5000);
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let list: String = (0..count)
        .map(|i| format!("https://example.com/in/{i}.pdf\n"))
        .collect();
    let from = sb.write("urls.txt", list.as_bytes());
    let record = sb.path().join("urls.jsonl");
    let run = || {
        let out = tempfile::tempfile().unwrap();
        let started = Instant::now();
        let status = sb
            .cloud_std(&cloud)
            .args([
                "import", "url", "--from", &from, "--jobs", "32", "-o", "id", "--record",
            ])
            .arg(&record)
            .stdout(out.try_clone().unwrap())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        (started.elapsed(), out)
    };
    let (first, _) = run();
    let requests = cloud.requests().len();
    let (mut times, mut ids) = (Vec::new(), 0);
    for _ in 0..3 {
        let (took, mut out) = run();
        times.push(took);
        let mut text = String::new();
        std::io::Seek::rewind(&mut out).unwrap();
        out.read_to_string(&mut text).unwrap();
        ids = text.lines().count();
    }
    assert_eq!(
        cloud.requests().len(),
        requests,
        "a re-run sends no request"
    );
    assert_eq!(ids, count);
    times.sort();
    let record_size = std::fs::metadata(&record).unwrap().len();
    println!(
        "{count} URLs: first run {:.2} s; re-run {:.3} s (median of 3, no request), record {:.1} MiB",
        first.as_secs_f64(),
        times[1].as_secs_f64(),
        record_size as f64 / 1048576.0
    );
    assert!(times[1] < Duration::from_secs(1), "{times:?}");
}

/// `--watch` over BENCH_WATCH_FILES (default 100,000) small files arriving in a folder, 1,000
/// at a time: the resident memory of the watch after each tenth, which must not grow with the
/// files seen (each sent file costs the watch a 16-byte hash).
#[test]
#[ignore = "a benchmark: run with --ignored bench_watch --nocapture, in release mode"]
fn bench_watch() {
    use crate::cloud::{Cloud, Options};
    use crate::storage::Storage;
    let count: usize = std::env::var("BENCH_WATCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(5), Options::default());
    let dir = sb.path().join("inbox");
    std::fs::create_dir_all(&dir).unwrap();
    let mut child = sb
        .cloud_std(&cloud)
        .args(["import", "upload", "--watch", "--jobs", "16", "-o", "id"])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let rss = |pid: u32| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    };
    let started = Instant::now();
    let mut readings = Vec::new();
    for start in (0..count).step_by(1000) {
        let sub = dir.join(format!("{:03}", start / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        for i in start..(start + 1000).min(count) {
            std::fs::write(sub.join(format!("{i:06}.txt")), i.to_string()).unwrap();
        }
        let want = (start + 1000).min(count);
        let deadline = Instant::now() + Duration::from_secs(120);
        while storage.received_count() < want && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        if want % (count / 10).max(1000) == 0 {
            readings.push((want, rss(child.id())));
        }
    }
    let sent = storage.received_count();
    kill(child.id(), "INT");
    child.wait().unwrap();
    println!(
        "watch: {sent} of {count} files sent in {:.0} s; resident memory (KiB) after each tenth: {readings:?}",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(sent, count);
}

/// A storage serving `size` zero bytes at every path, as CloudConvert's does a result: a
/// `Content-Length` and an `ETag` that is the body's MD5 (taken once, here). Its URL.
fn zero_storage(size: u64) -> String {
    let mut md5 = md5::Context::new();
    let zeros = vec![0u8; 1 << 20];
    let mut left = size;
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        md5.consume(&zeros[..n]);
        left -= n as u64;
    }
    let etag = format!("{:x}", md5.finalize());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/file", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let etag = etag.clone();
            std::thread::spawn(move || {
                let mut head = BufReader::new(conn.try_clone().unwrap());
                let mut line = String::new();
                while head.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
                    line.clear();
                }
                let zeros = vec![0u8; 1 << 20];
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\nContent-Length: {size}\r\nETag: \"{etag}\"\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
                );
                let mut left = size;
                while left > 0 {
                    let n = left.min(zeros.len() as u64) as usize;
                    if conn.write_all(&zeros[..n]).is_err() {
                        return;
                    }
                    left -= n as u64;
                }
            });
        }
    });
    url
}

/// `cloudconvert task download --no-verify` of an export/url result against `curl -o`, and
/// the default (MD5 checked against the ETag) against curl with the MD5 taken as the bytes come
/// (`curl | tee | md5sum`, what a careful curl user runs to check the ETag), alternating
/// rounds; median time, MiB/s and peak RSS. The file is
/// removed before each run, so every one writes a new file. Run it with:
///
///     cargo test --release --test integration -- --ignored bench_download --nocapture
///
/// BENCH_SIZES (default 64M,1G,4G) and BENCH_ROUNDS (default 3) change what is measured.
#[cfg(unix)]
#[test]
#[ignore = "a benchmark: run with --ignored bench_download --nocapture, in release mode"]
fn bench_download() {
    use crate::cloud::{Cloud, Options};
    let (sizes, rounds) = sizes_and_rounds();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let dir = sb.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("result.bin");
    println!(
        "size     rounds  --no-verify  curl -o   ratio  | verified   curl|md5sum  ratio  | MiB/s (no-verify / verified / curl / curl+md5)  peak RSS (cc / curl)"
    );
    for size in sizes.split(',') {
        let bytes = parse_size(size);
        let url = zero_storage(bytes);
        let task = cloud.add_export(&url, "result.bin", bytes);
        let mut times: [Vec<Duration>; 4] = Default::default();
        let (mut our_rss, mut their_rss) = (0, 0);
        for _ in 0..rounds {
            for (i, verify) in [(0, false), (2, true)] {
                let _ = std::fs::remove_file(&saved);
                let mut cmd = sb.cloud_std(&cloud);
                cmd.args(["-q", "task", "download", &task, "-D"]).arg(&dir);
                if !verify {
                    cmd.arg("--no-verify");
                }
                let (t, rss) = measure(&mut cmd);
                assert_eq!(std::fs::metadata(&saved).unwrap().len(), bytes);
                times[i].push(t);
                our_rss = our_rss.max(rss);
            }

            let _ = std::fs::remove_file(&saved);
            let mut curl = Command::new("curl");
            curl.args(["-sS", "-o"]).arg(&saved).arg(&url);
            let (t, rss) = measure(&mut curl);
            times[1].push(t);
            their_rss = their_rss.max(rss);

            let _ = std::fs::remove_file(&saved);
            let mut checked = Command::new("sh");
            checked
                .arg("-c")
                .arg("curl -sS \"$1\" | tee \"$2\" | md5sum")
                .args(["sh", &url])
                .arg(&saved);
            let (t, _) = measure(&mut checked);
            times[3].push(t);
        }
        let [plain, curl, verified, curl_md5] = times.map(|t| median(t).as_secs_f64());
        let mib = bytes as f64 / (1 << 20) as f64;
        println!(
            "{size:<8} {rounds:<7} {plain:>8.3} s  {curl:>7.3} s  {:>5.2}  | {verified:>7.3} s  {curl_md5:>10.3} s  {:>6.2}  | {:>5.0} / {:>5.0} / {:>5.0} / {:<5.0}    {:.1} MiB / {:.1} MiB",
            plain / curl,
            verified / curl_md5,
            mib / plain,
            mib / verified,
            mib / curl,
            mib / curl_md5,
            our_rss as f64 / 1024.0,
            their_rss as f64 / 1024.0
        );
        let _ = std::fs::remove_file(&saved);
    }
}
