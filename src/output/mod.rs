//! The one printer: a `Printer` value owns stdout and stderr, what is known of them (terminal or
//! not, width, colour, whether bars can be drawn) and the bars, and alone writes to them. It is
//! made once in `main` and handed down; `Printer::capture` makes one over buffers with chosen
//! terminal facts, for tests. Tasks go to stdout (data only); messages for people go to
//! stderr, each with the one prefix. Text from outside reaches the screen only through
//! `clean`: scrubbed of secrets, escaped, cut; `render` fits it to the width.

use crate::cli::{ColorChoice, OutputFormat};
use crate::error::Error;
use crate::secret;
use indicatif::{MultiProgress, ProgressDrawTarget};
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

mod hold;
mod screen;
mod text;

pub use text::{clean, needs_escape};
use text::{escape_in_json, wrap};

const PREFIX: &str = "cloudconvert";

/// The most field errors of one answer that are shown.
const MAX_DETAILS: usize = 10;

/// A batch table's columns: a task id (36), a status (`finished`, `waiting`…), a size.
const ROW_ID: usize = 36;
const ROW_STATUS: usize = 10;
const ROW_SIZE: usize = 11;

/// What is known of the two streams, decided once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub stdout_terminal: bool,
    /// stdout is a pipe: another program reads it (and may print to the same screen).
    pub stdout_pipe: bool,
    pub stderr_terminal: bool,
    /// The terminal's columns; None: ask the terminal (80 when it cannot tell).
    pub width: Option<usize>,
    pub stdout_colour: bool,
    pub stderr_colour: bool,
    /// stderr is a terminal that can draw bars: a known `TERM` other than `dumb`.
    pub bars: bool,
}

#[cfg(test)]
impl Facts {
    /// Facts for a test: which streams are terminals, the width, no colour, no bars.
    pub fn plain(stdout_terminal: bool, stderr_terminal: bool, width: Option<usize>) -> Facts {
        Facts {
            stdout_terminal,
            stdout_pipe: !stdout_terminal,
            stderr_terminal,
            width,
            stdout_colour: false,
            stderr_colour: false,
            bars: false,
        }
    }
}

type Stream = Mutex<Box<dyn Write + Send>>;

struct Inner {
    out: Stream,
    err: Stream,
    facts: Facts,
    /// Every bar and spinner is drawn through this one set, on stderr.
    bars: MultiProgress,
    /// The width where a terminal's cannot be read: `COLUMNS`, else 80.
    fallback_width: usize,
    /// On a shared screen, the bars are off it while this is set (see `hold`).
    held: Mutex<Option<hold::Held>>,
    /// The bars were cleared for good (an interrupt): never drawn again.
    ended: AtomicBool,
    /// A signal arrived: set by the signal handler itself (see `interrupt`), so that a
    /// stdout closed by the same Ctrl-C (`| cat` gets it too) never ends the program with 0.
    interrupted: Arc<AtomicBool>,
    /// What the person asked to be shown.
    shown: Shown,
}

/// What the person asked to be shown: `-q`, `-v`, and bars unless `--no-progress`. Read here
/// alone: the rest of the tool reports, and the printer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shown {
    pub quiet: bool,
    pub verbose: bool,
    pub no_progress: bool,
}

/// How a long operation shows it is alive on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Bars and spinners: stderr is a terminal that can draw them.
    Bars,
    /// A status line now and then: stderr is a log (CI), where a silent wait looks hung.
    Lines,
    /// Nothing (`-q`).
    Quiet,
}

/// The terminal's one owner; cheap to clone (every clone is the same printer).
#[derive(Clone)]
pub struct Printer(Arc<Inner>);

/// What a captured printer received, for tests.
#[cfg(test)]
#[derive(Clone, Default)]
pub struct Captured {
    pub out: Arc<Mutex<Vec<u8>>>,
    pub err: Arc<Mutex<Vec<u8>>>,
}

#[cfg(test)]
impl Captured {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap()).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.err.lock().unwrap()).into_owned()
    }
}

#[cfg(test)]
struct Sink(Arc<Mutex<Vec<u8>>>);

