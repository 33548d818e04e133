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
  cloudconvert import url https://intranet.example/x.docx \\
      -H @headers.txt --filename x.docx
  id=$(cloudconvert import url https://example.com/a.png -o id)
  cloudconvert import url @presigned-url.txt  # kept out of the process list
  CLOUDCONVERT_IMPORT_URL=\"$SIGNED_URL\" cloudconvert import url
  cloudconvert import url --from urls.txt --jobs 8 --wait -o id";

#[derive(Args, Debug)]
pub struct UrlArgs {
    /// URLs to download from; @FILE or - reads one
    ///
    /// An http, https or ftp URL; one task each. @FILE reads one from a file and - from stdin,
    /// keeping a signed URL out of the process list. [env: CLOUDCONVERT_IMPORT_URL]
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,

    /// Import every URL listed in FILE, one a line
    ///
    /// Blank lines and lines starting with # are skipped; - reads the list from stdin. The
    /// whole list is checked before the first task is created.
    #[arg(long, value_name = "FILE")]
    pub from: Option<std::path::PathBuf>,

    /// URLs in flight at once
    ///
    /// With several URLs: each created (and with --wait waited for); their tasks print in
    /// the order given.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,

    /// Start no new URL after a failure
    #[arg(long)]
    pub fail_fast: bool,

    /// Name to store it under (default: the URL's)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    /// A header for the download, 'Name: value'
    ///
    /// Repeatable. @FILE reads one per line from a file and @- from stdin, keeping secrets out
    /// of the process list.
    #[arg(
        short = 'H',
        long = "header",
        value_name = "HEADER",
        allow_hyphen_values = true
    )]
    pub headers: Vec<String>,

    /// Keep the run's record in FILE; run again to finish
    ///
    /// JSON lines, appended as each fact becomes true (see docs/guide.md, "Records"). Run the
    /// same command with the same FILE again and no URL imported less than 24 h ago is
    /// imported twice: its task is printed in its place.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath,
          hide_short_help = true)]
    pub record: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub api: ApiRegion,
}

impl UrlArgs {
    /// The request for the first (or only) URL.
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let mut all = self.to_requests(env)?;
        Ok(all.swap_remove(0))
    }

    /// One request per URL, every URL checked first; `-H` applies to each.
    pub fn to_requests(&self, env: &Env) -> Result<Vec<ImportRequest>> {
        let (urls, template) = self.to_batch(env)?;
        Ok(urls
            .into_iter()
            .map(|url| {
                ImportRequest::Url(UrlImport {
                    url,
                    ..template.clone()
                })
            })
            .collect())
    }

    /// Every URL, checked, and what each one's request has besides its URL (the same for all:
    /// `-H` applies to each). A batch keeps the URLs alone, not a request per URL.
    pub fn to_batch(&self, env: &Env) -> Result<(Vec<String>, UrlImport)> {
        let urls = self.urls(env)?;
        if self.filename.is_some() && urls.len() > 1 {
            return Err(
                Error::usage("--filename names one file, but several URLs were given")
                    .with_hint("import the URLs one per command to name each, or drop --filename"),
            );
        }
        let mut headers = Map::new();
        for h in &self.headers {
            for line in expand_header_arg(h)? {
                // The reason already says how to write a header: no hint repeats it.
                let (name, value) = validate::header(&line)
                    .map_err(|e| Error::usage(format!("invalid value for --header: {e}")))?;
                headers.insert(name, Value::String(value));
            }
        }
        let template = UrlImport {
            url: String::new(),
            filename: self.filename.clone(),
            headers: (!headers.is_empty()).then_some(headers),
        };
        Ok((urls, template))
    }

    /// Several URLs (given, or listed with `--from`): run as a batch.
    pub fn is_batch(&self) -> bool {
        self.urls.len() > 1 || self.from.is_some() || self.record.is_some()
    }

    /// The URLs: given (each may be `@FILE` or `-`), listed with `--from`, or from
    /// `CLOUDCONVERT_IMPORT_URL`; each checked, and its password and signature values
    /// registered as secrets.
    fn urls(&self, env: &Env) -> Result<Vec<String>> {
        let mut urls = Vec::new();
        for arg in &self.urls {
            let given = match arg.as_str() {
                "-" => read_url("-")?,
                a if a.starts_with('@') => read_url(&a[1..])?,
                a => a.to_string(),
            };
            urls.push(checked(given, None)?);
        }
        if let Some(path) = &self.from {
            if path.as_os_str() == "-" && self.urls.iter().any(|u| u == "-") {
                return Err(Error::usage("stdin (-) can be read only once")
                    .with_hint("give the list with --from - or one URL with -, not both"));
            }
            for (line, entry) in super::list::read(path, false)? {
                let url = String::from_utf8(entry).map_err(|_| {
                    Error::usage(format!("{} line {line} is not UTF-8 text", path.display()))
                        .with_hint("save the list as UTF-8 (or UTF-16 with its byte-order mark)")
                })?;
                urls.push(checked(url, Some((path, line)))?);
            }
            if urls.is_empty() {
                return Err(Error::usage(format!("{} lists no URL", path.display()))
                    .with_hint("put one URL a line; blank lines and # lines are skipped"));
            }
        }
        if urls.is_empty() {
            let url = env.get("CLOUDCONVERT_IMPORT_URL").ok_or_else(|| {
                Error::usage("no URL to import")
                    .with_hint("give the URL, @FILE or - (stdin), or set CLOUDCONVERT_IMPORT_URL")
            })?;
            urls.push(checked(url, None)?);
        }
        Ok(urls)
    }
}

