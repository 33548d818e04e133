//! The command line, defined once: this clap tree feeds parsing, `--help`, the man pages and the
//! shell completions. Each import source has its own file, holding its flags and the mapping of
//! those flags onto its request struct.

pub mod azure;
pub mod completions;
pub mod content;
pub mod gcs;
pub mod job;
pub mod list;
pub mod openstack;
pub mod s3;
pub mod sftp;
pub mod task;
pub mod upload;
pub mod url;
pub mod validate;

use crate::api::request::ImportRequest;
use crate::env::Env;
use crate::error::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
pub use task::{Status, TaskCommand};

pub const EXIT_STATUS: &str = "\
Exit status:
  0    done (with --wait: the task finished)
  1    failure not covered below (local I/O, unexpected response);
       webhook verify: the signature does not match
  2    usage: bad flags or values, unreadable input file; nothing was
       sent
  3    the task or job ended with status error (--wait, task wait,
       job wait)
  4    the API or storage refused the request as it is (4xx but 429;
       no key; a storage redirect)
  5    try again later: 5xx, 429, timeout, connection, after retries;
       or --wait-timeout passed
  130  interrupted: Ctrl-C (143 SIGTERM, 129 SIGHUP); unfinished tasks
       are named";

/// Aliases kept for the API's names, never offered as suggestions.
pub const HIDDEN_ALIASES: &[&str] = &["azure-blob", "google-cloud-storage"];

/// Every environment variable the tool reads, for `--help` and the man pages.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "CLOUDCONVERT_API_KEY",
        "the API key (beats api_key in the config file)",
    ),
    ("CLOUDCONVERT_SANDBOX", "true or 1 to use the sandbox API"),
    (
        "CLOUDCONVERT_REGION",
        "the CloudConvert region to pin, e.g. eu-central",
    ),
    (
        "CLOUDCONVERT_API_URL",
        "the API origin, for proxies and tests; /v2/... is appended",
    ),
    (
        "CLOUDCONVERT_SYNC_URL",
        "the sync (wait) origin; default from sandbox and region",
    ),
    ("CLOUDCONVERT_CONFIG", "the config file's path"),
    (
        "CLOUDCONVERT_CONFIG_DIR",
        "the folder of the default config.toml",
    ),
    (
        "CLOUDCONVERT_WEBHOOK_SECRET",
        "webhook verify: the signing secret",
    ),
    (
        "CLOUDCONVERT_IMPORT_URL",
        "import url: the URL, when none is given",
    ),
    ("AWS_ACCESS_KEY_ID", "import s3: the access key id"),
    ("AWS_SECRET_ACCESS_KEY", "import s3: the secret access key"),
    (
        "AWS_SESSION_TOKEN",
        "import s3: session token, only with AWS_ACCESS_KEY_ID",
    ),
    (
        "AWS_REGION",
        "import s3: the bucket's region (then AWS_DEFAULT_REGION)",
    ),
    (
        "AWS_DEFAULT_REGION",
        "import s3: the bucket's region, when AWS_REGION is not set",
    ),
    ("AZURE_STORAGE_ACCOUNT", "import azure: the storage account"),
    (
        "AZURE_STORAGE_KEY",
        "import azure: the account's access key",
    ),
    ("AZURE_STORAGE_SAS_TOKEN", "import azure: a SAS token"),
    (
        "GOOGLE_APPLICATION_CREDENTIALS",
        "import gcs: a service-account JSON key file",
    ),
    (
        "OS_AUTH_URL",
        "import openstack: Identity endpoint (its version is removed)",
    ),
    ("OS_USERNAME", "import openstack: the user"),
    ("OS_PASSWORD", "import openstack: the password"),
    ("OS_REGION_NAME", "import openstack: the region"),
    ("SSHPASS", "import sftp: the password"),
    ("NO_COLOR", "set to anything: no colour (stderr and JSON)"),
    ("TERM", "dumb: no colour"),
    (
        "HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
        "proxies, as curl reads them (ALL_PROXY too; http, socks5, socks5h)",
    ),
];

