//! Text for the screen: what comes from outside made safe (secrets scrubbed, controls and
//! invisible characters escaped, endless runs cut) and lines wrapped to a terminal's width
//! without breaking a word, a number from its unit, or a command offered to copy.

use crate::secret;

/// The most a continuation line is indented: a server's text that starts with a run of spaces
/// would otherwise push every continuation as far, and a line of words become a screenful of
/// spaces for each.
const MAX_INDENT: usize = 8;

/// Lines wrapped by the tool at spaces to `width` display columns (CJK counts two, colour
/// codes none), each continuation indented two past its line's own indent (at most
/// `MAX_INDENT`), so the terminal never breaks a word. A word wider than the line stays whole
/// on a line of its own, and so does a command offered to copy (`cloudconvert …`, to its
/// closing backtick or the end of the line): copied from the screen, it runs as it is. Spaces
/// where a line breaks are dropped, so that what is printed never outgrows what was given by
/// more than the indents.
pub fn wrap(text: &str, width: usize) -> String {
    let columns = |s: &str| console::measure_text_width(&strip_colour(s));
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        if columns(body) <= width {
            out.push_str(line);
            continue;
        }
        let leading = body.len() - body.trim_start_matches(' ').len();
        let indent = (leading + 2).min(MAX_INDENT).min(width / 2);
        let kept = leading.min(MAX_INDENT);
        out.push_str(&body[..kept]);
        let mut used = kept;
        let mut at_start = true;
        for word in units(&body[leading..]) {
            if word.is_empty() {
                // A run of spaces: one is kept between words, none where a line breaks.
                if !at_start && used < width {
                    out.push(' ');
                    used += 1;
                }
                continue;
            }
            let w = columns(word);
            let gap = usize::from(!at_start && !out.ends_with(' '));
            if !at_start && used + gap + w > width {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                used = indent;
            } else if gap == 1 {
                out.push(' ');
                used += 1;
            }
            out.push_str(word);
            used += w;
            at_start = false;
        }
        out.push_str(end);
    }
    out
}

/// A line's words, split at single spaces (a run of spaces gives empty words), with a command
/// offered to copy kept whole as one: from a word `cloudconvert` (or `` `cloudconvert ``) to the
/// word that closes its backtick, or to the end of the line. A number and its unit (`585.94
/// KiB`, `30 s`) stay together too.
fn units(line: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < line.len() {
        let rest = &line[at..];
        let starts_command =
            rest.starts_with("cloudconvert ") || rest.starts_with("`cloudconvert ");
        let end = if starts_command {
            let quoted = rest.starts_with('`');
            match quoted.then(|| rest[1..].find('`')).flatten() {
                // To the closing backtick and what sticks to it (`;`, `.`, `)`).
                Some(close) => rest[close + 2..]
                    .find(' ')
                    .map_or(rest.len(), |space| close + 2 + space),
                None => rest.len(),
            }
        } else {
            rest.find(' ').unwrap_or(rest.len())
        };
        spans.push((at, at + end));
        at += end + usize::from(at + end < line.len());
    }
    // A number followed by its unit: one span.
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if is_number(&line[last.0..last.1]) && is_unit(&line[span.0..span.1]) => {
                last.1 = span.1;
            }
            _ => merged.push(span),
        }
    }
    merged.into_iter().map(|(a, b)| &line[a..b]).collect()
}

/// `585.94`, `(30`, `1,024`: a number a unit may follow.
fn is_number(word: &str) -> bool {
    let w = word.trim_start_matches(['(', '[']);
    !w.is_empty()
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// A unit of size, time or rate, with what may stick to it (`KiB,`, `s)`).
fn is_unit(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';', ')', ']', '.', ':']);
    matches!(
        w,
        "B" | "KiB"
            | "MiB"
            | "GiB"
            | "TiB"
            | "kB"
            | "KB"
            | "MB"
            | "GB"
            | "B/s"
            | "KiB/s"
            | "MiB/s"
            | "GiB/s"
            | "s"
            | "ms"
            | "min"
            | "h"
            | "%"
            | "bytes"
    )
}

/// Text without its colour codes (`ESC [ … m`), for measuring.
pub fn strip_colour(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '\x1b' => in_code = true,
            'm' if in_code => in_code = false,
            _ if in_code => {}
            c => out.push(c),
        }
    }
    out
}

