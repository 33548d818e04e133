//! Runs a parsed command line: validate everything, then send (or, with `--dry-run`, show).
//! One file per command family; each takes plain settings and returns the exit status.

mod auth;
mod download;
mod import;
mod job;
mod resume;
mod task;
mod webhook;

use crate::cli::{AuthCommand, Cli, Command};
use crate::config::{Purpose, Settings};
use crate::env::Env;
use crate::error::{Exit, Result};
use crate::output::Printer;
use crate::secret;
use serde_json::{Value, json};

pub fn run(cli: Cli, env: Env, out: &Printer, run: &crate::run::Run) -> Result<Exit> {
    match &cli.command {
        Command::Import(args) => import::run(&cli, args, &env, out, run),
        Command::Task(cmd) => {
            let settings = settings(&cli, &env, out)?;
            task::run(cmd, &settings, out)
        }
        Command::Job(cmd) => {
            let settings = settings(&cli, &env, out)?;
            job::run(cmd, &settings, out, run)
        }
        Command::Webhook(cmd) => webhook::run(cmd, &env, out),
        Command::Completions { shell } => {
            out.stdout_raw(&crate::cli::completions::script(*shell));
            Ok(Exit::Ok)
        }
        Command::Auth(cmd) => {
            let settings = settings(&cli, &env, out)?;
            auth::run(cmd, &settings, out)
        }
    }
}

/// The settings, and what reading the environment and the config file has to say.
fn settings(cli: &Cli, env: &Env, out: &Printer) -> Result<Settings> {
    let purpose = match cli.command {
        Command::Auth(AuthCommand::Login { .. }) => Purpose::Login,
        _ => Purpose::Run,
    };
    let settings = Settings::resolve(&cli.global, cli.command.api_region(), env, purpose)?;
    crate::net::proxy::check(env)?;
    crate::net::trust::check_variables(env)?;
    for said in &settings.said {
        match said {
            crate::config::Said::Warning(w) => out.warn(w),
            crate::config::Said::Verbose(v) => out.verbose(v),
        }
    }
    env.notes().iter().for_each(|n| out.tell(n));
    for var in env.used() {
        out.verbose(&format!("using {var} from the environment"));
    }
    Ok(settings)
}

/// The API client, reporting to the printer.
fn client(settings: &Settings, out: &Printer) -> Result<crate::api::client::Client> {
    let key = settings.require_key()?;
    let source = settings
        .api_key
        .as_ref()
        .map_or(crate::api::client::KeySource::Flag, |k| k.source.clone());
    let setup = crate::api::client::Setup {
        key,
        key_source: source,
        api: &settings.hosts.api,
        sync: settings.hosts.sync.as_deref(),
        sandbox: settings.sandbox,
        timeout: settings.timeout,
        retries: settings.retries,
    };
    crate::api::client::Client::new(&setup, out.shared())
}

/// How the interrupt asks CloudConvert about a task: one look, given up at the time it is
/// given.
fn asker(api: &std::sync::Arc<crate::api::client::Client>) -> crate::run::Asker {
    let http = api.clone();
    std::sync::Arc::new(move |id: &str, within| {
        http.task_by(id, std::time::Instant::now().checked_add(within))
            .ok()
    })
}

/// What `--dry-run` prints for one API call: every header really sent, secrets masked, and a
/// long value (a base64 file) shortened to its start and length.
fn would_send(settings: &Settings, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut headers = serde_json::Map::new();
    headers.insert("Accept".into(), json!("application/json"));
    headers.insert(
        "Authorization".into(),
        json!(format!("Bearer {}", secret::MASK)),
    );
    headers.insert("User-Agent".into(), json!(crate::api::client::USER_AGENT));
    let mut req = serde_json::Map::new();
    req.insert("method".into(), json!(method));
    req.insert(
        "url".into(),
        json!(format!("{}/{path}", settings.hosts.api)),
    );
    if let Some(b) = body {
        headers.insert("Content-Type".into(), json!("application/json"));
        req.insert("headers".into(), Value::Object(headers));
        // Scrubbed before it is shortened: a cut secret is no longer found whole.
        let mut shown = secret::scrub_value(&secret::mask_body(b));
        shorten_long_strings(&mut shown);
        req.insert("body".into(), shown);
    } else {
        req.insert("headers".into(), Value::Object(headers));
    }
    Value::Object(req)
}

/// Strings longer than this are shown by their start and length, never megabytes on a terminal.
const SHOWN: usize = 64;

fn shorten_long_strings(value: &mut Value) {
    match value {
        Value::String(s) if s.len() > 4 * SHOWN => {
            let start: String = s.chars().take(SHOWN).collect();
            *s = format!("{start}… ({} bytes in all)", s.len());
        }
        Value::Object(map) => map.values_mut().for_each(shorten_long_strings),
        Value::Array(list) => list.iter_mut().for_each(shorten_long_strings),
        _ => {}
    }
}
