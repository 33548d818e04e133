//! Running the binary in isolation, and what many test files share: a local API mock, raw
//! servers, an untrusted TLS server, a pseudo-terminal, signals, and `wait_until`.

#![allow(dead_code)]

use crate::storage::Answer;
use crate::storage::Storage;
use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::{Value, json};
use std::io::BufRead;
use std::io::BufReader;
use std::net::TcpListener;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering;
use std::time::Duration;
use std::time::Instant;

pub const KEY: &str = "test-api-key-4f1d9c";

/// The upload form most tests hand out: one text part before the file.
pub const FORM: &[(&str, &str)] = &[("key", "k")];

/// A temporary home and config dir, and the command builder that uses them.
pub struct Sandbox {
    pub home: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Sandbox {
            home: tempfile::tempdir().unwrap(),
        }
    }

    pub fn config_dir(&self) -> PathBuf {
        self.home.path().join(".config")
    }

    /// The default config file's path (`$XDG_CONFIG_HOME/cloudconvert/config.toml`).
    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("cloudconvert").join("config.toml")
    }

    pub fn write_config(&self, text: &str) -> PathBuf {
        let p = self.config_file();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        p
    }

    /// The binary with nothing from the outer environment: no CLOUDCONVERT_*, AWS_*, AZURE_*,
    /// GOOGLE_*, OS_*, proxy or RUST_BACKTRACE variables; HOME and the config dir are ours.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::from_std(self.std_cmd());
        c.timeout(std::time::Duration::from_secs(60));
        c
    }

    /// The same as `cmd()`, as a std Command (for stdin from a file, or signals).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = tool();
        c.env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config_dir());
        // Wine sets %APPDATA% to its own prefix whatever the environment says; a folder of the
        // test's own comes from the tool's variable instead.
        if windows_build() {
            c.env(
                "CLOUDCONVERT_CONFIG_DIR",
                seen_by_the_tool(self.config_file().parent().unwrap()),
            );
        }
        c
    }

    /// `cmd()` pointed at a local API with the test key.
    pub fn api(&self, server: &MockServer) -> assert_cmd::Command {
        let mut c = self.cmd();
        c.env("CLOUDCONVERT_API_URL", server.base_url())
            .env("CLOUDCONVERT_API_KEY", KEY);
        c
    }

    /// `cmd()` pointed at the CloudConvert stand-in (API and sync host) with the test key.
    pub fn cloud(&self, cloud: &crate::cloud::Cloud) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.cloud_std(cloud))
    }

    /// `cmd()` pointed at the stand-in's API origin alone: no sync host, so waits poll.
    pub fn api_url(&self, cloud: &crate::cloud::Cloud) -> assert_cmd::Command {
        let mut c = self.cmd();
        c.env("CLOUDCONVERT_API_URL", &cloud.url)
            .env("CLOUDCONVERT_API_KEY", KEY);
        c
    }

    pub fn cloud_std(&self, cloud: &crate::cloud::Cloud) -> std::process::Command {
        let mut c = self.std_cmd();
        c.env("CLOUDCONVERT_API_URL", &cloud.url)
            .env("CLOUDCONVERT_SYNC_URL", &cloud.sync_url)
            .env("CLOUDCONVERT_API_KEY", KEY);
        c
    }

    /// `std_cmd()` pointed at a local API with the test key.
    pub fn cmd_std_api(&self, server: &MockServer) -> std::process::Command {
        let mut c = self.std_cmd();
        c.env("CLOUDCONVERT_API_URL", server.base_url())
            .env("CLOUDCONVERT_API_KEY", KEY);
        c
    }

    pub fn path(&self) -> &Path {
        self.home.path()
    }

    /// Writes a file (and its folders) under the temporary home; its path as text.
    pub fn write(&self, name: &str, data: &[u8]) -> String {
        let p = self.home.path().join(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&p, data).unwrap();
        p.to_str().unwrap().to_string()
    }
}

