//! The integration tests: one binary, running the real `cloudconvert` against servers on
//! 127.0.0.1, with a blank environment and a temporary home.

// The tool prints and reads the environment through one place each (clippy.toml); the tests
// are not the tool: they set up environments and print benchmark tables.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
// Many tests are about Unix alone (signals, FIFOs, pseudo-terminals, modes) and marked so;
// the imports and helpers only they use are idle elsewhere.
#![cfg_attr(not(unix), allow(unused_imports, dead_code))]

mod support;
// The stand-ins are named by what they stand for.
use support::{cloud, storage};

mod auth;
mod batch;
mod bench;
mod completions;
mod config;
mod dry_run;
mod errors;
mod form;
mod help;
mod import;
#[cfg(unix)]
mod install;
mod integrity;
mod job;
mod lists;
mod output;
mod proxy;
mod record;
mod retries;
mod secrets;
mod signals;
mod standin;
mod task;
mod tls;
mod transfer;
mod upload;
mod url;
mod wait;
