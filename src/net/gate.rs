//! One rate-limit pause shared by every job in flight (rclone's pacer): a 429 or 503 with a
//! `Retry-After`, or an answer whose `X-Ratelimit-Remaining` reached 0, closes the gate until the
//! time named, and every API call waits at the gate before it goes out. So one job's 429 pauses
//! them all, instead of each provoking its own.

use reqwest::header::HeaderMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

#[derive(Default)]
pub struct Gate {
    until: Mutex<Option<Instant>>,
}

impl Gate {
    /// Blocks while the gate is closed, for at most `limit`; false when the limit came first.
    pub fn wait_at_most(&self, limit: Option<Duration>) -> bool {
        let deadline = limit.and_then(|l| Instant::now().checked_add(l));
        loop {
            let until = *self.until.lock().unwrap_or_else(|e| e.into_inner());
            match until.map(|u| u.saturating_duration_since(Instant::now())) {
                Some(left) if !left.is_zero() => {
                    if let Some(d) = deadline {
                        let rest = d.saturating_duration_since(Instant::now());
                        if rest < left {
                            std::thread::sleep(rest);
                            return false;
                        }
                    }
                    std::thread::sleep(left)
                }
                _ => return true,
            }
        }
    }

    /// Whether a call may go out now.
    pub fn is_open(&self) -> bool {
        self.until
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none_or(|u| u <= Instant::now())
    }

    /// Closes the gate for `pause` from now, unless it is closed longer already. True when this
    /// call moved the reopening later (so the pause is told once, not by every job).
    pub fn close_for(&self, pause: Duration) -> bool {
        let Some(until) = Instant::now().checked_add(pause) else {
            return false;
        };
        let mut current = self.until.lock().unwrap_or_else(|e| e.into_inner());
        if current.is_some_and(|c| c >= until) {
            return false;
        }
        *current = Some(until);
        true
    }
}

/// When `X-Ratelimit-Remaining` is 0, how long new requests hold off: until `X-Ratelimit-Reset`
/// (a Unix time, or seconds from now), else as `Retry-After` says, else a second, after which
/// the API's own 429 names the wait.
pub fn window(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let get = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    if get("x-ratelimit-remaining")?.parse::<u64>().ok()? != 0 {
        return None;
    }
    if let Some(reset) = get("x-ratelimit-reset").and_then(|r| r.parse::<u64>().ok()) {
        let since_epoch = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or_default();
        // A large number is a Unix time; a small one, seconds from now.
        return Some(if reset > 1_000_000_000 {
            Duration::from_secs(reset).saturating_sub(since_epoch)
        } else {
            Duration::from_secs(reset)
        });
    }
    if let Some(after) = get("retry-after").and_then(|v| super::retry::parse_retry_after(v, now)) {
        return Some(after);
    }
    Some(Duration::from_secs(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_window_after_the_last_request_of_it() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(
            window(&headers(&[("x-ratelimit-remaining", "3")]), now),
            None
        );
        assert_eq!(
            window(
                &headers(&[
                    ("x-ratelimit-remaining", "0"),
                    ("x-ratelimit-reset", "1800000007")
                ]),
                now
            ),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            window(
                &headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "12")]),
                now
            ),
            Some(Duration::from_secs(12))
        );
        assert_eq!(
            window(&headers(&[("x-ratelimit-remaining", "0")]), now),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn a_closed_gate_holds_every_caller_and_is_told_once() {
        let gate = Gate::default();
        assert!(gate.close_for(Duration::from_millis(200)));
        assert!(
            !gate.close_for(Duration::from_millis(100)),
            "already closed longer"
        );
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| assert!(gate.wait_at_most(None)));
            }
        });
        assert!(started.elapsed() >= Duration::from_millis(190));
        gate.close_for(Duration::from_secs(60));
        let started = Instant::now();
        assert!(!gate.wait_at_most(Some(Duration::from_millis(100))));
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "cut at the limit"
        );
    }
}