/// The build under test: the one cargo made for this machine, or another one named by
/// `CC_TEST_BINARY` and run by `CC_TEST_RUNNER` (wine for the Windows build, qemu-user for
/// aarch64), with an empty environment but for `PATH` and what the runner needs.
pub fn tool() -> std::process::Command {
    let binary = std::env::var_os("CC_TEST_BINARY")
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_cloudconvert").into());
    let mut c = match std::env::var_os("CC_TEST_RUNNER") {
        Some(runner) => {
            let mut c = std::process::Command::new(runner);
            c.arg(binary);
            c
        }
        None => std::process::Command::new(binary),
    };
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (name, value) in std::env::vars_os() {
        let name_text = name.to_string_lossy();
        if name_text.starts_with("WINE") || name_text.starts_with("QEMU_") {
            c.env(name, value);
        }
    }
    c
}

/// The build under test runs under an emulator (wine, qemu-user), which gives it no count of
/// the bytes a peer acknowledged: uploads take the fallback path (a small send buffer, and
/// time for it to drain before a stall is called).
pub fn emulated() -> bool {
    std::env::var_os("CC_TEST_RUNNER").is_some()
}

/// The stall watchdog's bound on the fallback path: `--timeout` plus the buffer's drain.
pub fn stall_bound(native: u64) -> Duration {
    Duration::from_secs(if emulated() { native * 4 } else { native })
}

/// The build under test is a Windows one (run under wine).
pub fn windows_build() -> bool {
    std::env::var_os("CC_TEST_BINARY").is_some_and(|b| b.to_string_lossy().ends_with(".exe"))
}

/// A test about what only Unix has (signals, FIFOs, pseudo-terminals, file modes) passes
/// without running against a Windows build, and says so.
#[macro_export]
macro_rules! unix_only {
    () => {
        if $crate::support::windows_build() {
            eprintln!("skipped: a Windows build has no such thing");
            return;
        }
    };
}

/// A path as the tool under test reads it: as it is, or for a Windows build under wine, on
/// its drive Z: (which is `/`).
pub fn seen_by_the_tool(path: &Path) -> String {
    let text = path.to_str().unwrap().to_string();
    if windows_build() {
        format!("Z:{}", text.replace('/', "\\"))
    } else {
        text
    }
}

/// Reads `stream` until `needle` has come (or the stream ends); what came.
pub fn read_until(stream: &mut impl std::io::Read, needle: &str) -> String {
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains(needle) && stream.read(&mut byte).unwrap() == 1 {
        seen.push(byte[0]);
    }
    String::from_utf8_lossy(&seen).into_owned()
}

/// stdout as JSON Lines.
pub fn json_lines(out: &std::process::Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A task as the API returns it, with a field the tool does not know.
pub fn task(id: &str, operation: &str, status: &str) -> Value {
    json!({
        "id": id,
        "job_id": null,
        "operation": operation,
        "status": status,
        "message": null,
        "code": null,
        "credits": 0,
        "created_at": "2026-11-26T10:00:00+00:00",
        "started_at": null,
        "ended_at": null,
        "payload": {},
        "result": null,
        "some_future_field": {"kept": true},
        "links": {"self": format!("https://api.cloudconvert.com/v2/tasks/{id}")}
    })
}

/// A mock that matches anything, to prove that nothing was sent.
pub fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server.mock(|_when, then| {
        then.status(599)
            .body("the tool should not have sent anything");
    })
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A server on 127.0.0.1 that reads each request's head and lets `answer` read the rest and
/// write whatever it wants (through `get_mut`); counts the connections.
pub fn raw_server(
    answer: impl Fn(&str, &mut BufReader<TcpStream>) + Send + Sync + 'static,
) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let (c, answer) = (count.clone(), Arc::new(answer));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(conn);
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                answer(&head, &mut reader);
            });
        }
    });
    (url, count)
}

pub fn kill(pid: u32, signal: &str) {
    assert!(
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap()
            .success()
    );
}

/// Waits (at most 10 s) until `what` holds.
pub fn wait_until(what: impl Fn() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !what() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A TLS server on 127.0.0.1 whose certificate no system trusts: its port, and how many
/// connections it took.
pub fn untrusted_tls_server() -> (u16, Arc<AtomicUsize>) {
    use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let cert = CertificateDer::from(include_bytes!("tls/cert.der").to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        include_bytes!("tls/key.der").to_vec(),
    ));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let c = connections.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let mut tls = rustls::ServerConnection::new(config.clone()).unwrap();
            let _ = tls.complete_io(&mut conn);
        }
    });
    (port, connections)
}

