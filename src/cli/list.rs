//! `--from FILE`: the list of items of a batch (URLs, or paths to upload), one a line, or NUL
//! separated with `-0` (as `find -print0` writes them), so that a list of any length never
//! passes through the argument list. `-` reads stdin.

use crate::error::{Error, Result};
use std::path::Path;

/// The entries of a list with their line numbers (from 1). In lines, blank lines and lines
/// starting with `#` are skipped and surrounding spaces trimmed; NUL-separated entries are
/// taken as they are (a name may hold any byte but NUL), empty ones skipped.
pub fn read(path: &Path, nul: bool) -> Result<Vec<(usize, Vec<u8>)>> {
    let bytes = if path.as_os_str() == "-" {
        // A terminal would wait in silence for a list typed by hand, ended by Ctrl-D.
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            return Err(
                Error::usage("--from - reads the list from stdin, which is a terminal")
                    .with_hint("pipe the list in (find scans -name '*.pdf' | cloudconvert import upload --from -) or give --from a file"),
            );
        }
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b).map(|_| b)
    } else {
        std::fs::read(path)
    }
    .map_err(|e| {
        Error::usage(format!("cannot read the list {}: {e}", path.display()))
            .with_hint("give --from a readable file, or - for stdin")
    })?;
    Ok(entries(&bytes, nul))
}

fn entries(bytes: &[u8], nul: bool) -> Vec<(usize, Vec<u8>)> {
    if nul {
        return bytes
            .split(|b| *b == 0)
            .enumerate()
            .filter(|(_, e)| !e.is_empty())
            .map(|(i, e)| (i + 1, e.to_vec()))
            .collect();
    }
    bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim_ascii()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with(b"#"))
        .map(|(i, line)| (i, line.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_skip_blanks_and_comments_and_keep_their_numbers() {
        let got = entries(b"# urls\nhttps://a\n\n  https://b \r\n#x\nc", false);
        assert_eq!(
            got,
            vec![
                (2, b"https://a".to_vec()),
                (4, b"https://b".to_vec()),
                (6, b"c".to_vec())
            ]
        );
    }

    #[test]
    fn nul_separated_names_are_taken_as_they_are() {
        let got = entries(b"a b\0#c\0\0 d\n\0", true);
        assert_eq!(
            got,
            vec![
                (1, b"a b".to_vec()),
                (2, b"#c".to_vec()),
                (4, b" d\n".to_vec())
            ]
        );
    }
}
