//! A file name from the service, made into one name in the download folder: never a path.
//! Separators, `..`, control characters and what Windows refuses in a name become `_`; a name
//! Windows reserves (`CON`, `NUL.txt`, `COM1`…) gets a `_` in front; on every system alike, so
//! that a folder downloaded on Linux copies to Windows whole.

/// Names Windows gives to devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$",
    "CONOUT$",
];

/// The longest name kept, in bytes (most file systems take 255).
const LONGEST: usize = 200;

/// `name` as one safe file name; the same name when it already is one.
pub fn safe(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | '<' | '>' | ':' | '"' | '|' | '?' | '*' => '_',
            c if c.is_control() || crate::output::needs_escape(c) => '_',
            c => c,
        })
        .collect();
    // Windows drops trailing dots and spaces, which would make two names one (and `.` and
    // `..` are all dots).
    let kept = out.trim_end_matches(['.', ' ']).len();
    let dropped = out.len() - kept;
    out.truncate(kept);
    out.push_str(&"_".repeat(dropped));
    let stem = out.split('.').next().unwrap_or_default().trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        out = format!("_{out}");
    }
    if out.len() > LONGEST {
        // Shortened from the front, keeping the extension that tells what it is.
        let mut cut = out.len() - LONGEST;
        while !out.is_char_boundary(cut) {
            cut += 1;
        }
        out = out[cut..].to_string();
    }
    if out.is_empty() { "_".into() } else { out }
}

/// `name` told apart from those taken: `report.pdf`, then `report (2).pdf`, `report (3).pdf`.
pub fn unique(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(dot) if dot > 0 => (&name[..dot], &name[dot..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| format!("{stem} ({n}){ext}"))
        .find(|c| !taken.iter().any(|t| t.eq_ignore_ascii_case(c)))
        .expect("a free name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_name_stays() {
        for n in [
            "input.pdf",
            "Report 2026.docx",
            "ünïcödé.txt",
            ".hidden",
            "a..b",
        ] {
            assert_eq!(safe(n), n);
        }
    }

    #[test]
    fn no_name_leads_out_of_the_folder() {
        for n in [
            "../../x",
            "..",
            ".",
            "/etc/passwd",
            "..\\..\\x",
            "C:\\Windows\\x",
            "a/../../b",
            "",
        ] {
            let s = safe(n);
            assert!(!s.contains(['/', '\\', ':']), "{n:?} -> {s:?}");
            assert!(s != "." && s != ".." && !s.is_empty(), "{n:?} -> {s:?}");
        }
        assert_eq!(safe("../../x"), ".._.._x");
        assert_eq!(safe(".."), "__");
    }

    #[test]
    fn control_characters_and_what_windows_refuses_become_underscores() {
        assert_eq!(safe("a\nb\x1b[31m.pdf"), "a_b_[31m.pdf");
        assert_eq!(safe("what?<>|*\".pdf"), "what______.pdf");
        assert_eq!(safe("name. "), "name__");
        assert_eq!(safe("name..."), "name___");
    }

    #[test]
    fn names_windows_reserves_are_kept_apart() {
        for n in [
            "CON",
            "con.pdf",
            "NUL.tar.gz",
            "com1.txt",
            "LPT9",
            "aux .txt",
        ] {
            assert!(safe(n).starts_with('_'), "{n:?} -> {:?}", safe(n));
        }
        assert_eq!(safe("console.pdf"), "console.pdf");
    }

    #[test]
    fn a_long_name_keeps_its_end() {
        let long = format!("{}.pdf", "é".repeat(300));
        let s = safe(&long);
        assert!(s.len() <= LONGEST && s.ends_with(".pdf"));
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let taken = vec!["out.pdf".to_string(), "out (2).pdf".to_string()];
        assert_eq!(unique("out.pdf", &taken), "out (3).pdf");
        assert_eq!(unique("OUT.PDF", &taken[..1]), "OUT (2).PDF");
        assert_eq!(unique("README", &["readme".into()]), "README (2)");
        assert_eq!(unique("new.pdf", &taken), "new.pdf");
    }
}
