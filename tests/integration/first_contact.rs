//! The first minutes: completions from the binary itself, a task a person can read on a
//! terminal (coloured like jq, never when piped or asked not to), and --no-progress.

use crate::cloud::{self, Cloud, Options};
use crate::storage::Storage;
#[cfg(unix)]
use crate::support::Pty;
use crate::support::*;
use serde_json::Value;
use std::io::Read;
use std::process::Stdio;

#[test]
fn completions_print_the_committed_scripts() {
    let sb = Sandbox::new();
    for (shell, file) in [
        ("bash", "cloudconvert.bash"),
        ("zsh", "_cloudconvert"),
        ("fish", "cloudconvert.fish"),
        ("powershell", "_cloudconvert.ps1"),
        ("elvish", "cloudconvert.elv"),
    ] {
        let out = sb.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let committed = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("completions")
                .join(file),
        )
        .unwrap();
        assert!(
            out.stdout == committed,
            "{shell}: differs from completions/{file}"
        );
    }
    let out = sb.cmd().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// Runs `args` with stdout on a pseudo-terminal; what the terminal received.
#[cfg(unix)]
fn on_a_terminal(mut cmd: std::process::Command) -> String {
    let pty = Pty::open();
    let mut child = cmd
        .stdout(pty.terminal.try_clone().unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Every copy of the terminal side closes here, so that the reader sees its end.
    drop(cmd);
    drop(pty.terminal);
    let seen = drain(pty.master);
    assert!(child.wait().unwrap().success());
    String::from_utf8_lossy(&seen.join().unwrap()).replace("\r\n", "\n")
}

/// Reads the terminal's other side on a thread of its own, as the child writes (a terminal's
/// buffer is small), until every holder of the terminal side has closed it.
#[cfg(unix)]
fn drain(mut master: std::fs::File) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        seen
    })
}

/// The text without its escape sequences (colours, cursor moves, line clears).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // ESC [ parameters, then one final byte from @ to ~.
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn a_task_on_a_terminal_is_coloured_like_jq_and_nowhere_else() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let out = sb
        .cloud(&cloud)
        .args(["import", "url", "https://e.com/a.pdf"])
        .output()
        .unwrap();
    let piped = stdout(&out);
    assert!(!piped.contains('\x1b'), "piped: no colour");
    let task: Value = serde_json::from_str(&piped).unwrap();
    assert_eq!(
        piped,
        format!("{task}\n"),
        "piped: one compact line, byte for byte"
    );
    let id = cloud::id(1);

    let show = |extra: &[(&str, &str)], args: &[&str]| {
        let mut cmd = sb.cloud_std(&cloud);
        cmd.envs(extra.iter().copied()).args(args);
        on_a_terminal(cmd)
    };
    // -o json on a terminal: JSON, coloured and indented.
    let shown = show(&[], &["-o", "json", "task", "show", &id]);
    assert!(
        shown.contains("\x1b[34;1m\"id\"\x1b[0m"),
        "keys coloured: {shown:?}"
    );
    assert!(shown.contains("\x1b[1;30mnull\x1b[0m"), "null dimmed");
    let plain: Value = serde_json::from_str(&strip_ansi(&shown)).expect("still valid JSON");
    assert_eq!(plain["id"], id.as_str());
    assert!(strip_ansi(&shown).contains("\n  \"id\": "), "indented");

    for (var, value) in [("NO_COLOR", "1"), ("TERM", "dumb")] {
        let shown = show(&[(var, value)], &["-o", "json", "task", "show", &id]);
        assert!(!shown.contains('\x1b'), "{var}={value}: {shown:?}");
        serde_json::from_str::<Value>(&shown).unwrap();
    }
    let shown = show(
        &[],
        &["--color", "never", "-o", "json", "task", "show", &id],
    );
    assert!(!shown.contains('\x1b'));

    // --color always colours even a pipe (as jq -C does).
    let out = sb
        .cloud(&cloud)
        .args(["--color", "always", "-o", "json", "task", "show", &id])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("\x1b[34;1m"));
    // And the error label follows the same choice.
    let out = sb
        .cloud(&cloud)
        .args(["--color", "always", "task", "show", "nope"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("\x1b[1;31merror\x1b[0m"),
        "{}",
        stderr(&out)
    );
    let out = sb
        .cloud(&cloud)
        .env("NO_COLOR", "1")
        .args(["task", "show", "nope"])
        .output()
        .unwrap();
    assert!(!stderr(&out).contains('\x1b'));
}