/// A URL checked, its secrets registered; `at` names the list and line it came from.
fn checked(url: String, at: Option<(&std::path::Path, usize)>) -> Result<String> {
    register_url_secrets(&url);
    validate::import_url(&url).map_err(|e| {
        let place = match at {
            Some((path, line)) => format!(" (line {line} of {})", path.display()),
            None => String::new(),
        };
        Error::usage(format!("invalid URL to import{place}: {e}"))
            .with_hint("give an absolute http, https or ftp URL")
    })
}

/// A URL's password and signature values are secrets: never printed, whatever prints the URL.
/// Both the forms as written (percent-encoded) and decoded are registered.
fn register_url_secrets(url: &str) {
    for secret in crate::secret::url_secrets(url) {
        crate::secret::register(&validate::percent_decode(&secret));
        crate::secret::register(&secret);
    }
}

/// The URL in a file or on stdin: its first line that is not blank.
fn read_url(path: &str) -> Result<String> {
    let text = validate::read_text(path).map_err(|e| {
        Error::usage(format!("cannot read the URL from {path}: {e}"))
            .with_hint("give @FILE a readable file holding the URL")
    })?;
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
        .ok_or_else(|| {
            Error::usage(format!("{path} holds no URL")).with_hint("put the URL on its first line")
        })
}

/// `@FILE` and `@-` stand for the header lines of a file or of stdin (blank lines skipped).
fn expand_header_arg(arg: &str) -> Result<Vec<String>> {
    let Some(path) = arg.strip_prefix('@') else {
        return Ok(vec![arg.to_string()]);
    };
    let text = validate::read_text(path).map_err(|e| {
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
    fn the_url_from_a_file_or_the_environment_and_its_secrets_registered() {
        use crate::cli::test_support::parse_with_env;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("u.txt");
        let signed = "https://b.s3.amazonaws.com/a.pdf?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=5ec7e7ab0d&X-Amz-Expires=60";
        std::fs::write(&f, format!("\n{signed}\n")).unwrap();
        let r = parse(&["import", "url", &format!("@{}", f.display())]).unwrap();
        assert_eq!(r.body()["url"], signed);
        assert_eq!(crate::secret::scrub(signed).matches("***").count(), 2);
        let r = parse_with_env(
            &["import", "url"],
            &[("CLOUDCONVERT_IMPORT_URL", "ftp://me:pa55word-x@h/f")],
        )
        .unwrap();
        assert_eq!(r.body()["url"], "ftp://me:pa55word-x@h/f");
        assert_eq!(crate::secret::scrub("pa55word-x"), "***");
        assert_usage(&["import", "url"], &[], "CLOUDCONVERT_IMPORT_URL");
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
