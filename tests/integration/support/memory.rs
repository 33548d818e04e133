//! The memory watcher: a child's peak resident memory, read from its own `VmHWM` while it
//! runs. (`wait4`'s `ru_maxrss` would count the test process itself, whose pages the child
//! has between fork and exec.)

use std::process::{Child, ExitStatus};
use std::time::Duration;

/// Waits for the child, looking at its peak every `every`: how it exited, and the peak in KiB
/// (0 where there is no `/proc`).
pub fn watch(child: &mut Child, every: Duration) -> (ExitStatus, u64) {
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(l) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            peak = peak.max(l.split_whitespace().nth(1).unwrap().parse().unwrap());
        }
        if let Some(status) = child.try_wait().unwrap() {
            return (status, peak);
        }
        std::thread::sleep(every);
    }
}
