//! Where values come from: flag > environment > config file > default.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::MockServer;
use serde_json::json;

fn show_mock<'a>(server: &'a MockServer, key: &str) -> httpmock::Mock<'a> {
    let key = key.to_string();
    server.mock(move |when, then| {
        when.method(GET)
            .path("/v2/tasks/t-1")
            .header("authorization", format!("Bearer {key}"));
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    })
}

#[test]
fn a_config_folder_of_its_own_holds_the_default_file() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let folder = sb.path().join("ci-config");
    let shown = show_mock(&server, KEY);
    let with_folder = || {
        let mut c = sb.cmd();
        c.env("CLOUDCONVERT_CONFIG_DIR", seen_by_the_tool(&folder))
            .env("CLOUDCONVERT_API_URL", server.base_url());
        c
    };
    // A missing file in it is fine, as for the default place.
    let out = with_folder().args(["auth", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no API key found"),
        "{}",
        stderr(&out)
    );
    server.mock(|when, then| {
        when.method(GET).path("/v2/users/me");
        then.status(200)
            .json_body(json!({"data": {"id": 1, "username": "u", "credits": 1}}));
    });
    let out = with_folder()
        .args(["auth", "login"])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let stored = std::fs::read_to_string(folder.join("config.toml")).unwrap();
    assert!(stored.contains(KEY), "{stored}");
    assert!(!sb.config_file().exists(), "not in the default place");
    let out = with_folder()
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    shown.assert();
}