const ROOT_EXAMPLES: &str = "\
Examples:
  cloudconvert import url https://example.com/report.pdf
  cloudconvert import upload ./photo.jpg
  cloudconvert import s3 s3://my-bucket/in/video.mp4 --region eu-west-1 -o id
  cloudconvert task wait \"$id\" | jq -r '.result.files[0].filename'";

/// The root `-h` epilogue: examples, and where the rest is.
const ROOT_SHORT_AFTER: &str = "\
Examples:
  cloudconvert import upload ./photo.jpg
  cloudconvert import url https://example.com/report.pdf --wait | jq -r .id

More: 'cloudconvert COMMAND -h', and 'cloudconvert --help' for the global
options (-o, -q, -v, --dry-run, --api-key, ...), environment and exit statuses.";

/// What `-h` of every command ends with: where the options it leaves out are.
const SHORT_HELP_POINTER: &str =
    "Global options (-o, -q, -v, --dry-run, --api-key, ...) and more: add --help";

/// The root `--help` epilogue: examples, every variable, the exit statuses.
fn root_after_long_help() -> String {
    // Wrapped here, at words, with a hanging indent, to fit 80 columns: a table left to clap
    // would lose its indent.
    let width = ENVIRONMENT.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    let room = 78usize.saturating_sub(width + 4).max(20);
    let vars: Vec<String> = ENVIRONMENT
        .iter()
        .map(|(n, what)| {
            let mut lines = vec![String::new()];
            for word in what.split(' ') {
                let last = lines.last_mut().expect("one line at least");
                if !last.is_empty() && last.len() + 1 + word.len() > room {
                    lines.push(word.to_string());
                } else {
                    if !last.is_empty() {
                        last.push(' ');
                    }
                    last.push_str(word);
                }
            }
            let indent = " ".repeat(width + 4);
            format!("  {n:width$}  {}", lines.join(&format!("\n{indent}")))
        })
        .collect();
    format!(
        "{ROOT_EXAMPLES}\n\nEnvironment:\n{}\n\n{EXIT_STATUS}",
        vars.join("\n")
    )
}

const IMPORT_EXAMPLES: &str = "\
Examples:
  cloudconvert import url https://example.com/report.pdf --wait
  cloudconvert import upload ./a.pdf ./b.pdf | jq -r '.id'
  cloudconvert import s3 s3://my-bucket/in/video.mp4 --region eu-west-1";

const AUTH_EXAMPLES: &str = "\
Examples:
  cloudconvert auth login
  printf '%s' \"$CLOUDCONVERT_KEY\" | cloudconvert auth login --sandbox
  cloudconvert auth status";

