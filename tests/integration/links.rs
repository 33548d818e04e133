//! Uploads on real links: progress and the stall watchdog count what the storage has taken in,
//! a 2xx status line means stored, the stored file is checked against the local one, the send
//! rate can be capped, waits end at their deadline, and a file the form cannot take is refused
//! before it is sent.

use crate::cloud::{Cloud, Md5, Options};
use crate::storage::{Answer, Etag, Storage};
use crate::support::*;
use serde_json::json;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

const FORM: &[(&str, &str)] = &[("key", "k")];

fn cloud_for(storage: &Storage, options: Options) -> Cloud {
    Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some((storage.url.clone(), storage.arrivals())),
        after_upload: std::sync::Arc::new(|_| Duration::from_millis(300)),
        ..options
    })
}

/// The byte counts the bars showed, as `(shown, total)` in bytes, from a terminal's text.
fn shown_positions(screen: &str) -> Vec<(f64, f64)> {
    let unit = |u: &str| match u {
        "B" => 1.0,
        "KiB" => 1024.0,
        "MiB" => 1024.0 * 1024.0,
        _ => f64::NAN,
    };
    let words: Vec<&str> = screen.split_whitespace().collect();
    let mut found = Vec::new();
    for w in words.windows(3) {
        // `{bytes}/{total_bytes}` prints as `12.50 KiB/585.94 KiB`.
        if let Some((unit_a, number_b)) = w[1].split_once('/')
            && let (Ok(a), Ok(b)) = (w[0].parse::<f64>(), number_b.parse::<f64>())
        {
            let (a, b) = (a * unit(unit_a), b * unit(w[2]));
            if a.is_finite() && b.is_finite() {
                found.push((a, b));
            }
        }
    }
    found
}

#[cfg(unix)]
#[test]
fn on_a_slow_link_the_bar_follows_what_the_storage_has_and_nothing_stalls() {
    let sb = Sandbox::new();
    // 50 KB/s into a small window: 600 KB take 12 s, four times --timeout.
    let storage = Storage::start_slow(FORM, 50_000);
    let cloud = cloud_for(&storage, Options::default());
    let data = vec![7u8; 600_000];
    let file = sb.write("slow.bin", &data);
    let pty = crate::support::Pty::open();
    let started = Instant::now();
    let mut child = sb
        .cloud_std(&cloud)
        .env("TERM", "xterm")
        .args(["--timeout", "3", "import", "upload", &file])
        .stdout(Stdio::piped())
        .stderr(pty.terminal.try_clone().unwrap())
        .spawn()
        .unwrap();
    // The child holds the terminal side now: when it ends, the reader sees the end.
    drop(pty.terminal);
    let mut master = pty.master;
    let watcher = std::thread::spawn(move || {
        // Each time the bar is drawn, what it shows against what the storage has read.
        let mut buf = [0u8; 4096];
        let mut leads = Vec::new();
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            let received = storage.body_bytes() as f64;
            let text = crate::first_contact::strip_ansi(&String::from_utf8_lossy(&buf[..n]));
            for (shown, total) in shown_positions(&text) {
                if (total - 600_000.0).abs() < 1024.0 {
                    leads.push((shown, received));
                }
            }
        }
        (leads, storage)
    });
    let status = child.wait().unwrap();
    let took = started.elapsed();
    let mut out = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    assert!(status.success(), "exit {status:?} after {took:?}");
    assert!(out.contains("\"finished\""), "{out}");
    assert!(
        took >= Duration::from_secs(10),
        "the link is slow: {took:?}"
    );
    let (leads, storage) = watcher.join().unwrap();
    assert_eq!(storage.requests(), 1, "sent once, never again");
    if emulated() {
        // Wine has no SIO_TCP_INFO, qemu-user no TCP_INFO: the bar counts bytes written, and
        // what is tested there is that a slow but steady link never trips the watchdog.
        return;
    }
    let partial = leads.iter().filter(|(shown, _)| *shown < 500_000.0).count();
    assert!(
        partial >= 10,
        "the bar moves with the link, not at once: {leads:?}"
    );
    let worst = leads
        .iter()
        .map(|(shown, received)| shown - received)
        .fold(f64::MIN, f64::max);
    eprintln!(
        "slow link: {} bar readings, largest lead over the storage {worst:.0} B",
        leads.len()
    );
    assert!(
        worst <= 256.0 * 1024.0,
        "the bar led the storage by {worst} bytes: {leads:?}"
    );
}