#[cfg(test)]
impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Printer {
    /// The process's stdout and stderr. Colour: `--color always` or `never` as said; `auto`
    /// colours a stream that is a terminal, unless `NO_COLOR` is set (to anything) or `TERM` is
    /// `dumb`.
    #[allow(clippy::disallowed_methods)] // the one place the process's streams are taken
    pub fn system(choice: ColorChoice, shown: Shown, env: &crate::env::Env) -> Printer {
        let term = env.peek("TERM");
        let (stdout_terminal, stderr_terminal) = (
            std::io::stdout().is_terminal(),
            std::io::stderr().is_terminal(),
        );
        let allowed = env.peek("NO_COLOR").is_none() && term.as_deref() != Some("dumb");
        // A Windows console understands colour and cursor moves once asked to; an old one that
        // cannot be asked gets neither.
        let (stdout_vt, stderr_vt) = crate::console::virtual_terminal();
        let decide = |terminal: bool, vt: bool| match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => allowed && terminal && vt,
        };
        // cmd, PowerShell and Windows Terminal set no TERM: there a console is enough. With CI
        // set, a pseudo-terminal some runners give is still a log: never animated.
        let term_draws = match term.as_deref() {
            Some(t) => t != "dumb",
            None => cfg!(windows),
        };
        let ci = env
            .peek("CI")
            .is_some_and(|v| !v.eq_ignore_ascii_case("false") && v != "0");
        let facts = Facts {
            stdout_terminal,
            stdout_pipe: crate::console::stdout_is_pipe(),
            stderr_terminal,
            width: None,
            stdout_colour: decide(stdout_terminal, stdout_vt),
            stderr_colour: decide(stderr_terminal, stderr_vt),
            bars: stderr_terminal && stderr_vt && term_draws && !ci,
        };
        let fallback_width = env
            .peek("COLUMNS")
            .and_then(|c| c.trim().parse().ok())
            .filter(|c| *c > 0)
            .unwrap_or(80);
        // Where bars and spinners draw: stderr, at its full width. indicatif pads each line to
        // that width and lets the terminal wrap to the next, so several bars need the true width.
        let target = if facts.bars {
            bars_target(fallback_width)
        } else {
            ProgressDrawTarget::hidden()
        };
        Printer(Arc::new(Inner {
            out: Mutex::new(Box::new(std::io::stdout())),
            err: Mutex::new(Box::new(std::io::stderr())),
            facts,
            bars: MultiProgress::with_draw_target(target),
            fallback_width,
            held: Mutex::new(None),
            ended: AtomicBool::new(false),
            interrupted: Arc::new(AtomicBool::new(false)),
            shown,
        }))
    }

    /// A printer over two buffers, with the terminal facts given (bars are never drawn).
    #[cfg(test)]
    pub fn capture(facts: Facts) -> (Printer, Captured) {
        Self::capture_shown(facts, Shown::default())
    }

    /// `capture`, with `-q`, `-v` or `--no-progress` as given.
    #[cfg(test)]
    pub fn capture_shown(facts: Facts, shown: Shown) -> (Printer, Captured) {
        let captured = Captured::default();
        let printer = Printer(Arc::new(Inner {
            out: Mutex::new(Box::new(Sink(captured.out.clone()))),
            err: Mutex::new(Box::new(Sink(captured.err.clone()))),
            facts: Facts {
                bars: false,
                ..facts
            },
            bars: MultiProgress::with_draw_target(ProgressDrawTarget::hidden()),
            fallback_width: 80,
            held: Mutex::new(None),
            ended: AtomicBool::new(false),
            interrupted: Arc::new(AtomicBool::new(false)),
            shown,
        }));
        (printer, captured)
    }

    /// How long operations show themselves: the one place `-q`, `--no-progress` and the
    /// terminal's ability to draw are weighed.
    fn mode(&self) -> Mode {
        if self.0.shown.quiet {
            Mode::Quiet
        } else if self.0.facts.bars && !self.0.shown.no_progress {
            Mode::Bars
        } else {
            Mode::Lines
        }
    }

    /// Bars and spinners are drawn.
    pub fn draws(&self) -> bool {
        self.mode() == Mode::Bars
    }

    /// stderr is a log that hears how long operations go (not a terminal drawing, not `-q`).
    pub fn logs(&self) -> bool {
        self.mode() == Mode::Lines
    }

    /// A note that `-q` leaves out (`-v` keeps it): progress, summaries, what the tool does.
    pub fn tell(&self, message: &str) {
        if !self.0.shown.quiet || self.0.shown.verbose {
            self.note(message);
        }
    }

    /// Prints one task: the object as JSON (indented for a terminal, one line otherwise, so
    /// that several tasks form JSON Lines) or its id alone.
    ///
    /// The API echoes the request in the task's `payload`, credentials included; those are
    /// masked like everywhere else, so that a CI log that shows the task shows no secret.
    pub fn task(&self, task: &Value, format: OutputFormat) {
        self.stdout_line(&self.task_text(task, format));
    }

    /// A task as `task` prints it.
    pub fn task_text(&self, task: &Value, format: OutputFormat) -> String {
        match self.human(format) {
            Some(OutputFormat::Id) => clean(crate::api::task::id(task).unwrap_or_default()),
            Some(_) => crate::render::block(
                &secret::mask_task(task),
                self.stdout_width(),
                self.0.facts.stdout_colour,
                &clean,
            ),
            None => self.json_text(&secret::mask_task(task)),
        }
    }

    /// Several tasks (`task list`): a table for a person, else one task a line.
    pub fn tasks(&self, tasks: &[Value], format: OutputFormat) {
        match self.human(format) {
            Some(OutputFormat::Table) if !tasks.is_empty() => {
                let masked: Vec<Value> = tasks.iter().map(secret::mask_task).collect();
                self.stdout_line(&crate::render::table(
                    &masked,
                    self.stdout_width(),
                    self.0.facts.stdout_colour,
                    std::time::SystemTime::now(),
                    &clean,
                ));
            }
            _ => {
                for t in tasks {
                    self.task(t, format);
                }
            }
        }
    }

    /// One job: JSON (its tasks' credentials masked), its id, or for a person a line saying it
    /// and a table of its tasks.
    pub fn job(&self, job: &Value, format: OutputFormat) {
        let masked = secret::mask_task(job);
        self.stdout_line(&match self.human(format) {
            Some(OutputFormat::Id) => clean(crate::api::task::id(job).unwrap_or_default()),
            Some(_) => crate::render::job(
                &masked,
                self.stdout_width(),
                self.0.facts.stdout_colour,
                std::time::SystemTime::now(),
                &clean,
            ),
            None => self.json_text(&masked),
        });
    }

    /// Several jobs (`job list`): a table for a person, else one job a line.
    pub fn jobs(&self, jobs: &[Value], format: OutputFormat) {
        match self.human(format) {
            Some(OutputFormat::Table) if !jobs.is_empty() => {
                self.stdout_line(&crate::render::jobs(
                    jobs,
                    self.stdout_width(),
                    self.0.facts.stdout_colour,
                    std::time::SystemTime::now(),
                    &clean,
                ));
            }
            _ => jobs.iter().for_each(|j| self.job(j, format)),
        }
    }

    /// Whether the tasks of a batch print as rows of one table: the human view (a terminal, or
    /// `-o table`); JSON lines and ids stay as they are.
    pub fn rows(&self, format: OutputFormat) -> bool {
        self.human(format) == Some(OutputFormat::Table)
    }

    /// The widths of a batch table's name column, and whether the size column fits: every row
    /// within the width, ids whole, the name column as wide as the longest name (`names`
    /// columns) and no wider.
    fn row_widths(&self, names: usize) -> (usize, bool) {
        let width = self.stdout_width();
        let fixed = ROW_ID + ROW_STATUS + 2 * 2;
        let with_size = width >= fixed + ROW_SIZE + 2 + 12;
        let rest = width.saturating_sub(fixed + if with_size { ROW_SIZE + 2 } else { 0 });
        (rest.min(names.max(4)).max(8), with_size)
    }

    /// A batch table's header line; `names`: the longest name's width.
    pub fn row_header(&self, names: usize) -> String {
        let (name, with_size) = self.row_widths(names);
        let line = format!(
            "{:<name$}  {:<ROW_ID$}  {:<ROW_STATUS$}{}",
            "FILE",
            "TASK",
            "STATUS",
            if with_size {
                format!("  {:>ROW_SIZE$}", "SIZE")
            } else {
                String::new()
            }
        );
        self.paint_out(line.trim_end(), "1")
    }

    /// One item of a batch as a table row: its name (shortened in the middle), its task's
    /// whole id, its status and its size: what the task reports, else what was sent.
    pub fn row(&self, name: &str, task: &Value, sent: Option<u64>, names: usize) -> String {
        let (width, with_size) = self.row_widths(names);
        let task = secret::mask_task(task);
        let text = |key: &str| clean(task.get(key).and_then(Value::as_str).unwrap_or("?"));
        let size = task
            .pointer("/result/files/0/size")
            .and_then(Value::as_u64)
            .or(sent)
            .map_or(String::new(), |b| indicatif::BinaryBytes(b).to_string());
        let line = format!(
            "{:<width$}  {:<ROW_ID$}  {:<ROW_STATUS$}{}",
            crate::render::fit(&clean(name), width),
            crate::render::fit(&text("id"), ROW_ID),
            crate::render::fit(&text("status"), ROW_STATUS),
            if with_size {
                format!("  {:>ROW_SIZE$}", size)
            } else {
                String::new()
            }
        );
        line.trim_end().to_string()
    }

    fn paint_out(&self, text: &str, sgr: &str) -> String {
        if self.0.facts.stdout_colour {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// The format a task is printed in: None for JSON, else the human view (`Table`) or the
    /// id. By default a terminal gets the human view and a pipe JSON.
    pub fn human(&self, format: OutputFormat) -> Option<OutputFormat> {
        match format {
            OutputFormat::Json => None,
            OutputFormat::Auto if !self.0.facts.stdout_terminal => None,
            OutputFormat::Auto => Some(OutputFormat::Table),
            other => Some(other),
        }
    }

    /// The width of the terminal stderr is, for the bars.
    pub fn stderr_width(&self) -> usize {
        self.0
            .facts
            .width
            .unwrap_or_else(|| width(&console::Term::stderr(), self.0.fallback_width))
    }

    /// The width human views fit (a pipe with `-o table` gets 80).
    fn stdout_width(&self) -> usize {
        self.0
            .facts
            .width
            .unwrap_or_else(|| width(&console::Term::stdout(), self.0.fallback_width))
    }

    /// JSON for stdout: every string scrubbed of known secrets; indented on a terminal,
    /// compact otherwise. Control characters inside strings come out escaped: serde_json
    /// escapes C0 only, so DEL, C1 controls (a terminal reads U+009B as CSI) and the characters
    /// that reorder or hide text are escaped here as `\u009b`, still valid JSON with the same
    /// value.
    pub fn json_text(&self, value: &Value) -> String {
        let value = secret::scrub_value(value);
        let pretty = self.0.facts.stdout_terminal;
        let text = if self.0.facts.stdout_colour {
            let mut out = String::new();
            crate::json_color::write(&mut out, &value, pretty.then_some(0));
            out
        } else if pretty {
            serde_json::to_string_pretty(&value).unwrap_or_default()
        } else {
            value.to_string()
        };
        escape_in_json(&text)
    }

    /// Writes generated text (a completion script) to stdout as it is.
    pub fn stdout_raw(&self, bytes: &[u8]) {
        self.ended_if_failed(self.write_stdout(bytes));
    }

    /// Writes one whole line to stdout at once.
    pub fn stdout_line(&self, text: &str) {
        let mut line = String::with_capacity(text.len() + 1);
        line.push_str(text);
        line.push('\n');
        // On a terminal that also shows the bars, the line goes above them, as a note does.
        // On a screen shared with the reader of stdout, the bars step aside for its answer.
        let bars = &self.0.bars;
        if self.shares_the_screen() && self.0.facts.bars {
            self.hold_bars();
        }
        self.ended_if_failed(if !bars.is_hidden() && self.0.facts.stdout_terminal {
            bars.suspend(|| self.write_stdout(line.as_bytes()))
        } else {
            self.write_stdout(line.as_bytes())
        });
    }

    /// A signal came: the interrupt is ending the program.
    pub fn interrupted(&self) -> bool {
        self.0.interrupted.load(Ordering::SeqCst)
    }

    /// The flag a signal sets, for the handler to hold.
    pub fn interrupted_flag(&self) -> Arc<AtomicBool> {
        self.0.interrupted.clone()
    }

    /// Writes one whole line to stdout, saying whether it went: for the interrupt, which must
    /// know what stdout did not take.
    pub fn try_stdout_line(&self, text: &str) -> std::io::Result<()> {
        self.write_stdout(format!("{text}\n").as_bytes())
    }

    /// A closed pipe (`| head -c1`) ends the program quietly, as a reader that has seen
    /// enough expects; any other failure to write stdout ends it with exit 1. After a signal,
    /// neither: the interrupt ends the program with the signal's status and names what stdout
    /// did not take, so this thread waits for it.
    fn ended_if_failed(&self, written: std::io::Result<()>) {
        if let Err(e) = written {
            if self.0.interrupted.load(Ordering::SeqCst) {
                loop {
                    std::thread::park();
                }
            }
            // Windows says a reader that went away with ERROR_PIPE_NOT_CONNECTED (233) too.
            let closed = e.kind() == std::io::ErrorKind::BrokenPipe
                || (cfg!(windows) && e.raw_os_error() == Some(233));
            if closed {
                std::process::exit(0);
            }
            self.stderr(&format!("{PREFIX}: error: cannot write to stdout: {e}\n"));
            std::process::exit(crate::error::Exit::Failure.code());
        }
    }

    fn write_stdout(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut out = self.0.out.lock().unwrap_or_else(|e| e.into_inner());
        out.write_all(bytes).and_then(|_| out.flush())
    }

    /// A prompt on stderr, left open for the answer (typed on the same line).
    pub fn prompt(&self, text: &str) {
        self.stderr(text);
    }

    /// The error report: `cloudconvert: error: <message>`, the details indented, then the
    /// hint.
    pub fn error(&self, e: &Error) {
        let mut text = format!(
            "{PREFIX}: {}: {}\n",
            self.paint("error", "1;31"),
            clean(&e.message)
        );
        // A server's list of field errors is shown up to a screenful.
        for d in e.details.iter().take(MAX_DETAILS) {
            text.push_str(&format!("  {}\n", clean(d)));
        }
        if e.details.len() > MAX_DETAILS {
            text.push_str(&format!("  … and {} more\n", e.details.len() - MAX_DETAILS));
        }
        if let Some(id) = &e.task {
            text.push_str(&format!("  {}: {}\n", self.paint("task", "1"), clean(id)));
        }
        match (&e.hint, e.kind) {
            (Some(h), _) => {
                text.push_str(&format!("  {}: {}\n", self.paint("hint", "1"), clean(h)));
            }
            // The kind tells what helps where the error itself says nothing more.
            (None, crate::error::Kind::RateLimited) => text.push_str(&format!(
                "  {}: the account's rate limit (500 requests a minute) was reached; try again later, or with fewer --jobs\n",
                self.paint("hint", "1")
            )),
            (None, _) => {}
        }
        self.stderr(&text);
    }

    /// One file's failure in a batch, on one line: the file, what happened, its task, and
    /// the hint.
    pub fn error_line(&self, label: &str, e: &Error) {
        self.error_one_line(&one_line(label, e));
    }

    /// A line under the one before, indented, with no prefix: an item of a group of
    /// failures.
    pub fn detail(&self, text: &str) {
        self.stderr(&format!("  {}\n", clean(text)));
    }

    /// A failure already put in one line (`one_line`), as `error_line` prints it.
    pub fn error_one_line(&self, line: &str) {
        self.stderr(&format!(
            "{PREFIX}: {}: {}\n",
            self.paint("error", "1;31"),
            clean(line)
        ));
    }

    /// A usage error as clap words it (several lines: the problem, a tip, the usage line),
    /// with the tool's own prefix. The text is the tool's, not a server's, so its lines are
    /// kept.
    pub fn usage(&self, text: &str) {
        let lines: Vec<String> = text.lines().map(clean).collect();
        self.stderr(&format!(
            "{PREFIX}: {}: {}\n",
            self.paint("error", "1;31"),
            lines.join("\n")
        ));
    }

    /// A command to copy, alone on its line: no prefix, never wrapped by the tool (the
    /// terminal wraps it softly), so that a copy from the screen runs as it is.
    pub fn command(&self, command: &str) {
        self.stderr_unwrapped(&format!("{}\n", clean(command)));
    }

    pub fn warn(&self, message: &str) {
        self.stderr(&format!(
            "{PREFIX}: {}: {}\n",
            self.paint("warning", "1;33"),
            clean(message)
        ));
    }

    pub fn note(&self, message: &str) {
        self.stderr(&format!("{PREFIX}: {}\n", clean(message)));
    }

    /// A line for `-v` alone.
    pub fn verbose(&self, message: &str) {
        if self.0.shown.verbose {
            self.stderr(&format!("{PREFIX}: {}\n", self.paint(&clean(message), "2")));
        }
    }

    /// Writes to stderr above the bars, when bars are shown, so that neither tears the other.
    /// On a terminal, lines are wrapped by the tool to its width; a log keeps one line a message.
    fn stderr(&self, text: &str) {
        if self.0.facts.stderr_terminal {
            self.stderr_unwrapped(&wrap(text, self.stderr_width()))
        } else {
            self.stderr_unwrapped(text)
        }
    }

    /// Writes to stderr as it is, above the bars.
    fn stderr_unwrapped(&self, text: &str) {
        self.after_hold();
        let write = || {
            let mut err = self.0.err.lock().unwrap_or_else(|e| e.into_inner());
            let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
        };
        if self.0.bars.is_hidden() {
            write()
        } else {
            self.0.bars.suspend(write)
        }
    }

    /// The bars and spinners, all drawn through this one set.
    pub fn bars(&self) -> &MultiProgress {
        &self.0.bars
    }

    /// Clears every bar from the screen for good (an interrupt ends the program next).
    /// `echoed_line`: the terminal echoed `^C` after the last bar, which filled its line, so
    /// the echo sits on a line of its own below the bars: clear it and step back up first.
    pub fn clear_bars(&self, echoed_line: bool) {
        let bars = &self.0.bars;
        self.0.ended.store(true, Ordering::SeqCst);
        if !bars.is_hidden() {
            if echoed_line {
                let mut err = self.0.err.lock().unwrap_or_else(|e| e.into_inner());
                let _ = err.write_all(b"\r\x1b[2K\x1b[1A");
            }
            let _ = bars.clear();
            bars.set_draw_target(ProgressDrawTarget::hidden());
        }
    }

    /// stderr is a terminal and stdout a pipe: another program (`| jq`) likely writes to the
    /// same screen, and a display of many lines that moves the cursor up would redraw over its
    /// output. There a batch keeps to one line. A file (`> ids.txt`, `> /dev/null`) writes to
    /// no screen: the display is the tool's alone.
    pub fn shares_the_screen(&self) -> bool {
        self.0.facts.stderr_terminal && self.0.facts.stdout_pipe && !self.0.facts.stdout_terminal
    }

    /// Colour on stderr (the `error:` label, the bars).
    pub fn color_enabled(&self) -> bool {
        self.0.facts.stderr_colour
    }

    fn paint(&self, text: &str, sgr: &str) -> String {
        if self.0.facts.stderr_colour {
            format!("\x1b[{sgr}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Where bars draw: stderr, up to 20 times a second.
fn bars_target(fallback_width: usize) -> ProgressDrawTarget {
    ProgressDrawTarget::term_like_with_hz(Box::new(screen::Screen::stderr(fallback_width)), 20)
}

/// An item's failure as one line, composed from the error's parts: `LABEL: MESSAGE (task ID);
/// HINT`. A message that already starts with what it is about is not labelled twice. A hint
/// about the item's own task (`remove it with cloudconvert task delete ID`) is left out: the
/// commands for what is left follow, for every such task at once.
pub fn one_line(label: &str, e: &Error) -> String {
    let mut text = if e.message.starts_with(label) {
        e.message.clone()
    } else {
        format!("{}: {}", label, e.message)
    };
    if let Some(id) = &e.task {
        text.push_str(&format!(" (task {id})"));
    }
    if let Some(h) = &e.hint
        && !e.task.as_ref().is_some_and(|id| h.contains(id.as_str()))
    {
        text.push_str("; ");
        text.push_str(h);
    }
    text
}

/// A terminal's width in columns; `fallback` when it cannot tell.
fn width(term: &console::Term, fallback: usize) -> usize {
    term.size_checked()
        .map(|(_, cols)| usize::from(cols))
        .filter(|c| *c > 0)
        .unwrap_or(fallback)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_captured_printer_sees_both_streams_with_the_facts_chosen() {
        let facts = Facts {
            stdout_terminal: false,
            stdout_pipe: true,
            stderr_terminal: false,
            width: Some(60),
            stdout_colour: false,
            stderr_colour: false,
            bars: true,
        };
        let (printer, seen) = Printer::capture(facts);
        assert!(!printer.draws(), "a capture draws no bars");
        printer.task(&serde_json::json!({"id": "t-1"}), OutputFormat::Auto);
        printer.note("hello \u{1b}[2J");
        assert_eq!(seen.stdout(), "{\"id\":\"t-1\"}\n");
        assert_eq!(seen.stderr(), "cloudconvert: hello \\u{1b}[2J\n");
        let (printer, seen) = Printer::capture(Facts {
            stdout_terminal: true,
            stdout_pipe: true,
            ..facts
        });
        printer.task(
            &serde_json::json!({"id": "t-1", "status": "finished"}),
            OutputFormat::Auto,
        );
        assert!(
            seen.stdout().starts_with("id "),
            "the human view: {}",
            seen.stdout()
        );
    }

    #[test]
    fn an_error_about_a_task_always_names_it_whatever_its_hint() {
        let (printer, seen) = Printer::capture(Facts::plain(false, false, None));
        let e = Error::new(crate::error::Exit::Unavailable, "rate limit reached")
            .with_hint("try again later")
            .about_task("t-9");
        printer.error(&e);
        assert_eq!(
            seen.stderr(),
            "cloudconvert: error: rate limit reached\n  task: t-9\n  hint: try again later\n"
        );
        assert_eq!(
            one_line("a.pdf", &e),
            "a.pdf: rate limit reached (task t-9); try again later"
        );
    }

    #[test]
    fn every_field_of_a_task_and_every_part_of_an_error_go_out_scrubbed_and_escaped() {
        let secret = "sk-every-field-0123456789";
        crate::secret::register(secret);
        let hostile = format!("{secret}\u{1b}]0;x\u{7}\u{9b}2J\u{202e}");
        let task = serde_json::json!({
            "id": hostile, "operation": hostile, "status": hostile, "message": hostile,
            "code": hostile, "created_at": hostile,
            "result": {"files": [{"filename": hostile, "size": 1, "md5": hostile}],
                       "form": {"url": hostile, "parameters": {"k": hostile}}},
            "payload": {"url": hostile},
        });
        let error = Error::failure(hostile.clone())
            .with_details(vec![hostile.clone()])
            .with_hint(hostile.clone())
            .about_task(&hostile);
        for stdout_terminal in [false, true] {
            for format in [OutputFormat::Auto, OutputFormat::Table, OutputFormat::Id] {
                let (printer, seen) = Printer::capture(Facts {
                    stdout_terminal,
                    stdout_pipe: true,
                    stderr_terminal: true,
                    width: Some(80),
                    stdout_colour: stdout_terminal,
                    stderr_colour: true,
                    bars: false,
                });
                printer.task(&task, format);
                printer.tasks(std::slice::from_ref(&task), format);
                printer.error(&error);
                printer.error_line(&hostile, &error);
                printer.note(&hostile);
                printer.warn(&hostile);
                printer.verbose(&hostile);
                for text in [seen.stdout(), seen.stderr()] {
                    assert!(!text.contains(secret), "{text}");
                    assert!(
                        !text.contains('\u{7}')
                            && !text.contains('\u{9b}')
                            && !text.contains('\u{202e}')
                            && !text.contains("\u{1b}]"),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn on_a_terminal_every_line_is_wrapped_at_words_to_the_width() {
        let (printer, seen) = Printer::capture(Facts {
            stdout_terminal: false,
            stdout_pipe: true,
            stderr_terminal: true,
            width: Some(60),
            stdout_colour: false,
            stderr_colour: true,
            bars: false,
        });
        let long = "the storage at storage.example refused the upload: Invalid according to Policy: Policy Condition failed (AccessDenied, HTTP 403)";
        printer.error(&Error::failure(long).with_hint(long).about_task("t-1"));
        printer.note(&"報告書の アップロードが 完了しました、 ".repeat(4));
        let text = seen.stderr();
        for line in text.lines() {
            assert!(
                console::measure_text_width(&text::strip_colour(line)) <= 60,
                "{line:?} in {text}"
            );
        }
        assert!(
            text.contains("\n  refused") || text.contains("\n  "),
            "{text}"
        );
        assert!(
            text.contains("Policy Condition failed"),
            "no word cut: {text}"
        );
        // A log keeps one line a message.
        let (printer, seen) = Printer::capture(Facts {
            stderr_terminal: false,
            ..printer.0.facts
        });
        printer.note(long);
        assert_eq!(seen.stderr().lines().count(), 1);
    }

    #[test]
    fn a_rate_limited_error_without_a_hint_gets_one_from_its_kind() {
        let (printer, seen) = Printer::capture(Facts::plain(false, false, None));
        let e = Error::new(
            crate::error::Exit::Unavailable,
            "Too Many Attempts. (HTTP 429)",
        )
        .of_kind(crate::error::Kind::RateLimited);
        printer.error(&e);
        assert!(
            seen.stderr().contains("hint: the account's rate limit"),
            "{}",
            seen.stderr()
        );
    }
}
