//! What stderr shows while files move: a bar per file in flight (name, bytes, rate), a total
//! line for a batch (files done of all, bytes, rate, ETA), and the wait's spinner. All are drawn
//! through the printer's bars, so that notes print above them and an interrupt clears them all.

use crate::events::{LINE_EVERY, Progress, Reporter, Transfer, Watch, Way};
use crate::output::{Printer, clean};
use indicatif::{ProgressBar, ProgressStyle};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The printer shows what the work reports: it alone weighs `-q`, `-v`, `--no-progress` and
/// whether stderr can draw.
impl Reporter for Printer {
    fn note(&self, text: &str) {
        self.tell(text);
    }

    fn detail(&self, text: &str) {
        self.verbose(text);
    }

    fn warn(&self, text: &str) {
        Printer::warn(self, text);
    }

    fn transfer(&self, name: &str, len: u64, alone: bool, way: Way) -> Box<dyn Transfer> {
        // In a batch whose stdout another program reads on the same screen, the total line
        // alone shows; in a log, a lone upload says when it starts and every 30 s.
        let drawn = self.draws() && (alone || !self.shares_the_screen());
        Box::new(Bar::new(
            self,
            (name, way),
            len,
            drawn,
            self.logs() && alone,
        ))
    }

    fn watch(&self, label: &str, status: &str, alone: bool) -> Box<dyn Watch> {
        // In a batch the total line counts the waits: none shows on its own.
        Box::new(Waiting {
            spinner: (alone && self.draws()).then(|| Spinner::new(self, label, status)),
            log: (alone && self.logs()).then(|| {
                (
                    self.clone(),
                    std::sync::Mutex::new(std::time::Instant::now()),
                )
            }),
        })
    }
}

impl Printer {
    /// The printer as the reporter the API client and the transport hold.
    pub fn shared(&self) -> Arc<dyn Reporter> {
        Arc::new(self.clone())
    }
}

impl Transfer for Bar {
    fn progress(&self) -> Progress {
        self.callback()
    }
}

/// A wait as shown: a spinner on a terminal, a line every 30 s in a log, else nothing.
struct Waiting {
    spinner: Option<Spinner>,
    log: Option<(Printer, std::sync::Mutex<std::time::Instant>)>,
}

impl Watch for Waiting {
    fn status(&self, label: &str, status: &str) {
        if let Some(s) = &self.spinner {
            s.status(label, status);
        }
    }

    fn next_line(&self) -> Option<Duration> {
        let (_, last) = self.log.as_ref()?;
        let last = last.lock().unwrap_or_else(|e| e.into_inner());
        Some(LINE_EVERY.saturating_sub(last.elapsed()))
    }

    fn line(&self, text: &str) {
        if let Some((out, last)) = &self.log {
            *last.lock().unwrap_or_else(|e| e.into_inner()) = std::time::Instant::now();
            out.note(text);
        }
    }
}

fn style(out: &Printer, template_colour: &str, template_plain: &str) -> ProgressStyle {
    let template = if out.color_enabled() {
        template_colour
    } else {
        template_plain
    };
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
        // Before the first byte has arrived there is no rate and no ETA to tell: an empty place
        // rather than `0 B/s ETA 0s`. Each keeps its widest width, filled or not, so that a
        // bar keeps one width from start to end.
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let rate = if s.pos() > 0 {
                    format!("{}/s", indicatif::BinaryBytes(s.per_sec() as u64))
                } else {
                    String::new()
                };
                let _ = write!(w, "{rate:>13}");
            },
        )
        .with_key(
            "eta",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                // Under a second, an ETA says nothing a person can act on: none is shown.
                let eta = if s.pos() > 0
                    && s.pos() < s.len().unwrap_or(0)
                    && s.eta() >= Duration::from_secs(1)
                {
                    format!("ETA {:#}", indicatif::HumanDuration(s.eta()))
                } else {
                    String::new()
                };
                let _ = write!(w, "{eta:<11}");
            },
        )
}

