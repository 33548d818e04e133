//! What one connection has sent: bytes written to the socket, and bytes the peer acknowledged
//! (`sys`); and every connection's probe, so that an interrupt can cut them all off.

use super::sys::{self, RawSocket};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Where the system cannot tell what was acknowledged (Windows before 1703, wine, Unix systems
/// other than Linux and macOS), the send buffer is kept small, so that bytes written are close
/// to bytes delivered (the stall watchdog allows for this much). Elsewhere autotuning is left
/// alone.
pub const FALLBACK_SEND_BUFFER: u32 = 256 << 10;

/// What one connection has sent: bytes written to the socket, and bytes the peer acknowledged.
pub struct Probe {
    /// The socket while it is open; cleared before it closes, so that a late reading never
    /// asks a descriptor the system has given to another file.
    pub(super) fd: Mutex<Option<RawSocket>>,
    pub(super) written: AtomicU64,
    /// Set when an interrupt cut the connection off: bytes written that had not left this
    /// machine then (`UNKNOWN` where the system does not tell, or before any cut).
    never_left: AtomicU64,
    /// The system tells this connection's acknowledged bytes.
    pub(super) counts_acks: AtomicBool,
}

const UNKNOWN: u64 = u64::MAX;

impl Default for Probe {
    fn default() -> Probe {
        Probe {
            fd: Mutex::new(None),
            written: AtomicU64::new(0),
            never_left: AtomicU64::new(UNKNOWN),
            counts_acks: AtomicBool::new(false),
        }
    }
}

impl Probe {
    /// After the connection was cut off by an interrupt: the bytes written to it that never
    /// left this machine, where the system tells.
    pub fn left_behind(&self) -> Option<u64> {
        Some(self.never_left.load(Ordering::SeqCst)).filter(|n| *n != UNKNOWN)
    }

    /// Whether `delivered` reads what the peer acknowledged, not only what was written.
    pub fn counts_acks(&self) -> bool {
        self.counts_acks.load(Ordering::Relaxed)
    }

    /// Bytes written to the socket since it opened (TLS records included).
    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    /// Bytes the peer has acknowledged since the socket opened; where the system does not tell,
    /// the bytes written (the send buffer is small there).
    pub fn delivered(&self) -> u64 {
        let fd = self.fd.lock().unwrap_or_else(|e| e.into_inner());
        match *fd {
            Some(fd) => sys::acknowledged(fd, self.written()).unwrap_or_else(|| self.written()),
            // The socket is closed: what was written is all there will be.
            None => self.written(),
        }
    }
}

/// Every upload connection's probe, so that an interrupt can cut them all off.
static LIVE: Mutex<Vec<std::sync::Weak<Probe>>> = Mutex::new(Vec::new());
/// An interrupt cut the connections off: one opened since (its attempt began just before the
/// interrupt) is cut off as it registers. Set and read under `LIVE`'s lock.
static CUT: AtomicBool = AtomicBool::new(false);

pub(super) fn register(probe: &Arc<Probe>) {
    let mut live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    if CUT.load(Ordering::SeqCst) {
        cut(probe);
        return;
    }
    live.retain(|p| p.strong_count() > 0);
    live.push(Arc::downgrade(probe));
}

/// Cuts every open upload connection off at once with a reset (`SO_LINGER` 0, then the
/// socket closed under its descriptor), noting first how many bytes had not left this
/// machine: the kernel drops those, and the storage gets an incomplete body, which it refuses.
/// So what the interrupt then says of each file stays true. True where this is done.
pub fn reset_all() -> bool {
    let live = LIVE.lock().unwrap_or_else(|e| e.into_inner());
    CUT.store(true, Ordering::SeqCst);
    for probe in live.iter().filter_map(std::sync::Weak::upgrade) {
        cut(&probe);
    }
    cfg!(unix)
}

fn cut(probe: &Probe) {
    let mut fd = probe.fd.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(raw) = *fd {
        if let Some(n) = sys::unsent(raw) {
            probe.never_left.store(n, Ordering::SeqCst);
        }
        if sys::cut_off(raw) {
            *fd = None;
        }
    }
}
