//! A file's identity on Windows: the volume serial number and the file index of an open
//! handle (what the `same-file` crate compares), read with `GetFileInformationByHandle`; std
//! keeps its own reading of them unstable.

use std::os::windows::io::AsRawHandle;
use windows_sys::Win32::Storage::FileSystem::{
    BY_HANDLE_FILE_INFORMATION, GetFileInformationByHandle,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id {
    volume: u32,
    index: u64,
}

pub fn of(file: &std::fs::File) -> Option<Id> {
    // SAFETY: an all-zero struct of plain integers, filled by the call for a handle held open
    // by `file` for its duration.
    let mut info: BY_HANDLE_FILE_INFORMATION = unsafe { std::mem::zeroed() };
    let ok = unsafe { GetFileInformationByHandle(file.as_raw_handle(), &mut info) };
    (ok != 0).then(|| Id {
        volume: info.dwVolumeSerialNumber,
        index: (u64::from(info.nFileIndexHigh) << 32) | u64::from(info.nFileIndexLow),
    })
}