/// What follows a bar on its line, and the room left for what precedes it (`before` columns
/// wanted), so that the line fits the terminal and never wraps (a wrapped line breaks every
/// line drawn below it): the bar fills what is left, the rate and then the ETA are left out
/// on narrow terminals, and a name is shortened in the middle. Widths are the longest each
/// part prints: `1023.99 MiB/1023.99 MiB` is 23, `1023.99 MiB/s` 13, `ETA 59m 59s` 11.
fn fitted_tail(out: &Printer, before: usize) -> (&'static str, usize) {
    let width = out.stderr_width();
    // What is left for the part before the bar once at least 10 of bar, the brackets and
    // spaces, and a column to spare are counted.
    let room = |tail: usize| width.saturating_sub(tail + 4 + 10 + 1);
    let (tail, used) = [
        (
            "{bytes:>11}/{total_bytes} {rate} {eta}",
            23 + 1 + 13 + 1 + 11,
        ),
        ("{bytes:>11}/{total_bytes} {eta}", 23 + 1 + 11),
        ("{bytes:>11}/{total_bytes}", 23),
    ]
    .into_iter()
    .find(|(_, used)| room(*used) >= before)
    .unwrap_or(("{bytes:>11}/{total_bytes}", 23));
    (tail, room(used).clamp(8, 40))
}

/// One file's bar, drawn only when `visible`; gone from the screen when dropped. In a log
/// (`logged`), its lines instead: one when the upload starts, one every 30 s while it goes.
pub struct Bar {
    bar: Option<ProgressBar>,
    log: Option<Arc<Logged>>,
    out: Printer,
}

/// What a log is told of one upload.
struct Logged {
    out: Printer,
    name: String,
    way: Way,
    total: u64,
    started: std::time::Instant,
    last_line: std::sync::Mutex<std::time::Instant>,
}

impl Logged {
    fn moved(&self, pos: u64) {
        let mut last = self.last_line.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() < LINE_EVERY || pos >= self.total {
            return;
        }
        *last = std::time::Instant::now();
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        self.out.note(&format!(
            "still {} {}: {} of {}, {}/s",
            self.way.doing(),
            self.name,
            indicatif::BinaryBytes(pos),
            indicatif::BinaryBytes(self.total),
            indicatif::BinaryBytes((pos as f64 / secs) as u64)
        ));
    }
}

impl Bar {
    /// A bar, or with `logged` (stderr is a log) the lines that stand for it.
    pub fn new(
        out: &Printer,
        (name, way): (&str, Way),
        total: u64,
        visible: bool,
        logged: bool,
    ) -> Bar {
        let log = (logged && !visible).then(|| {
            out.note(&format!(
                "{} {} ({})",
                way.doing(),
                clean(name),
                indicatif::BinaryBytes(total)
            ));
            let now = std::time::Instant::now();
            Arc::new(Logged {
                out: out.clone(),
                name: clean(name),
                way,
                total,
                started: now,
                last_line: std::sync::Mutex::new(now),
            })
        });
        let bar = visible.then(|| {
            let bar = out.bars().add(ProgressBar::new(total));
            // A name gets at least 16 columns before the rate and the ETA are left out.
            let (tail, name_room) = fitted_tail(out, 16);
            bar.set_style(style(
                out,
                &format!("{{msg:.bold}} [{{wide_bar:.cyan/blue}}] {tail}"),
                &format!("{{msg}} [{{wide_bar}}] {tail}"),
            ));
            bar.set_message(crate::render::fit(&clean(name), name_room));
            bar
        });
        Bar {
            bar,
            log,
            out: out.clone(),
        }
    }

    /// The callback the upload reports its position to.
    pub fn callback(&self) -> Progress {
        let (bar, log) = (self.bar.clone(), self.log.clone());
        Arc::new(move |pos| {
            if let Some(b) = &bar {
                b.set_position(pos);
            }
            if let Some(l) = &log {
                l.moved(pos);
            }
        })
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            self.out.bars().remove(&bar);
        }
    }
}

/// The wait's spinner, showing the task's status; gone when dropped.
pub struct Spinner(ProgressBar, Printer);

impl Spinner {
    pub fn new(out: &Printer, label: &str, status: &str) -> Spinner {
        let bar = out.bars().add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        let spinner = Spinner(bar, out.clone());
        spinner.status(label, status);
        spinner.0.enable_steady_tick(Duration::from_millis(120));
        spinner
    }

