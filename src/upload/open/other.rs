//! Opening files where there is no Unix (Windows).

use std::fs::File;
use std::path::{Path, PathBuf};

/// No open here follows a link by refusing it: nothing to recognise.
pub const LINK_MET: [i32; 0] = [];

/// Windows' sharing and lock violations: another program holds the file open without sharing
/// it, which the system's own words ("os error 32") do not say.
pub fn in_use(e: &std::io::Error) -> bool {
    cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33))
}

/// Opens a file for reading; an open does not block here, and a link is caught by comparing
/// identities instead.
pub fn open_nonblocking(path: &Path, _no_follow: bool) -> std::io::Result<File> {
    File::open(path)
}

/// What tells one upload from another: the file (its full path, with no inode to read) and
/// the name it is stored under.
pub fn file_key(path: &Path) -> Option<(u64, u64, PathBuf, std::ffi::OsString)> {
    let name = path.file_name()?.to_os_string();
    std::fs::canonicalize(path).ok().map(|p| (0, 0, p, name))
}

/// Stdin is always copied here: its handle is not taken for a file.
pub fn stdin_if_a_file() -> Option<(File, u64)> {
    None
}
