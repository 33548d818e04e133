//! Everything printed goes through here: tasks on stdout (data only), and on stderr the
//! messages for people, each with the one prefix, scrubbed of secrets and of control characters.

use crate::cli::{ColorChoice, OutputFormat};
use crate::error::Error;
use crate::secret;
use indicatif::{MultiProgress, ProgressDrawTarget};
use serde_json::Value;
use std::io::{IsTerminal, Write};

const PREFIX: &str = "cloudconvert";

/// Prints one task: the object as JSON (indented for a terminal, one line otherwise, so that
/// several tasks form JSON Lines) or its id alone.
///
/// The API echoes the request in the task's `payload`, credentials included; those are masked
/// like everywhere else, so that a CI log that shows the task shows no secret.
pub fn task(task: &Value, format: OutputFormat) {
    stdout_line(&task_text(task, format));
}

/// A task as `task` prints it.
pub fn task_text(task: &Value, format: OutputFormat) -> String {
    match human(format) {
        Some(OutputFormat::Id) => clean(crate::api::task::id(task).unwrap_or_default()),
        Some(_) => crate::render::block(
            &secret::mask_task(task),
            stdout_width(),
            stdout_color(),
            &clean,
        ),
        None => json_text(&secret::mask_task(task)),
    }
}

/// Several tasks (`task list`): a table for a person, else one task a line.
pub fn tasks(tasks: &[Value], format: OutputFormat) {
    match human(format) {
        Some(OutputFormat::Table) if !tasks.is_empty() => {
            let masked: Vec<Value> = tasks.iter().map(secret::mask_task).collect();
            stdout_line(&crate::render::table(
                &masked,
                stdout_width(),
                stdout_color(),
                std::time::SystemTime::now(),
                &clean,
            ));
        }
        _ => {
            for t in tasks {
                task(t, format);
            }
        }
    }
}

/// The format a task is printed in: None for JSON, else the human view (`Table`) or the id.
/// By default a terminal gets the human view and a pipe JSON.
fn human(format: OutputFormat) -> Option<OutputFormat> {
    match format {
        OutputFormat::Json => None,
        OutputFormat::Auto if !std::io::stdout().is_terminal() => None,
        OutputFormat::Auto => Some(OutputFormat::Table),
        other => Some(other),
    }
}

/// The width of the terminal stderr is, for the bars.
pub fn stderr_width() -> usize {
    width(&console::Term::stderr())
}

/// The width human views fit (a pipe with `-o table` gets 80).
fn stdout_width() -> usize {
    width(&console::Term::stdout())
}

/// A terminal's width in columns; 80 when it cannot tell.
fn width(term: &console::Term) -> usize {
    term.size_checked()
        .map(|(_, cols)| usize::from(cols))
        .filter(|c| *c > 0)
        .unwrap_or(80)
}

/// JSON for stdout: every string scrubbed of known secrets; indented on a terminal, compact
/// otherwise. Control characters inside strings come out escaped: serde_json escapes C0 only,
/// so DEL, C1 controls (a terminal reads U+009B as CSI) and the characters that reorder or hide
/// text are escaped here as `\u009b`, still valid JSON with the same value.
pub fn json_text(value: &Value) -> String {
    let value = secret::scrub_value(value);
    let pretty = std::io::stdout().is_terminal();
    let text = if stdout_color() {
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

/// JSON text with the characters `needs_escape` names that serde_json leaves raw written as
/// `\uXXXX` escapes. In serde_json's output they can stand only inside strings; the colour
/// codes use ESC, which this leaves alone (C0 is serde_json's to escape).
fn escape_in_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if u32::from(c) >= 0x7F && needs_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes generated text (a completion script) to stdout as it is.
pub fn stdout_raw(bytes: &[u8]) {
    ended_if_failed(write_stdout(bytes));
}

/// Writes one whole line to stdout at once.
pub fn stdout_line(text: &str) {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    // On a terminal that also shows the bars, the line goes above them, as a note does.
    ended_if_failed(match BARS.get() {
        Some(bars) if !bars.is_hidden() && std::io::stdout().is_terminal() => {
            bars.suspend(|| write_stdout(line.as_bytes()))
        }
        _ => write_stdout(line.as_bytes()),
    });
}

/// A closed pipe (`| head -c1`) ends the program quietly, as a reader that has seen enough
/// expects; any other failure to write stdout ends it with exit 1.
fn ended_if_failed(written: std::io::Result<()>) {
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        stderr(&format!("{PREFIX}: error: cannot write to stdout: {e}\n"));
        std::process::exit(crate::error::Exit::Failure.code());
    }
}

/// A prompt on stderr, left open for the answer (typed on the same line).
pub fn prompt(text: &str) {
    stderr(text);
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|_| out.flush())
}

