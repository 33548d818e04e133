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

    /// How much to read at a time: about 50 ms of sending, so that the rate is even, the bar
    /// moves smoothly and even 1 byte a second moves every second; at most `max`.
    pub fn piece(&self, max: usize) -> usize {
        usize::try_from(self.rate / 20).unwrap_or(max).clamp(1, max)
    }

    /// Waits for the slot of `n` bytes, unless `stop` says to give up first (looked at every
    /// 50 ms): true when the slot came.
    pub fn take_unless(&self, n: usize, stop: impl Fn() -> bool) -> bool {
        let start = self.book(n, Instant::now());
        loop {
            let left = start.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return true;
            }
            if stop() {
                return false;
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
    }

    /// Books the next slot of `n` units, at `now` or later: when it starts.
    fn book(&self, n: usize, now: Instant) -> Instant {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        let start = next.map_or(now, |t| t.max(now));
        *next = Some(start + Duration::from_secs_f64(n as f64 / self.rate as f64));
        start
    }

    /// Books the slot of `n` units: when it starts, or None (nothing taken) when it would
    /// start after `deadline`. The caller waits for it (and may stop waiting).
    pub fn book_by(&self, n: usize, deadline: Option<Instant>) -> Option<Instant> {
        let now = Instant::now();
        {
            let next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let start = next.map_or(now, |t| t.max(now));
            if deadline.is_some_and(|d| start > d) {
                return None;
            }
        }
        Some(self.book(n, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_share_one_schedule() {
        let l = Limiter::new(100_000);
        assert_eq!(l.piece(1 << 20), 5000);
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..5 {
                        assert!(l.take_unless(5000, || false));
                    }
                });
            }
        });
        // 10 pieces of 5000 B at 100 kB/s: the last may start after 0.45 s.
        let took = started.elapsed();
        assert!(took >= Duration::from_millis(440), "{took:?}");
        assert!(took < Duration::from_millis(700), "{took:?}");
    }

    #[test]
    fn a_slow_rate_reads_small_pieces_and_a_stopped_reader_does_not_sleep_out_its_slot() {
        let l = Limiter::new(200);
        assert_eq!(l.piece(1 << 20), 10);
        assert_eq!(Limiter::new(1).piece(1 << 20), 1);
        assert!(l.take_unless(1000, || false));
        // The next slot starts in 5 s; a reader told to stop gives it up at once.
        let started = Instant::now();
        assert!(!l.take_unless(10, || true));
        assert!(started.elapsed() < Duration::from_millis(100));
    }
}
