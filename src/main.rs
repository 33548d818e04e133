//! `cloudconvert`: parse, run, report. Everything else lives in the modules below.

mod api;
mod cli;
mod commands;
mod config;
mod env;
mod error;
#[cfg(test)]
mod generated;
mod http;
mod output;
mod progress;
mod secret;
mod upload;
mod wait;

use clap::Parser;

fn main() {
    // A panic is a bug; its message still goes through the scrubber, never showing a secret.
    std::panic::set_hook(Box::new(|info| {
        output::error(&error::Error::failure(format!(
            "internal error: {info}; please report it at https://github.com/cloudconvert/cloudconvert-cli/issues"
        )));
    }));
    let cli = cli::Cli::parse();
    // Ctrl-C: clear any progress bar and end with 130 at once, even mid-upload. Taking the
    // stdout lock first lets a task line being written finish, so stdout never ends mid-line.
    let _ = ctrlc::set_handler(|| {
        let _stdout = std::io::stdout().lock();
        progress::clear_current();
        std::process::exit(error::Exit::Interrupted.code());
    });
    let exit = match commands::run(cli) {
        Ok(exit) => exit,
        Err(e) => {
            output::error(&e);
            e.exit
        }
    };
    std::process::exit(exit.code());
}
