//! macOS: `SO_NWRITE` tells the bytes still in the send buffer, not yet acknowledged.

use super::RawSocket;

/// `SO_NWRITE`: the bytes still in the send buffer, not yet acknowledged.
pub fn acknowledged(fd: RawSocket, written: u64) -> Option<u64> {
    let mut unacked: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: an int-sized option into an int; the descriptor is open under the probe's lock.
    let rc = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            libc::SO_NWRITE,
            (&mut unacked as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    (rc == 0).then(|| written.saturating_sub(unacked.max(0) as u64))
}

/// macOS does not tell the bytes that have not left.
pub fn unsent(_fd: RawSocket) -> Option<u64> {
    None
}
