//! Who may change or read the config file, judged by Unix owners and modes.

use crate::error::{Error, Result};
use std::path::Path;

/// A config file that other users can change decides where the API key goes (`api_url`): as
/// ssh does with its own, one writable by group or others, in a folder they can write to, or
/// owned by another user (root aside) is refused before any of its values is used.
pub fn refuse_if_others_can_change(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no failure and no arguments.
    let me = unsafe { libc::geteuid() };
    let shown = path.display();
    let refuse = |what: String, fix: String| {
        Err(Error::usage(format!(
            "config file {shown} is not used: {what}, so others could change where your API key is sent"
        ))
        .with_hint(fix))
    };
    if meta.uid() != me && meta.uid() != 0 {
        return refuse(
            format!("it belongs to another user (uid {})", meta.uid()),
            format!("make it yours: chown {me} {shown}; or name your own file with --config"),
        );
    }
    if meta.mode() & 0o022 != 0 {
        return refuse(
            format!(
                "other users can write to it (mode {:o})",
                meta.mode() & 0o777
            ),
            format!("run: chmod go-w {shown}"),
        );
    }
    let folder = match path.parent() {
        Some(p) if p.as_os_str().is_empty() => Path::new("."),
        Some(p) => p,
        None => return Ok(()),
    };
    if let Ok(dir) = std::fs::metadata(folder) {
        // A sticky folder (/tmp) lets no one else replace the file.
        let open = dir.mode() & 0o022 != 0 && dir.mode() & 0o1000 == 0;
        if dir.uid() != me && dir.uid() != 0 {
            return refuse(
                format!(
                    "its folder {} belongs to another user (uid {})",
                    folder.display(),
                    dir.uid()
                ),
                "keep the config file in a folder of your own, or name one with --config".into(),
            );
        }
        if open {
            return refuse(
                format!(
                    "other users can write to its folder {} (mode {:o})",
                    folder.display(),
                    dir.mode() & 0o777
                ),
                format!("run: chmod go-w {}", folder.display()),
            );
        }
    }
    Ok(())
}

/// The warning for a config file that holds a key and that others can read.
pub fn shared_warning(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    (meta.permissions().mode() & 0o077 != 0).then(|| {
        format!(
            "{} holds an API key and can be read by other users; run: chmod 600 {}",
            path.display(),
            path.display()
        )
    })
}
