//! The completions in `completions/` and the man pages in `man/` are generated from the clap
//! definition, never written by hand. This test regenerates them and fails when the committed
//! files differ; `UPDATE_GENERATED=1 cargo test --bin cloudconvert generated` rewrites them.

use crate::cli::{ENVIRONMENT, EXIT_STATUS};
use clap_complete::{Generator, Shell};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::path::{Path, PathBuf};

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

fn command() -> clap::Command {
    crate::cli::command()
}

fn completions() -> Vec<(String, Vec<u8>)> {
    SHELLS
        .iter()
        .map(|shell| {
            (
                shell.file_name("cloudconvert"),
                crate::cli::completions::script(*shell),
            )
        })
        .collect()
}

/// One page for `cloudconvert` and one per subcommand, at every depth.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, parent: Option<&str>, out: &mut Vec<(String, Vec<u8>)>) {
        let man = Man::new(cmd.clone())
            .source(format!("cloudconvert {}", env!("CARGO_PKG_VERSION")))
            .manual("cloudconvert manual");
        let name = man.get_filename();
        let stem = name.trim_end_matches(".1").to_string();
        out.push((name, page(&man, cmd, &stem, parent)));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, Some(&stem), out);
        }
    }
    let mut out = Vec::new();
    walk(&command(), None, &mut out);
    out
}

fn page(man: &Man, cmd: &clap::Command, stem: &str, parent: Option<&str>) -> Vec<u8> {
    let mut w = Vec::new();
    man.render_title(&mut w).unwrap();
    // No hyphenation: a variable or flag broken across lines (CLOUDCON-VERT_REGION) cannot be
    // copied, and left-aligned text never stretches a line of them.
    let mut head = Roff::new();
    head.control("nh", []).control("ad", ["l"]);
    head.to_writer(&mut w).unwrap();
    man.render_name_section(&mut w).unwrap();
    let mut roff = Roff::new();
    synopsis(&mut roff, cmd);
    roff.to_writer(&mut w).unwrap();
    man.render_description_section(&mut w).unwrap();
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut w).unwrap();
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut w).unwrap();
    }
    let mut roff = Roff::new();
    let examples = cmd
        .get_after_help()
        .map(|h| h.to_string())
        .filter(|h| h.starts_with("Examples:"));
    let examples = examples
        .as_deref()
        .unwrap_or("Examples:\n  cloudconvert import url https://example.com/a.pdf --wait");
    let example_lines: Vec<&str> = examples
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    preformatted(&mut roff, "EXAMPLES", &example_lines);
    roff.control("SH", ["ENVIRONMENT"]);
    let path = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
    for (name, what) in ENVIRONMENT.iter().filter(|(_, what)| reads(&path, what)) {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*what)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", [])
        .text([bold("<config dir>/cloudconvert/config.toml")])
        .text([roman(
            "The config file (TOML): api_key, sandbox, region, api_url, sync_url. On Linux \
         ~/.config/cloudconvert/config.toml ($XDG_CONFIG_HOME), on macOS \
         ~/Library/Application Support/cloudconvert/config.toml, on Windows \
         %APPDATA%\\cloudconvert\\config.toml. CLOUDCONVERT_CONFIG_DIR names another folder for \
         it; --config or CLOUDCONVERT_CONFIG name another file.",
        )]);
    preformatted(
        &mut roff,
        "EXIT STATUS",
        &EXIT_STATUS.lines().skip(1).collect::<Vec<_>>(),
    );
    see_also(&mut roff, cmd, stem, parent);
    roff.to_writer(&mut w).unwrap();
    w
}

/// Whether the command at `path` reads a variable: a variable described as `import s3: …` is
/// read by `import s3` only (and listed on the pages above it); the others by every command.
fn reads(path: &str, what: &str) -> bool {
    match what.split_once(": ") {
        Some((owner, _)) if owner.starts_with("import ") => {
            let owner = format!("cloudconvert {owner}");
            owner.starts_with(path) || path.starts_with(&owner)
        }
        _ => true,
    }
}

/// SYNOPSIS with each option's placeholder, and `FILE...` where an argument takes many.
fn synopsis(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["SYNOPSIS"]);
    let mut line = vec![bold(
        cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string(),
    )];
    let placeholder = |arg: &clap::Arg| {
        arg.get_value_names()
            .map(|v| v.join(" "))
            .unwrap_or_else(|| arg.get_id().as_str().to_uppercase())
    };
    for arg in cmd.get_arguments() {
        if arg.is_hide_set()
            || arg.is_positional()
            || matches!(arg.get_id().as_str(), "help" | "version")
        {
            continue;
        }
        let mut part = vec![roman(" [")];
        if let Some(short) = arg.get_short() {
            part.push(bold(format!("-{short}")));
            if arg.get_long().is_some() {
                part.push(roman("|"));
            }
        }
        if let Some(long) = arg.get_long() {
            part.push(bold(format!("--{long}")));
        }
        if arg.get_action().takes_values() {
            part.push(roman(" "));
            part.push(italic(placeholder(arg)));
        }
        part.push(roman("]"));
        line.extend(part);
    }
    for arg in cmd.get_positionals().filter(|a| !a.is_hide_set()) {
        let many = matches!(arg.get_action(), clap::ArgAction::Append);
        let name = format!("{}{}", placeholder(arg), if many { "..." } else { "" });
        if arg.is_required_set() {
            line.extend([roman(" "), italic(name)]);
        } else {
            line.extend([roman(" ["), italic(name), roman("]")]);
        }
    }
    if cmd.has_subcommands() {
        line.extend([roman(" "), italic("COMMAND")]);
    }
    roff.text(line);
}

