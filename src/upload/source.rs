//! The files of an upload: checked before the first task is created, directories walked, stdin
//! turned into a file of known length.

use super::identity::Identity;
use super::open;
use super::walk::Beneath;
use super::walk::{Found, Walk};
use crate::error::{Error, Result, io_words};
use serde_json::{Value, json};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Where a file's bytes come from.
#[derive(Debug)]
pub enum Input {
    /// A file of a batch, opened again when its turn comes (a batch of 100,000 files holds no
    /// more descriptors than files in flight), and what it was when checked.
    Path(PathBuf, Identity),
    /// A file a walk found (on Unix, without `-L`), opened again at its turn from the
    /// directory the walk holds open, through no link.
    Beneath(Beneath, Identity),
    /// A file held open since the check (a lone file, or stdin: a regular file it was
    /// redirected from, or a temporary copy of the pipe), with the offset its data starts at.
    Held(File, u64),
}

/// A file that passed the checks, ready to be sent.
#[derive(Debug)]
pub struct Source {
    pub input: Input,
    /// The name the storage keeps (`--filename`, else the file's own name).
    pub name: String,
    /// How messages name it.
    pub label: String,
    /// Its size when checked: exactly this many bytes are sent.
    pub len: u64,
    /// Read from stdin: nothing a re-run could find again.
    pub stdin: bool,
}

impl Source {
    /// The file at its first byte to send, or the whole message why not. A path is opened
    /// without blocking, without following a link where there was none, and must still be
    /// the regular file checked, of the size checked: a file swapped for a FIFO would
    /// otherwise hang the upload, one swapped for a link would send another file under this
    /// name, and one rewritten would be sent changed.
    pub fn open(&self) -> Result<File, String> {
        let label = &self.label;
        let unreadable = |e: std::io::Error| {
            if open::in_use(&e) {
                format!("cannot read {label}: it is in use by another program")
            } else {
                format!("cannot read {label}: {e}")
            }
        };
        let changed =
            |what: String| format!("{label} changed since it was checked ({what}); not sent");
        let (mut file, start, identity) = match &self.input {
            Input::Path(p, id) => match open::open_nonblocking(p, !id.link) {
                Ok(f) => (f, 0, Some(id)),
                Err(_) if !id.link && is_link(p) => return Err(changed(now_a_link(p))),
                Err(e) => return Err(unreadable(e)),
            },
            Input::Beneath(at, id) => match super::walk::open_beneath(at) {
                Ok(f) => (f, 0, Some(id)),
                Err(e)
                    if e.raw_os_error()
                        .is_some_and(|n| open::LINK_MET.contains(&n)) =>
                {
                    return Err(changed(now_a_link(&self.path())));
                }
                Err(e) => return Err(unreadable(e)),
            },
            Input::Held(f, start) => (f.try_clone().map_err(unreadable)?, *start, None),
        };
        let meta = file.metadata().map_err(unreadable)?;
        if !meta.is_file() {
            return Err(changed("no longer a regular file".into()));
        }
        if let Some(id) = identity
            && !id.same(&file)
        {
            let p = self.path();
            return Err(changed(if id.link {
                link_target(&p).map_or("its link now leads to another file".into(), |t| {
                    format!("its link now leads to {t}")
                })
            } else {
                "now another file".into()
            }));
        }
        let now = meta.len().saturating_sub(start);
        if now < self.len || (identity.is_some() && now != self.len) {
            return Err(changed(format!("{} bytes then, {now} now", self.len)));
        }
        file.seek(SeekFrom::Start(start)).map_err(unreadable)?;
        Ok(file)
    }
}

impl Source {
    /// The path the file was named by (its label, for a file of a batch).
    fn path(&self) -> PathBuf {
        PathBuf::from(&self.label)
    }

    /// What the record keeps of it, and its key there; None for stdin.
    pub fn recorded(&self) -> Option<(String, crate::record::Source)> {
        if self.stdin {
            return None;
        }
        let source = crate::record::Source::file(&self.path(), &self.name, self.len);
        Some((source.key(&Value::Null), source))
    }

    /// What the record would keep of the file at `path` as it is now (stored under its own
    /// name), and its key there.
    pub fn recorded_at(path: &Path) -> Option<(String, crate::record::Source)> {
        let name = path.file_name()?.to_string_lossy().into_owned();
        let len = std::fs::metadata(path).ok()?.len();
        let source = crate::record::Source::file(path, &name, len);
        Some((source.key(&Value::Null), source))
    }
}

/// One file a watch found, checked as any file given: opened again by its path at its turn.
pub fn check_one(path: &Path) -> Result<Source> {
    check(Found::given(path.to_path_buf()), None, false)
}

