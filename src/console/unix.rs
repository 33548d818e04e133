//! The terminal on Unix: termios for the hidden prompt, `ECHOCTL` for the `^C` the terminal
//! shows, fstat for what stdout is, FIONREAD for what its reader has not taken yet.

use std::io::BufRead;
use std::sync::Mutex;

/// The terminal's settings before echo was turned off, while the prompt is up.
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Reads one line from the terminal on stdin without echoing it.
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

/// Puts back the terminal's settings if the hidden prompt changed them.
pub fn restore_terminal() {
    if let Some(original) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        // SAFETY: the settings this terminal had before the prompt.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &original) };
    }
}

/// A Unix terminal takes colour and cursor moves as they are.
pub fn virtual_terminal() -> (bool, bool) {
    (true, true)
}

/// Whether the controlling terminal echoes control characters (`^C`), as most do by default.
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

/// Whether stdout is a pipe (or a socket): another program reads it, which on a terminal
/// likely prints to the same screen (`| jq`). A regular file or a device (`> ids.txt`,
/// `> /dev/null`) shares no screen.
#[allow(clippy::disallowed_methods)] // a look at the stream's kind, nothing printed
pub fn stdout_is_pipe() -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: fstat fills a plain struct for a descriptor the process holds.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let fd = std::io::stdout().as_raw_fd();
    (unsafe { libc::fstat(fd, &mut st) } == 0)
        && matches!(st.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK)
}

/// Bytes written to stdout that the program reading it has not taken yet, where a pipe says
/// (Linux tells on either end of a pipe; elsewhere this is 0 and only time is waited for).
#[allow(clippy::disallowed_methods)] // a look at the stream, nothing printed
pub fn stdout_unread() -> usize {
    use std::os::fd::AsRawFd;
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int for a descriptor the process holds.
    if unsafe { libc::ioctl(std::io::stdout().as_raw_fd(), libc::FIONREAD, &mut n) } != 0 {
        return 0;
    }
    usize::try_from(n).unwrap_or(0)
}