#[derive(Parser, Debug)]
#[command(
    name = "cloudconvert",
    version,
    long_version = env!("CLOUDCONVERT_LONG_VERSION"),
    about = "Bring files into CloudConvert, and results back: imports, tasks, jobs",
    after_help = ROOT_SHORT_AFTER,
    after_long_help = root_after_long_help(),
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options of every command, shown after each command's own under their own heading; the less
/// common ones only in `--help`.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// CloudConvert API key [env: CLOUDCONVERT_API_KEY]
    ///
    /// Prefer the variable or `auth login`, which keep the key out of the process list.
    #[arg(long, global = true, value_name = "KEY", value_parser = validate::non_empty, allow_hyphen_values = true, hide_short_help = true)]
    pub api_key: Option<String>,

    /// Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]
    ///
    /// api.sandbox.cloudconvert.com: free, for tests; its keys work only there.
    #[arg(long, global = true, hide_short_help = true)]
    pub sandbox: bool,

    /// CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]
    ///
    /// eu-central or us-east. After `import s3` or `import openstack`, --region is the
    /// storage's region instead: give the CloudConvert region before the subcommand.
    #[arg(long, value_name = "REGION", value_parser = validate::non_empty, hide_short_help = true)]
    pub region: Option<String>,

    /// API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]
    ///
    /// /v2/... is appended; a trailing / or /v2 is fine.
    #[arg(long, global = true, value_name = "URL", value_parser = validate::non_empty, hide_short_help = true)]
    pub api_url: Option<String>,

    /// Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]
    ///
    /// It answers once a task has ended. Default: from --sandbox and --region; with --api-url
    /// alone, waits poll the API origin.
    #[arg(long, global = true, value_name = "URL", value_parser = validate::non_empty, hide_short_help = true)]
    pub sync_url: Option<String>,

    /// Config file [env: CLOUDCONVERT_CONFIG]
    ///
    /// Default: <config dir>/cloudconvert/config.toml.
    #[arg(long, global = true, value_name = "PATH", hide_short_help = true)]
    pub config: Option<PathBuf>,

    /// Print tasks as json, table, or the id alone
    ///
    /// By default a person at a terminal gets a short block per task (a table for task list)
    /// and everything else gets JSON, one line per task. json forces JSON (indented and
    /// coloured on a terminal); table gives the human view in a pipe too; id prints the id.
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = OutputFormat::Auto, hide_possible_values = true, hide_default_value = true, hide_short_help = true)]
    pub output: OutputFormat,

    /// No progress, notes or warnings on stderr; errors only
    ///
    /// stdout is unchanged: the tasks still print.
    #[arg(short, long, global = true, hide_short_help = true)]
    pub quiet: bool,

    /// No progress bars or spinners; notes and warnings stay
    ///
    /// The display is left out as in a log: status lines instead of bars, and notes, warnings
    /// and errors as usual (-q silences those too).
    #[arg(long, global = true, hide_short_help = true)]
    pub no_progress: bool,

    /// Log each HTTP exchange to stderr; never a secret
    ///
    /// Method, URL, status and time of each call.
    #[arg(short, long, global = true, hide_short_help = true)]
    pub verbose: bool,

    /// Send nothing: print the requests, secrets masked
    ///
    /// Each request as JSON (method, URL, headers, body), every secret shown as ***.
    #[arg(long, global = true, hide_short_help = true)]
    pub dry_run: bool,

    /// Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]
    ///
    /// auto colours only a terminal, and never with NO_COLOR set or TERM=dumb.
    #[arg(long, global = true, value_name = "WHEN", value_enum, default_value_t = ColorChoice::Auto, hide_short_help = true)]
    pub color: ColorChoice,

    /// Seconds to connect and for each API call
    ///
    /// An upload fails when no byte moves for this long.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=86_400), hide_short_help = true)]
    pub timeout: u64,

    /// Retries of a failed call (429, 5xx, network)
    ///
    /// 429 and 503 wait as Retry-After says; other 5xx and network failures back off
    /// exponentially with jitter. A create is never sent again when it may have reached the
    /// server, and other 4xx are never retried.
    #[arg(long, global = true, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=20), hide_short_help = true)]
    pub retries: u32,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR or TERM=dumb
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// JSON for a pipe, the human view on a terminal
    #[value(hide = true)]
    Auto,
    /// The task object (indented on a terminal, one line per task otherwise)
    Json,
    /// A block per task, a table for task list
    Table,
    /// The task id alone
    Id,
}

