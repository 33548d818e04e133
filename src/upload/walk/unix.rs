//! The walk on Unix, through descriptors: the directory given is opened once, and every
//! folder and file under it is reached from there with `openat`, one component at a time,
//! with `O_NOFOLLOW`. A component swapped for a link after the walk listed it fails to open
//! (`ELOOP`, `ENOTDIR`) instead of leading elsewhere.

use super::{Found, cannot_read};
use crate::error::Result;
use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, openat, statat};
use std::ffi::OsStr;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Where a file lies: beneath the directory the walk opened (held open for the whole run,
/// shared by every file found under it), by a path of plain components.
#[derive(Debug, Clone)]
pub struct Beneath {
    pub root: Arc<OwnedFd>,
    pub relative: PathBuf,
}

const DIRECTORY: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// Opens a file beneath the walk's directory, component by component, following no link: a
/// folder on the way or the file itself that is now a link fails. Without blocking, so that a
/// file swapped for a FIFO is caught, not waited on.
pub fn open_beneath(at: &Beneath) -> std::io::Result<std::fs::File> {
    let parts: Vec<&OsStr> = at
        .relative
        .components()
        .map(|c| match c {
            Component::Normal(name) => Ok(name),
            _ => Err(std::io::Error::other("not a plain relative path")),
        })
        .collect::<std::io::Result<_>>()?;
    let Some((file, folders)) = parts.split_last() else {
        return Err(std::io::Error::other("an empty path"));
    };
    let mut folder: Option<OwnedFd> = None;
    for name in folders {
        let parent = folder.as_ref().map_or(at.root.as_fd(), |f| f.as_fd());
        folder = Some(openat(parent, *name, DIRECTORY, Mode::empty())?);
    }
    let parent = folder.as_ref().map_or(at.root.as_fd(), |f| f.as_fd());
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    Ok(std::fs::File::from(openat(
        parent,
        *file,
        flags,
        Mode::empty(),
    )?))
}

/// Every regular file under `dir` (whose real path is `root`), and the links inside the tree
/// that lead to one; links elsewhere go to `skipped`.
pub fn walk(dir: &Path, root: &Path, skipped: &mut Vec<String>) -> Result<Vec<Found>> {
    let opened = rustix::fs::open(dir, DIRECTORY.difference(OFlags::NOFOLLOW), Mode::empty())
        .map_err(|e| cannot_read(dir, &e.into()))?;
    let top = Arc::new(opened);
    let mut found = Vec::new();
    // Folders still to read: the descriptor, and the path beneath the top.
    let mut folders: Vec<(Option<OwnedFd>, PathBuf)> = vec![(None, PathBuf::new())];
    while let Some((fd, relative)) = folders.pop() {
        let here = fd.as_ref().map_or(top.as_fd(), |f| f.as_fd());
        let shown = dir.join(&relative);
        let entries = Dir::read_from(here).map_err(|e| cannot_read(&shown, &e.into()))?;
        for entry in entries {
            let entry = entry.map_err(|e| cannot_read(&shown, &e.into()))?;
            let name = OsStr::from_bytes(entry.file_name().to_bytes());
            if name == "." || name == ".." {
                continue;
            }
            let mut kind = entry.file_type();
            if kind == FileType::Unknown {
                // Some file systems do not say in the listing.
                match statat(here, name, AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => kind = FileType::from_raw_mode(st.st_mode),
                    Err(_) => continue,
                }
            }
            let (path, beneath) = (shown.join(name), relative.join(name));
            match kind {
                FileType::Directory => match openat(here, name, DIRECTORY, Mode::empty()) {
                    Ok(sub) => folders.push((Some(sub), beneath)),
                    // Swapped for a link since it was listed: never followed.
                    Err(_) => {
                        skipped.push(format!("{} (changed while it was read)", path.display()))
                    }
                },
                FileType::RegularFile => found.push(Found {
                    path,
                    beneath: Some(Beneath {
                        root: top.clone(),
                        relative: beneath,
                    }),
                }),
                FileType::Symlink => {
                    let (Ok(target), Ok(meta)) =
                        (std::fs::canonicalize(&path), std::fs::metadata(&path))
                    else {
                        continue; // a link to nothing
                    };
                    if !meta.is_file() {
                        continue; // links to folders are followed with -L only
                    }
                    match target.strip_prefix(root) {
                        // Inside the tree: opened at its target, again from the top down,
                        // through no link; stored under the link's own name.
                        Ok(inside) => found.push(Found {
                            path,
                            beneath: Some(Beneath {
                                root: top.clone(),
                                relative: inside.to_path_buf(),
                            }),
                        }),
                        Err(_) => {
                            skipped.push(format!("{} -> {}", path.display(), target.display()))
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file, or a folder on its way, swapped for a link to outside after the walk found it:
    /// opening it from the walk's directory fails, whatever the link leads to.
    #[test]
    fn a_file_or_folder_swapped_for_a_link_after_the_walk_cannot_be_opened() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
        std::fs::create_dir(outside.path().join("in")).unwrap();
        std::fs::write(outside.path().join("in/b.pdf"), "TOP SECRET").unwrap();
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir(root.join("in")).unwrap();
        std::fs::write(root.join("a.pdf"), "%PDF a").unwrap();
        std::fs::write(root.join("in/b.pdf"), "%PDF b").unwrap();
        let real = std::fs::canonicalize(root).unwrap();
        let found = walk(root, &real, &mut Vec::new()).unwrap();
        assert_eq!(found.len(), 2);
        let at = |name: &str| {
            found
                .iter()
                .find(|f| f.path.ends_with(name))
                .and_then(|f| f.beneath.clone())
                .unwrap()
        };
        let (a, b) = (at("a.pdf"), at("in/b.pdf"));
        assert_eq!(
            std::io::read_to_string(open_beneath(&a).unwrap()).unwrap(),
            "%PDF a"
        );
        // Swapped atomically, as an attacker would: a link renamed over the file…
        let tmp = root.join(".a.tmp");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), &tmp).unwrap();
        std::fs::rename(&tmp, root.join("a.pdf")).unwrap();
        assert!(open_beneath(&a).is_err(), "the file's link was followed");
        // …and over the folder on the way to a file.
        std::fs::rename(root.join("in"), root.join("old")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("in"), root.join("in")).unwrap();
        assert!(open_beneath(&b).is_err(), "the folder's link was followed");
    }
}
