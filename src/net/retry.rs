//! The retry policy, apart from the sending: which failures are retried, and how long to wait.

use std::time::{Duration, Instant, SystemTime};

/// The longest wait a `Retry-After` can ask for; a server asking more is not waited on longer.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
const BASE: Duration = Duration::from_millis(500);
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// What went wrong with one attempt.
#[derive(Debug, Clone, Copy)]
pub enum Failure {
    /// The server answered with this status (and maybe a `Retry-After`).
    Status(u16, Option<Duration>),
    /// No connection could be made: the request never left.
    Connect,
    /// The connection failed or timed out after the request may have reached the server.
    Network,
    /// A failure that trying again cannot mend (a certificate the system does not trust): the
    /// request never left.
    Permanent,
    /// The server answered, but with an answer that cannot be used (too large): asking again
    /// would get the same, and the server has acted on the request.
    Unusable,
}

/// What a call does to the server's state, which decides whether it may be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads only: sending it again is harmless.
    Safe,
    /// Creates a task (an import, a retry): sent again only where the server cannot have acted.
    Creates,
    /// Changes a task (cancel, delete): likewise, as a second one would fail on the changed task.
    Changes,
}

/// One call's retries (cargo's `Retry`): the failures so far, and the decision after each
/// one. The API calls and the uploads both ask it, and pause and log where it says, in one
/// place (`Http::pause_to_retry`).
pub struct Retries {
    attempt: u32,
    /// `--retries`; ignored within a deadline.
    count: u32,
    /// A wait's deadline: until then, every failure that may pass is tried again, and a
    /// server asking for a long pause gets it, as far as the deadline.
    deadline: Option<Instant>,
}

/// What to do after a failure.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// Pause this long, then try again.
    Retry(Duration),
    /// The pause would end past the deadline: wait until it, then give up.
    UntilDeadline(Duration),
    /// Give up now.
    Stop,
}

impl Retries {
    pub fn new(count: u32, deadline: Option<Instant>) -> Retries {
        Retries {
            attempt: 0,
            count,
            deadline,
        }
    }

    /// Whether another attempt may follow this many failures.
    pub fn more(&self) -> bool {
        self.deadline.is_some() || self.attempt < self.count
    }

    /// Counts a failure that is tried again at once (a rate-limit pause the gate holds).
    pub fn again(&mut self) {
        self.attempt += 1;
    }

    /// After a failure: try again after a pause, or stop.
    pub fn decide(&mut self, failure: Failure, idem: Idempotency) -> Decision {
        if !self.more() {
            return Decision::Stop;
        }
        let wait = next_wait(failure, self.attempt, idem).or_else(|| {
            self.deadline
                .is_some()
                .then(|| asked_too_long(failure))
                .flatten()
        });
        let Some(wait) = wait else {
            return Decision::Stop;
        };
        if let Some(left) = self
            .deadline
            .map(|d| d.saturating_duration_since(Instant::now()))
            .filter(|l| *l <= wait)
        {
            return Decision::UntilDeadline(left);
        }
        self.attempt += 1;
        Decision::Retry(wait)
    }

    /// How the note names this retry: `retry 2 of 3`, or within a wait's deadline.
    pub fn counted(&self) -> String {
        match self.deadline {
            Some(_) => format!("retry {}, until the wait's deadline", self.attempt),
            None => format!("retry {} of {}", self.attempt, self.count),
        }
    }
}

/// Whether to try again, and after how long.
pub fn next_wait(failure: Failure, attempt: u32, idem: Idempotency) -> Option<Duration> {
    let creates = idem != Idempotency::Safe;
    match failure {
        // A server asking for longer than the cap is not waited on: the call fails at once
        // and says how long was asked (see `asked_too_long`).
        Failure::Status(429 | 503, Some(after)) if after > MAX_RETRY_AFTER => None,
        Failure::Status(429 | 503, after) => Some(after.unwrap_or_else(|| backoff(attempt))),
        Failure::Status(s, _) if s >= 500 && !creates => Some(backoff(attempt)),
        Failure::Status(..) => None,
        Failure::Connect => Some(backoff(attempt)),
        Failure::Network if !creates => Some(backoff(attempt)),
        Failure::Network | Failure::Permanent | Failure::Unusable => None,
    }
}

/// The wait a server asked for, when it is longer than the tool waits.
pub fn asked_too_long(failure: Failure) -> Option<Duration> {
    match failure {
        Failure::Status(429 | 503, Some(after)) if after > MAX_RETRY_AFTER => Some(after),
        _ => None,
    }
}

