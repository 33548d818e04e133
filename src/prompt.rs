//! The hidden prompt of `auth login`: echo off while the key is typed, and back on whatever way
//! the prompt ends (Enter, Ctrl-D, an error, or a signal, through `restore_terminal`).

use std::io::BufRead;
use std::sync::Mutex;

/// The terminal's settings before echo was turned off, while the prompt is up.
#[cfg(unix)]
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Reads one line from the terminal on stdin without echoing it.
#[cfg(unix)]
pub fn read_hidden_line() -> std::io::Result<String> {
    // SAFETY: termios is a plain C struct; tcgetattr fills it or fails.
    let mut original: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(libc::STDIN_FILENO, &mut original) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let mut hidden = original;
    hidden.c_lflag &= !libc::ECHO;
    *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(original);
    // SAFETY: a termios taken from this terminal, with one flag changed.
    if unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &hidden) } != 0 {
        restore_terminal();
        return Err(std::io::Error::last_os_error());
    }
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    restore_terminal();
    read.map(|_| line)
}

#[cfg(not(unix))]
pub fn read_hidden_line() -> std::io::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line)
}

/// Puts back the terminal's settings if the hidden prompt changed them.
pub fn restore_terminal() {
    #[cfg(unix)]
    if let Some(original) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        // SAFETY: the settings this terminal had before the prompt.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &original) };
    }
}

/// Whether the controlling terminal echoes control characters (`^C`), as most do by default.
#[cfg(unix)]
pub fn echoes_control_characters() -> bool {
    use std::os::fd::AsRawFd;
    let Ok(tty) = std::fs::File::open("/dev/tty") else {
        return false;
    };
    // SAFETY: tcgetattr fills the struct for a terminal we hold open.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(tty.as_raw_fd(), &mut t) } != 0 {
        return false;
    }
    t.c_lflag & libc::ECHO != 0 && t.c_lflag & libc::ECHOCTL != 0
}
