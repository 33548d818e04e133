//! Runs a parsed command line: validate everything, then send (or, with `--dry-run`, show).

use crate::cli::{Cli, Command, ImportArgs, ImportSource, TaskCommand};
use crate::config::Settings;
use crate::env::Env;
use crate::error::{Exit, Result};
use crate::http::Http;
use crate::{output, secret, upload, wait};
use serde_json::{Value, json};
use std::io::IsTerminal;
use std::time::Duration;

pub fn run(cli: Cli) -> Result<Exit> {
    let env = Env::process();
    match &cli.command {
        Command::Import(import) => {
            // Every check on the input comes before any request.
            let request = import.source.to_request(&env)?;
            let body = request.body();
            secret::register_body(&body);
            let files = match &import.source {
                ImportSource::Upload(args) => {
                    upload::check_files(&args.files, args.filename.as_deref())?
                }
                _ => Vec::new(),
            };
            let settings = Settings::resolve(&cli.global, cli.command.api_region(), &env)?;
            report_env(&settings, &env);
            if settings.dry_run {
                output::stdout_line(&output::json_text(&would_send(
                    &settings,
                    "POST",
                    request.operation(),
                    Some(&body),
                )));
                for f in &files {
                    output::stdout_line(&output::json_text(&upload::would_send(f)));
                }
                return Ok(Exit::Ok);
            }
            let http = Http::new(&settings)?;
            if files.is_empty() {
                let task = http.create_task(request.operation(), &body)?;
                finish(&http, &settings, import, task)
            } else {
                upload::run(&http, &settings, import, request.operation(), &body, &files)
            }
        }
        Command::Task(cmd) => {
            let settings = Settings::resolve(&cli.global, cli.command.api_region(), &env)?;
            let (TaskCommand::Show { id, .. } | TaskCommand::Wait { id, .. }) = cmd;
            if settings.dry_run {
                let get = would_send(&settings, "GET", &format!("tasks/{id}"), None);
                output::stdout_line(&output::json_text(&get));
                return Ok(Exit::Ok);
            }
            let http = Http::new(&settings)?;
            let task = http.task(id)?;
            match cmd {
                TaskCommand::Show { .. } => {
                    output::task(&task, settings.output);
                    Ok(Exit::Ok)
                }
                TaskCommand::Wait { wait_timeout, .. } => {
                    let timeout = Duration::from_secs(*wait_timeout);
                    let done = wait::until_done(&http, task, timeout, show_progress(&settings))?;
                    Ok(wait::report_final(&done, settings.output))
                }
            }
        }
        Command::Auth(cmd) => {
            let settings = Settings::resolve(&cli.global, cli.command.api_region(), &env)?;
            crate::auth::run(cmd, &settings, cli.global.sandbox)
        }
    }
}

/// Prints a created task, or with `--wait` waits for it and prints how it ended.
pub fn finish(http: &Http, settings: &Settings, import: &ImportArgs, task: Value) -> Result<Exit> {
    if !import.wait.wait {
        output::task(&task, settings.output);
        return Ok(Exit::Ok);
    }
    let done = wait::until_done(
        http,
        task,
        Duration::from_secs(import.wait.wait_timeout),
        show_progress(settings),
    )?;
    Ok(wait::report_final(&done, settings.output))
}

/// Progress bars and spinners: on a terminal only, and not with `-q`.
pub fn show_progress(settings: &Settings) -> bool {
    !settings.quiet && std::io::stderr().is_terminal()
}

/// Notes from reading the environment (unless `-q`), and under `-v` the variables used.
fn report_env(settings: &Settings, env: &Env) {
    if !settings.quiet {
        env.notes().iter().for_each(|n| output::note(n));
    }
    if settings.verbose {
        for var in env.used() {
            output::verbose(&format!("using {var} from the environment"));
        }
    }
}

/// What `--dry-run` prints for one API call, every secret masked.
fn would_send(settings: &Settings, method: &str, path: &str, body: Option<&Value>) -> Value {
    let mut headers = serde_json::Map::new();
    headers.insert(
        "Authorization".into(),
        json!(format!("Bearer {}", secret::MASK)),
    );
    headers.insert("User-Agent".into(), json!(crate::http::USER_AGENT));
    let mut req = serde_json::Map::new();
    req.insert("method".into(), json!(method));
    req.insert(
        "url".into(),
        json!(format!("{}/{path}", settings.hosts.api)),
    );
    if let Some(b) = body {
        headers.insert("Content-Type".into(), json!("application/json"));
        req.insert("headers".into(), Value::Object(headers));
        req.insert("body".into(), secret::mask_body(b));
    } else {
        req.insert("headers".into(), Value::Object(headers));
    }
    Value::Object(req)
}