/// `--region` for the CloudConvert API, after a subcommand that has no storage region.
#[derive(Args, Debug, Clone, Default)]
pub struct ApiRegion {
    /// CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]
    #[arg(long = "region", id = "api_region", value_name = "REGION", value_parser = validate::non_empty, help_heading = "Global options", hide_short_help = true)]
    pub api_region: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// From url, upload, s3, azure, gcs, openstack, sftp, base64, raw
    #[command(after_help = IMPORT_EXAMPLES)]
    Import(Box<ImportArgs>),
    /// Tasks: show, wait, list, download, cancel, retry, delete
    #[command(subcommand, after_help = task::EXAMPLES)]
    Task(TaskCommand),
    /// Jobs: create (files in, results out), show, wait, list, delete
    #[command(subcommand, after_help = job::EXAMPLES)]
    Job(job::JobCommand),
    /// Webhooks: verify a delivery's signature
    #[command(subcommand)]
    Webhook(job::WebhookCommand),
    /// The API key: login, status, logout
    #[command(subcommand, after_help = AUTH_EXAMPLES)]
    Auth(AuthCommand),
    /// Print the completion script for a shell
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

const COMPLETIONS_EXAMPLES: &str = "Examples:
  source <(cloudconvert completions bash)            # in ~/.bashrc
  cloudconvert completions zsh > ~/.zfunc/_cloudconvert  # ~/.zfunc on fpath
  cloudconvert completions fish | source             # in config.fish";

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
    #[command(flatten)]
    pub wait: WaitArgs,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Wait options")]
pub struct WaitArgs {
    /// Wait for the task to end, then print it
    ///
    /// Until it is finished or failed (exit 3 if it failed). `import upload` with files always
    /// waits, since a file is uploaded when CloudConvert has it; there the flag changes
    /// nothing, and with `--form-only` it waits for a file sent to the form by others.
    #[arg(long, global = true)]
    pub wait: bool,

    /// Stop waiting after SECS (exit 5)
    ///
    /// The task is printed as last seen, so that a script can go on with `task wait`.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 600,
          value_parser = validate::wait_secs, hide_short_help = true)]
    pub wait_timeout: u64,
}

#[derive(Subcommand, Debug)]
pub enum ImportSource {
    /// Import a file by downloading it from a URL
    #[command(after_help = url::EXAMPLES)]
    Url(url::UrlArgs),
    /// Upload files or stdin, or create an upload task and its form
    #[command(after_help = upload::EXAMPLES)]
    Upload(upload::UploadArgs),
    /// Import from an Amazon S3 (or S3-compatible) bucket
    #[command(after_help = s3::EXAMPLES)]
    S3(s3::S3Args),
    /// Import from an Azure Blob Storage container
    #[command(alias = "azure-blob", after_help = azure::EXAMPLES)]
    Azure(azure::AzureArgs),
    /// Import from a Google Cloud Storage bucket
    #[command(alias = "google-cloud-storage", after_help = gcs::EXAMPLES)]
    Gcs(gcs::GcsArgs),
    /// Import from OpenStack Object Storage (Swift)
    #[command(after_help = openstack::EXAMPLES)]
    Openstack(openstack::OpenStackArgs),
    /// Import from an SFTP server
    #[command(after_help = sftp::EXAMPLES)]
    Sftp(sftp::SftpArgs),
    /// A small file (under 10 MB) sent in the request, base64-encoded
    #[command(after_help = content::BASE64_EXAMPLES)]
    Base64(content::ContentArgs),
    /// A small UTF-8 text (under 10 MB) sent in the request
    #[command(after_help = content::RAW_EXAMPLES)]
    Raw(content::ContentArgs),
}

impl ImportSource {
    /// Validates the flags (and the variables they fall back to) into a request; nothing is
    /// sent before this succeeds.
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        match self {
            ImportSource::Url(a) => a.to_request(env),
            ImportSource::Upload(a) => a.to_request(),
            ImportSource::S3(a) => a.to_request(env),
            ImportSource::Azure(a) => a.to_request(env),
            ImportSource::Gcs(a) => a.to_request(env),
            ImportSource::Openstack(a) => a.to_request(env),
            ImportSource::Sftp(a) => a.to_request(env),
            ImportSource::Base64(a) => a.to_base64_request(),
            ImportSource::Raw(a) => a.to_raw_request(),
        }
    }

    /// The CloudConvert region given after the subcommand, for sources without a storage region.
    pub fn api_region(&self) -> Option<&str> {
        match self {
            ImportSource::Url(a) => a.api.api_region.as_deref(),
            ImportSource::Upload(a) => a.api.api_region.as_deref(),
            ImportSource::Azure(a) => a.api.api_region.as_deref(),
            ImportSource::Gcs(a) => a.api.api_region.as_deref(),
            ImportSource::Sftp(a) => a.api.api_region.as_deref(),
            ImportSource::Base64(a) | ImportSource::Raw(a) => a.api.api_region.as_deref(),
            ImportSource::S3(_) | ImportSource::Openstack(_) => None,
        }
    }
}