/// A pseudo-terminal: the child gets the terminal side, the test keeps the other.
#[cfg(unix)]
pub struct Pty {
    pub master: std::fs::File,
    pub terminal: std::fs::File,
}

#[cfg(unix)]
impl Pty {
    pub fn open() -> Pty {
        use std::os::fd::FromRawFd;
        // SAFETY: the POSIX calls that make a pseudo-terminal pair; each result is checked.
        unsafe {
            let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
            assert!(master >= 0);
            assert_eq!(libc::grantpt(master), 0);
            assert_eq!(libc::unlockpt(master), 0);
            let mut name = [0 as libc::c_char; 128];
            assert_eq!(libc::ptsname_r(master, name.as_mut_ptr(), name.len()), 0);
            let path = std::ffi::CStr::from_ptr(name.as_ptr())
                .to_str()
                .unwrap()
                .to_string();
            let terminal = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .unwrap();
            Pty {
                master: std::fs::File::from_raw_fd(master),
                terminal,
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

/// An upload API whose form points at `storage`; the upload's task shows as finished.
pub fn upload_api(storage: &Storage) -> MockServer {
    let server = MockServer::start();
    let mut t = task("u-1", "import/upload", "waiting");
    t["result"] = json!({"form": {"url": storage.url, "parameters": {"key": "k"}}});
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/upload");
        then.status(201).json_body(json!({"data": t}));
    });
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/u-1");
        then.status(200)
            .json_body(json!({"data": task("u-1", "import/upload", "finished")}));
    });
    server
}

/// A 64 MiB file, an API whose form points at a storage that will stall the first upload.
pub fn stalling_upload(sb: &Sandbox) -> (Storage, MockServer, std::path::PathBuf) {
    let storage = Storage::start(&[("key", "k")]);
    storage.script(&[Answer::Stall]);
    let api = upload_api(&storage);
    let file = sb.path().join("big.bin");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    (storage, api, file)
}

/// Which streams of a command are the pseudo-terminal; the others go nowhere.
#[cfg(unix)]
#[derive(Clone, Copy, PartialEq)]
pub enum On {
    Stdout,
    /// stderr; stdout goes nowhere (`/dev/null`: a device, no other program's screen).
    Stderr,
    /// stderr; stdout is a pipe another program reads (as `| jq` does).
    StderrPiped,
    Both,
}

/// Runs the command with the streams `on` names on a pseudo-terminal of `cols` columns (and
/// `TERM=xterm` when stderr is one): how it exited, and what it wrote there.
#[cfg(unix)]
pub fn on_terminal(
    cols: u16,
    mut cmd: std::process::Command,
    on: On,
) -> (std::process::ExitStatus, String) {
    use std::io::Read;
    let pty = Pty::open();
    pty.set_width(cols);
    let terminal = || std::process::Stdio::from(pty.terminal.try_clone().unwrap());
    let nowhere = std::process::Stdio::null;
    if on != On::Stdout {
        cmd.env("TERM", "xterm");
    }
    match on {
        On::Stdout => cmd.stdout(terminal()).stderr(nowhere()),
        On::Stderr => cmd.stdout(nowhere()).stderr(terminal()),
        On::StderrPiped => cmd.stdout(std::process::Stdio::piped()).stderr(terminal()),
        On::Both => cmd.stdout(terminal()).stderr(terminal()),
    };
    let mut child = cmd.spawn().unwrap();
    let drained = child
        .stdout
        .take()
        .map(|mut out| std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink())));
    drop(cmd);
    drop(pty.terminal);
    let mut master = pty.master;
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        let _ = master.read_to_end(&mut seen);
        seen
    });
    let status = child.wait().unwrap();
    if let Some(d) = drained {
        let _ = d.join();
    }
    let text = String::from_utf8_lossy(&reader.join().unwrap()).replace("\r\n", "\n");
    (status, text)
}