#[test]
fn a_storage_that_stops_reading_fails_within_the_timeout_saying_so() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[Answer::Stall]);
    let cloud = cloud_for(&storage, Options::default());
    let file = sb.write("big.bin", &vec![1u8; 6 << 20]);
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args([
            "--timeout",
            "2",
            "--retries",
            "0",
            "import",
            "upload",
            &file,
        ])
        .output()
        .unwrap();
    let took = started.elapsed();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(
        err.contains("no progress for 2 s: the storage stopped taking data (")
            && err.contains(" delivered)"),
        "{err}"
    );
    // Where the system cannot tell what was acknowledged (under wine or qemu-user), the
    // watchdog also allows the send buffer time to drain at the rate seen.
    assert!(took < stall_bound(4), "{took:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_201_whose_body_drips_is_stored_and_not_sent_again() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.script(&[Answer::Drip]);
    let cloud = cloud_for(&storage, Options::default());
    let file = sb.write("a.txt", b"hello");
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(storage.requests(), 1, "one POST at the storage");
    assert!(started.elapsed() < Duration::from_secs(15));
}

/// One upload of a small PDF (from a file, or from stdin) to a fresh storage, with `-v`.
fn upload(md5: Md5, etag: Etag, extra: &[&str], stdin: bool) -> (Cloud, std::process::Output) {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    storage.etag(etag);
    let cloud = cloud_for(
        &storage,
        Options {
            md5,
            ..Options::default()
        },
    );
    let file = sb.write("report.pdf", b"%PDF-1.7 the local file");
    let mut cmd = sb.cloud(&cloud);
    cmd.args(["-v", "import", "upload"]).args(extra);
    if stdin {
        cmd.args(["-", "--filename", "report.pdf"])
            .pipe_stdin(&file)
            .unwrap();
    } else {
        cmd.arg(&file);
    }
    let out = cmd.output().unwrap();
    (cloud, out)
}

#[test]
fn the_stored_file_is_checked_against_the_local_one() {
    let local = format!("{:x}", md5::compute(b"%PDF-1.7 the local file"));
    // ETag and task both say the MD5: verified, and the ETag said so first.
    let (_, out) = upload(Md5::Real, Etag::Md5, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("md5 verified ({local})")), "{err}");
    assert!(err.contains("ETag matches"), "{err}");

    // An ETag that is not the MD5 (server-side encryption) is no alarm.
    let (_, out) = upload(Md5::Real, Etag::Other, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("md5 verified"), "{err}");
    assert!(!err.contains("ETag matches"), "{err}");

    // No hash anywhere: nothing claimed.
    let (_, out) = upload(Md5::Missing, Etag::Missing, &[], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("verified") && !err.contains("ETag"), "{err}");
    assert!(err.contains("reports no MD5"), "{err}");

    // A stdin upload is hashed too.
    let (_, out) = upload(Md5::Real, Etag::Other, &[], true);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("md5 verified ({local})")), "{err}");
}

#[test]
fn a_stored_file_that_differs_is_an_error_and_its_task_is_deleted() {
    let local = format!("{:x}", md5::compute(b"%PDF-1.7 the local file"));
    for stdin in [false, true] {
        let (cloud, out) = upload(Md5::Wrong, Etag::Md5, &[], stdin);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty(), "the task is not printed");
        let id = crate::cloud::id(1);
        let line = err
            .lines()
            .find(|l| l.contains("differs"))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(
            line.contains("report.pdf")
                && line.contains(&id)
                && line.contains(&local)
                && line.contains("9e107d9d372bb6826bd81d3542a419d6")
                && line.contains("deleted"),
            "{line}"
        );
        assert_eq!(cloud.count("DELETE", &format!("/v2/tasks/{id}")), 1);
    }

    // --no-verify: the check is off, and -v says so.
    let (cloud, out) = upload(Md5::Wrong, Etag::Md5, &["--no-verify"], false);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("md5 not compared (--no-verify)"), "{err}");
    assert!(
        !err.contains("differs") && !err.contains("verified"),
        "{err}"
    );
    assert_eq!(cloud.count("DELETE", "/v2/tasks/"), 0);
}

#[test]
fn limit_rate_caps_the_send_rate() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage, Options::default());
    let file = sb.write("mb.bin", &vec![3u8; 1_000_000]);
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--limit-rate", "100K", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let took = started.elapsed();
    // 1,000,000 B at 102,400 B/s is 9.8 s; the task ends 0.3 s after the file.
    assert!(
        took >= Duration::from_secs(9) && took <= Duration::from_secs(12),
        "{took:?}"
    );
    let out = sb
        .cloud(&cloud)
        .args(["import", "upload", "--limit-rate", "fast", &file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("200K"), "{}", stderr(&out));
}

