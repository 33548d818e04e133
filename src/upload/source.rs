//! The files of an upload: checked before the first task is created, directories walked, stdin
//! turned into a file of known length.

use crate::error::{Error, Result};
use serde_json::{Value, json};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// Where a file's bytes come from.
#[derive(Debug)]
pub enum Input {
    Path(PathBuf),
    /// Stdin: a regular file it was redirected from, or a temporary copy of the pipe, with the
    /// offset its data starts at.
    Stdin(File, u64),
}

/// A file that passed the checks, ready to be sent.
#[derive(Debug)]
pub struct Source {
    pub input: Input,
    /// The name the storage keeps (`--filename`, else the file's own name).
    pub name: String,
    /// How messages name it.
    pub label: String,
}

impl Source {
    pub fn open(&self) -> std::io::Result<File> {
        match &self.input {
            Input::Path(p) => File::open(p),
            Input::Stdin(f, start) => {
                let mut f = f.try_clone()?;
                f.seek(SeekFrom::Start(*start))?;
                Ok(f)
            }
        }
    }

    /// The number of bytes to send, taken once per upload.
    pub fn len(&self) -> std::io::Result<u64> {
        let (file, start) = match &self.input {
            Input::Path(p) => (File::open(p)?, 0),
            Input::Stdin(f, start) => (f.try_clone()?, *start),
        };
        Ok(file.metadata()?.len().saturating_sub(start))
    }
}

/// Checks every file before the first task is created: it exists, is a regular file (or
/// stdin), and can be read. A directory is refused unless `recursive`, which stands for every
/// regular file under it.
pub fn check_files(
    files: &[PathBuf],
    filename: Option<&str>,
    recursive: bool,
) -> Result<Vec<Source>> {
    let mut paths = Vec::new();
    for path in files {
        if path.as_os_str() != "-" && std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            if !recursive {
                return Err(Error::usage(format!("{} is a directory", path.display()))
                    .with_hint("upload every file under it with -r/--recursive"));
            }
            let found = walk(path)?;
            if found.is_empty() {
                return Err(
                    Error::usage(format!("{} holds no file to upload", path.display()))
                        .with_hint("give a directory with files in it"),
                );
            }
            paths.extend(found);
        } else {
            paths.push(path.clone());
        }
    }
    if filename.is_some() && paths.len() > 1 {
        return Err(
            Error::usage("--filename names one file, but several files were given")
                .with_hint("upload the files one per command to rename each, or drop --filename"),
        );
    }
    paths.iter().map(|p| check(p, filename)).collect()
}

/// Every regular file under `dir`, in sorted path order, hidden files included. A symbolic link
/// to a file is followed; one to a directory is not, so a link loop cannot trap the walk.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            Error::usage(format!("cannot read directory {}: {e}", d.display()))
                .with_hint("check the directory's permissions")
        })?;
        for entry in entries {
            let entry = entry
                .map_err(|e| Error::usage(format!("cannot read directory {}: {e}", d.display())))?;
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file()
                || (kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()))
            {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

fn check(path: &Path, filename: Option<&str>) -> Result<Source> {
    if path.as_os_str() == "-" {
        crate::cli::validate::refuse_terminal_stdin()?;
        let name = filename.ok_or_else(|| {
            Error::usage("uploading stdin (-) needs --filename")
                .with_hint("name the file, e.g. --filename dump.sql")
        })?;
        let (file, start) = stdin_file()?;
        return Ok(Source {
            input: Input::Stdin(file, start),
            name: name.to_string(),
            label: "stdin".into(),
        });
    }
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::usage(format!("cannot upload {shown}: {e}")).with_hint("check the path")
    })?;
    if !meta.is_file() {
        return Err(
            Error::usage(format!("cannot upload {shown}: not a regular file"))
                .with_hint("give a file, not a directory or device"),
        );
    }
    File::open(path).map_err(|e| {
        Error::usage(format!("cannot upload {shown}: {e}"))
            .with_hint("check the file's permissions")
    })?;
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
    Ok(Source {
        input: Input::Path(path.to_path_buf()),
        name,
        label: shown.to_string(),
    })
}

/// Stdin as a file of known length: used directly when it is a regular file, else copied to
/// an unnamed temporary file (the form needs the length before the first byte is sent).
fn stdin_file() -> Result<(File, u64)> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() {
            let mut f = File::from(fd);
            if f.metadata().map(|m| m.is_file()).unwrap_or(false) {
                let start = f.stream_position().unwrap_or(0);
                return Ok((f, start));
            }
        }
    }
    let dir = std::env::temp_dir();
    let in_tmp = |what: &str, e: std::io::Error| {
        Error::failure(format!(
            "cannot {what} the copy of stdin in {}: {e}",
            dir.display()
        ))
        .with_hint("stdin is copied there first (its length is needed up front); set TMPDIR to a directory with room")
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
        let found: Vec<String> = walk(root)
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        let mut expected = vec![".hidden", "a/1.pdf", "b/0.pdf", "b/inner/2.pdf", "z.txt"];
        if cfg!(unix) {
            expected.insert(2, "a/link.txt");
        }
        assert_eq!(found, expected);
    }

    #[test]
    fn a_directory_needs_recursive() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a"), "a").unwrap();
        let dir = d.path().to_path_buf();
        let e = check_files(std::slice::from_ref(&dir), None, false).unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Usage);
        assert!(e.hint.unwrap().contains("--recursive"));
        let files = check_files(&[dir], None, true).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].name, "a", "the base name is sent");
    }
}
