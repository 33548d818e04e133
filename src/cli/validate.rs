//! Checks on single values (clap value parsers, so a bad value is a usage error that names its
//! flag) and on groups of flags (exactly-one-of, shorthand conflicts).

use crate::error::{Error, Result};

pub fn non_empty(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the value is empty; give a value or leave the flag out".into())
    } else {
        Ok(s.to_string())
    }
}

/// The URL of `import url`: absolute, http, https or ftp, with a host.
pub fn import_url(s: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(s).map_err(|e| {
        format!("not an absolute URL ({e}); give one such as https://example.com/file.pdf")
    })?;
    if !matches!(url.scheme(), "http" | "https" | "ftp") {
        return Err(format!(
            "the scheme {:?} is not supported; use http, https or ftp",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".into());
    }
    Ok(s.to_string())
}

/// An endpoint such as an S3-compatible service's: an http(s) URL.
pub fn http_url(s: &str) -> Result<String, String> {
    let url = reqwest::Url::parse(s)
        .map_err(|e| format!("not an absolute URL ({e}); give one such as https://host.example"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err("give an http or https URL with a host".into());
    }
    Ok(s.to_string())
}

/// `--wait-timeout`: whole seconds, at least 1 and at most a week, so that no time arithmetic
/// can overflow.
pub fn wait_secs(s: &str) -> Result<u64, String> {
    match s.trim().parse::<u64>() {
        Ok(n) if (1..=crate::cli::MAX_WAIT).contains(&n) => Ok(n),
        _ => Err(format!(
            "give a whole number of seconds from 1 to {} (a week)",
            crate::cli::MAX_WAIT
        )),
    }
}

/// A task id goes into a URL path: refuse what would change the path.
pub fn task_id(s: &str) -> Result<String, String> {
    if crate::api::task::valid_id(s) {
        Ok(s.to_string())
    } else {
        Err("a task id holds only letters, digits and dashes, e.g. 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f".into())
    }
}

/// An operation name for `task list --operation`, such as `import/upload`.
pub fn operation(s: &str) -> Result<String, String> {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '/' | '-' | '_'))
    {
        Ok(s.to_string())
    } else {
        Err("an operation looks like import/upload or import/s3".into())
    }
}

/// `Name: value`, as curl's `-H`: a header name of token characters, a colon, no CR or LF.
pub fn header(s: &str) -> Result<(String, String), String> {
    if s.contains(['\r', '\n']) {
        return Err("a header must not contain a line break".into());
    }
    let Some((name, value)) = s.split_once(':') else {
        return Err(format!("{s:?} has no colon; write it as 'Name: value'"));
    };
    let name = name.trim();
    if name.is_empty() {
        return Err("the header has no name; write it as 'Name: value'".into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c)))
    {
        return Err(format!(
            "the header name {name:?} holds {bad:?}, which a header name cannot"
        ));
    }
    Ok((name.to_string(), value.trim().to_string()))
}

/// Exactly one of two flags (or what stands for them): returns which, or the usage error.
pub fn exactly_one<T>(
    a: (&str, Option<T>),
    b: (&str, Option<T>),
    what: &str,
) -> Result<(Option<T>, Option<T>)> {
    match (a.1, b.1) {
        (Some(_), Some(_)) => Err(Error::usage(format!(
            "--{} and --{} cannot be used together",
            a.0, b.0
        ))
        .with_hint(format!("give exactly one of them: {what}"))),
        (None, None) => Err(
            Error::usage(format!("one of --{} or --{} is required", a.0, b.0))
                .with_hint(format!("give exactly one of them: {what}")),
        ),
        (x, y) => Ok((x, y)),
    }
}

/// A required value: the flag, else the variable named, else a usage error naming both.
pub fn required(value: Option<String>, flag: &str, env_hint: Option<&str>) -> Result<String> {
    value.ok_or_else(|| {
        let hint = match env_hint {
            Some(var) => format!("pass --{flag} or set {var}"),
            None => format!("pass --{flag}"),
        };
        Error::usage(format!("--{flag} is required")).with_hint(hint)
    })
}

/// A shorthand URI and a flag that sets the same field cannot both be given.
pub fn shorthand_conflict(uri: &str, flags: &[(&str, bool)]) -> Result<()> {
    match flags.iter().find(|(_, given)| *given) {
        Some((flag, _)) => Err(
            Error::usage(format!("{uri} and --{flag} both say what to import"))
                .with_hint(format!("use either the URI or --{flag}, not both")),
        ),
        None => Ok(()),
    }
}

/// The whole text of a file, or of stdin for `-`: what every `@FILE`, `-` and `--…-file` reads.
/// Written by any editor: a UTF-8 byte-order mark is dropped and UTF-16 with its mark decoded
/// (see `list::decoded`); anything else must be UTF-8.
pub fn read_text(path: impl AsRef<std::path::Path>) -> std::io::Result<String> {
    let path = path.as_ref();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)?;
        b
    } else {
        std::fs::read(path)?
    };
    let not_text = |line: usize| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("line {line} is not UTF-8 or UTF-16 text"),
        )
    };
    let bytes = super::list::decoded(bytes).map_err(not_text)?;
    String::from_utf8(bytes).map_err(|e| {
        let before = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        not_text(before.iter().filter(|b| **b == b'\n').count() + 1)
    })
}

