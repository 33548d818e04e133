//! The completions in `completions/` and the man pages in `man/` are generated from the clap
//! definition, never written by hand. This test regenerates them and fails when the committed
//! files differ; `UPDATE_GENERATED=1 cargo test --bin cloudconvert generated` rewrites them.

use crate::cli::{Cli, ENVIRONMENT, EXIT_STATUS};
use clap::CommandFactory;
use clap_complete::{Generator, Shell};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::path::{Path, PathBuf};

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

fn command() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn completions() -> Vec<(String, Vec<u8>)> {
    SHELLS
        .iter()
        .map(|shell| {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut command(), "cloudconvert", &mut buf);
            (shell.file_name("cloudconvert"), buf)
        })
        .collect()
}

/// One page for `cloudconvert` and one per subcommand, at every depth.
fn man_pages() -> Vec<(String, Vec<u8>)> {
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, Vec<u8>)>) {
        let man = Man::new(cmd.clone().version(env!("CARGO_PKG_VERSION")));
        out.push((man.get_filename(), page(&man, cmd)));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(&command(), &mut out);
    out
}

fn page(man: &Man, cmd: &clap::Command) -> Vec<u8> {
    let mut w = Vec::new();
    man.render_title(&mut w).unwrap();
    man.render_name_section(&mut w).unwrap();
    man.render_synopsis_section(&mut w).unwrap();
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
    for (name, what) in ENVIRONMENT {
        roff.control("TP", [])
            .text([bold(*name)])
            .text([roman(*what)]);
    }
    roff.control("SH", ["FILES"]);
    roff.control("TP", []).text([bold("<config dir>/cloudconvert/config.toml")]).text([roman(
        "The config file (TOML): api_key, sandbox, region, api_url. On Linux ~/.config/cloudconvert/config.toml \
         ($XDG_CONFIG_HOME), on macOS ~/Library/Application Support/cloudconvert/config.toml. \
         --config or CLOUDCONVERT_CONFIG name another.",
    )]);
    preformatted(
        &mut roff,
        "EXIT STATUS",
        &EXIT_STATUS.lines().skip(1).collect::<Vec<_>>(),
    );
    roff.to_writer(&mut w).unwrap();
    man.render_version_section(&mut w).unwrap();
    w
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
        for section in ["EXAMPLES", "ENVIRONMENT", "FILES", "EXIT STATUS"] {
            assert!(
                text.contains(&format!(".SH {section}"))
                    || text.contains(&format!(".SH \"{section}\"")),
                "{name} lacks {section}"
            );
        }
    }
    let mut stale = check("completions", completions);
    stale.extend(check("man", pages));
    assert!(
        stale.is_empty(),
        "generated files differ from the clap definition: {stale:?}\nrewrite them with: UPDATE_GENERATED=1 cargo test --bin cloudconvert generated, then commit"
    );
}

#[test]
fn readme_lists_every_environment_variable() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for (name, _) in ENVIRONMENT {
        for var in name.split(", ") {
            assert!(
                readme.contains(&format!("`{var}`")),
                "README.md does not mention `{var}`"
            );
        }
    }
}
