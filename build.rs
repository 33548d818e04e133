//! What `--version` says beyond the version, for bug reports: the target, and the commit and
//! its date the binary was built from (from git; `CLOUDCONVERT_BUILD_COMMIT` and
//! `CLOUDCONVERT_BUILD_DATE` where there is no checkout, as in a packaged source tree).

// A build script reads what cargo hands it through the environment; there is no Env here.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[path = "src/build_info.rs"]
mod build_info;

fn git(args: &[&str]) -> Option<String> {
    build_info::git(std::path::Path::new("."), args)
}

fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let commit = std::env::var("CLOUDCONVERT_BUILD_COMMIT")
        .ok()
        .or_else(|| git(&["rev-parse", "--short=7", "HEAD"]));
    let date = std::env::var("CLOUDCONVERT_BUILD_DATE")
        .ok()
        .or_else(|| git(&["log", "-1", "--format=%cs"]));
    let built = match (commit, date) {
        (Some(c), Some(d)) => format!(", {c} {d}"),
        (Some(c), None) => format!(", {c}"),
        _ => String::new(),
    };
    println!("cargo:rustc-env=CLOUDCONVERT_LONG_VERSION={version} ({target}{built})");
    // A new commit changes HEAD's ref, or HEAD itself when detached.
    println!("cargo:rerun-if-env-changed=CLOUDCONVERT_BUILD_COMMIT");
    println!("cargo:rerun-if-env-changed=CLOUDCONVERT_BUILD_DATE");
    for path in build_info::watched(std::path::Path::new(".")) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
