//! `import upload`: flags of the upload import (the streaming itself is in `crate::upload`).

use super::{ApiRegion, validate};
use crate::api::request::{ImportRequest, UploadImport};
use crate::error::{Error, Result};
use clap::Args;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import upload ./report.pdf ./photo.jpg
  cloudconvert import upload -r ./scans --jobs 8 -o id
  pg_dump mydb | cloudconvert import upload - --filename mydb.sql
  cloudconvert import upload --form-only  # a task with its form, no file
  cloudconvert import upload --redirect https://example.com/done  # a form

-r uploads every regular file under a directory, hidden files included.";

#[derive(Args, Debug)]
pub struct UploadArgs {
    /// Files to upload; - is stdin
    ///
    /// One task each; - reads stdin (needs --filename). Without a file, the task is created
    /// and printed with its upload form.
    #[arg(value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub files: Vec<PathBuf>,

    /// Upload every file listed in FILE, one a line
    ///
    /// Blank lines and lines starting with # are skipped; - reads the list from stdin; with
    /// -0 the names are separated by NUL (find -print0). Added to the FILEs given.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub from: Option<PathBuf>,

    /// The --from list is NUL-separated
    #[arg(short = '0', long = "null", requires = "from", hide_short_help = true)]
    pub null: bool,

    /// Upload every file under each DIR given
    ///
    /// Every regular file, in sorted path order, hidden files included. A link to a file inside
    /// the directory is followed; a link that leads outside it is skipped and named, and links
    /// to directories are not followed (see -L).
    #[arg(short = 'r', long)]
    pub recursive: bool,

    /// Under -r, follow every link, also outside the directory
    ///
    /// Links to files and to directories, wherever they lead; a directory is walked once, so a
    /// link loop cannot trap the walk.
    #[arg(short = 'L', long, requires = "recursive", hide_short_help = true)]
    pub follow_links: bool,

    /// Files in flight at once
    ///
    /// Each created, uploaded and waited for; their tasks print in the order given.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,

    /// Start no new file after a failure
    ///
    /// Files in flight finish; the others are not started.
    #[arg(long)]
    pub fail_fast: bool,

    /// Cap the upload rate, e.g. 200K or 1M
    ///
    /// Bytes per second over all files in flight together, written as curl's --limit-rate:
    /// K, M and G are powers of 1024.
    #[arg(long, value_name = "RATE", value_parser = validate::parse_rate, hide_short_help = true)]
    pub limit_rate: Option<u64>,

    /// Skip the MD5 check of the stored file
    ///
    /// By default each file's MD5, taken while it streams, is compared with the MD5
    /// CloudConvert reports for the stored file; a mismatch is exit 1 and the task is deleted.
    #[arg(long, hide_short_help = true)]
    pub no_verify: bool,

    /// Create the task and print its upload form
    ///
    /// No file is sent: the task waits for one from a browser or another program. The form
    /// is the task's result.form (URL and parameters). --redirect implies it.
    #[arg(long, conflicts_with_all = ["files", "from"])]
    pub form_only: bool,

    /// Where the form sends the browser after
    ///
    /// Where the storage redirects the browser after an upload through the form.
    #[arg(long, value_name = "URL", value_parser = validate::http_url, hide_short_help = true)]
    pub redirect: Option<String>,

    /// Name to store it under (default: its own)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    /// Keep the run's record in FILE; run again to finish
    ///
    /// JSON lines, appended as each fact becomes true (see docs/guide.md, "Records"). Run the
    /// same command with the same FILE again and nothing finished less than 24 h ago is sent
    /// twice: its task is printed in its place, a task that waits for its file gets it, and
    /// the rest is sent again.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath,
          hide_short_help = true)]
    pub record: Option<PathBuf>,

    /// Send the file into this import/upload task
    ///
    /// Repeatable, paired with the files in order: a task made elsewhere (a job, a backend,
    /// --form-only) gets its file with everything an upload has. The task must be an
    /// import/upload that waits, with its form.
    #[arg(long = "task", value_name = "ID", value_parser = validate::task_id,
          conflicts_with_all = ["form_only", "recursive"], hide_short_help = true)]
    pub tasks: Vec<String>,

    /// Keep running: send each new file under the DIRs
    ///
    /// Every file under the directories given (as -r walks them) is sent once it has not
    /// changed for 2 s, each file once, into the record; files the record has are skipped.
    /// Ends with Ctrl-C.
    #[arg(long, conflicts_with_all = ["form_only", "tasks", "from"], hide_short_help = true)]
    pub watch: bool,

    #[command(flatten)]
    pub api: ApiRegion,
}

