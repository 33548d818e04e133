//! What every Unix system shares: a socket is a file descriptor, and a connection is cut off
//! at once with `SO_LINGER` 0 and the descriptor pointed at /dev/null.

/// A socket's number as the system's queries take it.
pub type RawSocket = std::os::fd::RawFd;

/// A socket's number (a TcpStream's, or a TcpSocket's before it connects).
pub fn raw(socket: &impl std::os::fd::AsRawFd) -> Option<RawSocket> {
    Some(socket.as_raw_fd())
}

/// Resets the connection now: with `SO_LINGER` 0 (set with socket2) a close sends a reset
/// and drops the send queue; the descriptor is pointed at /dev/null so that the socket closes
/// at once while the runtime still holds its number (the program ends right after).
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
