//! The integration tests: one binary, running the real `cloudconvert` against servers on
//! 127.0.0.1, with a blank environment and a temporary home.

mod cloud;
mod support;

mod batch;
mod bench;

mod config;
mod ecosystem;
mod errors;
mod first_contact;
mod hardening;
mod import;
mod output;
mod resilience;
mod service;
mod storage;
mod upload;
mod wait;
