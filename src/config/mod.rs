//! The settings the program runs with: global flags, then `CLOUDCONVERT_*` variables, then the
//! config file, then defaults.

// Who may change or read the config file: owners and modes on Unix, ACLs elsewhere.
#[cfg(not(unix))]
mod other;
#[cfg(not(unix))]
use other as imp;
#[cfg(unix)]
mod unix;
use imp::{refuse_if_others_can_change, shared_warning};
#[cfg(unix)]
use unix as imp;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::env::Env;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const PRODUCTION: &str = "https://api.cloudconvert.com/v2";
pub const SANDBOX: &str = "https://api.sandbox.cloudconvert.com/v2";
pub use crate::net::failure::REGIONS;
pub const SYNC_PRODUCTION: &str = "https://sync.api.cloudconvert.com/v2";
pub const SYNC_SANDBOX: &str = "https://sync.api.sandbox.cloudconvert.com/v2";

/// The keys of `config.toml`.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_url: Option<String>,
}

pub use crate::api::client::KeySource;

#[derive(Debug, Clone)]
pub struct ApiKey {
    pub value: String,
    pub source: KeySource,
}

/// The API's hosts, as chosen by `--api-url`, `--sync-url`, `--sandbox` or `--region`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    /// Base URL ending in `/v2`, without a trailing slash.
    pub api: String,
    /// The sync host's base URL (`/v2`), which answers `GET tasks/{id}` once the task has
    /// ended. `None` with `--api-url` and no sync URL: then waits poll the API host.
    pub sync: Option<String>,
}

/// What reading the settings has to tell the person: the command prints it, this module
/// never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Warning(String),
    /// For `-v` only.
    Verbose(String),
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub api_key: Option<ApiKey>,
    /// The sandbox was chosen (flag, variable, or config file).
    pub sandbox: bool,
    pub hosts: Hosts,
    /// `None` when no config directory is known (no HOME): then there is no config file.
    pub config_path: Option<PathBuf>,
    pub output: OutputFormat,
    pub dry_run: bool,
    pub timeout: Duration,
    pub retries: u32,
    /// Warnings and `-v` lines from reading the settings, in order.
    pub said: Vec<Said>,
}

/// What the settings are for, which changes how the config file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Every command but `auth login`.
    Run,
    /// `auth login`: the file named by `--config` may not exist yet (login creates it), and its
    /// `sandbox` is not read: login checks and stores the environment given now.
    Login,
}

impl Settings {
    /// `api_region` is the CloudConvert region given after the subcommand, where the subcommand
    /// has no `--region` of its own.
    pub fn resolve(
        global: &GlobalArgs,
        api_region: Option<&str>,
        env: &Env,
        purpose: Purpose,
    ) -> Result<Settings> {
        let config_path = config_path(global.config.as_deref(), env);
        let mut said = Vec::new();
        let explicit = (global.config.is_some() || env.peek("CLOUDCONVERT_CONFIG").is_some())
            && purpose == Purpose::Run;
        // A config path that cannot be a file (a folder on the way is a file) matters only if
        // the key must come from it: otherwise a warning, and no config.
        let (file, unreadable) = match &config_path {
            Some(path) if !explicit && blocked_by_a_file(path).is_some() => {
                (FileConfig::default(), load(path, explicit).err())
            }
            Some(path) => (load(path, explicit)?, None),
            None => (FileConfig::default(), None),
        };
        if file.api_key.is_some()
            && let Some(w) = config_path.as_deref().and_then(shared_warning)
        {
            said.push(Said::Warning(w));
        }
        let api_key = api_key(global, env, &file, config_path.as_deref());
        if let Some(problem) = unreadable {
            if api_key.is_none() {
                return Err(problem);
            }
            said.push(Said::Warning(format!(
                "{}; going on without it",
                problem.message
            )));
        }
        let api_key = api_key.map(|k| trimmed(k, &mut said)).transpose()?;
        let sandbox = sandbox(global, env, &file, purpose)?;
        let hosts = chosen_hosts(global, api_region, env, &file, sandbox)?;
        Ok(Settings {
            api_key,
            sandbox,
            hosts,
            config_path,
            output: global.output,
            dry_run: global.dry_run,
            timeout: Duration::from_secs(global.timeout),
            retries: global.retries,
            said,
        })
    }

