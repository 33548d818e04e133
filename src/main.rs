//! `cloudconvert`: parse, run, report. Everything else lives in the modules below.

mod api;
mod auth;
mod cli;
mod commands;
mod config;
mod env;
mod error;
mod http;
mod output;
mod secret;
mod upload;
mod wait;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let exit = match commands::run(cli) {
        Ok(exit) => exit,
        Err(e) => {
            output::error(&e);
            e.exit
        }
    };
    std::process::exit(exit.code());
}
