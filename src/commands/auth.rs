//! `auth login | status | logout`: the API key kept in the config file.

use crate::cli::AuthCommand;
use crate::config::{self, FileConfig, KeySource, Settings};
use crate::error::{Error, Exit, Result};
use crate::http::Http;
use crate::output;
use std::io::{IsTerminal, Read};
use std::path::Path;

/// `sandbox_flag`: `--sandbox` was given, so a key checked against the sandbox is stored with
/// `sandbox = true` (a sandbox key is refused by the production API).
pub fn run(cmd: &AuthCommand, settings: &Settings, sandbox_flag: bool) -> Result<Exit> {
    match cmd {
        AuthCommand::Login { .. } => login(settings, sandbox_flag),
        AuthCommand::Status { .. } => status(settings),
        AuthCommand::Logout { .. } => logout(settings),
    }
}

fn login(settings: &Settings, sandbox_flag: bool) -> Result<Exit> {
    let key = read_key()?;
    crate::secret::register(&key);
    let check = Settings {
        api_key: Some(config::ApiKey {
            value: key.clone(),
            source: KeySource::Flag,
        }),
        ..settings.clone()
    };
    let user = account(&Http::new(&check)?)?;
    let path = config_file(settings)?;
    let mut file = config::load(path, false)?;
    file.api_key = Some(key);
    if sandbox_flag {
        file.sandbox = Some(true);
    }
    write_config(path, &file)?;
    if !settings.quiet {
        output::note(&match user {
            Some(user) => format!(
                "key accepted by {}; stored in {}",
                user.get("email")
                    .and_then(|e| e.as_str())
                    .unwrap_or("the API"),
                path.display()
            ),
            None => format!(
                "key accepted for tasks (it cannot read the account: no user.read scope, which imports do not need); stored in {}",
                path.display()
            ),
        });
    }
    Ok(Exit::Ok)
}

/// `GET /v2/users/me`: the account, or `None` for a valid key without the `user.read` scope
/// (a careful user's import-only key), which the API answers with 403. A 401 is a refusal.
fn account(http: &Http) -> Result<Option<serde_json::Value>> {
    match http.get("users/me") {
        Ok(user) => Ok(Some(user)),
        Err(e) if e.http_status == Some(403) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The key from stdin, or from a prompt without echo when stdin is a terminal.
fn read_key() -> Result<String> {
    let mut key = String::new();
    if std::io::stdin().is_terminal() {
        eprint!("Paste your CloudConvert API key (input hidden): ");
        key = read_hidden()?;
        eprintln!();
    } else {
        std::io::stdin()
            .read_to_string(&mut key)
            .map_err(|e| Error::usage(format!("cannot read the key from stdin: {e}")))?;
    }
    let key = key.trim().to_string();
    if key.is_empty() {
        return Err(Error::usage("no API key was given")
            .with_hint("pipe the key in: printf '%s' \"$KEY\" | cloudconvert auth login"));
    }
    Ok(key)
}

/// One line from the terminal with echo off (restored whatever happens).
#[cfg(unix)]
fn read_hidden() -> Result<String> {
    let tty_off = std::process::Command::new("stty")
        .arg("-echo")
        .stdin(std::process::Stdio::inherit())
        .status();
    let mut line = String::new();
    let read = std::io::stdin().read_line(&mut line);
    if tty_off.is_ok() {
        let _ = std::process::Command::new("stty")
            .arg("echo")
            .stdin(std::process::Stdio::inherit())
            .status();
    }
    read.map_err(|e| Error::usage(format!("cannot read the key: {e}")))?;
    Ok(line)
}

#[cfg(not(unix))]
fn read_hidden() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::usage(format!("cannot read the key: {e}")))?;
    Ok(line)
}

fn status(settings: &Settings) -> Result<Exit> {
    let key = settings.require_key()?;
    let from = match &settings.api_key.as_ref().map(|k| &k.source) {
        Some(KeySource::Flag) => "the --api-key flag".to_string(),
        Some(KeySource::Env) => "CLOUDCONVERT_API_KEY".to_string(),
        Some(KeySource::File(p)) => p.display().to_string(),
        None => unreachable!("require_key checked it"),
    };
    let masked = mask(key);
    match account(&Http::new(settings)?) {
        Ok(Some(user)) => {
            let who = user.get("email").and_then(|e| e.as_str()).unwrap_or("?");
            output::note(&format!(
                "API key {masked} from {from}: accepted by {} as {who}",
                settings.hosts.api
            ));
            Ok(Exit::Ok)
        }
        Ok(None) => {
            output::note(&format!(
                "API key {masked} from {from}: accepted by {} (it cannot read the account: no user.read scope, which imports do not need)",
                settings.hosts.api
            ));
            Ok(Exit::Ok)
        }
        Err(e) => {
            output::note(&format!(
                "API key {masked} from {from}: not accepted by {}",
                settings.hosts.api
            ));
            Err(e)
        }
    }
}

fn logout(settings: &Settings) -> Result<Exit> {
    let path = config_file(settings)?;
    let mut file = config::load(path, false)?;
    if file.api_key.take().is_none() {
        output::note(&format!("no API key stored in {}", path.display()));
        return Ok(Exit::Ok);
    }
    write_config(path, &file)?;
    if !settings.quiet {
        output::note(&format!("removed the API key from {}", path.display()));
    }
    Ok(Exit::Ok)
}

fn config_file(settings: &Settings) -> Result<&Path> {
    settings.config_path.as_deref().ok_or_else(|| {
        Error::usage("cannot tell where the config file goes (no config directory)")
            .with_hint("set HOME, or pass --config PATH")
    })
}

/// The first and last four characters, so two keys can be told apart without showing either.
fn mask(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 12 {
        return "***".into();
    }
    format!(
        "{}…{}",
        chars[..4].iter().collect::<String>(),
        chars[chars.len() - 4..].iter().collect::<String>()
    )
}

/// Writes the config with mode 0600 from the start, so the key is never readable by others.
fn write_config(path: &Path, config: &FileConfig) -> Result<()> {
    let text = toml::to_string(config)
        .map_err(|e| Error::failure(format!("cannot write the config: {e}")))?;
    let io = |e: std::io::Error| Error::failure(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(io)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    std::io::Write::write_all(&mut f, text.as_bytes()).map_err(io)
}

#[cfg(test)]
mod tests {
    #[test]
    fn mask_shows_only_the_ends() {
        assert_eq!(
            super::mask("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9"),
            "eyJ0…NiJ9"
        );
        assert_eq!(super::mask("short"), "***");
    }
}
