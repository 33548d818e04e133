//! Directories given with `-r`: every regular file under them, in sorted path order, hidden
//! files included. A symbolic link is followed when it leads to a file inside the directory (a
//! link inside a tree someone else prepared must not send `~/.aws/credentials`); others are
//! listed as skipped. With `-L`, every link is followed, to files and directories, and a
//! directory already walked is not walked again, so a link loop cannot trap the walk.
//!
//! On Unix the walk opens the directory once and reaches everything under it from there, one
//! component at a time, never through a link the rules refuse (`openat` with `O_NOFOLLOW`):
//! the files it found are opened again the same way at their turn, so no file or folder
//! swapped for a link between the walk, the check and the upload leads outside the tree.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::{Beneath, open_beneath};

/// Where there is no `openat` no file lies beneath a walk's folder: a type with no value.
#[cfg(not(unix))]
#[derive(Debug, Clone)]
pub enum Beneath {}

#[cfg(not(unix))]
pub fn open_beneath(at: &Beneath) -> std::io::Result<std::fs::File> {
    match *at {}
}

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// How a directory given with `-r` is walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Walk {
    pub recursive: bool,
    /// `-L`: follow every link, to files and directories, wherever it leads.
    pub follow_links: bool,
}

/// A file to check: its path as named and shown, and on Unix, for a file a walk found without
/// `-L`, where it lies beneath the directory the walk holds open.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub beneath: Option<Beneath>,
}

impl Found {
    /// A path given on the command line (or in a list): opened by its path.
    pub fn given(path: PathBuf) -> Found {
        Found {
            path,
            beneath: None,
        }
    }
}

/// Every regular file under `dir` (see the module's rules); `skipped` gets each link not
/// followed, as `link -> target`.
pub fn walk(dir: &Path, follow: bool, skipped: &mut Vec<String>) -> Result<Vec<Found>> {
    let root = std::fs::canonicalize(dir).map_err(|e| cannot_read(dir, &e))?;
    #[cfg(unix)]
    if !follow {
        let mut found = unix::walk(dir, &root, skipped)?;
        found.sort_by(|a, b| a.path.cmp(&b.path));
        return Ok(found);
    }
    let mut found = by_path(dir, &root, follow, skipped)?;
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

pub(super) fn cannot_read(dir: &Path, e: &std::io::Error) -> Error {
    Error::usage(format!(
        "cannot read directory {}: {}",
        dir.display(),
        crate::error::io_words(e)
    ))
    .with_hint("check the directory's permissions")
}

/// The walk by paths: with `-L` everywhere, and where there is no `openat` (Windows).
fn by_path(dir: &Path, root: &Path, follow: bool, skipped: &mut Vec<String>) -> Result<Vec<Found>> {
    let mut seen = std::collections::HashSet::from([root.to_path_buf()]);
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| cannot_read(&d, &e))?;
        for entry in entries {
            let entry = entry.map_err(|e| cannot_read(&d, &e))?;
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() {
                files.push(Found::given(path));
            } else if kind.is_symlink() {
                let (Ok(target), Ok(meta)) =
                    (std::fs::canonicalize(&path), std::fs::metadata(&path))
                else {
                    continue; // a link to nothing
                };
                if follow && meta.is_dir() {
                    if seen.insert(target) {
                        dirs.push(path);
                    }
                } else if meta.is_file() && (follow || target.starts_with(root)) {
                    files.push(Found::given(path));
                } else if meta.is_file() {
                    skipped.push(format!("{} -> {}", path.display(), target.display()));
                }
            }
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(root: &Path, found: Vec<Found>) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                // Windows separates with `\`; the order is what is tested.
                let relative = f.path.strip_prefix(root).unwrap().display().to_string();
                relative.replace(std::path::MAIN_SEPARATOR, "/")
            })
            .collect()
    }

    #[test]
    fn a_walk_is_sorted_takes_hidden_files_and_links_to_files_but_not_to_directories() {
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        for f in ["z.txt", ".hidden", "a/1.pdf", "b/inner/2.pdf", "b/0.pdf"] {
            std::fs::write(root.join(f), f).unwrap();
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
            std::os::unix::fs::symlink(root.join("z.txt"), root.join("a/link.txt")).unwrap();
            std::os::unix::fs::symlink(root.join("gone"), root.join("a/dangling")).unwrap();
        }
        let found = walk(root, false, &mut Vec::new()).unwrap();
        let mut expected = vec![".hidden", "a/1.pdf", "b/0.pdf", "b/inner/2.pdf", "z.txt"];
        if cfg!(unix) {
            expected.insert(2, "a/link.txt");
        }
        assert_eq!(names(root, found), expected);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_tree_are_skipped_unless_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret"), "s").unwrap();
        std::fs::create_dir(outside.path().join("sub")).unwrap();
        std::fs::write(outside.path().join("sub/far.txt"), "f").unwrap();
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::write(root.join("own.txt"), "o").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("x")).unwrap();
        std::os::unix::fs::symlink(root.join("own.txt"), root.join("inside")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("sub"), root.join("dirlink")).unwrap();
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        let mut skipped = Vec::new();
        let found = walk(root, false, &mut skipped).unwrap();
        assert_eq!(names(root, found), ["inside", "own.txt"]);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].contains("/x -> "), "{skipped:?}");
        assert!(skipped[0].ends_with("/secret"), "{skipped:?}");
        let mut skipped = Vec::new();
        let found = walk(root, true, &mut skipped).unwrap();
        assert_eq!(
            names(root, found),
            ["dirlink/far.txt", "inside", "own.txt", "x"]
        );
        assert!(skipped.is_empty());
    }
}
