//! Systems that tell neither what was acknowledged nor what has not left (on Unix the
//! descriptor and the cut-off come from `unix`).

use super::RawSocket;

pub fn acknowledged(_fd: RawSocket, _written: u64) -> Option<u64> {
    None
}

pub fn unsent(_fd: RawSocket) -> Option<u64> {
    None
}

/// Neither a Unix system nor Windows: no socket number to ask, nothing to cut off.
#[cfg(not(unix))]
pub mod bare {
    pub type RawSocket = ();

    pub fn raw<T>(_socket: &T) -> Option<RawSocket> {
        Some(())
    }

    pub fn cut_off(_fd: RawSocket) -> bool {
        false
    }
}