#[test]
fn a_low_limit_rate_never_trips_the_stall_watchdog() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = cloud_for(&storage, Options::default());
    // 2,000 B at 200 B/s with --timeout 3: the limiter's pauses are no stall.
    let file = sb.write("slow.bin", &[7u8; 2000]);
    let started = Instant::now();
    let out = sb
        .cloud(&cloud)
        .args([
            "--timeout",
            "3",
            "import",
            "upload",
            "--limit-rate",
            "200",
            &file,
        ])
        .output()
        .unwrap();
    let took = started.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no progress"), "{}", stderr(&out));
    assert_eq!(storage.requests(), 1, "sent once");
    assert!(
        took >= Duration::from_secs(9) && took <= Duration::from_secs(13),
        "{took:?}"
    );

    // Ten jobs sharing 1 KiB a second.
    let files: Vec<String> = (0..10)
        .map(|i| sb.write(&format!("many/{i}.bin"), &[i as u8; 200]))
        .collect();
    let out = sb
        .cloud(&cloud)
        .args([
            "--timeout",
            "3",
            "import",
            "upload",
            "-j",
            "10",
            "--limit-rate",
            "1K",
        ])
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 10);
    assert_eq!(storage.requests(), 11, "each file once");
}

#[test]
fn wait_timeout_is_a_hard_bound_whatever_the_server_does() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        task_takes: Duration::from_secs(600),
        hang_gets: Some(Duration::from_secs(120)),
        ..Options::default()
    });
    // The sync host never answers; then the API host alone, whose polls never answer.
    for (n, mut cmd) in [sb.cloud(&cloud), sb.api_url(&cloud)]
        .into_iter()
        .enumerate()
    {
        let started = Instant::now();
        let out = cmd
            .args([
                "import",
                "url",
                "https://example.com/a.pdf",
                "--wait",
                "--wait-timeout",
                "3",
            ])
            .output()
            .unwrap();
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert!(took < Duration::from_secs(4), "{took:?}");
        let last: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(last["id"], crate::cloud::id(n + 1), "the task as last seen");
    }
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

#[test]
fn uploads_go_through_the_proxy_named_in_the_environment() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    // The form names a host that exists only behind the proxy (the storage stand-in, which
    // takes the whole URL in the request line as a proxy does).
    let cloud = Cloud::start(Options {
        form: json!({"key": "k"}),
        storage: Some(("http://storage.invalid/tasks".into(), storage.arrivals())),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"through the proxy");
    let proxy = storage.url.trim_end_matches("/tasks").to_string();
    let out = sb
        .cloud(&cloud)
        .env("HTTP_PROXY", &proxy)
        .env("NO_PROXY", "127.0.0.1")
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let got = storage.received();
    assert_eq!(got.len(), 1);
    assert!(
        got[0].path.starts_with("http://storage.invalid/tasks/"),
        "{}",
        got[0].path
    );
    assert_eq!(got[0].data, b"through the proxy");
}

/// A plain-http proxy that tunnels `CONNECT` to 127.0.0.1; the CONNECT lines it was sent.
fn connect_proxy() -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            let mut reader = BufReader::new(conn);
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            log.lock().unwrap().push(line.trim_end().to_string());
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let port = line.rsplit(':').next().unwrap().split(' ').next().unwrap();
            let Ok(target) = TcpStream::connect(format!("127.0.0.1:{port}")) else {
                return;
            };
            let mut client = reader.into_inner();
            client
                .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                .unwrap();
            let (mut c2, mut t2) = (client.try_clone().unwrap(), target.try_clone().unwrap());
            let mut target = target;
            std::thread::spawn(move || std::io::copy(&mut c2, &mut t2));
            std::thread::spawn(move || std::io::copy(&mut target, &mut client));
        }
    });
    (url, seen)
}

#[test]
fn https_uploads_tunnel_through_the_proxy_and_check_the_certificate() {
    let sb = Sandbox::new();
    let (port, connections) = crate::support::untrusted_tls_server();
    let storage = Storage::start(FORM);
    let file = sb.write("a.txt", b"secret data");
    let (proxy, seen) = connect_proxy();
    for via_proxy in [false, true] {
        let cloud = Cloud::start(Options {
            form: json!({"key": "k"}),
            storage: Some((
                format!("https://localhost:{port}/tasks"),
                storage.arrivals(),
            )),
            ..Options::default()
        });
        let mut cmd = sb.cloud(&cloud);
        if via_proxy {
            cmd.env("HTTPS_PROXY", &proxy).env("NO_PROXY", "127.0.0.1");
        }
        let out = cmd.args(["import", "upload", &file]).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(
            err.contains("not signed by an authority this system trusts"),
            "{err}"
        );
        assert!(!err.contains("sending it again"), "not retried: {err}");
    }
    assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 2);
    assert_eq!(
        *seen.lock().unwrap(),
        vec![format!("CONNECT localhost:{port} HTTP/1.1")]
    );
}