    /// Shows `label: status`, fitted to the terminal: a label `name (id)` too long for it
    /// drops the id first, then the name is shortened in the middle.
    pub fn status(&self, label: &str, status: &str) {
        let status = clean(status);
        // The spinner, a space, `: `, and ` (1h 02m)` after the message.
        let room = self
            .1
            .stderr_width()
            .saturating_sub(status.len() + 14)
            .max(8);
        let mut label = clean(label);
        if label.chars().count() > room
            && let Some((name, _id)) = label.rsplit_once(" (")
        {
            label = name.to_string();
        }
        self.0
            .set_message(format!("{}: {status}", crate::render::fit(&label, room)));
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
        self.1.bars().remove(&self.0);
    }
}

/// A batch's total line: items done of all, those settling, and for files the bytes sent, rate
/// and ETA.
pub struct Total {
    bar: Option<ProgressBar>,
    out: Printer,
    items: usize,
    noun: &'static str,
    /// Bytes sent, summed over the files (a file sent again counts once).
    sent: Arc<AtomicU64>,
    /// Items done, for the ETA.
    done: Arc<AtomicU64>,
}

/// The batch's ETA: the later of what the bytes left take at the rate so far, and what the
/// items left take at the time items have taken so far (the ~2 s CloudConvert takes per file
/// is in the second, not in the first). None before anything has moved.
pub fn batch_eta(elapsed: Duration, bytes: (u64, u64), items: (u64, u64)) -> Option<Duration> {
    let ((sent, total_bytes), (done, total_items)) = (bytes, items);
    let by_bytes = (sent > 0 && sent < total_bytes)
        .then(|| elapsed.mul_f64((total_bytes - sent) as f64 / sent as f64));
    let by_items = (done > 0 && done < total_items)
        .then(|| elapsed.mul_f64((total_items - done) as f64 / done as f64));
    match (by_bytes, by_items) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// How long an ETA takes to follow a new estimate (the time constant of its smoothing).
const ETA_FOLLOWS: f64 = 3.0;

/// An ETA that counts down between estimates and takes each new one in a little at a time, so
/// that on a short batch it does not jump (5 s, 35 s, 8 s) as items end in bursts.
#[derive(Default)]
pub struct Smoothed {
    last: Option<(std::time::Instant, f64)>,
}

impl Smoothed {
    /// The ETA to show at `now`, given the latest raw `estimate`.
    pub fn next(
        &mut self,
        now: std::time::Instant,
        estimate: Option<Duration>,
    ) -> Option<Duration> {
        let Some(estimate) = estimate.map(|e| e.as_secs_f64()) else {
            self.last = None;
            return None;
        };
        let shown = match self.last {
            None => estimate,
            Some((at, before)) => {
                let dt = now.saturating_duration_since(at).as_secs_f64();
                let counted = (before - dt).max(0.0);
                counted + (estimate - counted) * (1.0 - (-dt / ETA_FOLLOWS).exp())
            }
        };
        self.last = Some((now, shown));
        Some(Duration::from_secs_f64(shown))
    }
}

impl Total {
    /// Drawn where the printer draws bars.
    pub fn new(out: &Printer, items: usize, bytes: u64, noun: &'static str) -> Total {
        let visible = out.draws();
        let done = Arc::new(AtomicU64::new(0));
        let bar = visible.then(|| {
            let bar = out.bars().add(ProgressBar::new(bytes.max(1)));
            if bytes > 0 {
                // `done 120/500 files, settling 23` before the bar: at 80 columns it keeps its
                // ETA, giving up the rate.
                let (tail, _) = fitted_tail(out, 30);
                let done = done.clone();
                let all = items as u64;
                let smoothed = Arc::new(std::sync::Mutex::new(Smoothed::default()));
                bar.set_style(
                    style(
                        out,
                        &format!("{{prefix:.bold}} [{{wide_bar:.green}}] {tail}"),
                        &format!("{{prefix}} [{{wide_bar}}] {tail}"),
                    )
                    .with_key(
                        "eta",
                        move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let eta = smoothed.lock().unwrap_or_else(|e| e.into_inner()).next(
                                std::time::Instant::now(),
                                batch_eta(
                                    s.elapsed(),
                                    (s.pos(), s.len().unwrap_or(0)),
                                    (done.load(Ordering::Relaxed), all),
                                ),
                            );
                            // As a file's: none under a second, and one width throughout.
                            let eta = eta
                                .filter(|e| *e >= Duration::from_secs(1))
                                .map_or(String::new(), |e| {
                                    format!("ETA {:#}", indicatif::HumanDuration(e))
                                });
                            let _ = write!(w, "{eta:<11}");
                        },
                    ),
                );
            } else {
                bar.set_style(style(
                    out,
                    "{prefix:.bold} ({elapsed})",
                    "{prefix} ({elapsed})",
                ));
                bar.enable_steady_tick(Duration::from_millis(500));
            }
            bar.set_prefix(format!("done 0/{items} {noun}"));
            bar
        });
        Total {
            bar,
            out: out.clone(),
            items,
            noun,
            sent: Arc::new(AtomicU64::new(0)),
            done,
        }
    }

    /// A file's progress callback that also moves the total.
    pub fn callback(&self, file: Progress) -> Progress {
        let (bar, sent) = (self.bar.clone(), self.sent.clone());
        let last = AtomicU64::new(0);
        Arc::new(move |pos| {
            file(pos);
            let before = last.swap(pos, Ordering::Relaxed);
            let now = if pos >= before {
                sent.fetch_add(pos - before, Ordering::Relaxed) + (pos - before)
            } else {
                // The file restarted from its first byte.
                sent.fetch_sub(before - pos, Ordering::Relaxed) - (before - pos)
            };
            if let Some(b) = &bar {
                b.set_position(now);
            }
        })
    }

    /// Items done, and items whose task is being waited for.
    pub fn counts(&self, done: usize, settling: usize) {
        self.done.store(done as u64, Ordering::Relaxed);
        if let Some(b) = &self.bar {
            let settling = match settling {
                0 => String::new(),
                n => format!(", settling {n}"),
            };
            b.set_prefix(format!(
                "done {done}/{} {}{settling}",
                self.items, self.noun
            ));
        }
    }
}

