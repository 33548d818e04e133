//! The CloudConvert API v2 as this tool uses it: request bodies, the task model, error bodies.

pub mod error;
pub mod request;
pub mod task;
