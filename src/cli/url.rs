//! `import url`: flags of the URL import.

use super::{ApiRegion, validate};
use crate::api::request::{ImportRequest, UrlImport};
use crate::env::Env;
use crate::error::{Error, Result};
use clap::Args;
use serde_json::{Map, Value};

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import url https://example.com/report.pdf
  cloudconvert import url https://intranet.example/x.docx -H @headers.txt --filename x.docx
  id=$(cloudconvert import url https://example.com/a.png -o id)";

#[derive(Args, Debug)]
pub struct UrlArgs {
    /// The URL to download the file from (http, https or ftp)
    #[arg(value_parser = validate::import_url)]
    pub url: String,

    /// The file's name, with extension (default: taken from the URL)
    #[arg(long, value_parser = validate::non_empty)]
    pub filename: Option<String>,

    /// A header for the download, 'Name: value' (repeatable); @FILE reads one per line from a
    /// file and @- from stdin, keeping secrets out of the process list
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    #[command(flatten)]
    pub api: ApiRegion,
}

impl UrlArgs {
    pub fn to_request(&self, _env: &Env) -> Result<ImportRequest> {
        let mut headers = Map::new();
        for h in &self.headers {
            for line in expand_header_arg(h)? {
                let (name, value) = validate::header(&line).map_err(|e| {
                    Error::usage(format!("invalid value for --header: {e}"))
                        .with_hint("write each header as 'Name: value'")
                })?;
                headers.insert(name, Value::String(value));
            }
        }
        Ok(ImportRequest::Url(UrlImport {
            url: self.url.clone(),
            filename: self.filename.clone(),
            headers: (!headers.is_empty()).then_some(headers),
        }))
    }
}

/// `@FILE` and `@-` stand for the header lines of a file or of stdin (blank lines skipped).
fn expand_header_arg(arg: &str) -> Result<Vec<String>> {
    let Some(path) = arg.strip_prefix('@') else {
        return Ok(vec![arg.to_string()]);
    };
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    }
    .map_err(|e| {
        Error::usage(format!("cannot read headers from {path}: {e}"))
            .with_hint("give -H @FILE a readable file")
    })?;
    Ok(text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::cli::test_support::{assert_usage, parse};
    use serde_json::json;

    #[test]
    fn minimal_body_has_only_the_url() {
        let r = parse(&["import", "url", "https://example.com/a.pdf"]).unwrap();
        assert_eq!(r.operation(), "import/url");
        assert_eq!(r.body(), json!({"url": "https://example.com/a.pdf"}));
    }

    #[test]
    fn headers_and_filename() {
        let r = parse(&[
            "import",
            "url",
            "https://e.com/a",
            "--filename",
            "a.pdf",
            "-H",
            "Authorization: Bearer x",
            "--header",
            "X-A:1",
        ])
        .unwrap();
        assert_eq!(
            r.body(),
            json!({"url": "https://e.com/a", "filename": "a.pdf", "headers": {"Authorization": "Bearer x", "X-A": "1"}})
        );
    }

    #[test]
    fn headers_from_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("h.txt");
        std::fs::write(&f, "Authorization: Bearer from-file\r\n\nCookie: a=b\n").unwrap();
        let r = parse(&[
            "import",
            "url",
            "https://e.com/a",
            "-H",
            &format!("@{}", f.display()),
        ])
        .unwrap();
        assert_eq!(
            r.body()["headers"],
            json!({"Authorization": "Bearer from-file", "Cookie": "a=b"})
        );
        assert_usage(
            &["import", "url", "https://e.com/a", "-H", "@/nonexistent/h"],
            &[],
            "/nonexistent/h",
        );
    }

    #[test]
    fn refused_values() {
        assert_usage(&["import", "url", "not-a-url"], &[], "absolute URL");
        assert_usage(&["import", "url", "mailto:x@y"], &[], "scheme");
        assert_usage(
            &["import", "url", "https://e.com/a", "-H", "NoColon"],
            &[],
            "colon",
        );
        assert_usage(
            &["import", "url", "https://e.com/a", "-H", "X: a\nY: b"],
            &[],
            "line break",
        );
        assert_usage(
            &["import", "url", "https://e.com/a", "--filename", ""],
            &[],
            "empty",
        );
    }
}