#[cfg(unix)]
#[test]
fn no_progress_hides_the_bars_but_keeps_the_notes() {
    let sb = Sandbox::new();
    let storage = Storage::start(&[("key", "k")]);
    let cloud = Cloud::for_storage(&storage, &[("key", "k")]);
    let file = sb.path().join("a.txt");
    std::fs::write(&file, vec![b'a'; 300_000]).unwrap();
    let run = |extra: &[&str]| {
        let pty = Pty::open();
        let mut cmd = sb.cloud_std(&cloud);
        cmd.env("TERM", "xterm")
            .args(["import", "upload", file.to_str().unwrap()])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(pty.terminal.try_clone().unwrap());
        let mut child = cmd.spawn().unwrap();
        drop(cmd);
        drop(pty.terminal);
        let seen = drain(pty.master);
        assert!(child.wait().unwrap().success());
        String::from_utf8_lossy(&seen.join().unwrap()).into_owned()
    };
    // The wait for CloudConvert (0.7 s here) shows its spinner; the file's bar may come and go
    // between two draws.
    let with_bars = strip_ansi(&run(&[]));
    assert!(
        with_bars.contains(": being taken in by CloudConvert ("),
        "a spinner on a terminal: {with_bars:?}"
    );
    let without = strip_ansi(&run(&["--no-progress"]));
    assert!(
        !without.contains("being taken in by CloudConvert (") && !without.contains("a.txt ["),
        "no bar: {without:?}"
    );
    assert!(
        without.contains("uploaded a.txt"),
        "the note stays: {without:?}"
    );
    let quiet = run(&["-q"]);
    assert!(quiet.trim().is_empty(), "-q: {quiet:?}");
}