/// The error report: `cloudconvert: error: <message>`, the details indented, then the hint.
pub fn error(e: &Error) {
    let mut text = format!(
        "{PREFIX}: {}: {}\n",
        paint("error", "1;31"),
        clean(&e.message)
    );
    for d in &e.details {
        text.push_str(&format!("  {}\n", clean(d)));
    }
    if let Some(h) = &e.hint {
        text.push_str(&format!("  {}: {}\n", paint("hint", "1"), clean(h)));
    }
    stderr(&text);
}

/// One file's failure in a batch, on one line: the file, what happened, and the hint.
pub fn error_line(label: &str, e: &Error) {
    // A message that already starts with what it is about is not labelled twice.
    let mut text = if e.message.starts_with(label) {
        e.message.clone()
    } else {
        format!("{}: {}", label, e.message)
    };
    if let Some(h) = &e.hint {
        text.push_str("; ");
        text.push_str(h);
    }
    stderr(&format!(
        "{PREFIX}: {}: {}\n",
        paint("error", "1;31"),
        clean(&text)
    ));
}

/// A usage error as clap words it (several lines: the problem, a tip, the usage line), with the
/// tool's own prefix. The text is the tool's, not a server's, so its lines are kept.
pub fn usage(text: &str) {
    let lines: Vec<String> = text.lines().map(clean).collect();
    stderr(&format!(
        "{PREFIX}: {}: {}\n",
        paint("error", "1;31"),
        lines.join("\n")
    ));
}

pub fn warn(message: &str) {
    stderr(&format!(
        "{PREFIX}: {}: {}\n",
        paint("warning", "1;33"),
        clean(message)
    ));
}

pub fn note(message: &str) {
    stderr(&format!("{PREFIX}: {}\n", clean(message)));
}

pub fn verbose(message: &str) {
    stderr(&format!("{PREFIX}: {}\n", paint(&clean(message), "2")));
}

/// Writes to stderr above the bars, when bars are shown, so that neither tears the other.
fn stderr(text: &str) {
    let write = || {
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    };
    match BARS.get() {
        Some(bars) if !bars.is_hidden() => bars.suspend(write),
        _ => write(),
    }
}

/// Every bar and spinner is drawn through this one set, on stderr.
static BARS: std::sync::OnceLock<MultiProgress> = std::sync::OnceLock::new();

pub fn bars() -> &'static MultiProgress {
    BARS.get_or_init(|| MultiProgress::with_draw_target(stderr_target()))
}

/// Clears every bar from the screen for good (an interrupt ends the program next).
/// `echoed_line`: the terminal echoed `^C` after the last bar, which filled its line, so the
/// echo sits on a line of its own below the bars: clear it and step back up first.
pub fn clear_bars(echoed_line: bool) {
    if let Some(bars) = BARS.get().filter(|b| !b.is_hidden()) {
        if echoed_line {
            let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K\x1b[1A");
        }
        let _ = bars.clear();
        bars.set_draw_target(ProgressDrawTarget::hidden());
    }
}

/// Whether stderr and stdout are coloured, decided once at start-up.
static COLOR: std::sync::OnceLock<(bool, bool)> = std::sync::OnceLock::new();
/// Whether stderr is a terminal that can draw bars: a known `TERM` other than `dumb`.
static BARS_OK: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Decides colour for both streams: `--color always` or `never` as said; `auto` colours a
/// stream that is a terminal, unless `NO_COLOR` is set (to anything) or `TERM` is `dumb`.
pub fn configure_color(choice: ColorChoice, env: &crate::env::Env) {
    let term = env.peek("TERM");
    let _ = BARS_OK
        .set(std::io::stderr().is_terminal() && term.as_deref().is_some_and(|t| t != "dumb"));
    let allowed = env.peek("NO_COLOR").is_none() && term.as_deref() != Some("dumb");
    let decide = |terminal: bool| match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => allowed && terminal,
    };
    let _ = COLOR.set((
        decide(std::io::stderr().is_terminal()),
        decide(std::io::stdout().is_terminal()),
    ));
}

