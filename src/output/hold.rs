//! On a screen shared with the program reading stdout (`| jq`), the bars step aside after each
//! line written to stdout, until that program has printed what it made of the line.

use super::{Printer, bars_target};
use indicatif::ProgressDrawTarget;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// How long the bars stay off a screen shared with the program reading stdout (`| jq`) after
/// a line went to it: time for that program to print what it made of the line on the line the
/// bars left empty, so that the next drawing starts below it instead of leaving a copy above.
/// The pause counts from the moment the reader has taken every line, where the pipe tells
/// (a loaded machine may wake the reader late); `READER_WAITED_AT_MOST` bounds that wait for
/// a reader that stopped reading.
const SHARED_SCREEN_PAUSE: Duration = Duration::from_millis(100);
const READER_WAITED_AT_MOST: Duration = Duration::from_secs(1);
/// How often a hold looks whether the reader has taken the lines.
const READER_LOOK_EVERY: Duration = Duration::from_millis(10);

/// The bars stepped aside on a shared screen: until when, and since the last line printed.
#[derive(Debug)]
pub(super) struct Held {
    until: Instant,
    line_at: Instant,
}

impl Printer {
    /// Clears the bars and keeps them off the screen until `SHARED_SCREEN_PAUSE` after the
    /// reader took this line: the cursor waits at the start of an empty line for the other
    /// program's output. A bar redrawn at once would leave its copy above that output, one
    /// per line printed.
    pub(super) fn hold_bars(&self) {
        let now = Instant::now();
        let mut held = self.0.held.lock().unwrap_or_else(|e| e.into_inner());
        let already = held.is_some();
        *held = Some(Held {
            until: now + SHARED_SCREEN_PAUSE,
            line_at: now,
        });
        drop(held);
        if already {
            return;
        }
        // Hidden first, then the line wiped: a bar moved by another thread between a clear and
        // the hiding would be drawn again, and the reader's answer would land after it. On a
        // shared screen the bars are one line, and the cursor is at its end.
        self.0.bars.set_draw_target(ProgressDrawTarget::hidden());
        let mut err = self.0.err.lock().unwrap_or_else(|e| e.into_inner());
        let _ = err.write_all(b"\r\x1b[2K").and_then(|_| err.flush());
        drop(err);
        let printer = self.clone();
        std::thread::spawn(move || {
            while let Some(left) = printer.hold_left() {
                std::thread::sleep(left.min(READER_LOOK_EVERY));
            }
        });
    }

    /// How long the bars stay off yet, `None` once they are back (or ended for good).
    fn hold_left(&self) -> Option<Duration> {
        let mut held = self.0.held.lock().unwrap_or_else(|e| e.into_inner());
        let h = held.as_mut()?;
        let now = Instant::now();
        // A line still in the pipe: the reader's answer to it is still to come. Not after an
        // interrupt, which reached the reader too: what it left unread it will not print.
        let reading =
            now < h.line_at + READER_WAITED_AT_MOST && !self.0.ended.load(Ordering::SeqCst);
        if reading && crate::console::stdout_unread() > 0 {
            h.until = h.until.max(now + SHARED_SCREEN_PAUSE);
        }
        let left = h.until.saturating_duration_since(now);
        if !left.is_zero() {
            return Some(left);
        }
        *held = None;
        if !self.0.ended.load(Ordering::SeqCst) {
            let target = bars_target(self.0.fallback_width);
            self.0.bars.set_draw_target(target);
        }
        None
    }

    /// On a shared screen, a message waits for the other program's answer to the last line of
    /// stdout, so that the summary comes after the last result, not before it: until the hold
    /// ends, which `hold_left` alone decides (it also waits for the reader to take the line).
    pub(super) fn after_hold(&self) {
        while self
            .0
            .held
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
        {
            std::thread::sleep(READER_LOOK_EVERY);
        }
    }
}
