//! The installer (`.ci/install.sh`, published as `install.sh`) against release archives served
//! on 127.0.0.1: a clean install, a tampered archive, a missing one, an unknown system, no
//! address. The archives are `target/dist` when `CC_TEST_DIST` names it (as `.ci/dist` runs
//! these tests), else one packaged here by `.ci/package` from the binary under test. The
//! installer needs what it needs on a user's machine: sh, tar, sha256sum, and curl or wget.

use crate::support::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root, where `.ci/` is.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// This machine's archive name: what the installer picks here.
fn archive_name() -> String {
    let version = env!("CARGO_PKG_VERSION");
    format!(
        "cloudconvert-{version}-{}-unknown-linux-musl.tar.gz",
        std::env::consts::ARCH
    )
}

/// A folder of release files for one test to serve (and spoil): a copy of `CC_TEST_DIST`, or
/// of the one packaged here once.
fn release(sb: &Sandbox) -> PathBuf {
    static PACKAGED: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let from = match std::env::var_os("CC_TEST_DIST") {
        Some(dist) => PathBuf::from(dist),
        None => PACKAGED
            .get_or_init(|| {
                let d = tempfile::tempdir().unwrap();
                package(d.path());
                d
            })
            .path()
            .to_path_buf(),
    };
    let dir = sb.path().join("release");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

/// Release files made from the binary under test, as `.ci/dist` makes them.
fn package(dir: &Path) {
    let target = format!("{}-unknown-linux-musl", std::env::consts::ARCH);
    let packaged = Command::new("bash")
        .arg(root().join(".ci/package"))
        .args([&target, env!("CARGO_BIN_EXE_cloudconvert")])
        .arg(dir)
        .output()
        .unwrap();
    assert!(packaged.status.success(), "{}", stderr(&packaged));
    let script = std::fs::read_to_string(root().join(".ci/install.sh")).unwrap();
    std::fs::write(
        dir.join("install.sh"),
        script.replace("@VERSION@", env!("CARGO_PKG_VERSION")),
    )
    .unwrap();
    let sums = Command::new("sha256sum")
        .arg(archive_name())
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(sums.status.success());
    std::fs::write(dir.join("SHA256SUMS"), sums.stdout).unwrap();
}

/// Serves the files of `dir` over HTTP on 127.0.0.1 (404 for anything else).
fn serve(dir: &Path) -> String {
    let dir = dir.to_path_buf();
    let (url, _) = raw_server(move |head, reader| {
        let path = head.split_whitespace().nth(1).unwrap_or("/");
        let file = dir.join(path.trim_start_matches('/'));
        let stream = reader.get_mut();
        match std::fs::read(&file).ok().filter(|_| !path.contains("..")) {
            Some(body) => {
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            }
            None => {
                let _ = stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            }
        }
    });
    url
}

/// `sh install.sh ARGS` with the base given, a PATH of the system's (plus `extra` first).
fn install(
    sb: &Sandbox,
    dir: &Path,
    base: Option<&str>,
    args: &[&str],
    extra: Option<&Path>,
) -> std::process::Output {
    let path = std::env::var("PATH").unwrap_or_default();
    let mut c = Command::new("sh");
    c.arg(dir.join("install.sh"))
        .args(args)
        .env_clear()
        .env("HOME", sb.path())
        .env(
            "PATH",
            match extra {
                Some(p) => format!("{}:{path}", p.display()),
                None => path,
            },
        );
    if let Some(b) = base {
        c.env("CLOUDCONVERT_INSTALL_BASE", b);
    }
    c.output().unwrap()
}

/// The installer tests the installer, with the build of this machine.
fn installer_applies() -> bool {
    std::env::var_os("CC_TEST_BINARY").is_none() && cfg!(target_os = "linux")
}

#[test]
fn a_clean_install_checks_the_archive_and_says_where_it_went() {
    if !installer_applies() {
        return;
    }
    let sb = Sandbox::new();
    let dir = release(&sb);
    let base = serve(&dir);
    let started = std::time::Instant::now();
    let out = install(&sb, &dir, Some(&base), &[], None);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let bin = sb.path().join(".local/bin/cloudconvert");
    let version = Command::new(&bin).arg("--version").output().unwrap();
    let took = started.elapsed();
    eprintln!("install.sh to a working --version: {took:?}");
    assert!(
        stdout(&version).starts_with("cloudconvert "),
        "{}",
        stdout(&version)
    );
    assert!(
        err.contains(&format!("into {}", bin.parent().unwrap().display())),
        "{err}"
    );
    assert!(err.contains("is not on PATH"), "{err}");
    // --to DIR, and a folder already on PATH draws no advice.
    let to = sb.path().join("tools");
    let out = install(
        &sb,
        &dir,
        Some(&base),
        &["--to", to.to_str().unwrap()],
        Some(&to),
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(to.join("cloudconvert").is_file());
    assert!(!err.contains("not on PATH"), "{err}");
}

#[test]
fn a_tampered_or_missing_archive_installs_nothing() {
    if !installer_applies() {
        return;
    }
    let sb = Sandbox::new();
    let dir = release(&sb);
    let base = serve(&dir);
    let archive = dir.join(archive_name());
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&archive, &bytes).unwrap();
    let out = install(&sb, &dir, Some(&base), &[], None);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("checksum mismatch") && err.contains("nothing installed"),
        "{err}"
    );
    assert!(!sb.path().join(".local/bin").exists(), "nothing installed");

    std::fs::remove_file(&archive).unwrap();
    let out = install(&sb, &dir, Some(&base), &[], None);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("cannot download") && err.contains(&archive_name()),
        "{err}"
    );
    assert!(!sb.path().join(".local/bin").exists(), "nothing installed");
}

