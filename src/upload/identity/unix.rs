//! A file's identity on Unix: its device and inode.

use std::os::unix::fs::MetadataExt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id {
    dev: u64,
    ino: u64,
}

pub fn of(file: &std::fs::File) -> Option<Id> {
    let meta = file.metadata().ok()?;
    Some(Id {
        dev: meta.dev(),
        ino: meta.ino(),
    })
}