#[test]
fn key_precedence_flag_env_file() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    sb.write_config(&format!(
        "api_key = \"file-key-123\"\napi_url = \"{}\"\n",
        server.base_url()
    ));
    let file = show_mock(&server, "file-key-123");
    let env = show_mock(&server, "env-key-123");
    let flag = show_mock(&server, "flag-key-123");

    assert!(
        sb.cmd()
            .args(["task", "show", "t-1"])
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(
        sb.cmd()
            .env("CLOUDCONVERT_API_KEY", "env-key-123")
            .args(["task", "show", "t-1"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", "env-key-123")
        .args(["task", "show", "t-1", "--api-key", "flag-key-123"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!((file.calls(), env.calls(), flag.calls()), (1, 1, 1));
}

#[test]
fn api_url_forms_and_precedence() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let m = show_mock(&server, KEY);
    for origin in [
        server.base_url(),
        format!("{}/", server.base_url()),
        format!("{}/v2", server.base_url()),
        format!("{}/v2/", server.base_url()),
    ] {
        let out = sb
            .cmd()
            .env("CLOUDCONVERT_API_KEY", KEY)
            .args(["--api-url", &origin, "task", "show", "t-1"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{origin}: {}", stderr(&out));
    }
    // The flag beats the variable, which beats the file.
    sb.write_config("api_url = \"http://127.0.0.1:1\"\n");
    let out = sb
        .api(&server)
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_KEY", KEY)
        .env("CLOUDCONVERT_API_URL", "http://127.0.0.1:1")
        .args(["task", "show", "t-1", "--api-url", &server.base_url()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    m.assert_calls(6);
}

#[test]
fn hosts_for_sandbox_and_region() {
    let sb = Sandbox::new();
    let url = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = sb.cmd();
        for (k, v) in env {
            c.env(k, v);
        }
        let out = c
            .args(args)
            .args(["--dry-run", "task", "show", "t-1"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["url"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(url(&[], &[]), "https://api.cloudconvert.com/v2/tasks/t-1");
    assert_eq!(
        url(&["--sandbox"], &[]),
        "https://api.sandbox.cloudconvert.com/v2/tasks/t-1"
    );
    assert_eq!(
        url(&[], &[("CLOUDCONVERT_SANDBOX", "true")]),
        "https://api.sandbox.cloudconvert.com/v2/tasks/t-1"
    );
    assert_eq!(
        url(&["--region", "eu-central"], &[]),
        "https://eu-central.api.cloudconvert.com/v2/tasks/t-1"
    );
    assert_eq!(
        url(&[], &[("CLOUDCONVERT_REGION", "us-east")]),
        "https://us-east.api.cloudconvert.com/v2/tasks/t-1"
    );
    sb.write_config("sandbox = true\n");
    assert_eq!(
        url(&[], &[]),
        "https://api.sandbox.cloudconvert.com/v2/tasks/t-1"
    );
    assert_eq!(
        url(&[], &[("CLOUDCONVERT_SANDBOX", "0")]),
        "https://api.cloudconvert.com/v2/tasks/t-1"
    );
}

#[test]
fn config_file_from_flag_or_variable_and_bad_files() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let m = show_mock(&server, "other-key-123");
    let other = sb.path().join("other.toml");
    std::fs::write(
        &other,
        format!(
            "api_key = \"other-key-123\"\napi_url = \"{}\"\n",
            server.base_url()
        ),
    )
    .unwrap();
    assert!(
        sb.cmd()
            .args(["--config", other.to_str().unwrap(), "task", "show", "t-1"])
            .output()
            .unwrap()
            .status
            .success()
    );
    assert!(
        sb.cmd()
            .env("CLOUDCONVERT_CONFIG", &other)
            .args(["task", "show", "t-1"])
            .output()
            .unwrap()
            .status
            .success()
    );
    m.assert_calls(2);

    let out = sb
        .cmd()
        .args(["--config", "/nonexistent/c.toml", "task", "show", "t-1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a named config file must exist");
    sb.write_config("apikey = \"typo\"\n");
    let out = sb.cmd().args(["task", "show", "t-1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("config.toml") && stderr(&out).contains("apikey"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn config_with_a_key_readable_by_others_draws_a_warning() {
    crate::unix_only!();
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let p = sb.write_config("api_key = \"file-key-123\"\n");
    let run = || {
        sb.cmd()
            .args(["--dry-run", "task", "show", "t-1"])
            .output()
            .unwrap()
    };
    assert!(!stderr(&run()).contains("warning"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
    let err = stderr(&run());
    assert!(
        err.contains("warning") && err.contains("chmod 600") && !err.contains("file-key-123"),
        "{err}"
    );
}

/// Links and file modes: what a Unix system alone has.
#[cfg(unix)]
#[test]
fn config_writes_are_safe() {
    crate::unix_only!();
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    // A dangling link at the config path is not followed into creating its target.
    let target = sb.path().join("elsewhere.toml");
    let link = sb.path().join("link.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", link.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!target.exists());
    // A new file named by --config is created, mode 0600; other settings in it are kept.
    let new = sb.path().join("new.toml");
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", new.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&new).unwrap().permissions().mode() & 0o777,
        0o600
    );
    // A link to an existing file is written through, and stays a link.
    std::fs::write(&target, "region = \"eu-central\"\n").unwrap();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login", "--config", link.to_str().unwrap()])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.contains("region = \"eu-central\"") && text.contains(KEY),
        "{text}"
    );
}

#[test]
fn a_config_folder_that_is_a_file_matters_only_when_the_key_is_needed_from_it() {
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.config_dir()).unwrap();
    let folder = sb.config_dir().join("cloudconvert");
    std::fs::write(&folder, "not a folder").unwrap();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(GET).path("/v2/tasks/t-1");
        then.status(200)
            .json_body(json!({"data": task("t-1", "import/url", "finished")}));
    });
    let out = sb
        .api(&server)
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning") && err.contains("is a file, not a directory"),
        "{err}"
    );

    // Without a key from elsewhere, the real problem is named.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["task", "show", "t-1"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "{} is a file, not a directory",
            seen_by_the_tool(&folder)
        )),
        "{err}"
    );
}

/// A config file others can change could send the key anywhere (`api_url`): refused, as ssh
/// refuses its own, before any of its values is used, naming the file and the fix.
#[cfg(unix)]
#[test]
fn a_config_file_or_folder_others_can_write_is_refused_before_it_is_used() {
    crate::unix_only!();
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    let server = MockServer::start();
    let shown = show_mock(&server, "file-key-123");
    let p = sb.write_config(&format!(
        "api_key = \"file-key-123\"\napi_url = \"{}\"\n",
        server.base_url()
    ));
    let run = || sb.cmd().args(["task", "show", "t-1"]).output().unwrap();
    let mode = |path: &std::path::Path, m: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap()
    };
    mode(&p, 0o666);
    let out = run();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("config file {} is not used", p.display()))
            && err.contains("other users can write to it (mode 666)")
            && err.contains(&format!("chmod go-w {}", p.display())),
        "{err}"
    );
    assert!(!err.contains("file-key-123"), "{err}");
    mode(&p, 0o600);
    let folder = p.parent().unwrap();
    mode(folder, 0o777);
    let out = run();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "other users can write to its folder {}",
            folder.display()
        )) && err.contains(&format!("chmod go-w {}", folder.display())),
        "{err}"
    );
    shown.assert_calls(0);
    mode(folder, 0o700);
    assert_eq!(run().status.code(), Some(0), "used again once fixed");
    shown.assert_calls(1);
}
