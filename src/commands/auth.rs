//! `auth login | status | logout`: the API key kept in the config file.

use crate::api::client::Client;
use crate::cli::AuthCommand;
use crate::config::{self, FileConfig, KeySource, Settings};
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use std::io::{IsTerminal, Read};
use std::path::Path;

pub fn run(cmd: &AuthCommand, settings: &Settings, out: &Printer) -> Result<Exit> {
    warn_if_overridden(settings, matches!(cmd, AuthCommand::Login { .. }), out);
    match cmd {
        AuthCommand::Login { .. } => login(settings, out),
        AuthCommand::Status { .. } => status(settings, out),
        AuthCommand::Logout { .. } => logout(settings, out),
    }
}

/// A key in `CLOUDCONVERT_API_KEY` beats the stored one: say so, or login and logout would
/// seem to have no effect. For status and logout only when the config file holds a key to be
/// beaten.
fn warn_if_overridden(settings: &Settings, login: bool, out: &Printer) {
    if settings.api_key.as_ref().map(|k| &k.source) != Some(&KeySource::Env) {
        return;
    }
    if login {
        out.warn("CLOUDCONVERT_API_KEY is set: commands will use it, not the key stored now");
        return;
    }
    let stored = settings
        .config_path
        .as_deref()
        .and_then(|p| config::load(p, false).ok())
        .is_some_and(|f| f.api_key.is_some_and(|k| !k.is_empty()));
    if stored {
        out.warn("CLOUDCONVERT_API_KEY is set: commands use it, not the key in the config file");
    }
}

