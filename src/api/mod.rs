//! The CloudConvert API v2 as this tool uses it: the client that calls it, request bodies, the
//! task model, error bodies.

pub mod client;
pub mod error;
pub mod request;
pub mod task;
