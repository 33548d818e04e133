//! `cloudconvert`: parse, run, report. Everything else lives in the modules below.

mod api;
mod batch;
#[cfg(all(test, unix))]
mod build_info;
mod cli;
mod clock;
mod commands;
mod config;
mod console;
mod download;
mod env;
mod error;
mod events;
#[cfg(test)]
mod generated;
mod interrupt;
mod job;
mod json_color;
mod left;
mod md5;
mod net;
mod output;
mod progress;
mod record;
mod render;
mod run;
mod secret;
mod transport;
mod upload;
mod urls;
mod wait;

use clap::error::{ContextKind, ContextValue, ErrorKind};

fn main() {
    let env = env::Env::process();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => usage_error(
            &output::Printer::system(cli::ColorChoice::Auto, output::Shown::default(), &env),
            e,
        ),
    };
    // The one printer: everything shown goes through it, handed down from here.
    let shown = output::Shown {
        quiet: cli.global.quiet,
        verbose: cli.global.verbose,
        no_progress: cli.global.no_progress,
    };
    let out = output::Printer::system(cli.global.color, shown, &env);
    // A panic is a bug; its message still goes through the scrubber, never showing a secret.
    let on_panic = out.clone();
    std::panic::set_hook(Box::new(move |info| {
        console::restore_terminal();
        on_panic.error(&panic_error(&info.to_string()));
    }));
    // The one run state, handed down like the printer: what the interrupt says comes from it.
    let run = run::Run::default();
    // The command as typed, for the one that finishes what a run leaves.
    run.invoked(
        std::env::args_os()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect(),
    );
    interrupt::install(out.clone(), run.clone());
    let result = commands::run(cli, env, &out, &run);
    // After a signal the interrupt says what is true and ends the program with the signal's
    // status (within two seconds, whatever else happens): a command that returned meanwhile,
    // its upload cut off or its create refused, neither prints nor exits first.
    while out.interrupted() {
        std::thread::park();
    }
    let exit = match result {
        Ok(exit) => exit,
        Err(e) => {
            out.error(&e);
            e.exit
        }
    };
    std::process::exit(exit.code());
}

/// Help and version as clap prints them; a parse error with the one prefix every error of the
/// tool has (`cloudconvert: error:`), exit 2. Hidden aliases are never suggested.
fn usage_error(out: &output::Printer, mut e: clap::Error) -> ! {
    // `cloudconvert`, `cloudconvert import` … alone: the help, which is not an error.
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let tip = match e.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(word)) => source_tip(word),
        _ => None,
    };
    if let Some(ContextValue::Strings(names)) = e.get(ContextKind::SuggestedSubcommand) {
        let shown: Vec<String> = names
            .iter()
            .filter(|n| !cli::HIDDEN_ALIASES.contains(&n.as_str()))
            .cloned()
            .collect();
        e.insert(
            ContextKind::SuggestedSubcommand,
            ContextValue::Strings(shown),
        );
    }
    let text = ranges_in_words(&e.render().to_string()).replace(" not in from ", " not from ");
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let text = match tip {
        Some(tip) => format!("{}\n\n{tip}", text.trim_end()),
        None => text.trim_end().to_string(),
    };
    out.usage(&text);
    std::process::exit(error::Exit::Usage.code())
}

/// The import sources, for a word that should have been one.
const SOURCES: &str = "url, upload, s3, azure, gcs, openstack, sftp, base64, raw";

/// A hint for a word where a command was expected: an import source given at the top
/// (`cloudconvert upload x`), or a file where the source was expected
/// (`cloudconvert import report.pdf`).
fn source_tip(word: &str) -> Option<String> {
    if SOURCES.split(", ").any(|s| s == word) {
        Some(format!(
            "tip: imports are under `import`: cloudconvert import {word} ..."
        ))
    } else if word.contains('.') || word.contains('/') {
        Some(format!(
            "tip: choose a source first: cloudconvert import SOURCE ..., where SOURCE is one of {SOURCES} (a file goes with `import upload {word}`)"
        ))
    } else {
        None
    }
}

/// clap writes ranges as Rust does (`1..=64`); people read `from 1 to 64`.
fn ranges_in_words(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let end = word.trim_end_matches(|c: char| !c.is_ascii_digit());
            let rest = &word[end.len()..];
            match end.split_once("..=") {
                Some((a, b)) if !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) => {
                    format!("from {a} to {b}{rest}")
                }
                _ => match word.strip_suffix("..") {
                    Some(a) if !a.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) => {
                        format!("{a} or more")
                    }
                    _ => word.to_string(),
                },
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A panic is a bug; it is said so, with the version, through the scrubber. No issue tracker is
/// named: this project publishes none yet, and the official SDKs' trackers are not ours.
fn panic_error(info: &str) -> error::Error {
    error::Error::failure(format!(
        "internal error: {info}; this is a bug in cloudconvert-cli {}",
        env!("CARGO_PKG_VERSION")
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn ranges_are_said_in_words() {
        assert_eq!(
            super::ranges_in_words("invalid value '0' for '--jobs <N>': 0 is not in 1..=64\n"),
            "invalid value '0' for '--jobs <N>': 0 is not in from 1 to 64\n"
        );
        assert_eq!(super::ranges_in_words("not in 1.."), "not in 1 or more");
        assert_eq!(super::ranges_in_words("a..b stays"), "a..b stays");
    }

    #[test]
    fn a_panic_names_no_tracker_that_is_not_ours() {
        let e = super::panic_error("boom");
        assert_eq!(
            e.message,
            format!(
                "internal error: boom; this is a bug in cloudconvert-cli {}",
                env!("CARGO_PKG_VERSION")
            )
        );
        assert!(!e.message.contains("github.com/cloudconvert"));
    }
}
