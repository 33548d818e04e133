//! Feeling native: `auth`, the clouds' own variables under `-v`, `--help` with examples and
//! variables.

use crate::support::*;
use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::json;

fn users_me<'a>(server: &'a MockServer, key: &str, status: u16) -> httpmock::Mock<'a> {
    let key = key.to_string();
    server.mock(move |when, then| {
        when.method(GET).path("/v2/users/me").header("authorization", format!("Bearer {key}"));
        if status == 200 {
            then.status(200).json_body(json!({"data": {"id": 1, "username": "u", "email": "me@example.com", "credits": 10}}));
        } else {
            then.status(status).json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
        }
    })
}

#[test]
fn login_checks_and_stores_the_key_with_mode_0600() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let me = users_me(&server, "stored-key-123456789", 200);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["auth", "login"])
        .write_stdin("stored-key-123456789\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    me.assert();
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(
        text.contains("api_key = \"stored-key-123456789\""),
        "{text}"
    );
    // Modes are Unix's; a Windows build's file takes the ACL of its folder (see docs/install.md).
    #[cfg(unix)]
    if !windows_build() {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(sb.config_file())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
    assert!(!stderr(&out).contains("stored-key-123456789"));

    // The stored key is then used, and reported masked by status.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("stor…6789") && err.contains("config.toml") && err.contains("accepted"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    // Logout removes the key and keeps the rest.
    std::fs::write(
        sb.config_file(),
        "api_key = \"stored-key-123456789\"\nregion = \"eu-central\"\n",
    )
    .unwrap();
    let out = sb.cmd().args(["auth", "logout"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(sb.config_file()).unwrap().trim(),
        "region = \"eu-central\""
    );
}

#[test]
fn login_with_a_refused_key_stores_nothing() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    users_me(&server, "bad-key-123456789", 401);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["auth", "login"])
        .write_stdin("bad-key-123456789")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(!sb.config_file().exists());
    let out = sb
        .cmd()
        .args(["auth", "login"])
        .write_stdin("  \n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn login_with_sandbox_remembers_the_sandbox() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    users_me(&server, "sandbox-key-123456789", 200);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["auth", "login", "--sandbox"])
        .write_stdin("sandbox-key-123456789")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(text.contains("sandbox = true"), "{text}");
}

#[test]
fn status_says_where_the_key_comes_from_and_if_it_is_refused() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    users_me(&server, "env-key-123456789", 401);
    let out = sb
        .api(&server)
        .env("CLOUDCONVERT_API_KEY", "env-key-123456789")
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.contains("from CLOUDCONVERT_API_KEY") && err.contains("Unauthenticated"),
        "{err}"
    );
    assert_eq!(
        err.matches("Unauthenticated").count(),
        1,
        "the refusal is said once: {err}"
    );
    let out = sb.cmd().args(["auth", "status"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "no key at all");
}

#[test]
fn verbose_names_the_variables_used_never_their_values() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST).path("/v2/import/s3");
        then.status(201)
            .json_body(json!({"data": task("s-1", "import/s3", "waiting")}));
    });
    let out = sb
        .api(&server)
        .env("AWS_ACCESS_KEY_ID", "VAL-ID-1")
        .env("AWS_SECRET_ACCESS_KEY", "VAL-SECRET-2")
        .env("AWS_DEFAULT_REGION", "eu-west-3")
        .args(["-v", "import", "s3", "s3://b/k"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_DEFAULT_REGION",
        "CLOUDCONVERT_API_KEY",
    ] {
        assert!(
            err.contains(&format!("using {var} from the environment")),
            "{var}: {err}"
        );
    }
    assert!(!err.contains("VAL-ID-1") && !err.contains("VAL-SECRET-2"));
}

#[test]
fn openstack_notes_the_version_it_removed() {
    let sb = Sandbox::new();
    let run = |extra: &[&str]| {
        sb.cmd()
            .env("OS_AUTH_URL", "https://auth.example/v3")
            .env("OS_USERNAME", "u")
            .env("OS_PASSWORD", "p")
            .env("OS_REGION_NAME", "r")
            .args(extra)
            .args([
                "--dry-run",
                "import",
                "openstack",
                "--container",
                "c",
                "--file",
                "f",
            ])
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("using the auth URL https://auth.example"),
        "{}",
        stderr(&out)
    );
    let quiet = run(&["-q"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn every_help_ends_with_examples_and_shows_the_variables() {
    let sb = Sandbox::new();
    let commands: &[&[&str]] = &[
        &[],
        &["import"],
        &["import", "url"],
        &["import", "upload"],
        &["import", "s3"],
        &["import", "azure"],
        &["import", "gcs"],
        &["import", "openstack"],
        &["import", "sftp"],
        &["task"],
        &["task", "show"],
        &["task", "wait"],
        &["auth"],
        &["auth", "login"],
        &["auth", "status"],
        &["auth", "logout"],
    ];
    for args in commands {
        let out = sb
            .cmd()
            .args(*args)
            .arg("--help")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = stdout(&out);
        assert!(
            help.contains("Examples:\n  cloudconvert"),
            "{args:?} --help has no examples"
        );
        assert!(!help.contains('\x1b'), "no colour when piped");
    }
    let vars = |args: &[&str]| stdout(&sb.cmd().args(args).arg("--help").output().unwrap());
    let s3 = vars(&["import", "s3"]);
    for v in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "CLOUDCONVERT_API_KEY",
    ] {
        assert!(s3.contains(v), "import s3 --help lacks {v}");
    }
    for (cmd, v) in [
        ("azure", "AZURE_STORAGE_SAS_TOKEN"),
        ("gcs", "GOOGLE_APPLICATION_CREDENTIALS"),
        ("openstack", "OS_REGION_NAME"),
        ("sftp", "SSHPASS"),
    ] {
        assert!(
            vars(&["import", cmd]).contains(v),
            "import {cmd} --help lacks {v}"
        );
    }
}

#[test]
fn version_says_the_target_commit_and_date_and_v_stays_short() {
    let sb = Sandbox::new();
    let version = env!("CARGO_PKG_VERSION");
    let short = sb.cmd().arg("-V").output().unwrap();
    assert_eq!(stdout(&short), format!("cloudconvert {version}\n"));
    let long = sb.cmd().arg("--version").output().unwrap();
    let text = stdout(&long);
    let inside = text
        .strip_prefix(&format!("cloudconvert {version} ("))
        .and_then(|t| t.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    // `x86_64-unknown-linux-gnu, 1a2b3c4 2026-12-03` (a checkout: CI builds from one).
    let (target, built) = inside
        .split_once(", ")
        .unwrap_or_else(|| panic!("{text:?}"));
    assert!(target.split('-').count() >= 3, "a target triple: {text:?}");
    let (commit, date) = built.split_once(' ').unwrap_or_else(|| panic!("{text:?}"));
    assert!(
        commit.len() == 7 && commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{text:?}"
    );
    let parts: Vec<&str> = date.split('-').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "{text:?}"
    );
}
