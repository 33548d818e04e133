//! `auth login`, `auth status` and `auth logout`, and what is said of a key: where it came
//! from, whether the API takes it, and that an import-only key is a valid key.

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::Method::GET;
use httpmock::Method::POST;
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
fn login_stores_exactly_the_environment_it_checked() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let login = |args: &[&str], stdin: &str| {
        sb.cmd()
            .env("CLOUDCONVERT_API_URL", &cloud.url)
            .args(["auth", "login"])
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap()
    };
    assert!(login(&["--sandbox"], KEY).status.success());
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(text.contains("sandbox = true"), "{text}");
    let out = sb.cmd().args(["auth", "logout"]).output().unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(!text.contains("sandbox") && !text.contains(KEY), "{text}");
    // A production login after a sandbox one stores no sandbox setting.
    assert!(login(&["--sandbox"], KEY).status.success());
    let out = login(&[], KEY);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(sb.config_file()).unwrap();
    assert!(!text.contains("sandbox"), "{text}");
    // --api-key on login is the key checked and stored; stdin is not read.
    let out = login(&["--api-key", KEY], "");
    assert!(out.status.success(), "{}", stderr(&out));
    // The variable beats the stored key: every auth command says so.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("CLOUDCONVERT_API_KEY is set"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn auth_status_warns_only_about_a_stored_key_that_exists() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let status = || sb.cloud(&cloud).args(["auth", "status"]).output().unwrap();
    let out = status();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("is set"),
        "no stored key: {}",
        stderr(&out)
    );
    sb.write_config("api_key = \"stored-key-123\"\n");
    let out = status();
    assert!(
        stderr(&out).contains("CLOUDCONVERT_API_KEY is set"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_import_only_key_is_a_valid_key() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options {
        users_me: 403,
        ..Options::default()
    });
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "login"])
        .write_stdin(KEY)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("cannot read the account"), "{err}");
    assert!(
        std::fs::read_to_string(sb.config_file())
            .unwrap()
            .contains(KEY)
    );

    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("accepted"), "{}", stderr(&out));

    // A 401 stays a refusal.
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", &cloud.url)
        .env("CLOUDCONVERT_API_KEY", "wrong-key-123456")
        .args(["auth", "status"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn no_api_key_exits_4_naming_every_way_to_give_one() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let all = catch_all(&server);
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", server.base_url())
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    for needle in ["CLOUDCONVERT_API_KEY", "--api-key", "config.toml"] {
        assert!(err.contains(needle), "{needle} missing from {err}");
    }
    assert_eq!(all.calls(), 0);
}

#[test]
fn unauthenticated_adds_a_hint() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.method(POST);
        then.status(401)
            .json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
    });
    let out = sb
        .api(&server)
        .args(["import", "url", "https://e.com/a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "cloudconvert: error: Unauthenticated. (UNAUTHENTICATED, HTTP 401)\n  hint: "
        ),
        "{err}"
    );
    assert!(
        err.contains("CLOUDCONVERT_API_KEY") && !err.contains(KEY),
        "{err}"
    );
}

/// A refused key says where it came from, as gh names GH_TOKEN: never "set
/// CLOUDCONVERT_API_KEY" to a user whose CLOUDCONVERT_API_KEY is set and wrong.
#[test]
fn a_refused_key_says_where_it_came_from() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    server.mock(|when, then| {
        when.any_request();
        then.status(401)
            .json_body(json!({"message": "Unauthenticated.", "code": "UNAUTHENTICATED"}));
    });
    let hint = |out: std::process::Output| {
        assert_eq!(out.status.code(), Some(4));
        let err = stderr(&out);
        err.lines()
            .find_map(|l| l.strip_prefix("  hint: "))
            .unwrap_or_else(|| panic!("{err}"))
            .to_string()
    };
    let from_env = hint(
        sb.api(&server)
            .args(["import", "url", "https://e.com/a"])
            .output()
            .unwrap(),
    );
    assert!(
        from_env.starts_with("the key from CLOUDCONVERT_API_KEY was refused (a stored key is not used while it is set)"),
        "{from_env}"
    );
    assert!(
        !from_env.contains("set CLOUDCONVERT_API_KEY,"),
        "{from_env}"
    );
    let from_flag = hint(
        sb.cmd()
            .env("CLOUDCONVERT_API_URL", server.base_url())
            .args(["--api-key", "wrong-key-1", "task", "show", "t-1"])
            .output()
            .unwrap(),
    );
    assert!(
        from_flag.starts_with("the key given with --api-key was refused"),
        "{from_flag}"
    );
    let config = sb.write_config(&format!(
        "api_key = \"wrong-key-2\"\napi_url = \"{}\"\n",
        server.base_url()
    ));
    let from_file = hint(sb.cmd().args(["task", "show", "t-1"]).output().unwrap());
    assert!(
        from_file.starts_with(&format!(
            "the key stored in {} was refused",
            seen_by_the_tool(&config)
        )),
        "{from_file}"
    );
    let at_login = hint(
        sb.cmd()
            .env("CLOUDCONVERT_API_URL", server.base_url())
            .args(["--config", &seen_by_the_tool(&sb.path().join("new.toml"))])
            .args(["auth", "login"])
            .write_stdin("wrong-key-3")
            .output()
            .unwrap(),
    );
    assert!(
        at_login.starts_with("the key was refused, and nothing was stored"),
        "{at_login}"
    );
    assert!(!sb.path().join("new.toml").exists());
}
