//! How an upload's bytes move on real links: progress and the stall watchdog count what the
//! storage has taken in, a 2xx status line means stored, and `--limit-rate` caps the rate.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::storage::Answer;
use crate::storage::Storage;
use crate::support::*;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;
use std::time::Instant;

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
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(300), Options::default());
    let data = vec![7u8; 600_000];
    let file = sb.write("slow.bin", &data);
    let storage = Arc::new(storage);
    let leads = Arc::new(Mutex::new(Vec::new()));
    let (seen_by, leads_in) = (storage.clone(), leads.clone());
    let started = Instant::now();
    let mut cmd = sb.cloud_std(&cloud);
    cmd.args(["--timeout", "3", "import", "upload", &file]);
    // Each time the bar is drawn, what it shows against what the storage has read.
    let watch = move |piece: &[u8]| {
        let received = seen_by.body_bytes() as f64;
        let text = crate::support::terminal::strip_ansi(&String::from_utf8_lossy(piece));
        for (shown, total) in shown_positions(&text) {
            if (total - 600_000.0).abs() < 1024.0 {
                leads_in.lock().unwrap().push((shown, received));
            }
        }
    };
    let ended = crate::support::terminal::start_watched(80, cmd, On::StderrPiped, watch).end();
    let took = started.elapsed();
    assert!(
        ended.status.success(),
        "exit {:?} after {took:?}",
        ended.status
    );
    assert!(ended.stdout.contains("\"finished\""), "{}", ended.stdout);
    assert!(
        took >= Duration::from_secs(10),
        "the link is slow: {took:?}"
    );
    let leads = leads.lock().unwrap().clone();
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
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(300), Options::default());
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
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(300), Options::default());
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

#[test]
fn limit_rate_caps_the_send_rate() {
    let sb = Sandbox::new();
    let storage = Storage::start(FORM);
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(300), Options::default());
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
        took >= Duration::from_secs(9) && took <= Duration::from_secs(12) + launch_slack(),
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
    let cloud = Cloud::for_storage_with(&storage, Duration::from_millis(300), Options::default());
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
        took >= Duration::from_secs(9) && took <= Duration::from_secs(13) + launch_slack(),
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
