//! `import base64` and `import raw`: the file's content travels inside the request itself, so
//! these are for small files; larger ones go through `import upload`.

use super::{ApiRegion, validate};
use crate::api::request::{ContentImport, ImportRequest};
use crate::error::{Error, Result};
use clap::Args;
use std::io::Read;
use std::path::PathBuf;

/// The largest file these imports take (the API documents them for files under 10 MB).
pub const MAX_CONTENT: u64 = 10_000_000;

pub const BASE64_EXAMPLES: &str = "\
Examples:
  cloudconvert import base64 ./logo.png
  curl -s https://example.com/a.png | \\
      cloudconvert import base64 - --filename a.png";

pub const RAW_EXAMPLES: &str = "\
Examples:
  cloudconvert import raw ./notes.md
  printf '# Title\\n' | cloudconvert import raw - --filename title.md";

#[derive(Args, Debug)]
pub struct ContentArgs {
    /// The file to send (under 10 MB); - reads stdin (needs --filename)
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub file: PathBuf,

    /// The name to store the file under (default: the local file's name)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    #[command(flatten)]
    pub api: ApiRegion,
}

impl ContentArgs {
    /// `import base64`: any bytes, sent base64-encoded.
    pub fn to_base64_request(&self) -> Result<ImportRequest> {
        let (bytes, filename) = self.read()?;
        Ok(ImportRequest::Base64(ContentImport {
            file: encode_base64(&bytes),
            filename,
        }))
    }

    /// `import raw`: UTF-8 text, sent as it is.
    pub fn to_raw_request(&self) -> Result<ImportRequest> {
        let (bytes, filename) = self.read()?;
        let file = String::from_utf8(bytes).map_err(|_| {
            Error::usage(format!("{} is not UTF-8 text", self.shown())).with_hint(
                "send binary files with `cloudconvert import base64` or `cloudconvert import upload`",
            )
        })?;
        Ok(ImportRequest::Raw(ContentImport { file, filename }))
    }

    fn shown(&self) -> String {
        if self.is_stdin() {
            "stdin".into()
        } else {
            self.file.display().to_string()
        }
    }

    fn is_stdin(&self) -> bool {
        self.file.as_os_str() == "-"
    }

    /// The content (at most `MAX_CONTENT` bytes) and the name to store it under.
    fn read(&self) -> Result<(Vec<u8>, String)> {
        let shown = self.shown();
        let filename = match (&self.filename, self.is_stdin()) {
            (Some(n), _) => n.clone(),
            (None, true) => {
                return Err(Error::usage("reading stdin (-) needs --filename")
                    .with_hint("name the file, e.g. --filename notes.txt"));
            }
            (None, false) => self
                .file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .ok_or_else(|| {
                    Error::usage(format!("cannot tell the name of {shown}"))
                        .with_hint("pass --filename")
                })?,
        };
        let too_large = || {
            Error::usage(format!(
                "{shown} is larger than 10 MB, too large to send inside the request"
            ))
            .with_hint("send it with `cloudconvert import upload`, which streams files of any size")
        };
        let unreadable = |e: std::io::Error| {
            Error::usage(format!("cannot read {shown}: {e}")).with_hint("check the path")
        };
        let reader: Box<dyn Read> = if self.is_stdin() {
            validate::refuse_terminal_stdin()?;
            Box::new(std::io::stdin())
        } else {
            let meta = std::fs::metadata(&self.file).map_err(unreadable)?;
            if !meta.is_file() {
                return Err(
                    Error::usage(format!("cannot read {shown}: not a regular file"))
                        .with_hint("give a file, not a directory or device"),
                );
            }
            if meta.len() > MAX_CONTENT {
                return Err(too_large());
            }
            Box::new(std::fs::File::open(&self.file).map_err(unreadable)?)
        };
        let mut bytes = Vec::new();
        reader
            .take(MAX_CONTENT + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.len() as u64 > MAX_CONTENT {
            return Err(too_large());
        }
        Ok((bytes, filename))
    }
}

/// Standard base64 with padding (RFC 4648 §4), as the API decodes it.
pub fn encode_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{assert_usage, parse};
    use serde_json::json;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(encode_base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn bodies_and_names() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.bin");
        std::fs::write(&p, [0u8, 159, 146, 150]).unwrap();
        let path = p.to_str().unwrap();
        let r = parse(&["import", "base64", path]).unwrap();
        assert_eq!(r.operation(), "import/base64");
        assert_eq!(r.body(), json!({"file": "AJ+Slg==", "filename": "a.bin"}));
        assert_usage(&["import", "raw", path], &[], "not UTF-8");

        let t = dir.path().join("t.md");
        std::fs::write(&t, "# héllo\n").unwrap();
        let r = parse(&["import", "raw", t.to_str().unwrap(), "--filename", "x.md"]).unwrap();
        assert_eq!(r.operation(), "import/raw");
        assert_eq!(r.body(), json!({"file": "# héllo\n", "filename": "x.md"}));
    }

    #[test]
    fn refusals() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_CONTENT + 1).unwrap();
        assert_usage(
            &["import", "base64", big.to_str().unwrap()],
            &[],
            "import upload",
        );
        assert_usage(&["import", "raw", "-"], &[], "--filename");
        assert_usage(&["import", "raw", "/no/such/file"], &[], "check the path");
        assert_usage(
            &["import", "base64", dir.path().to_str().unwrap()],
            &[],
            "not a regular file",
        );
    }
}
