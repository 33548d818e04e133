//! The stand-in CloudConvert and its storage, served until the process is stopped, to try the
//! tool against by hand (the closing notes' screens were taken so). Ignored: not a test.
//!
//!     cargo test --release --test integration -- --ignored serve_stand_in --nocapture
//!
//! It prints the variables to export. Uploads settle 2 s after the storage has them, as the
//! real service's do; STANDIN_DELAY_MS (default 50) delays every answer; STANDIN_GONE_AFTER=SECS
//! makes the service go away that long after its first request (an outage: refused).

use crate::cloud::{Cloud, Options};
use crate::storage::Storage;
use crate::support::*;
use std::time::{Duration, Instant};

#[test]
#[ignore = "a stand-in to try the tool against: run with --ignored serve_stand_in --nocapture"]
fn serve_stand_in() {
    let number = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let storage = Storage::start(FORM);
    let options = Options {
        delay: Duration::from_millis(number("STANDIN_DELAY_MS", 50)),
        ..Options::default()
    };
    let cloud = Cloud::for_storage_with(&storage, Duration::from_secs(2), options);
    println!(
        "export CLOUDCONVERT_API_URL={} CLOUDCONVERT_SYNC_URL={} CLOUDCONVERT_API_KEY={KEY}",
        cloud.url, cloud.sync_url
    );
    let gone_after = std::env::var("STANDIN_GONE_AFTER")
        .ok()
        .and_then(|v| v.parse().ok())
        .map(Duration::from_secs);
    let mut first: Option<Instant> = None;
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if first.is_none() && !cloud.requests().is_empty() {
            first = Some(Instant::now());
        }
        if let (Some(at), Some(after)) = (first, gone_after)
            && at.elapsed() >= after
        {
            cloud.stop();
            println!("the service went away");
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    }
}