#[test]
fn an_unknown_system_or_no_address_is_refused() {
    if !installer_applies() {
        return;
    }
    let sb = Sandbox::new();
    let dir = release(&sb);
    let base = serve(&dir);
    // A system with no build: uname says so.
    let fake = sb.path().join("fake");
    std::fs::create_dir_all(&fake).unwrap();
    let uname = fake.join("uname");
    std::fs::write(
        &uname,
        "#!/bin/sh\n[ \"$1\" = -m ] && echo x86_64 || echo Plan9\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&uname, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = install(&sb, &dir, Some(&base), &[], Some(&fake));
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no build for this system (Plan9)"),
        "{}",
        stderr(&out)
    );
    // No address at all: the unpublished copy names the variable.
    let out = install(&sb, &dir, None, &[], None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("CLOUDCONVERT_INSTALL_BASE"),
        "{}",
        stderr(&out)
    );
    assert!(!sb.path().join(".local/bin").exists(), "nothing installed");
}

#[test]
fn a_link_planted_where_the_new_copy_goes_is_never_written_through() {
    if !installer_applies() {
        return;
    }
    let sb = Sandbox::new();
    let dir = release(&sb);
    let base = serve(&dir);
    let to = sb.path().join("bin");
    std::fs::create_dir_all(&to).unwrap();
    let victim = sb.path().join("victim");
    std::fs::write(&victim, "mine").unwrap();
    for name in [".cloudconvert.new", ".cloudconvert.tmp"] {
        std::os::unix::fs::symlink(&victim, to.join(name)).unwrap();
    }
    let out = install(
        &sb,
        &dir,
        Some(&base),
        &["--to", to.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "mine");
    let bin = to.join("cloudconvert");
    assert!(!bin.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        Command::new(&bin)
            .arg("--version")
            .output()
            .unwrap()
            .status
            .success()
    );
}

/// The release's last step (`.ci/release-files`, run by the publish job) takes the tag from
/// the environment and checks it: a tag git accepts can hold what a sed program would run.
#[test]
fn a_release_tag_is_checked_before_it_is_used() {
    if !installer_applies() {
        return;
    }
    let sb = Sandbox::new();
    let dist = sb.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("cloudconvert-1.2.3-x.tar.gz"), "a").unwrap();
    std::fs::write(dist.join("cloudconvert-1.2.3-y.zip"), "b").unwrap();
    let run = |tag: &str| {
        Command::new("bash")
            .arg(root().join(".ci/release-files"))
            .arg(&dist)
            .current_dir(sb.path())
            .env("TAG", tag)
            .env("REPOSITORY", "owner/name")
            .env("SERVER", "https://github.com")
            .output()
            .unwrap()
    };
    let hostile = "v1.0.0|;e touch PWNED;#";
    let out = run(hostile);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is not a version tag"),
        "{}",
        stderr(&out)
    );
    assert!(!sb.path().join("PWNED").exists() && !dist.join("install.sh").exists());
    let out = run("v1.2.3");
    assert!(out.status.success(), "{}", stderr(&out));
    let script = std::fs::read_to_string(dist.join("install.sh")).unwrap();
    assert!(script.contains("VERSION=\"1.2.3\""), "{script}");
    assert!(
        script.contains("RELEASE_BASE=\"https://github.com/owner/name/releases/download/v1.2.3\""),
        "{script}"
    );
    let sums = std::fs::read_to_string(dist.join("SHA256SUMS")).unwrap();
    assert_eq!(sums.lines().count(), 2, "{sums}");
}
