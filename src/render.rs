//! Tasks for a person at a terminal (gh's model): one task as a short block of the fields that
//! matter, no `null`s; a list as a table, one row a task, fitting the width. Scripts get JSON
//! (`output.rs` chooses); every string here comes from outside and is cleaned by the caller's
//! `clean` (secrets scrubbed, control characters escaped).

use serde_json::Value;
use std::time::SystemTime;

/// A field's text, when it has one.
fn text<'a>(task: &'a Value, key: &str) -> Option<&'a str> {
    task.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// `text` shortened to `width` characters with an ellipsis in the middle, keeping the end
/// (a file's extension, an id's last digits).
pub fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        return text.to_string();
    }
    if width < 2 {
        return "…".chars().take(width).collect();
    }
    let tail = (width - 1) / 2;
    let head = width - 1 - tail;
    let start: String = text.chars().take(head).collect();
    let end: String = text.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

fn paint(colour: bool, sgr: &str, text: &str) -> String {
    if colour {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The colour of a status, as gh colours checks: green done, red failed, yellow under way.
fn status_sgr(task: &Value) -> &'static str {
    match text(task, "status") {
        Some("finished") => "32",
        Some("error") => "31",
        _ => "33",
    }
}

/// Per stored file: its name and size, and its MD5.
fn files(task: &Value) -> Vec<(String, Option<String>)> {
    let Some(files) = task
        .get("result")
        .and_then(|r| r.get("files"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    files
        .iter()
        .map(|f| {
            let mut line = text(f, "filename").unwrap_or("?").to_string();
            if let Some(size) = f.get("size").and_then(Value::as_u64) {
                line.push_str(&format!("  {}", indicatif::BinaryBytes(size)));
            }
            (line, text(f, "md5").map(str::to_string))
        })
        .collect()
}

/// One task as a block: `label  value` lines, each fitting `width`.
pub fn block(task: &Value, width: usize, colour: bool, clean: &dyn Fn(&str) -> String) -> String {
    let mut rows: Vec<(&str, String)> = Vec::new();
    for (label, key) in [("id", "id"), ("operation", "operation")] {
        if let Some(v) = text(task, key) {
            rows.push((label, clean(v)));
        }
    }
    // The status comes from outside like every other field: cleaned before it is painted.
    let mut state = paint(
        colour,
        status_sgr(task),
        &clean(text(task, "status").unwrap_or("?")),
    );
    if let Some(code) = text(task, "code") {
        state.push_str(&format!(" ({})", clean(code)));
    }
    rows.push(("status", state));
    for (file, md5) in files(task) {
        rows.push(("file", clean(&file)));
        if let Some(md5) = md5 {
            rows.push(("md5", clean(&md5)));
        }
    }
    if let Some(m) = text(task, "message") {
        rows.push(("message", clean(m)));
    }
    let form = task
        .get("result")
        .and_then(|r| r.get("form"))
        .and_then(|f| f.get("url"))
        .and_then(Value::as_str);
    if let Some(url) = form {
        rows.push(("form", clean(url)));
    }
    for (label, key) in [("created", "created_at"), ("ended", "ended_at")] {
        if let Some(v) = text(task, key) {
            rows.push((label, clean(v)));
        }
    }
    let label_width = 10;
    let room = width.saturating_sub(label_width).max(20);
    rows.iter()
        .map(|(label, value)| {
            // A coloured value is short (a status); only plain values are fitted.
            let value = if value.contains('\x1b') {
                value.clone()
            } else {
                fit(value, room)
            };
            format!("{label:<label_width$}{value}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// How long ago an RFC 3339 time (`2026-11-27T10:00:00+00:00`) was: `42s`, `5m`, `3h`, `2d`.
pub fn age(created: &str, now: SystemTime) -> Option<String> {
    let at = crate::clock::parse_rfc3339(created)?;
    let secs = now.duration_since(at).map(|d| d.as_secs()).unwrap_or(0);
    Some(match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m", secs / 60),
        3600..86_400 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    })
}

/// Text cut to `width` keeping its start: `Waiting for file…`.
fn fit_start(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let start: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{start}…")
}

/// Tasks as a table: id, operation, status, the file's name (or the message), age (or, for a
/// job's tasks, their names); one row a task, each fitting `width` (the file column gives way
/// first).
pub fn table(
    tasks: &[Value],
    width: usize,
    colour: bool,
    now: SystemTime,
    clean: &dyn Fn(&str) -> String,
) -> String {
    // Where every task is an import, the column says so once: `url`, `upload`, `s3` …
    let imports = tasks
        .iter()
        .all(|t| text(t, "operation").is_some_and(|o| o.starts_with("import/")));
    let named = tasks.iter().all(|t| text(t, "name").is_some());
    let rows: Vec<Row> = tasks
        .iter()
        .map(|t| Row::of(t, (imports, named), now, clean))
        .collect();
    let header = [
        "ID",
        if imports { "IMPORT" } else { "OPERATION" },
        "STATUS",
        "FILE",
        if named { "NAME" } else { "AGE" },
    ];
    grid(&rows, header, tasks, width, colour)
}

/// A job for a person: a line saying it, then its tasks as a table.
pub fn job(
    job: &Value,
    width: usize,
    colour: bool,
    now: SystemTime,
    clean: &dyn Fn(&str) -> String,
) -> String {
    let mut head = format!(
        "job {}  {}",
        clean(text(job, "id").unwrap_or("?")),
        paint(
            colour,
            status_sgr(job),
            &clean(text(job, "status").unwrap_or("?"))
        )
    );
    if let Some(tag) = text(job, "tag") {
        head.push_str(&format!("  tag {}", clean(tag)));
    }
    let tasks = job
        .get("tasks")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if tasks.is_empty() {
        return head;
    }
    format!("{head}\n{}", table(&tasks, width, colour, now, clean))
}

/// Jobs as a table: id, tag, status, how many tasks, age.
pub fn jobs(
    jobs: &[Value],
    width: usize,
    colour: bool,
    now: SystemTime,
    clean: &dyn Fn(&str) -> String,
) -> String {
    let rows: Vec<Row> = jobs
        .iter()
        .map(|j| Row {
            cells: [
                clean(text(j, "id").unwrap_or("?")),
                clean(text(j, "tag").unwrap_or("")),
                clean(text(j, "status").unwrap_or("?")),
                match j.get("tasks").and_then(Value::as_array) {
                    Some(t) if t.len() == 1 => "1 task".into(),
                    Some(t) => format!("{} tasks", t.len()),
                    None => String::new(),
                },
                text(j, "created_at")
                    .and_then(|c| age(c, now))
                    .unwrap_or_default(),
            ],
            message: false,
        })
        .collect();
    grid(
        &rows,
        ["ID", "TAG", "STATUS", "TASKS", "AGE"],
        jobs,
        width,
        colour,
    )
}

/// Rows under a header, each fitting `width`, the status of each (task or job) in its colour.
fn grid(rows: &[Row], header: [&str; 5], of: &[Value], width: usize, colour: bool) -> String {
    let w = widths(rows, &header, width);
    let mut lines = vec![paint(colour, "1", &line(&w, header, None, false))];
    for (row, task) in rows.iter().zip(of) {
        let cells = row.cells.each_ref().map(String::as_str);
        lines.push(line(
            &w,
            cells,
            colour.then(|| status_sgr(task)),
            row.message,
        ));
    }
    lines.join("\n")
}

/// One task's cells, cleaned, and whether its file column holds a message (which keeps its
/// start when shortened; a file's name is shortened in the middle, its end telling it apart).
struct Row {
    cells: [String; 5],
    message: bool,
}

impl Row {
    fn of(
        t: &Value,
        (imports, named): (bool, bool),
        now: SystemTime,
        clean: &dyn Fn(&str) -> String,
    ) -> Row {
        let file = t
            .get("result")
            .and_then(|r| r.get("files"))
            .and_then(|f| f.get(0))
            .and_then(|f| text(f, "filename"));
        let what = file.or_else(|| text(t, "message")).unwrap_or("");
        let operation = text(t, "operation").unwrap_or("?");
        Row {
            cells: [
                clean(text(t, "id").unwrap_or("?")),
                clean(if imports {
                    operation.trim_start_matches("import/")
                } else {
                    operation
                }),
                clean(text(t, "status").unwrap_or("?")),
                clean(what),
                if named {
                    clean(text(t, "name").unwrap_or_default())
                } else {
                    text(t, "created_at")
                        .and_then(|c| age(c, now))
                        .unwrap_or_default()
                },
            ],
            message: file.is_none(),
        }
    }
}

/// Each column's width: its widest cell, but the file column takes what the others leave (at
/// least 8), and where that would leave a name shorter than 12 (`report.docx` in a job's
/// table, beside the task names) the ids give way first (shortened in the middle, at least
/// 13 characters).
fn widths(rows: &[Row], header: &[&str; 5], width: usize) -> [usize; 5] {
    let widest = |i: usize| {
        rows.iter()
            .map(|r| r.cells[i].chars().count())
            .chain([header[i].len()])
            .max()
            .unwrap_or(0)
    };
    let mut w: [usize; 5] = std::array::from_fn(widest);
    let others = w[1] + w[2] + w[4] + 4 * 2;
    w[0] = w[0].min(width.saturating_sub(others + w[3].clamp(8, 12)).max(13));
    w[3] = w[3].min(width.saturating_sub(others + w[0]).max(8));
    w
}

/// One line of the table: each cell fitted to its column, the age to the right, the status
/// in its colour.
fn line(w: &[usize; 5], cells: [&str; 5], status_colour: Option<&str>, message: bool) -> String {
    let mut out = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        let shown = if i == 3 && message {
            fit_start(cell, w[i])
        } else {
            fit(cell, w[i])
        };
        let pad = w[i].saturating_sub(shown.chars().count());
        let shown = match (status_colour, i) {
            (Some(sgr), 2) => paint(true, sgr, &shown),
            _ => shown,
        };
        out.push(if i == 4 {
            format!("{}{shown}", " ".repeat(pad))
        } else {
            format!("{shown}{}", " ".repeat(pad))
        });
    }
    out.join("  ").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    fn same(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn names_are_shortened_in_the_middle_keeping_the_end() {
        assert_eq!(fit("report.pdf", 20), "report.pdf");
        assert_eq!(
            fit("a-very-long-scan-name-2024.tiff", 15),
            "a-very-…24.tiff"
        );
        assert_eq!(
            fit("a-very-long-scan-name-2024.tiff", 15).chars().count(),
            15
        );
    }

    #[test]
    fn a_block_has_the_fields_that_matter_and_no_nulls() {
        let t = json!({"id": "t-1", "operation": "import/upload", "status": "finished",
            "message": null, "code": null, "job_id": null, "created_at": "2026-11-27T10:00:00+00:00",
            "result": {"files": [{"filename": "input.pdf", "size": 2048, "md5": "53d6fe6b688c31c565907c81de625046"}]}});
        let b = block(&t, 80, false, &same);
        assert_eq!(
            b,
            "id        t-1\noperation import/upload\nstatus    finished\nfile      input.pdf  2.00 KiB\nmd5       53d6fe6b688c31c565907c81de625046\ncreated   2026-11-27T10:00:00+00:00"
        );
        assert!(!b.contains("null"));
        let waiting = json!({"id": "t-2", "status": "waiting", "message": "Waiting for file upload",
            "result": {"form": {"url": "https://storage.cloudconvert.com/tasks", "parameters": {}}}});
        let b = block(&waiting, 80, false, &same);
        assert!(
            b.contains("\nform      https://storage.cloudconvert.com/tasks"),
            "{b}"
        );
        for line in block(&t, 40, false, &same).lines() {
            assert!(line.chars().count() <= 40, "{line}");
        }
    }

    #[test]
    fn ages_from_rfc_3339() {
        let now = crate::clock::unix_time(2026, 11, 27, (12, 0, 0)).unwrap();
        assert_eq!(
            age("2026-11-27T11:59:30+00:00", now).as_deref(),
            Some("30s")
        );
        assert_eq!(age("2026-11-27T11:00:00Z", now).as_deref(), Some("1h"));
        assert_eq!(
            age("2026-11-27T12:30:00+01:00", now).as_deref(),
            Some("30m")
        );
        assert_eq!(
            age("2026-11-25T12:00:00.123+00:00", now).as_deref(),
            Some("2d")
        );
        assert_eq!(age("yesterday", now), None);
        let _ = now + Duration::from_secs(1);
    }

    #[test]
    fn a_table_fits_its_width() {
        let now = crate::clock::unix_time(2026, 11, 27, (12, 0, 0)).unwrap();
        let tasks: Vec<Value> = (0..3)
            .map(|i| json!({"id": format!("3f7c000{i}-7c2a-4e0b-9d1c-00000000000{i}"), "operation": "import/url",
                "status": "error", "message": "Could not download the file: 404 Not Found from a server far away",
                "created_at": "2026-11-27T11:00:00+00:00"}))
            .collect();
        for width in [60, 80, 120] {
            let t = table(&tasks, width, false, now, &same);
            let lines: Vec<&str> = t.lines().collect();
            assert_eq!(lines.len(), 4);
            assert!(lines[0].starts_with("ID"));
            for l in &lines {
                assert!(l.chars().count() <= width, "{width}: {l}");
            }
            assert!(lines[1].ends_with("1h"), "{}", lines[1]);
        }
        let wide = table(&tasks, 160, false, now, &same);
        assert!(wide.contains("404 Not Found from a server far away"));
        // Imports only: the column is IMPORT and says `url`; a message keeps its start.
        let t = table(&tasks, 80, false, now, &same);
        assert!(t.starts_with("ID") && t.contains("IMPORT"), "{t}");
        assert!(
            t.contains("  url  ") && t.contains("Could not download"),
            "{t}"
        );
        // A task list at 80 keeps its ids whole, to copy.
        assert!(t.contains("3f7c0001-7c2a-4e0b-9d1c-000000000001"), "{t}");
    }

    /// A job's table at 80: the task names and a short file name whole, the ids giving way.
    #[test]
    fn a_jobs_table_keeps_its_names_whole_at_80() {
        let now = crate::clock::unix_time(2026, 11, 27, (12, 0, 0)).unwrap();
        let task = |i: u32, name: &str, op: &str, file: &str| {
            json!({"id": format!("3f7c000{i}-7c2a-4e0b-9d1c-00000000000{i}"), "name": name,
                "operation": op, "status": "finished", "result": {"files": [{"filename": file}]}})
        };
        let tasks = [
            task(4, "upload-my-file", "import/upload", "report.docx"),
            task(5, "convert-my-file", "convert", "report.pdf"),
            task(6, "export-my-file", "export/url", "report.pdf"),
        ];
        let t = table(&tasks, 80, false, now, &same);
        for whole in ["report.docx", "convert-my-file", "upload-my-file"] {
            assert!(t.contains(whole), "{whole}: {t}");
        }
        assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
    }
}
