//! Opening files on Unix.

use std::fs::File;
use std::io::Seek;
use std::path::{Path, PathBuf};

/// The errors of an open beneath a walk's folder that met a link where it follows none: the
/// file is one (`ELOOP`), or a folder on its way is (`ENOTDIR`).
pub const LINK_MET: [i32; 2] = [libc::ELOOP, libc::ENOTDIR];

/// Another program holding a file does not stop a read on Unix.
pub fn in_use(_e: &std::io::Error) -> bool {
    false
}

/// Opens a file for reading without blocking, whatever it has become: opening a FIFO with no
/// writer, or some devices, would otherwise wait forever. With `no_follow`, a path that is
/// now a link is not opened at all.
pub fn open_nonblocking(path: &Path, no_follow: bool) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let nofollow = if no_follow { libc::O_NOFOLLOW } else { 0 };
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | nofollow)
        .open(path)
}

/// What tells one upload from another: the file (its device and inode) and the name it is
/// stored under.
pub fn file_key(path: &Path) -> Option<(u64, u64, PathBuf, std::ffi::OsString)> {
    use std::os::unix::fs::MetadataExt;
    let name = path.file_name()?.to_os_string();
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.dev(), m.ino(), PathBuf::new(), name))
}

/// Stdin, when it is a regular file (`< file`): that file from where stdin stands, with no
/// copy.
pub fn stdin_if_a_file() -> Option<(File, u64)> {
    use std::os::fd::AsFd;
    let mut f = File::from(std::io::stdin().as_fd().try_clone_to_owned().ok()?);
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return None;
    }
    let start = f.stream_position().unwrap_or(0);
    Some((f, start))
}
