//! What a person reads first: the first screen, `-h` that fits 80x24, `--help` with its
//! examples, variables and tables, `--version`, and a first run without stumbles.

use crate::support::*;

#[test]
fn every_help_ends_with_examples_and_shows_the_variables() {
    let sb = Sandbox::new();
    let commands: &[&[&str]] = &[
        &[],
        &["import"],
        &["import", "url"],
        &["import", "upload"],
        &["import", "s3"],
        &["import", "azure"],
        &["import", "gcs"],
        &["import", "openstack"],
        &["import", "sftp"],
        &["task"],
        &["task", "show"],
        &["task", "wait"],
        &["auth"],
        &["auth", "login"],
        &["auth", "status"],
        &["auth", "logout"],
    ];
    for args in commands {
        let out = sb
            .cmd()
            .args(*args)
            .arg("--help")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = stdout(&out);
        assert!(
            help.contains("Examples:\n  cloudconvert"),
            "{args:?} --help has no examples"
        );
        assert!(!help.contains('\x1b'), "no colour when piped");
    }
    let vars = |args: &[&str]| stdout(&sb.cmd().args(args).arg("--help").output().unwrap());
    let s3 = vars(&["import", "s3"]);
    for v in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "CLOUDCONVERT_API_KEY",
    ] {
        assert!(s3.contains(v), "import s3 --help lacks {v}");
    }
    for (cmd, v) in [
        ("azure", "AZURE_STORAGE_SAS_TOKEN"),
        ("gcs", "GOOGLE_APPLICATION_CREDENTIALS"),
        ("openstack", "OS_REGION_NAME"),
        ("sftp", "SSHPASS"),
    ] {
        assert!(
            vars(&["import", cmd]).contains(v),
            "import {cmd} --help lacks {v}"
        );
    }
}

#[test]
fn version_says_the_target_commit_and_date_and_v_stays_short() {
    let sb = Sandbox::new();
    let version = env!("CARGO_PKG_VERSION");
    let short = sb.cmd().arg("-V").output().unwrap();
    assert_eq!(stdout(&short), format!("cloudconvert {version}\n"));
    let long = sb.cmd().arg("--version").output().unwrap();
    let text = stdout(&long);
    let inside = text
        .strip_prefix(&format!("cloudconvert {version} ("))
        .and_then(|t| t.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    // `x86_64-unknown-linux-gnu, 1a2b3c4 2026-12-03` (a checkout: CI builds from one).
    let (target, built) = inside
        .split_once(", ")
        .unwrap_or_else(|| panic!("{text:?}"));
    assert!(target.split('-').count() >= 3, "a target triple: {text:?}");
    let (commit, date) = built.split_once(' ').unwrap_or_else(|| panic!("{text:?}"));
    assert!(
        commit.len() == 7 && commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{text:?}"
    );
    let parts: Vec<&str> = date.split('-').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "{text:?}"
    );
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
    // About 140 runs, on a machine busy with the rest of the suite: a run that printed nothing
    // or did not end by itself (once seen in CI: nothing printed, for one command of the 70)
    // is said on the test's stderr and run again, so that what is measured is the help. A
    // help that is truly empty is empty three times, and fails here.
    let help = |args: &[&str]| {
        for _ in 0..3 {
            let mut cmd = sb.cmd();
            cmd.env("COLUMNS", "80").args(args);
            let out = cmd.output().unwrap();
            let text = stdout(&out) + &stderr(&out);
            if out.status.code().is_none() || text.is_empty() {
                eprintln!("{args:?}: {} with nothing printed; again", out.status);
                continue;
            }
            return text;
        }
        panic!("{args:?}: nothing printed, three times");
    };
    let first = help(&[]);
    assert!(first.lines().count() <= 20, "{first}");
    for word in ["import", "url, upload, s3", "show, wait, list", "--help"] {
        assert!(first.contains(word), "{word}: {first}");
    }
    // Every command, read from the help itself (each `Commands:` list, down the tree, in the
    // order shown), so that a command added is measured too.
    fn walk(help: &dyn Fn(&[&str]) -> String, parent: &str, into: &mut Vec<String>) {
        let mut args: Vec<&str> = parent.split_whitespace().collect();
        args.push("-h");
        let text = help(&args);
        let listed: Vec<String> = text
            .lines()
            .skip_while(|l| *l != "Commands:")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next())
            .map(|word| format!("{parent} {word}").trim().to_string())
            .collect();
        for command in listed {
            into.push(command.clone());
            walk(help, &command, into);
        }
    }
    let mut commands = Vec::new();
    walk(&help, "", &mut commands);
    assert!(commands.len() >= 30, "{commands:?}");
    for command in &commands {
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
    // Every first screen as a whole: a line lost, added or re-wrapped is a change to review.
    let mut all = format!("==> cloudconvert\n{first}");
    for command in &commands {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("-h");
        all += &format!("\n==> cloudconvert {command} -h\n{}", help(&args));
    }
    assert_snapshot("short-help", &all);
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
