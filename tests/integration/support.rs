//! Running the binary in isolation, and a local API that answers like CloudConvert's.

#![allow(dead_code)]

use httpmock::MockServer;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub const KEY: &str = "test-api-key-4f1d9c";

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
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_cloudconvert"));
        c.env_clear()
            .env("HOME", self.home.path())
            .env("XDG_CONFIG_HOME", self.config_dir())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default());
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
