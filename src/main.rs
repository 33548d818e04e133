//! `cloudconvert`: parse, run, report. Everything else lives in the modules below.

mod api;
mod batch;
mod cli;
mod commands;
mod config;
mod env;
mod error;
#[cfg(test)]
mod generated;
mod http;
mod interrupt;
mod json_color;
mod md5;
mod output;
mod progress;
mod prompt;
mod secret;
mod upload;
mod urls;
mod wait;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

fn main() {
    // A panic is a bug; its message still goes through the scrubber, never showing a secret.
    std::panic::set_hook(Box::new(|info| {
        prompt::restore_terminal();
        output::error(&panic_error(&info.to_string()));
    }));
    let env = env::Env::process();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            output::configure_color(cli::ColorChoice::Auto, &env);
            usage_error(e)
        }
    };
    output::configure_color(cli.global.color, &env);
    interrupt::install();
    let exit = match commands::run(cli, env) {
        Ok(exit) => exit,
        Err(e) => {
            output::error(&e);
            e.exit
        }
    };
    std::process::exit(exit.code());
}

/// Help and version as clap prints them; a parse error with the one prefix every error of the
/// tool has (`cloudconvert: error:`), exit 2. Hidden aliases are never suggested.
fn usage_error(mut e: clap::Error) -> ! {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
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
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    output::usage(text.trim_end());
    std::process::exit(error::Exit::Usage.code())
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