/// What a path that became a link now is, for the message that refuses it.
fn now_a_link(path: &Path) -> String {
    link_target(path).map_or("now a link".into(), |t| format!("now a link to {t}"))
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Where a link now leads, for the message that refuses it.
fn link_target(path: &Path) -> Option<String> {
    std::fs::canonicalize(path)
        .ok()
        .map(|t| t.display().to_string())
}

/// The files to send, the links a walk did not follow (each `link -> target`), and the paths
/// left out because they name a file listed before them.
pub struct Checked {
    pub files: Vec<Source>,
    pub skipped: Vec<String>,
    pub repeated: Vec<String>,
}

/// Checks every file before the first task is created: it exists, is a regular file (or
/// stdin), and can be read. A directory is refused unless `recursive`, which stands for every
/// regular file under it.
pub fn check_files(files: &[PathBuf], filename: Option<&str>, walk_how: Walk) -> Result<Checked> {
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    for path in files {
        if path.as_os_str() != "-" && std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            if !walk_how.recursive {
                return Err(Error::usage(format!("{} is a directory", path.display()))
                    .with_hint("upload every file under it with -r/--recursive"));
            }
            let found = super::walk::walk(path, walk_how.follow_links, &mut skipped)?;
            if found.is_empty() {
                return Err(
                    Error::usage(format!("{} holds no file to upload", path.display()))
                        .with_hint("give a directory with files in it"),
                );
            }
            paths.extend(found);
        } else {
            paths.push(Found::given(path.clone()));
        }
    }
    let repeated = drop_repeats(&mut paths);
    if filename.is_some() && paths.len() > 1 {
        return Err(
            Error::usage("--filename names one file, but several files were given")
                .with_hint("upload the files one per command to rename each, or drop --filename"),
        );
    }
    // A lone file is held open from its check to its upload, so it is sent as checked.
    let hold = paths.len() == 1;
    let files = paths
        .into_iter()
        .map(|p| check(p, filename, hold))
        .collect::<Result<_>>()?;
    Ok(Checked {
        files,
        skipped,
        repeated,
    })
}

/// Leaves out each path that names a file already listed under the same name (`a.pdf
/// ./a.pdf`, a list that repeats a line), so that no file is sent twice; the paths left out.
/// A link of another name to a listed file stays: it is stored under its own name.
fn drop_repeats(paths: &mut Vec<Found>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut repeated = Vec::new();
    paths.retain(|f| {
        let stdin = f.path.as_os_str() == "-";
        let Some(key) = open::file_key(&f.path).filter(|_| !stdin) else {
            return true; // stdin, or a path the check will refuse
        };
        let first = seen.insert(key);
        if !first {
            repeated.push(f.path.display().to_string());
        }
        first
    });
    repeated
}

fn check(found: Found, filename: Option<&str>, hold: bool) -> Result<Source> {
    let path = found.path.as_path();
    if path.as_os_str() == "-" {
        return check_stdin(filename);
    }
    let shown = path.display();
    let beneath = found.beneath;
    let refused = |e: std::io::Error| refused(&shown.to_string(), beneath.is_some(), e);
    let file = match &beneath {
        Some(at) => super::walk::open_beneath(at).map_err(refused)?,
        None => {
            std::fs::metadata(path).map_err(|e| {
                Error::usage(format!("cannot upload {shown}: {}", io_words(&e)))
                    .with_hint("check the path")
            })?;
            open::open_nonblocking(path, false).map_err(refused)?
        }
    };
    // The kind and size of what was opened, not of what the path names a moment later.
    let meta = file.metadata().map_err(refused)?;
    if !meta.is_file() {
        return Err(
            Error::usage(format!("cannot upload {shown}: not a regular file"))
                .with_hint("give a file, not a directory or device"),
        );
    }
    let name = match filename {
        Some(n) => n.to_string(),
        None => path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::usage(format!("cannot tell the name of {shown}"))
                    .with_hint("pass --filename")
            })?,
    };
    let (label, len) = (shown.to_string(), meta.len());
    let input = match beneath {
        _ if hold => Input::Held(file, 0),
        Some(at) => Input::Beneath(at, Identity::of(&file, false)),
        None => Input::Path(path.to_path_buf(), Identity::of(&file, is_link(path))),
    };
    Ok(Source {
        input,
        name,
        label,
        len,
        stdin: false,
    })
}

/// Why a file could not be opened for its check, in words: held by another program (Windows),
/// become a link after the walk found it (where it was opened beneath the walk's folder,
/// `walked`), or what the system said.
fn refused(shown: &str, walked: bool, e: std::io::Error) -> Error {
    if open::in_use(&e) {
        Error::usage(format!(
            "cannot upload {shown}: it is in use by another program"
        ))
        .with_hint("close the program that holds it (or save a copy), then upload again")
    } else if walked
        && e.raw_os_error()
            .is_some_and(|n| open::LINK_MET.contains(&n))
    {
        // Opened beneath the walk's folder through no link: it became one.
        Error::usage(format!(
            "cannot upload {shown}: it became a link after the walk found it; nothing was sent"
        ))
        .with_hint("upload again once nothing changes the folder")
    } else {
        Error::usage(format!("cannot upload {shown}: {}", io_words(&e)))
            .with_hint("check the file's permissions")
    }
}

