//! Linux (and Android): the kernel's `tcp_info` tells what the peer acknowledged and what has
//! not left this machine.

use super::RawSocket;

/// Bytes in the send queue that have not left this machine (`tcpi_notsent_bytes`, Linux 4.6
/// and later).
pub fn unsent(fd: RawSocket) -> Option<u64> {
    let (info, len) = tcp_info(fd)?;
    let needed = std::mem::offset_of!(libc::tcp_info, tcpi_notsent_bytes) + 4;
    (len >= needed).then_some(u64::from(info.tcpi_notsent_bytes))
}

/// The kernel's `tcp_info` for the socket, and how many of its bytes the kernel filled in
/// (older kernels fill less: a field past that is not there).
fn tcp_info(fd: RawSocket) -> Option<(libc::tcp_info, usize)> {
    // SAFETY: `tcp_info` is plain data; getsockopt writes at most `len` bytes into it, and the
    // descriptor is open while the probe's lock is held.
    let mut info: libc::tcp_info = unsafe { std::mem::zeroed() };
    let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
    let rc = unsafe {
        libc::getsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_INFO,
            (&mut info as *mut libc::tcp_info).cast(),
            &mut len,
        )
    };
    (rc == 0).then_some((info, len as usize))
}

/// `tcpi_bytes_acked` (Linux 4.1 and later) counts the SYN too.
pub fn acknowledged(fd: RawSocket, _written: u64) -> Option<u64> {
    let (info, len) = tcp_info(fd)?;
    let needed = std::mem::offset_of!(libc::tcp_info, tcpi_bytes_acked) + 8;
    (len >= needed).then(|| info.tcpi_bytes_acked.saturating_sub(1))
}
