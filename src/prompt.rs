//! The terminal's settings: the hidden prompt of `auth login` (echo off while the key is typed,
//! and back on whatever way the prompt ends: Enter, Ctrl-D, an error, or a signal, through
//! `restore_terminal`), on a Unix terminal and on the Windows console alike; and, on Windows,
//! the console's virtual-terminal processing that colour and bars need.

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

/// The console's input mode before echo was turned off, while the prompt is up.
#[cfg(windows)]
static SAVED: Mutex<Option<u32>> = Mutex::new(None);

/// Reads one line from the console on stdin without echoing it (`ENABLE_ECHO_INPUT` off).
#[cfg(windows)]
pub fn read_hidden_line() -> std::io::Result<String> {
    use windows_sys::Win32::System::Console::{
        ENABLE_ECHO_INPUT, GetConsoleMode, GetStdHandle, STD_INPUT_HANDLE, SetConsoleMode,
    };
    // SAFETY: the process's own stdin handle; the mode is a plain integer the call fills.
    let handle = unsafe { GetStdHandle(STD_INPUT_HANDLE) };
    let mut mode = 0;
    if unsafe { GetConsoleMode(handle, &mut mode) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    *SAVED.lock().unwrap_or_else(|e| e.into_inner()) = Some(mode);
    // SAFETY: the mode read from this console, with one flag cleared.
    if unsafe { SetConsoleMode(handle, mode & !ENABLE_ECHO_INPUT) } == 0 {
        restore_terminal();
        return Err(std::io::Error::last_os_error());
    }
    let mut line = String::new();
    let read = std::io::stdin().lock().read_line(&mut line);
    restore_terminal();
    read.map(|_| line)
}

#[cfg(not(any(unix, windows)))]
pub fn read_hidden_line() -> std::io::Result<String> {
    Err(std::io::Error::other(
        "this system gives no way to hide what is typed; pipe the key in instead",
    ))
}

/// Puts back the terminal's settings if the hidden prompt changed them.
pub fn restore_terminal() {
    #[cfg(unix)]
    if let Some(original) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        // SAFETY: the settings this terminal had before the prompt.
        unsafe { libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &original) };
    }
    #[cfg(windows)]
    if let Some(mode) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        use windows_sys::Win32::System::Console::{GetStdHandle, STD_INPUT_HANDLE, SetConsoleMode};
        // SAFETY: the mode this console had before the prompt.
        unsafe { SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), mode) };
    }
}

/// Turns on the console's virtual-terminal processing for stdout and stderr, so that colour
/// codes and the bars' cursor moves are understood rather than shown as `←[1;31m`: whether
/// each stream can take them (a stream that is not a console takes them as bytes anyway).
#[cfg(windows)]
pub fn virtual_terminal() -> (bool, bool) {
    use windows_sys::Win32::System::Console::{
        ENABLE_VIRTUAL_TERMINAL_PROCESSING, GetConsoleMode, GetStdHandle, STD_ERROR_HANDLE,
        STD_HANDLE, STD_OUTPUT_HANDLE, SetConsoleMode,
    };
    let enable = |which: STD_HANDLE| {
        // SAFETY: the process's own handle; the mode is a plain integer the call fills.
        let handle = unsafe { GetStdHandle(which) };
        let mut mode = 0;
        if unsafe { GetConsoleMode(handle, &mut mode) } == 0 {
            return true;
        }
        mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
            || unsafe { SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) } != 0
    };
    (enable(STD_OUTPUT_HANDLE), enable(STD_ERROR_HANDLE))
}

#[cfg(not(windows))]
pub fn virtual_terminal() -> (bool, bool) {
    (true, true)
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

/// Whether stdout is a pipe (or a socket): another program reads it, which on a terminal
/// likely prints to the same screen (`| jq`). A regular file or a device (`> ids.txt`,
/// `> /dev/null`) shares no screen.
#[cfg(unix)]
#[allow(clippy::disallowed_methods)] // a look at the stream's kind, nothing printed
pub fn stdout_is_pipe() -> bool {
    use std::os::fd::AsRawFd;
    // SAFETY: fstat fills a plain struct for a descriptor the process holds.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let fd = std::io::stdout().as_raw_fd();
    (unsafe { libc::fstat(fd, &mut st) } == 0)
        && matches!(st.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK)
}

#[cfg(windows)]
#[allow(clippy::disallowed_methods)] // a look at the stream's kind, nothing printed
pub fn stdout_is_pipe() -> bool {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_PIPE, GetFileType};
    // SAFETY: asks the kind of a handle the process holds.
    unsafe { GetFileType(std::io::stdout().as_raw_handle()) == FILE_TYPE_PIPE }
}

#[cfg(not(any(unix, windows)))]
pub fn stdout_is_pipe() -> bool {
    true
}