    /// The API key, or the error that says every way to give one.
    pub fn require_key(&self) -> Result<&str> {
        match &self.api_key {
            Some(k) => Ok(&k.value),
            None => Err(Error::new(crate::error::Exit::Refused, "no API key found").with_hint(format!(
                "set CLOUDCONVERT_API_KEY, pass --api-key, or run `cloudconvert auth login` to store it in {}",
                self.config_path
                    .as_ref()
                    .map_or_else(|| "the config file".to_string(), |p| p.display().to_string())
            ))),
        }
    }
}

/// The key: `--api-key`, else `CLOUDCONVERT_API_KEY`, else the config file's.
fn api_key(
    global: &GlobalArgs,
    env: &Env,
    file: &FileConfig,
    config_path: Option<&Path>,
) -> Option<ApiKey> {
    if let Some(v) = &global.api_key {
        return Some(ApiKey {
            value: v.clone(),
            source: KeySource::Flag,
        });
    }
    if let Some(v) = env.get("CLOUDCONVERT_API_KEY") {
        return Some(ApiKey {
            value: v,
            source: KeySource::Env,
        });
    }
    file.api_key
        .clone()
        .filter(|k| !k.is_empty())
        .map(|value| ApiKey {
            value,
            source: KeySource::File(config_path.map(Path::to_path_buf).unwrap_or_default()),
        })
}

/// The key registered as a secret and checked (`checked_key`); a trim is said under `-v`.
fn trimmed(mut key: ApiKey, said: &mut Vec<Said>) -> Result<ApiKey> {
    crate::secret::register(&key.value);
    let trimmed = checked_key(&key.value)?;
    if trimmed != key.value {
        said.push(Said::Verbose(
            "the API key had spaces or a line break around it; they were trimmed".into(),
        ));
    }
    key.value = trimmed;
    Ok(key)
}

/// `--sandbox`, else `CLOUDCONVERT_SANDBOX`, else (but for `auth login`, which stores the
/// environment given now) the config file's.
fn sandbox(global: &GlobalArgs, env: &Env, file: &FileConfig, purpose: Purpose) -> Result<bool> {
    if global.sandbox {
        return Ok(true);
    }
    if let Some(v) = env.get("CLOUDCONVERT_SANDBOX") {
        return parse_bool(&v).ok_or_else(|| {
            Error::usage(format!(
                "CLOUDCONVERT_SANDBOX is {v:?}; set it to true, 1, false or 0"
            ))
        });
    }
    Ok(purpose != Purpose::Login && file.sandbox.unwrap_or(false))
}

/// The API's hosts: each of the region, the API origin and the sync origin from its flag,
/// else its variable, else the config file.
fn chosen_hosts(
    global: &GlobalArgs,
    api_region: Option<&str>,
    env: &Env,
    file: &FileConfig,
    sandbox: bool,
) -> Result<Hosts> {
    let region = global
        .region
        .clone()
        .or_else(|| api_region.map(str::to_string))
        .or_else(|| env.get("CLOUDCONVERT_REGION"))
        .or_else(|| file.region.clone());
    let api_url = global
        .api_url
        .clone()
        .or_else(|| env.get("CLOUDCONVERT_API_URL"))
        .or_else(|| file.api_url.clone());
    let sync_url = global
        .sync_url
        .clone()
        .or_else(|| env.get("CLOUDCONVERT_SYNC_URL"))
        .or_else(|| file.sync_url.clone());
    let mut hosts = hosts(api_url.as_deref(), sandbox, region.as_deref())?;
    if let Some(s) = sync_url {
        hosts.sync = Some(normalize_origin(
            &s,
            "sync URL",
            "--sync-url or CLOUDCONVERT_SYNC_URL",
        )?);
    }
    Ok(hosts)
}

/// The key as it goes into the `Authorization` header: surrounding whitespace (a copy-paste's
/// or `cat`'s final newline) trimmed; a line break or another byte a header cannot carry inside
/// it is exit 4, not a network error after the task may have been created.
pub fn checked_key(key: &str) -> Result<String> {
    let trimmed = key.trim();
    let problem = if trimmed.contains(['\n', '\r']) {
        Some("contains a line break")
    } else if trimmed.chars().any(|c| !(c.is_ascii_graphic() || c == ' ')) {
        Some("contains a character that cannot go in an HTTP header")
    } else {
        None
    };
    match problem {
        Some(p) => Err(Error::new(crate::error::Exit::Refused, format!("the API key {p}"))
            .with_hint("copy the key again from https://cloudconvert.com/dashboard/api/v2/keys; it is one line of letters, digits and punctuation")),
        None => Ok(trimmed.to_string()),
    }
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// `--config`, then `CLOUDCONVERT_CONFIG`, then `config.toml` in `CLOUDCONVERT_CONFIG_DIR`,
/// then `<config dir>/cloudconvert/config.toml`.
pub fn config_path(flag: Option<&Path>, env: &Env) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = env.get("CLOUDCONVERT_CONFIG") {
        return Some(PathBuf::from(p));
    }
    // A folder of its own, as GH_CONFIG_DIR is for gh: where the default file lives (a missing
    // one is fine), for a CI job's own folder or a second account.
    if let Some(d) = env.get("CLOUDCONVERT_CONFIG_DIR") {
        return Some(PathBuf::from(d).join("config.toml"));
    }
    config_dir(env).map(|d| d.join("cloudconvert").join("config.toml"))
}

