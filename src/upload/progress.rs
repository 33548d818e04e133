//! The per-file progress bar on stderr, and the one-line summary that replaces it.

use crate::http::upload::Progress;
use crate::output;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
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
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let template = if output::color_enabled() {
                "{msg:.bold} [{bar:30.cyan/blue}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}"
            } else {
                "{msg} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(output::clean(name));
            *CURRENT.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar.clone());
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
            bar.finish_and_clear();
            CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take();
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

/// Clears whatever bar is on screen (for Ctrl-C).
pub fn clear_current() {
    if let Some(bar) = CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take() {
        bar.finish_and_clear();
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            CURRENT.lock().unwrap_or_else(|e| e.into_inner()).take();
        }
    }
}