#[test]
fn first_contact_without_stumbles() {
    let sb = Sandbox::new();
    // A command alone shows its help, which is not an error.
    for args in [&[][..], &["import"], &["task"], &["auth"]] {
        let out = sb.cmd().args(args).output().unwrap();
        let err = stderr(&out);
        assert!(err.contains("Usage: cloudconvert"), "{args:?}: {err}");
        assert!(!err.contains("error:"), "{args:?}: {err}");
        assert!(out.stdout.is_empty());
    }
    // An import source given at the top is pointed to `import`.
    let out = sb.cmd().args(["upload", "x.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cloudconvert import upload ..."),
        "{}",
        stderr(&out)
    );
    // A file where the source was expected: choose a source.
    let out = sb.cmd().args(["import", "report.pdf"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("choose a source") && err.contains("url, upload, s3"),
        "{err}"
    );
    // Ranges in words.
    let out = sb
        .cmd()
        .args(["import", "upload", "--jobs", "0", "a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("from 1 to 64") && !err.contains("..="),
        "{err}"
    );
}

#[test]
fn wait_says_what_it_means_where_it_is_shown() {
    let sb = Sandbox::new();
    // An upload always waits: its -h leaves --wait out and shows --wait-timeout.
    let help = stdout(&sb.cmd().args(["import", "upload", "-h"]).output().unwrap());
    assert!(!help.contains("--wait "), "{help}");
    assert!(help.contains("--wait-timeout <SECS>"), "{help}");
    let long = stdout(
        &sb.cmd()
            .args(["import", "upload", "--help"])
            .output()
            .unwrap(),
    );
    assert!(long.contains("always"), "{long}");
    // A URL's -h speaks of URLs, not of uploads.
    let help = stdout(&sb.cmd().args(["import", "url", "-h"]).output().unwrap());
    let line = help
        .lines()
        .find(|l| l.trim_start().starts_with("--wait "))
        .unwrap_or_else(|| panic!("{help}"));
    assert!(!line.contains("upload"), "{line}");
}

#[test]
fn the_first_screen_and_every_short_help_fit_80_by_24() {
    let sb = Sandbox::new();
    let help = |args: &[&str]| {
        let mut cmd = sb.cmd();
        cmd.env("COLUMNS", "80").args(args);
        let out = cmd.output().unwrap();
        stdout(&out) + &stderr(&out)
    };
    let first = help(&[]);
    assert!(first.lines().count() <= 20, "{first}");
    for word in ["import", "url, upload, s3", "show, wait, list", "--help"] {
        assert!(first.contains(word), "{word}: {first}");
    }
    let commands = [
        "import",
        "import url",
        "import upload",
        "import s3",
        "import azure",
        "import gcs",
        "import openstack",
        "import sftp",
        "import base64",
        "import raw",
        "task",
        "task show",
        "task wait",
        "task list",
        "task cancel",
        "task retry",
        "task delete",
        "auth",
        "auth login",
        "auth status",
        "auth logout",
        "completions",
    ];
    for command in commands {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("-h");
        let text = help(&args);
        // 23 at most: on a screen of 24 the prompt takes one.
        assert!(
            text.lines().count() <= 23,
            "{command}: {} lines\n{text}",
            text.lines().count()
        );
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{command}: {line:?}");
        }
        // Global options are listed once, in --help; -h points there in one line.
        assert!(!text.contains("--api-key <KEY>"), "{command}: {text}");
        assert!(text.contains("add --help"), "{command}: {text}");
    }
    // What a newcomer looks for in import upload -h is there.
    let upload = help(&["import", "upload", "-h"]);
    for flag in ["--limit-rate", "--no-verify", "--wait-timeout"] {
        assert!(upload.contains(flag), "{flag}: {upload}");
    }
    // --help keeps the full text.
    let full = help(&["import", "upload", "--help"]);
    assert!(
        full.contains("--api-key <KEY>") && full.contains("--redirect"),
        "{full}"
    );
}

#[test]
fn the_tables_of_help_keep_their_columns_at_80() {
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("COLUMNS", "80")
        .arg("--help")
        .output()
        .unwrap();
    let help = stdout(&out);
    for line in help.lines() {
        assert!(line.chars().count() <= 80, "{line:?}");
    }
    // A description that goes on does so under its column, not under the names.
    let env = help.split("Environment:").nth(1).unwrap_or_default();
    let exit = help.split("Exit status:").nth(1).unwrap_or_default();
    assert!(env.lines().any(|l| l.starts_with(&" ".repeat(37))), "{env}");
    assert!(
        exit.lines().any(|l| l.starts_with("       no key")),
        "{exit}"
    );
    assert!(
        !exit
            .lines()
            .any(|l| l.trim_start().starts_with("storage redirect")),
        "{exit}"
    );
}

/// Bash completion, as a person meets it: `task <Tab><Tab>` offers the six verbs (not 19
/// options first), `import upload <Tab>` lists files (it inserted the `-` every option
/// shares), and a word that starts with `-` gets the options.
#[cfg(unix)]
#[test]
fn bash_completes_verbs_files_and_options_where_each_goes() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let script = sb.path().join("cloudconvert.bash");
    let out = sb.cmd().args(["completions", "bash"]).output().unwrap();
    std::fs::write(&script, &out.stdout).unwrap();
    let dir = sb.path().join("docs");
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["report.pdf", "photo.jpg"] {
        std::fs::write(dir.join(name), "x").unwrap();
    }
    let complete = |words: &[&str]| -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={}; _cloudconvert cloudconvert \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.join(" "),
            words.len() - 1
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let mut got: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
        got.sort();
        got
    };
    assert_eq!(
        complete(&["cloudconvert", "task", ""]),
        ["cancel", "delete", "list", "retry", "show", "wait"]
    );
    assert_eq!(
        complete(&["cloudconvert", "import", "upload", ""]),
        ["photo.jpg", "report.pdf"]
    );
    assert_eq!(
        complete(&["cloudconvert", "import", "upload", "--no-v"]),
        ["--no-verify"]
    );
    assert!(complete(&["cloudconvert", "import", ""]).contains(&"upload".to_string()));
}
