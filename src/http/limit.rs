//! One rate shared by every job: `--limit-rate` for the bytes of the uploads (as curl's flag
//! caps one transfer), and the budget of the polls that waits make when there is no sync host.
//! Each piece of work is given its slot on one schedule before it goes out, so the jobs
//! together never go faster than the rate, and an idle moment earns no burst.

use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct Limiter {
    /// Bytes per second.
    rate: u64,
    /// When the schedule is free again.
    next: Mutex<Option<Instant>>,
}

impl Limiter {
    pub fn new(rate: u64) -> Limiter {
        Limiter {
            rate: rate.max(1),
            next: Mutex::new(None),
        }
    }

    /// How much to read at a time: about 50 ms of sending, so that the rate is even and the
    /// bar moves smoothly, within 1 KiB and `max`.
    pub fn piece(&self, max: usize) -> usize {
        usize::try_from(self.rate / 20)
            .unwrap_or(max)
            .clamp(1024.min(max), max)
    }

    /// Waits for the slot of `n` bytes.
    pub fn take(&self, n: usize) {
        self.take_by(n, None);
    }

    /// Waits for the slot of `n` units, unless it would start after `deadline`: then waits
    /// until the deadline, takes nothing and says so.
    pub fn take_by(&self, n: usize, deadline: Option<Instant>) -> bool {
        let start = {
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let start = next.map_or(now, |t| t.max(now));
            if let Some(d) = deadline.filter(|d| start > *d) {
                drop(next);
                std::thread::sleep(d.saturating_duration_since(now));
                return false;
            }
            let span = Duration::from_secs_f64(n as f64 / self.rate as f64);
            *next = Some(start + span);
            start
        };
        std::thread::sleep(start.saturating_duration_since(Instant::now()));
        true
    }
}

/// A rate as curl writes it: bytes per second, with `K`, `M` or `G` (powers of 1024) after it;
/// `200K`, `1.5M`, `1048576`.
pub fn parse_rate(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (number, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let scale: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" => 1 << 10,
        "M" | "MB" => 1 << 20,
        "G" | "GB" => 1 << 30,
        _ => return Err(format!("unknown unit {unit:?}: use K, M or G (200K, 1M)")),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a rate: give bytes per second, e.g. 200K or 1M"))?;
    let rate = value * scale as f64;
    if !rate.is_finite() || rate < 1.0 || rate > u64::MAX as f64 / 2.0 {
        return Err(format!(
            "{text:?} is not a rate: give at least 1 byte per second, e.g. 200K or 1M"
        ));
    }
    Ok(rate as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_as_curl_writes_them() {
        assert_eq!(parse_rate("200K"), Ok(200 * 1024));
        assert_eq!(parse_rate("1m"), Ok(1 << 20));
        assert_eq!(parse_rate("1.5M"), Ok(3 << 19));
        assert_eq!(parse_rate("2G"), Ok(2 << 30));
        assert_eq!(parse_rate("1000"), Ok(1000));
        for bad in ["", "K", "0", "-5K", "10X", "fast", "NaN", "1e400"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn jobs_share_one_schedule() {
        let l = Limiter::new(100_000);
        assert_eq!(l.piece(1 << 20), 5000);
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..5 {
                        l.take(5000);
                    }
                });
            }
        });
        // 10 pieces of 5000 B at 100 kB/s: the last may start after 0.45 s.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(440), "{took:?}");
        assert!(took < Duration::from_millis(700), "{took:?}");
    }
}
