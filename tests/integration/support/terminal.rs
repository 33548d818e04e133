//! The pseudo-terminal runner: a command with some of its streams on a terminal of a chosen
//! width, what it drew there (as bytes, as text, or as the screen a person would see), and
//! the terminal's other side for typing or for checking its modes.

use std::io::{Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A pseudo-terminal: the child gets the terminal side, the test keeps the other.
pub struct Pty {
    pub master: std::fs::File,
    pub terminal: std::fs::File,
    /// The terminal side's name, for another writer to open (a reader of stdout sharing it).
    pub path: String,
}

impl Pty {
    pub fn open() -> Pty {
        use std::os::fd::FromRawFd;
        use std::os::unix::fs::OpenOptionsExt;
        // SAFETY: the POSIX calls that make a pseudo-terminal pair; each result is checked.
        unsafe {
            // Close-on-exec, as every descriptor std opens: the other tests' children, started
            // while this terminal is open, never hold its side.
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
            assert!(master >= 0);
            assert_eq!(libc::grantpt(master), 0);
            assert_eq!(libc::unlockpt(master), 0);
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
            let path = std::ffi::CStr::from_ptr(name.as_ptr())
                .to_str()
                .unwrap()
                .to_string();
            // Never the test process's own controlling terminal.
            let terminal = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_NOCTTY)
                .open(&path)
                .unwrap();
            Pty {
                master: std::fs::File::from_raw_fd(master),
                terminal,
                path,
            }
        }
    }

    /// Gives the terminal a size: 24 rows of `cols` columns.
    pub fn set_width(&self, cols: u16) {
        use std::os::fd::AsRawFd;
        let size = libc::winsize {
            ws_row: 24,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: sets the size of a terminal we hold open.
        assert_eq!(
            unsafe { libc::ioctl(self.terminal.as_raw_fd(), libc::TIOCSWINSZ, &size) },
            0
        );
    }

    pub fn echo_is_on(&self) -> bool {
        use std::os::fd::AsRawFd;
        // SAFETY: tcgetattr fills the struct for a terminal we hold open.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(self.terminal.as_raw_fd(), &mut t), 0);
            t.c_lflag & libc::ECHO != 0
        }
    }
}

/// Which streams of a command are the pseudo-terminal.
#[derive(Clone, Copy, PartialEq)]
pub enum On {
    /// stdout; stderr goes nowhere.
    Stdout,
    /// stderr; stdout goes nowhere (`/dev/null`: a device, no other program's screen).
    Stderr,
    /// stderr; stdout is a pipe another program reads (as `| jq` does), kept as `Ended::stdout`.
    StderrPiped,
    /// stderr; stdout as the command already has it (a file, or a pipe the test reads).
    StderrOnly,
    Both,
}

/// A command running with streams on a terminal; its screen is read as it draws.
pub struct Running {
    pub child: Child,
    seen: Arc<Mutex<Vec<u8>>>,
    reader: JoinHandle<()>,
    piped: Option<JoinHandle<Vec<u8>>>,
    typing: std::fs::File,
    path: String,
    cols: u16,
}

/// How a command on a terminal ended: its status, what the terminal received (`\r\n` read
/// as `\n`), and its piped stdout.
pub struct Ended {
    pub status: ExitStatus,
    pub text: String,
    /// The bytes as received, for a screen (`screen_of`).
    pub raw: Vec<u8>,
    pub stdout: String,
}

/// Starts the command with the streams `on` names on a terminal of `cols` columns (and
/// `TERM=xterm` when stderr is one).
pub fn start(cols: u16, cmd: Command, on: On) -> Running {
    start_watched(cols, cmd, on, |_| {})
}