/// Whether the server may have carried out a request that failed this way (so a create may
/// have made a task even though no answer said so).
pub fn may_have_acted(failure: Failure) -> bool {
    match failure {
        Failure::Network | Failure::Unusable => true,
        Failure::Status(s, _) => s >= 500 && s != 503,
        Failure::Connect | Failure::Permanent => false,
    }
}

/// Exponential backoff with jitter: 0.5 s, 1 s, 2 s … up to 8 s, each plus up to half again.
pub fn backoff(attempt: u32) -> Duration {
    let exp = BASE.saturating_mul(1u32 << attempt.min(5)).min(MAX_BACKOFF);
    let jitter = random_fraction();
    exp + exp.mul_f64(jitter / 2.0)
}

/// `Retry-After` as seconds or as an HTTP date.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    // httpdate checks every field (and takes the obsolete forms too), so no value a server
    // sends can overflow the arithmetic.
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in [0, 1), for jitter.
fn random_fraction() -> f64 {
    fastrand::f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_counts_retries_or_keeps_to_a_deadline() {
        let mut r = Retries::new(2, None);
        assert!(matches!(
            r.decide(Failure::Connect, Idempotency::Safe),
            Decision::Retry(_)
        ));
        assert_eq!(r.counted(), "retry 1 of 2");
        assert!(matches!(
            r.decide(Failure::Connect, Idempotency::Safe),
            Decision::Retry(_)
        ));
        assert_eq!(
            r.decide(Failure::Connect, Idempotency::Safe),
            Decision::Stop
        );
        // Within a wait: as often as the deadline allows, a long Retry-After included, and
        // a pause that would pass the deadline ends at it.
        let long = Failure::Status(429, Some(Duration::from_secs(120)));
        let mut r = Retries::new(0, Some(Instant::now() + Duration::from_secs(3600)));
        for _ in 0..10 {
            assert!(matches!(
                r.decide(Failure::Network, Idempotency::Safe),
                Decision::Retry(_)
            ));
        }
        assert_eq!(
            r.decide(long, Idempotency::Safe),
            Decision::Retry(Duration::from_secs(120))
        );
        let mut r = Retries::new(3, Some(Instant::now() + Duration::from_secs(1)));
        assert!(matches!(
            r.decide(long, Idempotency::Safe),
            Decision::UntilDeadline(_)
        ));
        // A create is not sent again where it may have arrived, deadline or not.
        let mut r = Retries::new(3, None);
        assert_eq!(
            r.decide(Failure::Network, Idempotency::Creates),
            Decision::Stop
        );
    }

    #[test]
    fn policy() {
        assert_eq!(
            next_wait(
                Failure::Status(429, Some(Duration::from_secs(2))),
                0,
                Idempotency::Creates
            ),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            next_wait(
                Failure::Status(503, Some(Duration::from_secs(999))),
                0,
                Idempotency::Safe
            ),
            None,
            "a longer wait than the cap fails at once"
        );
        assert_eq!(
            asked_too_long(Failure::Status(503, Some(Duration::from_secs(999)))),
            Some(Duration::from_secs(999))
        );
        assert!(next_wait(Failure::Status(502, None), 0, Idempotency::Safe).is_some());
        assert!(
            next_wait(Failure::Status(502, None), 0, Idempotency::Creates).is_none(),
            "a create may have happened"
        );
        assert!(next_wait(Failure::Status(422, None), 0, Idempotency::Safe).is_none());
        assert!(next_wait(Failure::Status(404, None), 0, Idempotency::Safe).is_none());
        assert!(next_wait(Failure::Connect, 0, Idempotency::Creates).is_some());
        assert!(next_wait(Failure::Network, 0, Idempotency::Creates).is_none());
        assert!(next_wait(Failure::Network, 0, Idempotency::Safe).is_some());
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        for attempt in 0..10 {
            let base = BASE.saturating_mul(1 << attempt.min(5)).min(MAX_BACKOFF);
            let b = backoff(attempt);
            assert!(b >= base && b <= base.mul_f64(1.5), "{attempt}: {b:?}");
        }
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        for absurd in [
            "Sun, 06 Nov 1994 99:49:37 GMT",
            "Sun, 06 Nov 99999999999999 08:49:37 GMT",
            "Sun, 99 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:99:99999999999999999 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "18446744073709551615",
        ] {
            // Never a panic; a huge number of seconds is a long wait, which the cap refuses.
            let _ = parse_retry_after(absurd, now);
        }
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 99:49:37 GMT", now),
            None
        );
    }
}
