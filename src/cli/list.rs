//! `--from FILE`: the list of items of a batch (URLs, or paths to upload), one a line, or NUL
//! separated with `-0` (as `find -print0` writes them), so that a list of any length never
//! passes through the argument list. `-` reads stdin. A list from any editor reads the same:
//! a UTF-8 byte-order mark (Notepad) is skipped, and UTF-16 with its mark (PowerShell 5.1's
//! `>`) is decoded.

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
    let bytes = decoded(bytes).map_err(|line| {
        Error::usage(format!(
            "the list {} is not text at line {line}: its UTF-16 does not decode",
            path.display()
        ))
        .with_hint("save the list as UTF-8 (or UTF-16 with its byte-order mark)")
    })?;
    Ok(entries(&bytes, nul))
}

/// Text as UTF-8 bytes, whatever editor wrote it: a UTF-8 byte-order mark dropped, UTF-16
/// with its mark (little or big end first) decoded; anything else as it is (a path may hold
/// any byte on Unix). For UTF-16 that does not decode, the line where it breaks.
pub fn decoded(bytes: Vec<u8>) -> std::result::Result<Vec<u8>, usize> {
    let utf16 = |le: bool| -> std::result::Result<Vec<u8>, usize> {
        let units = bytes[2..].chunks(2).map(|c| match (c, le) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            // An odd last byte: no unit can be whole, so it cannot decode.
            _ => 0xDC00,
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => text.push(c),
                Err(_) => return Err(text.matches('\n').count() + 1),
            }
        }
        Ok(text.into_bytes())
    };
    match bytes.get(..3) {
        Some([0xEF, 0xBB, 0xBF]) => Ok(bytes[3..].to_vec()),
        _ => match bytes.get(..2) {
            Some([0xFF, 0xFE]) => utf16(true),
            Some([0xFE, 0xFF]) => utf16(false),
            _ => Ok(bytes),
        },
    }
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
    fn lists_from_any_editor_read_the_same() {
        let text = "https://a\r\nhttps://b\r\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [text.as_bytes().to_vec(), bom, le, be] {
            let got = entries(&decoded(bytes).unwrap(), false);
            assert_eq!(
                got,
                vec![(1, b"https://a".to_vec()), (2, b"https://b".to_vec())]
            );
        }
        // A lone surrogate on the second line: the line is named.
        let mut bad = vec![0xFF, 0xFE];
        bad.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bad.extend(0xD800u16.to_le_bytes());
        assert_eq!(decoded(bad), Err(2));
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
