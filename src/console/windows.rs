//! The Windows console: `ENABLE_ECHO_INPUT` off for the hidden prompt, virtual-terminal
//! processing for colour and bars, the kind of stdout's handle.

use std::io::BufRead;
use std::sync::Mutex;

/// The console's input mode before echo was turned off, while the prompt is up.
static SAVED: Mutex<Option<u32>> = Mutex::new(None);

/// Reads one line from the console on stdin without echoing it (`ENABLE_ECHO_INPUT` off).
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

/// Puts back the console's input mode if the hidden prompt changed it.
pub fn restore_terminal() {
    if let Some(mode) = SAVED.lock().unwrap_or_else(|e| e.into_inner()).take() {
        use windows_sys::Win32::System::Console::{GetStdHandle, STD_INPUT_HANDLE, SetConsoleMode};
        // SAFETY: the mode this console had before the prompt.
        unsafe { SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), mode) };
    }
}

/// Turns on the console's virtual-terminal processing for stdout and stderr, so that colour
/// codes and the bars' cursor moves are understood rather than shown as `←[1;31m`: whether
/// each stream can take them (a stream that is not a console takes them as bytes anyway).
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

#[allow(clippy::disallowed_methods)] // a look at the stream's kind, nothing printed
pub fn stdout_is_pipe() -> bool {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Storage::FileSystem::{FILE_TYPE_PIPE, GetFileType};
    // SAFETY: asks the kind of a handle the process holds.
    unsafe { GetFileType(std::io::stdout().as_raw_handle()) == FILE_TYPE_PIPE }
}

/// What the reader of stdout has not taken yet: a pipe's writing end cannot be asked on
/// Windows (PeekNamedPipe wants a reading handle), so only time is waited for.
pub fn stdout_unread() -> usize {
    0
}
