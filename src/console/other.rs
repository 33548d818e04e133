//! Systems without a terminal the tool knows how to set: nothing is hidden, nothing set.

pub fn read_hidden_line() -> std::io::Result<String> {
    Err(std::io::Error::other(
        "this system gives no way to hide what is typed; pipe the key in instead",
    ))
}

pub fn restore_terminal() {}

pub fn virtual_terminal() -> (bool, bool) {
    (true, true)
}

pub fn stdout_is_pipe() -> bool {
    true
}

pub fn stdout_unread() -> usize {
    0
}