/// SEE ALSO: the page above, the pages below, and the tool's own page.
fn see_also(roff: &mut Roff, cmd: &clap::Command, stem: &str, parent: Option<&str>) {
    let mut pages: Vec<String> = Vec::new();
    if stem != "cloudconvert" {
        pages.push("cloudconvert".into());
    }
    if let Some(p) = parent.filter(|p| *p != "cloudconvert") {
        pages.push(p.to_string());
    }
    pages.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!("{stem}-{}", s.get_name())),
    );
    roff.control("SH", ["SEE ALSO"]);
    let mut line = Vec::new();
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(p.clone()));
        line.push(roman("(1)"));
    }
    roff.text(line);
}

fn preformatted(roff: &mut Roff, title: &str, lines: &[&str]) {
    roff.control("SH", [title]);
    roff.control("nf", []);
    for l in lines {
        roff.text([roman(l.trim_start())]);
    }
    roff.control("fi", []);
}

/// Compares (or with UPDATE_GENERATED rewrites) one folder of generated files.
fn check(dir: &str, files: Vec<(String, Vec<u8>)>) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    // A switch for the developer running this test, not the tool's environment.
    #[allow(clippy::disallowed_methods)]
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    if update {
        std::fs::create_dir_all(&root).unwrap();
        for entry in std::fs::read_dir(&root).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, content) in &files {
        let path: PathBuf = root.join(name);
        if update {
            std::fs::write(&path, content).unwrap();
        } else if std::fs::read(&path).ok().as_ref() != Some(content) {
            stale.push(format!("{dir}/{name}"));
        }
    }
    if let Ok(entries) = std::fs::read_dir(&root) {
        for e in entries {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if !files.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{dir}/{name} (no longer generated)"));
            }
        }
    }
    stale
}

#[test]
fn generated_completions_and_man_pages_are_current() {
    let completions = completions();
    assert_eq!(completions.len(), 5, "bash, zsh, fish, powershell, elvish");
    let pages = man_pages();
    for name in [
        "cloudconvert.1",
        "cloudconvert-import.1",
        "cloudconvert-import-s3.1",
        "cloudconvert-task-wait.1",
        "cloudconvert-auth-login.1",
    ] {
        assert!(pages.iter().any(|(n, _)| n == name), "{name} missing");
    }
    for (name, page) in &pages {
        let text = String::from_utf8_lossy(page);
        assert!(
            text.contains("\"cloudconvert 0.1.0\""),
            "{name}: the footer names the tool"
        );
        assert!(text.contains("\n.nh\n"), "{name}: no hyphenation");
        let lines: Vec<&str> = text.lines().collect();
        for w in lines.windows(3) {
            assert!(
                !(w[0] == ".TP" && w[2].trim().is_empty()),
                "{name}: {} has no description",
                w[1]
            );
        }
        for section in [
            "EXAMPLES",
            "ENVIRONMENT",
            "FILES",
            "EXIT STATUS",
            "SEE ALSO",
        ] {
            assert!(
                text.contains(&format!(".SH {section}"))
                    || text.contains(&format!(".SH \"{section}\"")),
                "{name} lacks {section}"
            );
        }
    }
    let s3 = String::from_utf8_lossy(
        &pages
            .iter()
            .find(|(n, _)| n == "cloudconvert-import-s3.1")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        s3.contains("[\\fB\\-\\-bucket\\fR \\fIBUCKET\\fR]"),
        "placeholders in SYNOPSIS"
    );
    assert!(
        s3.contains("AWS_ACCESS_KEY_ID") && !s3.contains("AZURE_STORAGE_KEY"),
        "its own variables only"
    );
    assert!(
        s3.contains("\\fBcloudconvert\\-import\\fR(1)"),
        "SEE ALSO names the page above"
    );
    let upload = String::from_utf8_lossy(
        &pages
            .iter()
            .find(|(n, _)| n == "cloudconvert-import-upload.1")
            .unwrap()
            .1,
    )
    .into_owned();
    assert!(
        upload.contains("\\fIFILE...\\fR"),
        "FILE... where it takes many"
    );
    let mut stale = check("completions", completions);
    stale.extend(check("man", pages));
    assert!(
        stale.is_empty(),
        "generated files differ from the clap definition: {stale:?}\nrewrite them with: UPDATE_GENERATED=1 cargo test --bin cloudconvert generated, then commit"
    );
}

#[test]
fn readme_says_the_exit_statuses_as_the_help_does() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table: Vec<&str> = EXIT_STATUS.lines().skip(1).collect();
    assert!(
        readme.contains(&format!("```text\n{}\n```", table.join("\n"))),
        "README.md's exit statuses differ from --help's; copy them from `cloudconvert --help`"
    );
}
