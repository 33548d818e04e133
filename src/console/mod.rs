//! The terminal's settings, one file per system: the hidden prompt of `auth login` (echo off
//! while the key is typed, and back on whatever way the prompt ends: Enter, Ctrl-D, an error,
//! or a signal, through `restore_terminal`); colour and cursor moves on a Windows console;
//! whether the terminal echoes `^C`; and whether stdout is a pipe another program reads.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::*;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::*;
#[cfg(not(any(unix, windows)))]
mod other;
#[cfg(not(any(unix, windows)))]
pub use other::*;