/// Bars and spinners can be drawn on stderr (indicatif draws nothing on a dumb terminal).
pub fn can_draw_bars() -> bool {
    BARS_OK.get().copied().unwrap_or(false)
}

/// Colour on stderr (the `error:` label, the bars).
pub fn color_enabled() -> bool {
    COLOR.get().is_some_and(|c| c.0)
}

fn stdout_color() -> bool {
    COLOR.get().is_some_and(|c| c.1)
}

fn paint(text: &str, sgr: &str) -> String {
    if color_enabled() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Secrets masked, and control characters from outside (API messages, file names) escaped,
/// newlines included, so they can neither drive the terminal nor forge a line of their own.
/// Scrubbed before and after escaping: a secret echoed with a raw newline matches only before,
/// one echoed JSON-escaped (`\n`) also after.
pub fn clean(text: &str) -> String {
    let escaped: String = secret::scrub(text)
        .chars()
        .map(|c| {
            if needs_escape(c) {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect();
    cut(&secret::scrub(&escaped))
}

/// The longest run without a space that a message keeps whole, and the longest message: a
/// 1 MB path from a list, or a server's endless token, is cut in the middle (its start and its
/// end are what tell one from another) after it was scrubbed, so no cut halves a secret and
/// lets the rest through.
const LONGEST_RUN: usize = 200;
const LONGEST_MESSAGE: usize = 2000;

fn cut(text: &str) -> String {
    let middle = |s: &str, max: usize| -> String {
        let n = s.chars().count();
        if n <= max {
            return s.to_string();
        }
        let (head, tail) = (max * 2 / 3, max / 3 - 1);
        let start: String = s.chars().take(head).collect();
        let end: String = s.chars().skip(n - tail).collect();
        format!("{start}…{end}")
    };
    let runs: Vec<String> = text.split(' ').map(|r| middle(r, LONGEST_RUN)).collect();
    middle(&runs.join(" "), LONGEST_MESSAGE)
}

/// C0 and C1 controls and DEL, and the characters that reorder or hide text (bidi overrides,
/// zero-width and tag characters), as fd escapes them.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Where bars and spinners draw: stderr, at its full width. indicatif pads each line to that
/// width and lets the terminal wrap to the next, so several bars need the true width.
fn stderr_target() -> ProgressDrawTarget {
    ProgressDrawTarget::term(console::Term::buffered_stderr(), 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_in_the_middle_after_scrubbing() {
        let path = format!("/data/{}/end.pdf", "x".repeat(1 << 20));
        let line = clean(&format!("cannot upload {path}: No such file or directory"));
        assert!(line.chars().count() < 260, "{}", line.len());
        assert!(line.starts_with("cannot upload /data/xxx"), "{line}");
        assert!(
            line.ends_with("xx/end.pdf: No such file or directory"),
            "{line}"
        );
        let words = "word ".repeat(1000);
        let cut = clean(&words);
        assert!(
            cut.chars().count() <= LONGEST_MESSAGE && cut.contains("…"),
            "{cut}"
        );
        assert_eq!(clean("short stays as it is"), "short stays as it is");
    }

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_stays_the_same_value() {
        let v =
            serde_json::json!({"message": "a\u{9b}2J\u{9d}0;x\u{7}\u{202e}gnp.exe\u{7f}\u{e0041}"});
        let text = escape_in_json(&v.to_string());
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u007f"));
        assert!(text.contains("\\udb40\\udc41"), "a surrogate pair: {text}");
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
        assert_eq!(
            escape_in_json("\u{1b}[0;32m\"ok\"\u{1b}[0m"),
            "\u{1b}[0;32m\"ok\"\u{1b}[0m"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\x1b[2Jb\tc\nd"), "a\\u{1b}[2Jb\\tc\\nd");
        assert_eq!(clean("x\u{202E}y"), "x\\u{202e}y");
    }
}