impl Drop for Total {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
            self.out.bars().remove(&bar);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Estimates that jump as items end in bursts move the ETA shown by a little each time it
    /// is drawn (20 times a second), and it counts down in between.
    #[test]
    fn the_eta_shown_follows_jumping_estimates_smoothly() {
        let mut eta = Smoothed::default();
        let start = std::time::Instant::now();
        let s = Duration::from_secs;
        let mut shown = Vec::new();
        for (i, estimate) in [5, 35, 35, 8, 30, 6, 5, 5]
            .iter()
            .cycle()
            .take(200)
            .enumerate()
        {
            let now = start + Duration::from_millis(50 * i as u64);
            shown.push(eta.next(now, Some(s(*estimate))).unwrap().as_secs_f64());
        }
        for pair in shown.windows(2) {
            assert!((pair[1] - pair[0]).abs() < 1.0, "{pair:?}");
        }
        // An estimate that counts down as time passes is followed: after a start far off,
        // the ETA shown meets it.
        let mut steady = Smoothed::default();
        let _ = steady.next(start, Some(s(60)));
        let mut last = (0.0, 0.0);
        for i in 1..=400 {
            let now = start + Duration::from_millis(50 * i);
            let estimate = 40.0 - 0.05 * i as f64;
            let shown = steady.next(now, Some(Duration::from_secs_f64(estimate)));
            last = (shown.unwrap().as_secs_f64(), estimate);
        }
        assert!((last.0 - last.1).abs() < 0.5, "{last:?}");
        assert_eq!(eta.next(start, None), None);
    }

    #[test]
    fn the_batch_eta_counts_the_files_left_not_only_the_bytes() {
        let s = Duration::from_secs;
        // Bytes half sent in 10 s, but 1 of 10 files done: the files say 90 s more.
        assert_eq!(batch_eta(s(10), (50, 100), (1, 10)), Some(s(90)));
        // Files nearly done but bytes behind: the bytes say it.
        assert_eq!(batch_eta(s(10), (10, 100), (9, 10)), Some(s(90)));
        assert_eq!(
            batch_eta(s(10), (0, 100), (0, 10)),
            None,
            "nothing moved yet"
        );
        assert_eq!(batch_eta(s(10), (100, 100), (4, 8)), Some(s(10)));
    }
}
