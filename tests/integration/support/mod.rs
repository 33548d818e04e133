//! Running the binary in isolation, and what many test files share: the stand-ins for
//! CloudConvert (`cloud`) and its storage (`storage`), a TLS server (`tls`), the
//! pseudo-terminal runner (`terminal`), the memory watcher (`memory`), raw servers, signals
//! and `wait_until`.

#![allow(dead_code)]

pub mod cloud;
pub mod memory;
pub mod snapshot;
pub mod storage;
#[cfg(unix)]
pub mod terminal;
pub mod tls;

pub use snapshot::assert_snapshot;
#[cfg(unix)]
pub use terminal::{On, Pty, on_terminal};

use httpmock::Method::GET;
use httpmock::Method::POST;
use httpmock::{HttpMockResponse, MockServer};
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
use storage::Answer;
use storage::Storage;

pub const KEY: &str = "test-api-key-4f1d9c";

/// The upload form most tests hand out: one text part before the file.
pub const FORM: &[(&str, &str)] = &[("key", "k")];

/// The same, asking the storage for a 201 with a body, as the real form does.
pub const FORM_201: &[(&str, &str)] = &[("key", "k"), ("success_action_status", "201")];

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

    /// `n` small files, `01.txt` on, each saying which it is: their paths.
    pub fn files(&self, n: usize) -> Vec<String> {
        (1..=n)
            .map(|i| self.write(&format!("{i:02}.txt"), format!("file {i}").as_bytes()))
            .collect()
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

/// What an emulator adds to a run, for bounds on a whole run's time: qemu-user translates the
/// code as it first runs (a few hundred ms at the start alone), and with the suite's other runs
/// on both cores it added up to 1.5 s to a 3.5 s wait (4.9 and 5.1 s seen), and up to 6.1 s to
/// a 4 s bound at a load of 23 on 2 cores. Under emulation a bound shows the run is cut off
/// (not left to a server that answers in minutes), not speed: speed is the native runs' to show.
pub fn launch_slack() -> Duration {
    if emulated() {
        Duration::from_secs(10)
    } else {
        Duration::ZERO
    }
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

/// Today's form: an S3 POST policy, every value a string.
pub const S3_FORM: &[(&str, &str)] = &[
    ("acl", "private"),
    ("key", "up/${filename}"),
    ("success_action_status", "201"),
    (
        "X-Amz-Credential",
        "AKIA/20261126/us-east-1/s3/aws4_request",
    ),
    ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
    ("X-Amz-Date", "20261126T000000Z"),
    (
        "Policy",
        "eyJleHBpcmF0aW9uIjoiMjAyNi0xMS0yNlQwMTowMDowMFoifQ==",
    ),
    ("X-Amz-Signature", "0123456789abcdef"),
];

/// The API for uploads: CloudConvert's stand-in, its forms pointing at the storage, each task
/// `waiting` until a while after its file arrived.
pub struct Api {
    pub cloud: cloud::Cloud,
}

impl Api {
    pub fn s3(storage: &Storage) -> Api {
        Api {
            cloud: cloud::Cloud::for_storage(storage, S3_FORM),
        }
    }

    pub fn creates(&self) -> usize {
        self.cloud.count("POST", "/v2/import/upload")
    }
}

/// A task whose status follows `statuses` on successive shows (the last one sticks).
pub fn task_moving<'a>(
    server: &'a MockServer,
    id: &str,
    statuses: &'static [&'static str],
) -> (httpmock::Mock<'a>, Arc<AtomicUsize>) {
    let shows = Arc::new(AtomicUsize::new(0));
    let counter = shows.clone();
    let id = id.to_string();
    let mock = server.mock(move |when, then| {
        when.method(GET).path(format!("/v2/tasks/{id}"));
        then.respond_with(move |_| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let status = statuses[n.min(statuses.len() - 1)];
            let mut t = task(&id, "import/url", status);
            if status == "error" {
                t["code"] = json!("INPUT_TASK_FAILED");
                t["message"] = json!("Download of https://e.com/a failed: 404 Not Found");
            }
            if status == "finished" {
                t["result"] = json!({"files": [{"filename": "a.pdf", "md5": "x", "size": 3}]});
            }
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(json!({"data": t}).to_string())
                .build()
        });
    });
    (mock, shows)
}

/// The moment `ago` before now as RFC 3339 (`2026-12-07T04:05:06+00:00`), as the API writes
/// `created_at`: a task's age then reads the same whenever the test runs.
pub fn rfc3339_ago(ago: Duration) -> String {
    let secs = (std::time::SystemTime::now() - ago)
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // Howard Hinnant's days-to-civil, for the proleptic Gregorian calendar.
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}
