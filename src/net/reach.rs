//! Whether the API can be reached: one fact for the whole run, as a rate-limit pause is (see
//! `gate`). When a call cannot connect (refused, a name that does not resolve, a handshake
//! that fails), every call in flight waits for the same next try, one line says so for each
//! round, and once the rounds a lone call would have tried are spent, the API is given up on:
//! every call fails at once, and a batch starts no new item. So an outage ends a batch of
//! hundreds within the time a single file takes to give up, in a few lines.

use super::retry::backoff;
use crate::error::{Error, Exit, Kind};
use std::sync::Mutex;
use std::time::Instant;

#[derive(Default)]
pub struct Reach {
    down: Mutex<Option<Down>>,
    /// Told when the API is given up on, so that a wait asleep between two looks wakes.
    lost: std::sync::Condvar,
}

/// An outage under way.
struct Down {
    /// What failed, as the first failure said it (`connection refused`).
    why: String,
    host: String,
    since: Instant,
    /// Rounds tried so far.
    rounds: u32,
    /// When every call tries again.
    next: Instant,
    /// The rounds are spent, this long after the first failure: no call goes out any more.
    given_up: Option<std::time::Duration>,
}

/// What a call that could not connect does next.
pub enum Round {
    /// Try again at the next round (`Reach::turn` waits for it); the line to print, for the
    /// call that began the round (the others wait quietly).
    Again(Option<String>),
    /// The API is given up on.
    GiveUp(Error),
}

impl Reach {
    /// Before a call: waits for the round under way, if any, at most until `deadline`.
    /// Err once the API is given up on; Ok(false) when the deadline came first.
    pub fn turn(&self, deadline: Option<Instant>) -> Result<bool, Error> {
        let next = {
            let down = self.down.lock().unwrap_or_else(|e| e.into_inner());
            match down.as_ref() {
                None => return Ok(true),
                Some(d) if d.given_up.is_some() => return Err(given_up(d)),
                Some(d) => d.next,
            }
        };
        let until = deadline.map_or(next, |d| d.min(next));
        std::thread::sleep(until.saturating_duration_since(Instant::now()));
        Ok(deadline.is_none_or(|d| next <= d))
    }

    /// The API answered a call sent at `sent`: whatever was down is up, if the call went out
    /// after the outage was seen. An answer to a call sent before it (a slow one, in flight as
    /// the service went away) proves nothing, and would begin the rounds again at 1.
    pub fn reached(&self, sent: Instant) {
        let mut down = self.down.lock().unwrap_or_else(|e| e.into_inner());
        if down
            .as_ref()
            .is_some_and(|d| d.given_up.is_none() && sent >= d.since)
        {
            *down = None;
        }
    }

    /// A call could not connect to `host` (`why`): the outage begins or goes on. A failure
    /// that comes while a round is pending waits for it; the first after it begins the next
    /// round and says so; after `retries` rounds the API is given up on.
    pub fn failed(&self, host: &str, why: &str, retries: u32) -> Round {
        let now = Instant::now();
        let mut guard = self.down.lock().unwrap_or_else(|e| e.into_inner());
        let down = guard.get_or_insert_with(|| Down {
            why: why.to_string(),
            host: host.to_string(),
            since: now,
            rounds: 0,
            next: now,
            given_up: None,
        });
        if down.given_up.is_some() {
            return Round::GiveUp(given_up(down));
        }
        if now < down.next {
            return Round::Again(None);
        }
        if down.rounds >= retries {
            down.given_up = Some(down.since.elapsed());
            self.lost.notify_all();
            return Round::GiveUp(given_up(down));
        }
        let wait = backoff(down.rounds);
        down.rounds += 1;
        down.next = now + wait;
        let line = format!(
            "the API at {} cannot be reached: {}; every call tries again in {:.1} s (retry {} of {retries})",
            down.host,
            down.why,
            wait.as_secs_f64(),
            down.rounds
        );
        Round::Again(Some(line))
    }

    /// The host given up on, once it is.
    pub fn lost(&self) -> Option<String> {
        let down = self.down.lock().unwrap_or_else(|e| e.into_inner());
        down.as_ref()
            .filter(|d| d.given_up.is_some())
            .map(|d| d.host.clone())
    }

    /// Sleeps `pause`, or less when the API is given up on meanwhile.
    pub fn idle(&self, pause: std::time::Duration) {
        let down = self.down.lock().unwrap_or_else(|e| e.into_inner());
        let _ = self.lost.wait_timeout_while(down, pause, |d| {
            d.as_ref().is_none_or(|d| d.given_up.is_none())
        });
    }
}

fn given_up(d: &Down) -> Error {
    let tried = match d.rounds {
        0 => String::new(),
        n => format!(
            " (tried {} times over {:.1} s)",
            n + 1,
            d.given_up.unwrap_or_default().as_secs_f64()
        ),
    };
    Error::new(
        Exit::Unavailable,
        format!("the API at {} cannot be reached: {}{tried}", d.host, d.why),
    )
    .of_kind(Kind::Network)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Many calls failing at once make one round, told once; after the rounds a lone call
    /// would have tried, every call gives up at once.
    #[test]
    fn an_outage_is_one_fact_retried_in_rounds_then_given_up() {
        let reach = Reach::default();
        let Round::Again(Some(line)) = reach.failed("api.example", "connection refused", 2) else {
            panic!("the first failure begins a round")
        };
        assert!(line.contains("the API at api.example cannot be reached: connection refused"));
        assert!(line.contains("(retry 1 of 2)"), "{line}");
        for _ in 0..20 {
            assert!(matches!(
                reach.failed("api.example", "connection refused", 2),
                Round::Again(None)
            ));
        }
        assert!(reach.turn(None).unwrap());
        assert!(matches!(
            reach.failed("api.example", "connection refused", 2),
            Round::Again(Some(_))
        ));
        assert!(reach.turn(None).unwrap());
        let Round::GiveUp(e) = reach.failed("api.example", "connection refused", 2) else {
            panic!("the rounds are spent")
        };
        assert_eq!(e.exit, Exit::Unavailable);
        assert!(e.message.contains("(tried 3 times over"), "{}", e.message);
        assert!(reach.turn(None).is_err(), "no call goes out any more");
        assert_eq!(reach.lost().as_deref(), Some("api.example"));
        // An answer comes too late to undo it.
        reach.reached(Instant::now());
        assert!(reach.lost().is_some());
    }

    #[test]
    fn an_answer_ends_the_outage() {
        let reach = Reach::default();
        let before = Instant::now();
        std::thread::sleep(std::time::Duration::from_millis(2));
        let _ = reach.failed("h", "connection refused", 3);
        // An answer to a call sent before the outage was seen does not end it.
        reach.reached(before);
        assert!(matches!(
            reach.failed("h", "connection refused", 3),
            Round::Again(None)
        ));
        reach.reached(Instant::now());
        assert!(reach.turn(None).unwrap());
        assert!(matches!(
            reach.failed("h", "connection refused", 3),
            Round::Again(Some(l)) if l.contains("(retry 1 of 3)")
        ));
    }
}
