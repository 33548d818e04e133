//! The stall watchdog: an upload fails when the storage takes in no byte for `--timeout`
//! seconds, counting what the storage acknowledged (not what the kernel took), with time for
//! the send buffer to drain where the system cannot tell what was acknowledged.

use super::socket::{self, Probe};
use std::time::Duration;

/// How often the watchdog looks at the socket (and the bar is moved).
pub const TICK: Duration = Duration::from_millis(250);

/// How the socket took bytes, for the drain allowance: the first tick's fill, then each write.
#[derive(Default)]
pub struct Drain {
    /// Bytes written by the end of the first tick, and when that was.
    fill: Option<(u64, Duration)>,
    /// The bytes written when last seen, and when they last grew.
    written: u64,
    grew: Duration,
}

impl Drain {
    pub fn saw(&mut self, written: u64, at: Duration) {
        if written > self.written {
            self.written = written;
            self.grew = at;
        }
        self.fill.get_or_insert((written, at));
    }

    /// The rate the send buffer drained at: the bytes written after the first fill over the
    /// time they took (in steady state a write is the buffer making room). None before a
    /// second of such writes.
    fn rate(&self) -> Option<f64> {
        let (fill, at) = self.fill?;
        let took = self.grew.checked_sub(at)?.as_secs_f64();
        (took >= 1.0 && self.written > fill).then(|| (self.written - fill) as f64 / took)
    }
}

/// Where the system cannot tell what the storage acknowledged (Windows before 1703, wine,
/// qemu-user), bytes written count as delivered, and up to the send buffer's worth (kept
/// small there) may still be on their way when writing stops: a slow but steady link would
/// look stalled. So the watchdog gives that buffer the time it takes to drain at the rate it
/// drained so far, and a storage that stops reading still fails within `--timeout` plus that.
pub fn drain_allowance(probe: &Probe, drain: &Drain, sent: u64, elapsed: Duration) -> Duration {
    if probe.counts_acks() {
        return Duration::ZERO;
    }
    allowance_for(sent, drain.rate(), elapsed)
}

/// The time `sent`'s last buffer's worth takes at `rate`; with no rate seen yet (all of it
/// went into the buffer at once), the rate of the whole upload so far, which grows the
/// allowance with the wait: a file that fits the buffer is never failed for a slow link.
fn allowance_for(sent: u64, rate: Option<f64>, elapsed: Duration) -> Duration {
    let rate = rate.unwrap_or(sent as f64 / elapsed.as_secs_f64().max(0.001));
    if rate < 1.0 {
        return Duration::ZERO;
    }
    let buffered = sent.min(u64::from(socket::FALLBACK_SEND_BUFFER));
    Duration::from_secs_f64(buffered as f64 / rate).min(Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_send_buffer_is_given_the_time_to_drain_at_the_rate_seen() {
        // 400 KB written in 10 s (40 KB/s): the 256 KiB buffer takes 6.6 s to drain.
        let d = allowance_for(400_000, None, Duration::from_secs(10));
        assert!((6.5..6.6).contains(&d.as_secs_f64()), "{d:?}");
        // Nothing moved yet: no allowance, a storage that never reads fails as before.
        assert_eq!(
            allowance_for(0, None, Duration::from_secs(5)),
            Duration::ZERO
        );
        // 300 KB at once, then 300 KB more over 6 s: the buffer drains at 50 KB/s, so its
        // 256 KiB take 5.2 s, however long the wait has been.
        let mut drain = Drain::default();
        drain.saw(300_000, Duration::from_millis(250));
        drain.saw(600_000, Duration::from_millis(6250));
        let d = allowance_for(600_000, drain.rate(), Duration::from_secs(30));
        assert!((5.2..5.3).contains(&d.as_secs_f64()), "{d:?}");
    }
}
