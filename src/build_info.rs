//! What build.rs asks git, kept here so that a unit test can run it: the files whose change
//! means a new commit. Cargo reruns a build script whenever a `rerun-if-changed` path does not
//! exist, which recompiled the whole crate on every no-op build of a clone without
//! `packed-refs`; so only paths that exist are named.

use std::path::{Path, PathBuf};
use std::process::Command;

/// git's answer to `args` in `dir`, trimmed; None when git is missing or fails.
pub fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// The files a new commit changes, as they exist: HEAD (this worktree's), the branch's ref
/// (in the common dir, which a worktree shares), and `packed-refs` where the ref is packed.
pub fn watched(dir: &Path) -> Vec<PathBuf> {
    let Some(git_dir) = git(dir, &["rev-parse", "--git-dir"]) else {
        return Vec::new();
    };
    let common = git(dir, &["rev-parse", "--git-common-dir"]).unwrap_or_else(|| git_dir.clone());
    let (git_dir, common) = (dir.join(git_dir), dir.join(common));
    let mut paths = vec![git_dir.join("HEAD")];
    if let Some(head) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        paths.push(common.join(head));
    }
    paths.push(common.join("packed-refs"));
    paths.retain(|p| p.exists());
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str]) {
        let ok = Command::new("git")
            .current_dir(dir)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "init.defaultBranch=main",
            ])
            .args(args)
            .output()
            .unwrap()
            .status
            .success();
        assert!(ok, "git {args:?}");
    }

    /// A clone with loose refs has no packed-refs, and a worktree keeps its refs in the common
    /// dir: every path named exists, and the branch's ref is among them.
    #[test]
    fn only_paths_that_exist_are_watched_in_a_repository_and_its_worktree() {
        let d = tempfile::tempdir().unwrap();
        let repo = d.path().join("repo");
        std::fs::create_dir(&repo).unwrap();
        run(&repo, &["init", "-q"]);
        run(&repo, &["commit", "-q", "--allow-empty", "-m", "one"]);
        assert!(!repo.join(".git/packed-refs").exists());
        let paths = watched(&repo);
        assert!(paths.iter().all(|p| p.exists()), "{paths:?}");
        assert!(
            paths.iter().any(|p| p.ends_with("refs/heads/main")),
            "{paths:?}"
        );
        let tree = d.path().join("tree");
        run(
            &repo,
            &[
                "worktree",
                "add",
                "-q",
                "-b",
                "side",
                tree.to_str().unwrap(),
            ],
        );
        let paths = watched(&tree);
        assert!(paths.iter().all(|p| p.exists()), "{paths:?}");
        assert!(
            paths.iter().any(|p| p.ends_with(".git/refs/heads/side")),
            "{paths:?}"
        );
        assert!(
            paths.iter().any(|p| p.ends_with("worktrees/tree/HEAD")),
            "{paths:?}"
        );
    }
}
