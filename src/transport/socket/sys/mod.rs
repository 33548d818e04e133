//! What the system tells of a socket, one file per system: the bytes the peer acknowledged, the
//! bytes that have not left this machine, and how to cut a connection off at once.

#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
mod linux;
#[cfg(all(target_os = "linux", any(target_env = "gnu", target_env = "musl")))]
use linux as imp;
#[cfg(target_os = "macos")]
mod macos;
#[cfg(target_os = "macos")]
use macos as imp;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;
#[cfg(not(any(
    all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
    target_os = "macos",
    windows
)))]
mod other;
#[cfg(not(any(
    all(target_os = "linux", any(target_env = "gnu", target_env = "musl")),
    target_os = "macos",
    windows
)))]
use other as imp;

pub use imp::{acknowledged, unsent};

/// A socket's number as the system's queries take it.
#[cfg(unix)]
pub type RawSocket = std::os::fd::RawFd;
#[cfg(windows)]
pub type RawSocket = std::os::windows::io::RawSocket;
#[cfg(not(any(unix, windows)))]
pub type RawSocket = ();

/// A socket's number (a TcpStream's, or a TcpSocket's before it connects).
#[cfg(unix)]
pub fn raw(socket: &impl std::os::fd::AsRawFd) -> Option<RawSocket> {
    Some(socket.as_raw_fd())
}

#[cfg(windows)]
pub fn raw(socket: &impl std::os::windows::io::AsRawSocket) -> Option<RawSocket> {
    Some(socket.as_raw_socket())
}

#[cfg(not(any(unix, windows)))]
pub fn raw<T>(_socket: &T) -> Option<RawSocket> {
    Some(())
}

/// Whether the system tells the socket's acknowledged bytes: Windows before 1703, wine and
/// qemu-user cannot.
pub fn tells_acks(fd: Option<RawSocket>) -> bool {
    fd.is_some_and(|fd| acknowledged(fd, 0).is_some())
}

/// Resets the connection now: with `SO_LINGER` 0 (set with socket2) a close sends a reset
/// and drops the send queue; the descriptor is pointed at /dev/null so that the socket closes
/// at once while the runtime still holds its number (the program ends right after).
#[cfg(unix)]
pub fn cut_off(fd: RawSocket) -> bool {
    use std::os::fd::BorrowedFd;
    // SAFETY: the descriptor is open while the probe's lock, held by the caller, is held.
    let socket = unsafe { BorrowedFd::borrow_raw(fd) };
    let _ = socket2::SockRef::from(&socket).set_linger(Some(std::time::Duration::ZERO));
    // SAFETY: dup2 replaces the descriptor with /dev/null, which closes the socket; nothing
    // else reads that number before the program ends.
    unsafe {
        let null = libc::open(c"/dev/null".as_ptr(), libc::O_RDWR);
        if null < 0 {
            return false;
        }
        let done = libc::dup2(null, fd) == fd;
        libc::close(null);
        done
    }
}

/// Elsewhere the runtime's socket cannot be closed under it: the upload is left to end with
/// the program.
#[cfg(not(unix))]
pub fn cut_off(_fd: RawSocket) -> bool {
    false
}