/// Checks the key (`--api-key`, else stdin or a prompt) against the environment given now
/// (`--sandbox` or `CLOUDCONVERT_SANDBOX`, never the file's old setting) and stores exactly
/// that: the key, and `sandbox = true` only for a sandbox key (a sandbox key is refused by the
/// production API, and a production key by the sandbox).
fn login(settings: &Settings, out: &Printer) -> Result<Exit> {
    let key = match &settings.api_key {
        Some(k) if k.source == KeySource::Flag => k.value.clone(),
        _ => read_key(out)?,
    };
    crate::secret::register(&key);
    let check = Settings {
        api_key: Some(config::ApiKey {
            value: key.clone(),
            source: KeySource::Login,
        }),
        ..settings.clone()
    };
    let user = account(&super::client(&check, out)?)?;
    let path = config_file(settings)?;
    let mut file = config::load(path, false)?;
    file.api_key = Some(key);
    file.sandbox = settings.sandbox.then_some(true);
    write_config(path, &file)?;
    out.tell(&match user {
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
    Ok(Exit::Ok)
}

/// `GET /v2/users/me`: the account, or `None` for a valid key without the `user.read` scope
/// (a careful user's import-only key), which the API answers with 403. A 401 is a refusal.
fn account(http: &Client) -> Result<Option<serde_json::Value>> {
    match http.get("users/me") {
        Ok(user) => Ok(Some(user)),
        Err(e) if e.http_status == Some(403) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The key from stdin, or from a prompt without echo when stdin is a terminal.
/// Where a key comes from and what it needs, said before the prompt asks for one.
const KEY_WHERE: &str = "create a key at https://cloudconvert.com/dashboard/api/v2/keys (for --sandbox, in the sandbox's dashboard) with the scopes task.read (show, list, wait) and task.write (imports); user.read is optional and lets `auth status` name the account";

fn read_key(out: &Printer) -> Result<String> {
    let mut key = String::new();
    if std::io::stdin().is_terminal() {
        out.note(KEY_WHERE);
        out.prompt("Paste your CloudConvert API key (input hidden): ");
        key = read_hidden()?;
        out.prompt("\n");
    } else {
        std::io::stdin()
            .read_to_string(&mut key)
            .map_err(|e| Error::usage(format!("cannot read the key from stdin: {e}")))?;
    }
    let key = config::checked_key(&key)?;
    if key.is_empty() {
        return Err(Error::usage("no API key was given")
            .with_hint("pipe the key in: printf '%s' \"$KEY\" | cloudconvert auth login"));
    }
    Ok(key)
}

fn read_hidden() -> Result<String> {
    crate::console::read_hidden_line()
        .map_err(|e| Error::usage(format!("cannot read the key: {e}")))
}

fn status(settings: &Settings, out: &Printer) -> Result<Exit> {
    let key = settings.require_key()?;
    let from = match &settings.api_key.as_ref().map(|k| &k.source) {
        Some(KeySource::Flag) => "the --api-key flag".to_string(),
        Some(KeySource::Env) => "CLOUDCONVERT_API_KEY".to_string(),
        Some(KeySource::File(p)) => p.display().to_string(),
        Some(KeySource::Login) | None => unreachable!("require_key checked it"),
    };
    let masked = mask(key);
    match account(&super::client(settings, out)?) {
        Ok(Some(user)) => {
            let who = user.get("email").and_then(|e| e.as_str()).unwrap_or("?");
            out.note(&format!(
                "API key {masked} from {from}: accepted by {} as {who}",
                settings.hosts.api
            ));
            Ok(Exit::Ok)
        }
        Ok(None) => {
            out.note(&format!(
                "API key {masked} from {from}: accepted by {} (it cannot read the account: no user.read scope, which imports do not need)",
                settings.hosts.api
            ));
            Ok(Exit::Ok)
        }
        Err(mut e) => {
            e.message = format!("API key {masked} from {from}: {}", e.message);
            Err(e)
        }
    }
}

fn logout(settings: &Settings, out: &Printer) -> Result<Exit> {
    let path = config_file(settings)?;
    let mut file = config::load(path, false)?;
    // The sandbox setting belongs to the stored key: it goes with it.
    if file.api_key.take().is_none() {
        out.note(&format!("no API key stored in {}", path.display()));
        return Ok(Exit::Ok);
    }
    file.sandbox = None;
    write_config(path, &file)?;
    out.tell(&format!("removed the API key from {}", path.display()));
    Ok(Exit::Ok)
}

fn config_file(settings: &Settings) -> Result<&Path> {
    settings.config_path.as_deref().ok_or_else(|| {
        Error::usage("cannot tell where the config file goes (no config directory)").with_hint(
            if cfg!(windows) {
                "set %APPDATA%, or pass --config PATH"
            } else {
                "set HOME, or pass --config PATH"
            },
        )
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

/// Writes the config safely: a temporary file with mode 0600 in the same directory, flushed to
/// disk, then renamed over the old one, so a failed write never empties the file (losing the key)
/// and the key is never readable by others. A symbolic link at the path (a dotfile manager's) is
/// written through to the file it points to; a link to nothing is refused rather than creating
/// a file wherever it points.
fn write_config(path: &Path, config: &FileConfig) -> Result<()> {
    let text = toml::to_string(config)
        .map_err(|e| Error::failure(format!("cannot write the config: {e}")))?;
    let io = |e: std::io::Error| Error::failure(format!("cannot write {}: {e}", path.display()));
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|_| {
            Error::failure(format!(
                "{} is a symbolic link to a file that does not exist",
                path.display()
            ))
            .with_hint("remove the link or create its target, or pass --config with another path")
        })?,
        _ => path.to_path_buf(),
    };
    let dir = match target.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => std::path::PathBuf::from("."),
    };
    // A new folder is the user's alone (0700 on Unix), whatever the umask: a folder others can
    // write to makes the config file unusable (see config::load).
    let mut folder = std::fs::DirBuilder::new();
    folder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut folder, 0o700);
    folder.create(&dir).map_err(io)?;
    // tempfile creates the file with mode 0600 on Unix.
    let mut tmp = tempfile::Builder::new()
        .prefix(".config.toml.")
        .tempfile_in(&dir)
        .map_err(io)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
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