/// The longest `--wait-timeout`: a week, far beyond any import, and safe in time arithmetic.
pub const MAX_WAIT: u64 = 7 * 24 * 3600;

#[derive(Subcommand, Debug)]
pub enum AuthCommand {
    /// Read an API key from stdin (or a prompt), check it, and store it in the config file
    #[command(
        after_help = "Examples:\n  cloudconvert auth login\n  printf '%s' \"$CC_KEY\" | cloudconvert auth login --sandbox"
    )]
    Login {
        #[command(flatten)]
        api: ApiRegion,
    },
    /// Say where the API key comes from and whether the API accepts it
    #[command(
        after_help = "Examples:\n  cloudconvert auth status\n  CLOUDCONVERT_API_KEY=... cloudconvert auth status --sandbox"
    )]
    Status {
        #[command(flatten)]
        api: ApiRegion,
    },
    /// Remove the stored API key from the config file
    #[command(
        after_help = "Examples:\n  cloudconvert auth logout\n  cloudconvert auth logout --config ./ci-config.toml"
    )]
    Logout {
        #[command(flatten)]
        api: ApiRegion,
    },
}

/// The command line's definition, built: what parses, and what the completions and man pages
/// are generated from.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let cmd = with_help_flag(with_long_help(Cli::command()))
        .mut_subcommands(pointing)
        .mut_subcommand("import", |import| {
            // `import upload` shows --wait-timeout and leaves --wait (an upload always waits)
            // to --help: copies of the import's flags, which clap then does not propagate.
            let copy = |id: &str, hidden: bool| {
                import
                    .get_arguments()
                    .find(|a| a.get_id() == id)
                    .cloned()
                    .map(|a| a.hide_short_help(hidden).help_heading(None::<&str>))
            };
            let own: Vec<clap::Arg> = [copy("wait", true), copy("wait_timeout", false)]
                .into_iter()
                .flatten()
                .collect();
            import.mut_subcommand("upload", |upload| upload::short_help(upload.args(own)))
        });
    let mut cmd = cmd;
    cmd.build();
    cmd
}

/// `-h` and `--help` as clap makes them, but left out of `-h` itself: its last line already
/// says to add --help, and every line counts on a screen of 24 with the prompt.
fn with_help_flag(cmd: clap::Command) -> clap::Command {
    // The first screen keeps to 20 lines with every command: -V is in --help.
    let version = clap::Arg::new("version")
        .short('V')
        .long("version")
        .action(clap::ArgAction::Version)
        .help("Print version")
        .long_help("Print version")
        .help_heading(None::<&str>)
        .hide_short_help(true);
    cmd.disable_version_flag(true)
        .arg(version)
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help("Print help (see more with '--help')")
                .long_help("Print help")
                .global(true)
                .hide_short_help(true),
        )
}

/// An option left out of `-h` keeps its one line in `--help` and in the man pages (which read
/// only the long help of such an option).
fn with_long_help(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|a| match a.get_help().cloned() {
        Some(help) if a.is_hide_short_help_set() && a.get_long_help().is_none() => {
            a.long_help(help)
        }
        _ => a,
    })
}

/// Every command below the root ends its `-h` with where the options it leaves out are; its
/// `--help` keeps the epilogue it had.
fn pointing(cmd: clap::Command) -> clap::Command {
    let cmd = with_long_help(cmd).mut_subcommands(pointing);
    let short = cmd
        .get_after_help()
        .map(|s| s.to_string())
        .unwrap_or_default();
    let long = cmd
        .get_after_long_help()
        .map_or_else(|| short.clone(), |s| s.to_string());
    // `-h` keeps two one-line examples (a group's list of commands is its guide, so it keeps
    // none); `--help` has them all, and the notes after them.
    let group = cmd.has_subcommands();
    let lines: Vec<&str> = short
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .lines()
        .collect();
    let mut examples: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let continued = line.ends_with('\\') || (i > 0 && lines[i - 1].ends_with('\\'));
        if i == 0 || !continued {
            examples.push(line);
        }
    }
    examples.truncate(3);
    let pointer = if group || examples.len() < 2 {
        SHORT_HELP_POINTER.to_string()
    } else {
        format!("{}\n\n{SHORT_HELP_POINTER}", examples.join("\n"))
    };
    cmd.after_long_help(long).after_help(pointer)
}