/// The folder configs live in. On Windows `%APPDATA%` rules when it holds a whole path, as it
/// does for git and npm (and as the hints say); the shell folder the system names comes next.
fn config_dir(env: &Env) -> Option<PathBuf> {
    if cfg!(windows)
        && let Some(d) = env.get("APPDATA").map(PathBuf::from)
        && d.is_absolute()
    {
        return Some(d);
    }
    dirs::config_dir()
}

/// The folder on the way to `path` that is a file, if one is (`~/.config/cloudconvert` made a
/// file by mistake): then no config file can be there.
fn blocked_by_a_file(path: &Path) -> Option<&Path> {
    path.ancestors()
        .skip(1)
        .find(|a| std::fs::metadata(a).is_ok_and(|m| !m.is_dir()))
}

/// Reads the config file. A missing file is an empty config, unless the user named it.
pub fn load(path: &Path, explicit: bool) -> Result<FileConfig> {
    let read = std::fs::File::open(path).and_then(|mut f| {
        // The file opened is the one judged: its mode and owner before a byte of it is used.
        let meta = f.metadata()?;
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text)?;
        Ok((text, meta))
    });
    let text = match read {
        Ok((t, meta)) => {
            refuse_if_others_can_change(path, &meta)?;
            t
        }
        // Before "missing": Windows says a path through a file is not found, Linux that it is
        // not a directory.
        Err(_) if blocked_by_a_file(path).is_some() => {
            let file = blocked_by_a_file(path).unwrap_or(path);
            return Err(Error::usage(format!(
                "cannot read config file {}: {} is a file, not a directory",
                path.display(),
                file.display()
            ))
            .with_hint(format!(
                "move {} away, or name another config file with --config",
                file.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok(FileConfig::default());
        }
        Err(e) => {
            return Err(
                Error::usage(format!("cannot read config file {}: {e}", path.display()))
                    .with_hint("fix the path given by --config or CLOUDCONVERT_CONFIG"),
            );
        }
    };
    let config: FileConfig = toml::from_str(&text).map_err(|e| {
        Error::usage(format!(
            "config file {} is not valid: {}",
            path.display(),
            e.message()
        ))
        .with_hint("the keys are api_key, sandbox, region, api_url and sync_url")
    })?;
    Ok(config)
}

/// Picks the API host: an explicit origin beats the sandbox, which beats a region.
pub fn hosts(api_url: Option<&str>, sandbox: bool, region: Option<&str>) -> Result<Hosts> {
    if let Some(origin) = api_url {
        return Ok(Hosts {
            api: normalize_origin(origin, "API URL", "--api-url or CLOUDCONVERT_API_URL")?,
            sync: None,
        });
    }
    if let Some(r) = region
        && (r.is_empty()
            || !r
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
    {
        return Err(Error::usage(format!("region {r:?} is not a region name"))
            .with_hint(format!("the known regions are {}", REGIONS.join(", "))));
    }
    // The sandbox has a single host; a region set in the environment or config is not an error.
    let (api, sync) = match (sandbox, region) {
        (true, _) => (SANDBOX.into(), SYNC_SANDBOX.into()),
        (false, Some(r)) => (
            format!("https://{r}.api.cloudconvert.com/v2"),
            format!("https://{r}.sync.api.cloudconvert.com/v2"),
        ),
        (false, None) => (PRODUCTION.into(), SYNC_PRODUCTION.into()),
    };
    Ok(Hosts {
        api,
        sync: Some(sync),
    })
}

/// `http://127.0.0.1:8080`, `…/`, `…/v2` and `…/v2/` all mean the API at `…/v2`.
fn normalize_origin(origin: &str, what: &str, given_by: &str) -> Result<String> {
    let bad = || {
        Error::usage(format!("{what} {origin:?} is not an http(s) URL")).with_hint(format!(
            "give an origin such as http://127.0.0.1:8080 to {given_by}"
        ))
    };
    let url = reqwest::Url::parse(origin.trim()).map_err(|_| bad())?;
    if !url.username().is_empty() || url.password().is_some() {
        // Never echoed: the URL holds a secret, and would send a second Authorization header.
        return Err(Error::usage(format!("the {what} holds a user or password"))
            .with_hint(format!("drop the credentials from {given_by}; the API key goes in CLOUDCONVERT_API_KEY, --api-key or `cloudconvert auth login`")));
    }
    if !matches!(url.scheme(), "http" | "https")
        || url.host_str().is_none()
        || url.query().is_some()
    {
        return Err(bad());
    }
    let mut base = url.as_str().trim_end_matches('/').to_string();
    if base.ends_with("/v2") {
        base.truncate(base.len() - 3);
    }
    Ok(format!("{base}/v2"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// On Windows `%APPDATA%` places the default file (wine sets it itself for a program it
    /// runs, so only a unit test reaches this there), and a folder of the tool's own beats it.
    #[cfg(windows)]
    #[test]
    fn appdata_places_the_default_file_and_a_folder_of_its_own_beats_it() {
        let env = Env::from_pairs([("APPDATA", r"D:\roaming")]);
        assert_eq!(
            config_path(None, &env),
            Some(PathBuf::from(r"D:\roaming\cloudconvert\config.toml"))
        );
        let env = Env::from_pairs([
            ("APPDATA", r"D:\roaming"),
            ("CLOUDCONVERT_CONFIG_DIR", r"D:\ci"),
        ]);
        assert_eq!(
            config_path(None, &env),
            Some(PathBuf::from(r"D:\ci\config.toml"))
        );
        // A relative one is no place to keep a key: the system's folder instead.
        let env = Env::from_pairs([("APPDATA", "roaming")]);
        assert_ne!(
            config_path(None, &env),
            Some(PathBuf::from(r"roaming\cloudconvert\config.toml"))
        );
    }

    #[test]
    fn origin_forms_all_mean_v2() {
        for o in [
            "http://127.0.0.1:9",
            "http://127.0.0.1:9/",
            "http://127.0.0.1:9/v2",
            "http://127.0.0.1:9/v2/",
        ] {
            assert_eq!(
                hosts(Some(o), false, None).unwrap().api,
                "http://127.0.0.1:9/v2",
                "{o}"
            );
        }
        assert_eq!(
            hosts(Some("http://h/proxy/"), false, None).unwrap().api,
            "http://h/proxy/v2"
        );
    }

    #[test]
    fn host_selection() {
        assert_eq!(hosts(None, false, None).unwrap().api, PRODUCTION);
        assert_eq!(
            hosts(None, false, None).unwrap().sync.as_deref(),
            Some(SYNC_PRODUCTION)
        );
        assert_eq!(
            hosts(None, true, Some("us-east")).unwrap().sync.as_deref(),
            Some(SYNC_SANDBOX)
        );
        assert_eq!(
            hosts(None, false, Some("eu-central"))
                .unwrap()
                .sync
                .as_deref(),
            Some("https://eu-central.sync.api.cloudconvert.com/v2")
        );
        assert_eq!(
            hosts(Some("http://127.0.0.1:9"), false, None).unwrap().sync,
            None,
            "with --api-url alone, waits poll the API origin"
        );
        assert_eq!(hosts(None, true, Some("us-east")).unwrap().api, SANDBOX);
        assert_eq!(
            hosts(None, false, Some("eu-central")).unwrap().api,
            "https://eu-central.api.cloudconvert.com/v2"
        );
        assert!(hosts(None, false, Some("evil.com/x")).is_err());
        assert!(hosts(Some("ftp://x"), false, None).is_err());
        assert!(hosts(Some("not a url"), false, None).is_err());
        let e = hosts(Some("https://user:pa55@proxy.example"), false, None).unwrap_err();
        assert!(!e.message.contains("pa55") && e.message.contains("user or password"));
    }

    #[test]
    fn keys_are_checked_before_use() {
        assert_eq!(checked_key("  abc.def-1\n").unwrap(), "abc.def-1");
        let e = checked_key("abc\ndef").unwrap_err();
        assert_eq!(e.exit, crate::error::Exit::Refused);
        assert_eq!(e.message, "the API key contains a line break");
        assert!(checked_key("abc\u{7f}def").is_err());
        assert!(checked_key("abcé").is_err());
    }

    #[test]
    fn sandbox_values() {
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("0"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
