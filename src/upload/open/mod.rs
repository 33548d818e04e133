//! How a file to upload is opened, where systems differ: without blocking and, beneath a
//! walked folder, without following a link (Unix's `O_NONBLOCK` and `O_NOFOLLOW`); what says
//! two paths are one file; stdin used as it is when it is a file; and the errors that mean a
//! link was met or another program holds the file.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;
#[cfg(not(unix))]
mod other;
#[cfg(not(unix))]
use other as imp;

pub use imp::{LINK_MET, file_key, in_use, open_nonblocking, stdin_if_a_file};
