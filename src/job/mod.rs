//! Jobs: what `job create` is given, read and checked before anything is sent (`spec`).

pub mod spec;
