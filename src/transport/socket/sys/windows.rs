//! Windows: `SIO_TCP_INFO` (Windows 10 1703 and later) tells the bytes sent and those still in
//! flight; a connection cannot be cut off under the runtime's handle.

/// A socket's number as the system's queries take it.
pub type RawSocket = std::os::windows::io::RawSocket;

/// A socket's number (a TcpStream's, or a TcpSocket's before it connects).
pub fn raw(socket: &impl std::os::windows::io::AsRawSocket) -> Option<RawSocket> {
    Some(socket.as_raw_socket())
}

/// The runtime's socket cannot be closed under it here: the upload is left to end with the
/// program.
pub fn cut_off(_fd: RawSocket) -> bool {
    false
}

/// `SIO_TCP_INFO` (Windows 10 1703 and later): the bytes sent less those still in flight.
/// None where the system has no such query (older Windows, wine).
pub fn acknowledged(fd: RawSocket, written: u64) -> Option<u64> {
    use windows_sys::Win32::Networking::WinSock::{SIO_TCP_INFO, TCP_INFO_v0, WSAIoctl};
    let version: u32 = 0;
    let mut info = TCP_INFO_v0::default();
    let mut returned: u32 = 0;
    // SAFETY: the documented in/out buffers, sized as given, on a socket held open under the
    // probe's lock; no overlapped I/O.
    let rc = unsafe {
        WSAIoctl(
            fd as usize,
            SIO_TCP_INFO,
            (&version as *const u32).cast(),
            std::mem::size_of::<u32>() as u32,
            (&mut info as *mut TCP_INFO_v0).cast(),
            std::mem::size_of::<TCP_INFO_v0>() as u32,
            &mut returned,
            std::ptr::null_mut(),
            None,
        )
    };
    let whole = returned as usize >= std::mem::size_of::<TCP_INFO_v0>();
    (rc == 0 && whole).then(|| {
        let acked = info.BytesOut.saturating_sub(u64::from(info.BytesInFlight));
        if written == 0 {
            acked
        } else {
            acked.min(written)
        }
    })
}

/// Windows does not tell the bytes that have not left.
pub fn unsent(_fd: RawSocket) -> Option<u64> {
    None
}
