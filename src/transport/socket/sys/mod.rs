//! What the system tells of a socket, one file per system: the bytes the peer acknowledged
//! (`linux`, `macos`, `windows`), the bytes that have not left this machine, the socket's
//! number, and how to cut a connection off at once (`unix`, `windows`).

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{RawSocket, cut_off, raw};

#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
mod linux;
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
pub use linux::{acknowledged, unsent};

#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "macos")]
pub use macos::{acknowledged, unsent};

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::{RawSocket, acknowledged, cut_off, raw, unsent};

#[cfg(not(any(
    all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
    target_os = "macos",
    windows
)))]
mod other;
#[cfg(not(any(unix, windows)))]
pub use other::bare::{RawSocket, cut_off, raw};
#[cfg(not(any(
    all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
    target_os = "macos",
    windows
)))]
pub use other::{acknowledged, unsent};

/// Whether the system tells the socket's acknowledged bytes: Windows before 1703, wine and
/// qemu-user cannot.
pub fn tells_acks(fd: Option<RawSocket>) -> bool {
    fd.is_some_and(|fd| acknowledged(fd, 0).is_some())
}