/// `-`: stdin, named by `--filename` (a terminal is refused).
fn check_stdin(filename: Option<&str>) -> Result<Source> {
    crate::cli::validate::refuse_terminal_stdin()?;
    let name = filename.ok_or_else(|| {
        Error::usage("uploading stdin (-) needs --filename")
            .with_hint("name the file, e.g. --filename dump.sql")
    })?;
    let (file, start) = stdin_file()?;
    let len = file
        .metadata()
        .map_err(|e| Error::usage(format!("cannot read stdin: {}", io_words(&e))))?
        .len()
        .saturating_sub(start);
    Ok(Source {
        input: Input::Held(file, start),
        name: name.to_string(),
        label: "stdin".into(),
        len,
        stdin: true,
    })
}

/// Stdin as a file of known length: used directly when it is a regular file, else copied to
/// an unnamed temporary file (the form needs the length before the first byte is sent).
fn stdin_file() -> Result<(File, u64)> {
    if let Some(as_is) = open::stdin_if_a_file() {
        return Ok(as_is);
    }
    let dir = std::env::temp_dir();
    let in_tmp = |what: &str, e: std::io::Error| {
        Error::failure(format!(
            "cannot {what} the copy of stdin in {}: {e}",
            dir.display()
        ))
        .with_hint(format!(
            "stdin is copied there first (its length is needed up front); set {} to a directory with room",
            if cfg!(windows) { "%TEMP%" } else { "TMPDIR" }
        ))
    };
    let mut tmp = tempfile::tempfile_in(&dir).map_err(|e| in_tmp("make", e))?;
    let mut stdin = std::io::stdin().lock();
    let mut buf = vec![0u8; 64 << 10];
    loop {
        let n = match std::io::Read::read(&mut stdin, &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::usage(format!("cannot read stdin: {e}"))),
        };
        std::io::Write::write_all(&mut tmp, &buf[..n]).map_err(|e| in_tmp("write", e))?;
    }
    Ok((tmp, 0))
}

/// What `--dry-run` prints for the upload of one file.
pub fn would_send(source: &Source) -> Value {
    json!({
        "method": "POST",
        "url": "<result.form.url of the created task>",
        "multipart": ["<result.form.parameters, in order>", {"name": "file", "filename": source.name, "source": source.label}],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file another program holds without sharing it (as Office and some backup tools do):
    /// said in words, with what to do. Run on Windows, and under wine in CI, which enforces
    /// share modes between handles as Windows does.
    #[cfg(windows)]
    #[test]
    fn a_file_held_by_another_program_is_said_to_be_in_use() {
        use std::os::windows::fs::OpenOptionsExt;
        let d = tempfile::tempdir().unwrap();
        let path = d.path().join("report.docx");
        std::fs::write(&path, b"held").unwrap();
        let _held = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(&path)
            .unwrap();
        let Err(e) = check(Found::given(path), None, false) else {
            panic!("a held file was taken")
        };
        assert!(
            e.message.contains("it is in use by another program"),
            "{}",
            e.message
        );
        assert!(
            e.hint
                .as_deref()
                .is_some_and(|h| h.contains("close the program")),
            "{:?}",
            e.hint
        );
    }

    /// The race a walk once lost: a file, or the folder on its way, swapped for a link to
    /// outside after the walk listed it and before its check. The check refuses it.
    #[cfg(unix)]
    #[test]
    fn an_entry_swapped_for_a_link_between_the_walk_and_the_check_is_refused() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").unwrap();
        std::fs::create_dir(outside.path().join("in")).unwrap();
        std::fs::write(outside.path().join("in/b.pdf"), "TOP SECRET").unwrap();
        let d = tempfile::tempdir().unwrap();
        let root = d.path();
        std::fs::create_dir(root.join("in")).unwrap();
        std::fs::write(root.join("a.pdf"), "%PDF a").unwrap();
        std::fs::write(root.join("in/b.pdf"), "%PDF b").unwrap();
        let mut found = super::super::walk::walk(root, false, &mut Vec::new()).unwrap();
        std::fs::remove_file(root.join("a.pdf")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("a.pdf")).unwrap();
        std::fs::rename(root.join("in"), root.join("old")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("in"), root.join("in")).unwrap();
        let b = found.pop().unwrap();
        let a = found.pop().unwrap();
        for f in [a, b] {
            let shown = f.path.display().to_string();
            let e = check(f, None, false).expect_err("a swapped entry was taken");
            assert_eq!(e.exit, crate::error::Exit::Usage);
            assert!(
                e.message.contains(&shown) && e.message.contains("became a link"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn a_directory_needs_recursive() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a"), "a").unwrap();
        let dir = d.path().to_path_buf();
        let e = check_files(std::slice::from_ref(&dir), None, Walk::default())
            .err()
            .unwrap();
        assert_eq!(e.exit, crate::error::Exit::Usage);
        assert!(e.hint.unwrap().contains("--recursive"));
        let recursive = Walk {
            recursive: true,
            follow_links: false,
        };
        let files = check_files(&[dir], None, recursive).unwrap().files;
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "a", "the base name is sent");
    }
}