/// Reads a key from a file, or from stdin for `-`, exactly as it is: its final newline is kept,
/// as some SSH libraries refuse an OpenSSH key without it.
pub fn read_key_file(path: &str, flag: &str) -> Result<String> {
    let text = read_text(path).map_err(|e| {
        Error::usage(format!("cannot read --{flag} {path}: {e}"))
            .with_hint(format!("give --{flag} a readable file"))
    })?;
    if text.trim().is_empty() {
        return Err(Error::usage(format!("--{flag} {path} is empty"))
            .with_hint(format!("give --{flag} a file that holds the secret")));
    }
    Ok(text)
}

/// Stdin that is a terminal has no file to give: Ctrl-D would upload an empty one.
pub fn refuse_terminal_stdin() -> Result<()> {
    if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        return Err(
            Error::usage("stdin (-) is a terminal, not a file").with_hint(
                "pipe the data in (producer | cloudconvert ...) or redirect a file (< file)",
            ),
        );
    }
    Ok(())
}

/// Decodes `%XX` escapes of a URI part; a malformed escape is left as it is.
pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The fastest `--limit-rate`: 1 TiB a second, beyond any link.
const MAX_RATE: u64 = 1 << 40;

/// A rate as curl writes it: bytes per second, with `K`, `M` or `G` (powers of 1024) after it;
/// `200K`, `1.5M`, `1048576`.
pub fn parse_rate(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (number, unit) = match t.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => t.split_at(i),
        None => (t, ""),
    };
    let scale: u64 = match unit.to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" => 1 << 10,
        "M" | "MB" => 1 << 20,
        "G" | "GB" => 1 << 30,
        _ => return Err(format!("unknown unit {unit:?}: use K, M or G (200K, 1M)")),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a rate: give bytes per second, e.g. 200K or 1M"))?;
    let rate = value * scale as f64;
    if rate > MAX_RATE as f64 {
        return Err(format!(
            "{text:?} is faster than the largest rate accepted, 1024G (1 TiB a second)"
        ));
    }
    if !rate.is_finite() || rate < 1.0 {
        return Err(format!(
            "{text:?} is not a rate: give at least 1 byte per second, e.g. 200K or 1M"
        ));
    }
    Ok(rate as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_as_curl_writes_them() {
        assert_eq!(parse_rate("200K"), Ok(200 * 1024));
        assert_eq!(parse_rate("1m"), Ok(1 << 20));
        assert_eq!(parse_rate("1.5M"), Ok(3 << 19));
        assert_eq!(parse_rate("2G"), Ok(2 << 30));
        assert_eq!(parse_rate("1000"), Ok(1000));
        for bad in ["", "K", "10X", "fast", "NaN", "1e400"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
        for slow in ["0", "-5K", "0.5"] {
            assert!(
                parse_rate(slow).unwrap_err().contains("at least 1 byte"),
                "{slow}"
            );
        }
        assert_eq!(parse_rate("1024G"), Ok(1 << 40));
        for fast in ["99999999999G", "1025G", "2000000000000000000000"] {
            assert!(
                parse_rate(fast)
                    .unwrap_err()
                    .contains("largest rate accepted, 1024G")
            );
        }
    }

    #[test]
    fn urls() {
        assert!(import_url("https://example.com/a.pdf").is_ok());
        assert!(import_url("ftp://example.com/a.pdf").is_ok());
        assert!(import_url("example.com/a.pdf").is_err());
        assert!(import_url("file:///etc/passwd").is_err());
        assert!(import_url("https://").is_err());
        assert!(http_url("s3.example.com").is_err());
    }

    #[test]
    fn headers() {
        assert_eq!(
            header("Authorization: Bearer x").unwrap(),
            ("Authorization".into(), "Bearer x".into())
        );
        assert_eq!(header("X-Empty:").unwrap(), ("X-Empty".into(), "".into()));
        assert!(header("NoColon").is_err());
        assert!(header(": v").is_err());
        assert!(header("Bad Name: v").is_err());
        assert!(header("X: a\r\nInjected: b").is_err());
    }

    #[test]
    fn task_ids() {
        assert!(task_id("c85f3ca9-164c-4e89-8ae2-c08192a7cb08").is_ok());
        assert!(task_id("../users/me").is_err());
        assert!(task_id("").is_err());
    }

    #[test]
    fn decode() {
        assert_eq!(percent_decode("a%20b%2Fc%zz%4"), "a b/c%zz%4");
    }
}

/// What a `s3://BUCKET/KEY` or `gs://BUCKET/FILE` shorthand names.
#[derive(Debug, PartialEq, Eq)]
pub struct BucketUri {
    pub bucket: String,
    /// The object, or with `prefix` set, everything under it (the URI ended in `/`).
    pub object: String,
    pub prefix: bool,
}

pub fn bucket_uri(uri: &str, scheme: &str) -> Result<BucketUri> {
    let form = format!(
        "{scheme}://BUCKET/KEY (or {scheme}://BUCKET/PREFIX/ for every object under a prefix)"
    );
    let rest = uri.strip_prefix(&format!("{scheme}://")).ok_or_else(|| {
        Error::usage(format!("{uri:?} is not a {scheme}:// URI"))
            .with_hint(format!("write it as {form}"))
    })?;
    let (bucket, object) = rest.split_once('/').unwrap_or((rest, ""));
    let missing = match (bucket.is_empty(), object.is_empty()) {
        (true, _) => Some("names no bucket"),
        (false, true) => Some("names a bucket but no object"),
        (false, false) => None,
    };
    if let Some(what) = missing {
        return Err(
            Error::usage(format!("{uri:?} {what}")).with_hint(format!("write it as {form}"))
        );
    }
    Ok(BucketUri {
        bucket: bucket.to_string(),
        object: object.to_string(),
        prefix: object.ends_with('/'),
    })
}