/// As `start`, handing `watch` every piece the terminal receives as it arrives.
pub fn start_watched(
    cols: u16,
    mut cmd: Command,
    on: On,
    mut watch: impl FnMut(&[u8]) + Send + 'static,
) -> Running {
    let pty = Pty::open();
    pty.set_width(cols);
    // Wine cannot read a Unix terminal's size for the program it runs: the width comes from
    // COLUMNS there, as for any terminal that does not say (a real console's size is for a
    // real Windows machine to show).
    if super::windows_build() {
        cmd.env("COLUMNS", cols.to_string());
    }
    let terminal = || Stdio::from(pty.terminal.try_clone().unwrap());
    if matches!(on, On::Stderr | On::StderrPiped | On::StderrOnly | On::Both) {
        cmd.env("TERM", "xterm");
    }
    match on {
        On::Stdout => cmd.stdout(terminal()).stderr(Stdio::null()),
        On::Stderr => cmd.stdout(Stdio::null()).stderr(terminal()),
        On::StderrPiped => cmd.stdout(Stdio::piped()).stderr(terminal()),
        On::StderrOnly => cmd.stderr(terminal()),
        On::Both => cmd.stdout(terminal()).stderr(terminal()),
    };
    let mut child = cmd.spawn().unwrap();
    // A piped stdout is read as it comes, so that a full pipe never stalls the command.
    let piped = match on {
        On::StderrPiped => child.stdout.take().map(|mut s| {
            std::thread::spawn(move || {
                let mut b = Vec::new();
                let _ = s.read_to_end(&mut b);
                b
            })
        }),
        _ => None,
    };
    // Every copy of the terminal side but the child's closes here, so that the reader sees
    // the end when the child is gone.
    drop(cmd);
    let Pty {
        master,
        terminal,
        path,
    } = pty;
    drop(terminal);
    let typing = master.try_clone().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let fed = seen.clone();
    let reader = std::thread::spawn(move || {
        let mut master = master;
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            watch(&buf[..n]);
            fed.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    Running {
        child,
        seen,
        reader,
        piped,
        typing,
        path,
        cols,
    }
}

impl Running {
    /// What the terminal received so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.seen.lock().unwrap()).replace("\r\n", "\n")
    }

    /// What a person sees now on a screen of `rows` rows: its non-empty lines.
    pub fn screen(&self, rows: u16) -> Vec<String> {
        screen_of(&self.seen.lock().unwrap(), rows, self.cols)
    }

    /// Waits (at most 10 s) until the terminal has received `needle`; whether it has.
    pub fn wait_for(&self, needle: &str) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.text().contains(needle) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        self.text().contains(needle)
    }

    /// Types on the terminal, as a person at its keyboard.
    pub fn type_in(&mut self, keys: &str) {
        self.typing.write_all(keys.as_bytes()).unwrap();
    }

    /// Another writer on the same terminal (a reader of stdout printing its lines there); the
    /// run ends once it is dropped too.
    pub fn writer(&self) -> std::fs::File {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.path)
            .unwrap()
    }

    /// Waits for the command, and for every writer of the terminal to close it.
    pub fn end(mut self) -> Ended {
        let status = self.child.wait().unwrap();
        let stdout = self
            .piped
            .map(|h| String::from_utf8_lossy(&h.join().unwrap()).into_owned())
            .unwrap_or_default();
        drop(self.typing);
        let _ = self.reader.join();
        let raw = std::mem::take(&mut *self.seen.lock().unwrap());
        let text = String::from_utf8_lossy(&raw).replace("\r\n", "\n");
        Ended {
            status,
            text,
            raw,
            stdout,
        }
    }
}

/// Runs the command with the streams `on` names on a terminal of `cols` columns: how it
/// exited, and what it wrote there.
pub fn on_terminal(cols: u16, cmd: Command, on: On) -> (ExitStatus, String) {
    let ended = start(cols, cmd, on).end();
    (ended.status, ended.text)
}

/// The non-empty lines a screen of `rows` rows by `cols` columns shows after these bytes.
pub fn screen_of(bytes: &[u8], rows: u16, cols: u16) -> Vec<String> {
    let mut parser = vt100::Parser::new(rows, cols, 0);
    parser.process(bytes);
    parser
        .screen()
        .contents()
        .lines()
        .map(|l| l.trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text without its escape sequences (colours, cursor moves, line clears).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // ESC [ parameters, then one final byte from @ to ~.
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