/// `import upload -h` shows what a newcomer looks for there: `--limit-rate` and
/// `--no-verify` (and `--wait-timeout`, see `cli::command`).
pub fn short_help(cmd: clap::Command) -> clap::Command {
    cmd.mut_arg("limit_rate", |a| a.hide_short_help(false))
        .mut_arg("no_verify", |a| a.hide_short_help(false))
}

/// A listed name as a path: any bytes on Unix, UTF-8 elsewhere.
fn path_from_bytes(name: Vec<u8>) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(name))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(&name).into_owned())
    }
}

/// `--filename` with more than one file to send (given, or found under a directory).
pub fn filename_for_several_files() -> Error {
    Error::usage("--filename names one file, but several files were given")
        .with_hint("upload the files one per command to rename each, or drop --filename")
}

impl UploadArgs {
    /// The paths to upload: those given, then those listed with `--from`.
    pub fn paths(&self) -> Result<Vec<PathBuf>> {
        let mut paths = self.files.clone();
        let Some(list) = &self.from else {
            return Ok(paths);
        };
        if list.as_os_str() == "-" && paths.iter().any(|p| p.as_os_str() == "-") {
            return Err(Error::usage("stdin (-) can be read only once")
                .with_hint("give the list with --from - or upload stdin with -, not both"));
        }
        let listed = super::list::read(list, self.null)?;
        if listed.is_empty() {
            return Err(Error::usage(format!("{} lists no file", list.display()))
                .with_hint("put one path a line (or NUL-separated with -0)"));
        }
        paths.extend(listed.into_iter().map(|(_, name)| path_from_bytes(name)));
        Ok(paths)
    }

    pub fn to_request(&self) -> Result<ImportRequest> {
        if self.files.iter().filter(|f| f.as_os_str() == "-").count() > 1 {
            return Err(
                Error::usage("stdin (-) can be uploaded only once").with_hint("give - once")
            );
        }
        if self.filename.is_some() && self.files.len() > 1 {
            return Err(filename_for_several_files());
        }
        if let Some(name) = &self.filename
            && (name.contains('/') || name.contains('\\'))
        {
            return Err(
                Error::usage(format!("--filename {name:?} holds a path separator"))
                    .with_hint("give a bare file name such as report.pdf"),
            );
        }
        let no_file = self.files.is_empty() && self.from.is_none();
        if self.filename.is_some() && no_file {
            return Err(Error::usage("--filename needs a FILE to upload").with_hint(
                "the name of a file uploaded through the form is chosen by whoever uploads it",
            ));
        }
        if no_file && !self.form_only && self.redirect.is_none() {
            // An empty $FILES or an empty find must not be a green step that did nothing.
            return Err(Error::usage("no file given").with_hint(
                "give FILE... or --from LIST; to create a task that waits for a file from a browser, use --form-only",
            ));
        }
        Ok(ImportRequest::Upload(UploadImport {
            redirect: self.redirect.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::test_support::{assert_usage, parse};
    use serde_json::json;

    #[test]
    fn bodies() {
        assert_eq!(
            parse(&["import", "upload", "--form-only"]).unwrap().body(),
            json!({})
        );
        assert_usage(&["import", "upload"], &[], "no file given");
        let r = parse(&["import", "upload", "--redirect", "https://e.com/done"]).unwrap();
        assert_eq!(r.operation(), "import/upload");
        assert_eq!(r.body(), json!({"redirect": "https://e.com/done"}));
    }

    #[test]
    fn filename_rules() {
        assert!(parse(&["import", "upload", "a", "--filename", "x.pdf"]).is_ok());
        assert_usage(
            &["import", "upload", "a", "b", "--filename", "x.pdf"],
            &[],
            "several files",
        );
        assert_usage(
            &["import", "upload", "a", "--filename", "d/x.pdf"],
            &[],
            "separator",
        );
        assert_usage(
            &["import", "upload", "--filename", "x.pdf"],
            &[],
            "needs a FILE",
        );
        assert_usage(
            &["import", "upload", "-", "-", "--filename", "x"],
            &[],
            "only once",
        );
    }
}