/// The command line as parsed through `command()`, so that what runs is what the help shows.
pub fn parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    // Usage lines say `cloudconvert` on every system, never the file's own name
    // (`cloudconvert.exe`), so the help reads the same wherever it is shown.
    let matches = command().bin_name("cloudconvert").try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

impl Command {
    pub fn api_region(&self) -> Option<&str> {
        match self {
            Command::Completions { .. } => None,
            Command::Import(i) => i.source.api_region(),
            Command::Task(t) => t.api().api_region.as_deref(),
            Command::Job(j) => j.api().api_region.as_deref(),
            Command::Webhook(_) => None,
            Command::Auth(
                AuthCommand::Login { api }
                | AuthCommand::Status { api }
                | AuthCommand::Logout { api },
            ) => api.api_region.as_deref(),
        }
    }
}

/// Parsing helpers for the unit tests of every source: args and environment in, request out.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::error::Error;

    pub fn parse_with_env(args: &[&str], env: &[(&str, &str)]) -> Result<ImportRequest> {
        let cli = Cli::try_parse_from(std::iter::once("cloudconvert").chain(args.iter().copied()))
            .map_err(|e| Error::usage(e.to_string()))?;
        let Command::Import(i) = cli.command else {
            panic!("not an import: {args:?}")
        };
        i.source.to_request(&Env::from_pairs(env.iter().copied()))
    }

    pub fn parse(args: &[&str]) -> Result<ImportRequest> {
        parse_with_env(args, &[])
    }

    /// Asserts a usage error whose message or hint mentions `needle`.
    pub fn assert_usage(args: &[&str], env: &[(&str, &str)], needle: &str) {
        let e = parse_with_env(args, env).expect_err(&format!("{args:?} should be refused"));
        assert_eq!(e.exit, crate::error::Exit::Usage, "{args:?}");
        let text = format!("{} {}", e.message, e.hint.unwrap_or_default());
        assert!(
            text.contains(needle),
            "{args:?}: {text:?} should mention {needle:?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every example line of every help text, continuation lines joined.
    fn examples() -> Vec<(String, String, Vec<String>)> {
        fn walk(cmd: &clap::Command, path: String, out: &mut Vec<(String, String, Vec<String>)>) {
            for text in [cmd.get_after_help(), cmd.get_after_long_help()]
                .into_iter()
                .flatten()
            {
                let text = text.to_string();
                let mut lines = text.lines().skip_while(|l| *l != "Examples:").skip(1);
                let mut current: Vec<String> = Vec::new();
                for line in lines.by_ref().take_while(|l| !l.is_empty()) {
                    current.push(line.to_string());
                    if !line.ends_with('\\') {
                        let joined = current
                            .iter()
                            .map(|l| l.trim().trim_end_matches('\\').trim())
                            .collect::<Vec<_>>()
                            .join(" ");
                        out.push((path.clone(), joined, std::mem::take(&mut current)));
                    }
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, format!("{path} {}", sub.get_name()), out);
            }
        }
        let mut out = Vec::new();
        walk(&command(), "cloudconvert".into(), &mut out);
        out
    }

    /// A shell line split into words, as bash, zsh and fish would: quotes removed, the words
    /// of each `cloudconvert` command up to a pipe, redirection, comment or closing `)`.
    fn commands_in(line: &str) -> Vec<Vec<String>> {
        commands_with(line, false)
    }

    /// As `commands_in`, where `globs` says whether an unquoted glob may stand in the line
    /// (the docs' `cp man/*.1`); help examples are copied into zsh, where one fails.
    fn commands_with(line: &str, globs: bool) -> Vec<Vec<String>> {
        let mut commands = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        let mut chars = line.chars().peekable();
        let mut quote: Option<char> = None;
        let finish = |words: &mut Vec<String>, commands: &mut Vec<Vec<String>>| {
            if let Some(at) = words.iter().position(|w| w == "cloudconvert") {
                commands.push(words[at..].to_vec());
            }
            words.clear();
        };
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.push(c),
                (None, '\'' | '"') => {
                    quote = Some(c);
                    in_word = true;
                }
                (None, ' ') => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                (None, '(') => {
                    // A subshell or elvish's `eval (…)`: its command starts here.
                    words.clear();
                    word.clear();
                    in_word = false;
                }
                (None, '$' | '<') if chars.peek() == Some(&'(') => {
                    // A command substitution: its command starts here.
                    chars.next();
                    words.clear();
                    word.clear();
                    in_word = false;
                }
                (None, '|' | ')' | '>' | '<' | ';' | '&' | '#') => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                    finish(&mut words, &mut commands);
                    if c == '#' {
                        return commands;
                    }
                }
                (None, c) => {
                    assert!(
                        globs || !matches!(c, '[' | ']' | '*' | '?'),
                        "{line:?}: an unquoted {c} is a glob in zsh"
                    );
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if in_word {
            words.push(word);
        }
        finish(&mut words, &mut commands);
        commands
    }

    #[test]
    fn every_example_parses_with_the_real_parser() {
        let examples = examples();
        assert!(examples.len() > 30, "{} examples", examples.len());
        for (page, line, _) in &examples {
            let commands = commands_in(line);
            assert!(
                !commands.is_empty(),
                "{page}: {line:?} runs no cloudconvert"
            );
            for words in commands {
                // A shell variable stands for a task id or a secret.
                let words: Vec<String> = words
                    .into_iter()
                    .map(|w| {
                        if w.starts_with('$') {
                            "3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f".into()
                        } else {
                            w
                        }
                    })
                    .collect();
                let result = Cli::try_parse_from(&words);
                assert!(result.is_ok(), "{page}: {line:?}: {}", result.unwrap_err());
            }
        }
    }

    /// Every line of a shell block in README.md and docs/, continuation lines joined.
    fn documented_lines() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pages = vec![root.join("README.md")];
        let mut docs: Vec<_> = std::fs::read_dir(root.join("docs"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        docs.sort();
        pages.extend(docs);
        let mut out = Vec::new();
        for page in pages {
            let text = std::fs::read_to_string(&page).unwrap();
            let name = page.strip_prefix(root).unwrap().display().to_string();
            let (mut fenced, mut shell) = (false, false);
            let (mut current, mut prose) = (String::new(), String::new());
            for line in text.lines() {
                let trimmed = line.trim_start();
                if let Some(info) = trimmed.strip_prefix("```") {
                    fenced = !fenced;
                    shell = fenced && matches!(info, "sh" | "bash" | "console" | "powershell");
                    continue;
                }
                if !fenced {
                    prose.push_str(line);
                    prose.push(' ');
                }
                if !shell {
                    continue;
                }
                current.push_str(trimmed.trim_end_matches('\\'));
                current.push(' ');
                if !line.ends_with('\\') {
                    out.push((name.clone(), std::mem::take(&mut current)));
                }
            }
            // A command in the prose, unless it stands for many (`…`, `COMMAND`).
            for span in prose.split('`').skip(1).step_by(2) {
                let many = ["...", "…", "COMMAND"].iter().any(|m| span.contains(m));
                if span.starts_with("cloudconvert ") && !many {
                    out.push((name.clone(), span.to_string()));
                }
            }
        }
        out
    }

    #[test]
    fn every_example_in_the_readme_and_docs_parses_with_the_real_parser() {
        let mut parsed = 0;
        for (page, line) in documented_lines() {
            for words in commands_with(&line, true) {
                let words: Vec<String> = words
                    .into_iter()
                    .map(|w| {
                        if w.starts_with('$') {
                            "3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f".into()
                        } else {
                            w
                        }
                    })
                    .collect();
                use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
                let result = Cli::try_parse_from(&words);
                if let Err(e) = result {
                    // `--help` and `--version` end parsing by showing what they show.
                    assert!(
                        matches!(e.kind(), DisplayHelp | DisplayVersion),
                        "{page}: {line:?}: {e}"
                    );
                }
                parsed += 1;
            }
        }
        // The README alone has a dozen; a parser that found none would pass every page.
        assert!(
            parsed > 30,
            "{parsed} examples found in README.md and docs/"
        );
    }

    #[test]
    fn examples_are_printed_as_written_at_80_columns() {
        fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
            out.push(cmd.clone().term_width(80).render_long_help().to_string());
            out.push(cmd.clone().term_width(80).render_help().to_string());
            for sub in cmd.get_subcommands() {
                walk(sub, out);
            }
        }
        let mut rendered = Vec::new();
        walk(&command(), &mut rendered);
        let all = rendered.join("\n");
        for (page, _, lines) in examples() {
            for l in lines {
                assert!(l.len() <= 78, "{page}: {l:?} is too long for 80 columns");
                assert!(
                    all.lines().any(|r| r == l),
                    "{page}: {l:?} is re-wrapped in the help"
                );
            }
        }
    }

    #[test]
    fn global_options_before_or_after_the_subcommand() {
        let before = Cli::try_parse_from([
            "cloudconvert",
            "--dry-run",
            "-o",
            "id",
            "import",
            "url",
            "https://x/y",
        ])
        .unwrap();
        let after = Cli::try_parse_from([
            "cloudconvert",
            "import",
            "url",
            "https://x/y",
            "--dry-run",
            "-o",
            "id",
        ])
        .unwrap();
        for cli in [before, after] {
            assert!(cli.global.dry_run);
            assert_eq!(cli.global.output, OutputFormat::Id);
        }
    }

    #[test]
    fn region_after_s3_is_the_bucket_region_and_before_it_the_api_region() {
        let cli = Cli::try_parse_from([
            "cloudconvert",
            "--region",
            "us-east",
            "import",
            "s3",
            "--region",
            "eu-west-1",
            "--bucket",
            "b",
            "--key",
            "k",
        ])
        .unwrap();
        assert_eq!(cli.global.region.as_deref(), Some("us-east"));
        let Command::Import(import) = &cli.command else {
            panic!()
        };
        let ImportSource::S3(s3) = &import.source else {
            panic!()
        };
        assert_eq!(s3.region.as_deref(), Some("eu-west-1"));
        assert_eq!(cli.command.api_region(), None);

        let cli = Cli::try_parse_from([
            "cloudconvert",
            "import",
            "url",
            "https://x/y",
            "--region",
            "eu-central",
        ])
        .unwrap();
        assert_eq!(cli.command.api_region(), Some("eu-central"));
    }

    #[test]
    fn wait_flags_on_every_import() {
        let cli = Cli::try_parse_from([
            "cloudconvert",
            "import",
            "sftp",
            "sftp://u@h/f",
            "--password",
            "p",
            "--wait",
            "--wait-timeout",
            "5",
        ])
        .unwrap();
        let Command::Import(i) = cli.command else {
            panic!()
        };
        assert!(i.wait.wait);
        assert_eq!(i.wait.wait_timeout, 5);
    }

    #[test]
    fn aliases() {
        for (alias, ok) in [
            ("azure-blob", true),
            ("google-cloud-storage", true),
            ("blob", false),
        ] {
            let r = Cli::try_parse_from(["cloudconvert", "import", alias, "--help"]);
            assert_eq!(
                r.as_ref().err().map(|e| e.kind()) == Some(clap::error::ErrorKind::DisplayHelp),
                ok,
                "{alias}"
            );
        }
    }
}
