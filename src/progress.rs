//! The per-file progress bar on stderr, the one-line summary that replaces it, and the record of
//! which bar is on screen so that Ctrl-C can clear it.

use crate::http::upload::Progress;
use crate::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The bar being drawn, so that an interrupt can clear it before the process ends.
static CURRENT: Mutex<Option<ProgressBar>> = Mutex::new(None);

pub struct Bar {
    bar: Option<ProgressBar>,
    name: String,
    total: u64,
    started: Instant,
}

impl Bar {
    /// A bar for `name`, drawn only when `visible` (stderr is a terminal and no `-q`).
    pub fn new(name: &str, total: u64, visible: bool) -> Bar {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), stderr_target());
            let template = if output::color_enabled() {
                "{msg:.bold} [{bar:30.cyan/blue}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}"
            } else {
                "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(output::clean(name));
            track(&bar);
            bar
        });
        Bar {
            bar,
            name: name.to_string(),
            total,
            started: Instant::now(),
        }
    }

    /// The callback the upload reports its position to.
    pub fn callback(&self) -> Progress {
        let bar = self.bar.clone();
        Arc::new(move |pos| {
            if let Some(b) = &bar {
                b.set_position(pos);
            }
        })
    }

    /// Clears the bar and, where it was shown, says what was sent in one line.
    pub fn finish(mut self) {
        if let Some(bar) = self.bar.take() {
            untrack(&bar);
            let secs = self.started.elapsed().as_secs_f64();
            output::note(&format!(
                "uploaded {} ({} in {:.1} s, {}/s)",
                self.name,
                indicatif::BinaryBytes(self.total),
                secs,
                indicatif::BinaryBytes((self.total as f64 / secs.max(0.001)) as u64)
            ));
        }
    }
}

/// How a long operation shows it is alive on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    /// Bars and spinners: stderr is a terminal.
    Bars,
    /// A status line now and then: stderr is a log (CI), where a silent wait looks hung.
    Lines,
    /// Nothing (`-q`).
    Quiet,
}

pub fn feedback(settings: &crate::config::Settings) -> Feedback {
    if settings.quiet {
        Feedback::Quiet
    } else if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        Feedback::Bars
    } else {
        Feedback::Lines
    }
}

/// Makes `bar` the one an interrupt clears (progress bars and the wait spinner).
pub fn track(bar: &ProgressBar) {
    *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar.clone());
}

/// Clears `bar` and forgets it.
pub fn untrack(bar: &ProgressBar) {
    bar.finish_and_clear();
    CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take();
}

/// Clears whatever bar is on screen (for Ctrl-C).
pub fn clear_current() {
    if let Some(bar) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take() {
        bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            untrack(&bar);
        }
    }
}

/// Where bars and spinners draw: stderr.
pub fn stderr_target() -> ProgressDrawTarget {
    ProgressDrawTarget::term_like_with_hz(
        Box::new(NarrowStderr(console::Term::buffered_stderr())),
        20,
    )
}

/// stderr as indicatif's terminal, reported three columns narrower than it is. indicatif pads
/// each line to the full width, which leaves the cursor waiting to wrap; the `^C` a terminal
/// echoes on Ctrl-C would then start a new line, and clearing the bar would clear that one.
#[derive(Debug)]
struct NarrowStderr(console::Term);

impl TermLike for NarrowStderr {
    fn width(&self) -> u16 {
        TermLike::width(&self.0).saturating_sub(3)
    }
    fn height(&self) -> u16 {
        TermLike::height(&self.0)
    }
    fn move_cursor_up(&self, n: usize) -> std::io::Result<()> {
        TermLike::move_cursor_up(&self.0, n)
    }
    fn move_cursor_down(&self, n: usize) -> std::io::Result<()> {
        TermLike::move_cursor_down(&self.0, n)
    }
    fn move_cursor_right(&self, n: usize) -> std::io::Result<()> {
        TermLike::move_cursor_right(&self.0, n)
    }
    fn move_cursor_left(&self, n: usize) -> std::io::Result<()> {
        TermLike::move_cursor_left(&self.0, n)
    }
    fn write_line(&self, s: &str) -> std::io::Result<()> {
        TermLike::write_line(&self.0, s)
    }
    fn write_str(&self, s: &str) -> std::io::Result<()> {
        TermLike::write_str(&self.0, s)
    }
    fn clear_line(&self) -> std::io::Result<()> {
        TermLike::clear_line(&self.0)
    }
    fn flush(&self) -> std::io::Result<()> {
        TermLike::flush(&self.0)
    }
}