/// JSON text with the characters `needs_escape` names that serde_json leaves raw written as
/// `\uXXXX` escapes. In serde_json's output they can stand only inside strings; the colour
/// codes use ESC, which this leaves alone (C0 is serde_json's to escape).
pub fn escape_in_json(text: &str) -> String {
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

/// Secrets masked, and control characters from outside (API messages, file names) escaped,
/// newlines included, so they can neither drive the terminal nor forge a line of their own.
/// Scrubbed before and after escaping: a secret echoed with a raw newline matches only before,
/// one echoed JSON-escaped (`\n`) also after.
pub fn clean(text: &str) -> String {
    let text = without_os_error_codes(text);
    let escaped: String = secret::scrub(&text)
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

/// The system's words without the number Rust adds to them (`No such file or directory (os
/// error 2)`): the words are what a person reads, and the number is said nowhere else.
fn without_os_error_codes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(" (os error ") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (os error ") {
        let after = &rest[at + " (os error ".len()..];
        let digits = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'-')
            .count();
        if digits > 0 && after[digits..].starts_with(')') {
            out.push_str(&rest[..at]);
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
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

/// C0 and C1 controls and DEL, and every character that reorders text or shows nothing: the
/// Unicode properties Bidi_Control and Default_Ignorable_Code_Point (zero-width and tag
/// characters, soft hyphens, fillers, variation selectors…), from Unicode's own tables.
pub fn needs_escape(c: char) -> bool {
    use icu_properties::CodePointSetData;
    use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
    c.is_control()
        || (u32::from(c) >= 0xAD
            && (CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
                || CodePointSetData::new::<BidiControl>().contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

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

    /// A server's field name of nothing but spaces once made the wrap indent every
    /// continuation by its width: 2 KB in, 100 MB out. What is printed stays within a small
    /// multiple of what was given.
    #[test]
    fn a_line_of_spaces_and_words_wraps_to_about_its_own_size() {
        let hostile = format!("  {}: {}", " ".repeat(1990), "word ".repeat(400));
        for width in [20, 80, 200] {
            let wrapped = wrap(&hostile, width);
            assert!(
                wrapped.len() < 3 * hostile.len(),
                "{width}: {}",
                wrapped.len()
            );
            assert!(
                wrapped
                    .lines()
                    .all(|l| console::measure_text_width(l) <= width),
                "{width}"
            );
        }
    }

    #[test]
    fn a_command_to_copy_is_never_broken_by_the_wrap() {
        let ids = "0a1b2c3d-0000-4000-8000-000000000001 0a1b2c3d-0000-4000-8000-000000000002";
        for text in [
            format!("hint: keep waiting with: cloudconvert task wait {ids}"),
            format!("task t was created; see it with `cloudconvert task show {ids}`; or not"),
        ] {
            let wrapped = wrap(&text, 40);
            let command = format!(
                "task {} {ids}",
                if text.contains("wait") {
                    "wait"
                } else {
                    "show"
                }
            );
            assert!(
                wrapped
                    .lines()
                    .any(|l| l.contains(&format!("cloudconvert {command}"))),
                "{wrapped}"
            );
        }
        assert_eq!(
            units("see `cloudconvert task show a b`; then x"),
            ["see", "`cloudconvert task show a b`;", "then", "x"]
        );
        assert_eq!(
            units("took all 585.94 KiB but, after 30 s), a  b"),
            [
                "took",
                "all",
                "585.94 KiB",
                "but,",
                "after",
                "30 s),",
                "a",
                "",
                "b"
            ]
        );
        // At any width, a number and its unit are on one line.
        let text = "no progress for 2 s: the storage took all 585.94 KiB but did not answer";
        for width in 10..60 {
            let wrapped = wrap(text, width);
            assert!(
                !wrapped.lines().any(|l| l.trim_end().ends_with("585.94")),
                "{width}: {wrapped}"
            );
            assert!(
                !wrapped.lines().any(|l| l.trim_end().ends_with(" 2")),
                "{width}: {wrapped}"
            );
        }
    }

    /// Every character Unicode says reorders text or shows nothing is escaped, checked against
    /// the properties over the whole range, and the ones a server was seen to send by name.
    #[test]
    fn every_bidi_control_and_default_ignorable_character_is_escaped() {
        use icu_properties::CodePointSetData;
        use icu_properties::props::{BidiControl, DefaultIgnorableCodePoint};
        let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        let bidi = CodePointSetData::new::<BidiControl>();
        let mut counted = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if ignorable.contains(c) || bidi.contains(c) {
                counted += 1;
                assert!(needs_escape(c), "U+{:04X}", u32::from(c));
                assert!(
                    !clean(&format!("a{c}b")).contains(c),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
        assert!(counted > 4000, "{counted}");
        for c in [
            '\u{061C}', '\u{2060}', '\u{2064}', '\u{206A}', '\u{206F}', '\u{00AD}', '\u{180E}',
            '\u{115F}', '\u{3164}', '\u{FFA0}', '\u{FE0F}',
        ] {
            assert!(needs_escape(c), "U+{:04X}", u32::from(c));
        }
        assert!(!needs_escape('é') && !needs_escape('報') && !needs_escape(' '));
    }

    #[test]
    fn the_system_s_words_come_without_their_number() {
        assert_eq!(
            clean("cannot read a.pdf: No such file or directory (os error 2)"),
            "cannot read a.pdf: No such file or directory"
        );
        assert_eq!(
            clean("x (os error 13) and y (os error -5); (os error z)"),
            "x and y; (os error z)"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(clean("a\x1b[2Jb\tc\nd"), "a\\u{1b}[2Jb\\tc\\nd");
        assert_eq!(clean("x\u{202E}y"), "x\\u{202e}y");
    }
}
