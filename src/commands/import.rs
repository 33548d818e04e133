//! `import SOURCE`: check the input, create the task, then upload files and wait where asked.

use super::{asker, client, settings, would_send};
use crate::api::request::ImportRequest;
use crate::cli::{Cli, ImportArgs, ImportSource};
use crate::config::Settings;
use crate::env::Env;
use crate::error::{Exit, Result};
use crate::output::Printer;
use crate::run::Run;
use crate::transport::Transport;
use crate::upload::{self, Batch, Source};
use crate::urls::{self, UrlImports};
use crate::{secret, wait};
use serde_json::Value;
use std::time::Duration;

pub fn run(cli: &Cli, import: &ImportArgs, env: &Env, out: &Printer, run: &Run) -> Result<Exit> {
    if let ImportSource::Url(args) = &import.source
        && args.is_batch()
    {
        // Every URL is checked before the first task is created.
        let (urls, template) = args.to_batch(env)?;
        secret::register_body(&serde_json::to_value(&template).unwrap_or_default());
        let settings = settings(cli, env, out)?;
        return url_batch(import, &settings, (urls, template), out, run);
    }
    // Every check on the input comes before any request.
    let request = import.source.to_request(env)?;
    let body = request.body();
    secret::register_body(&body);
    let files = match &import.source {
        ImportSource::Upload(args) => checked_files(args, out)?,
        _ => Checked::default(),
    };
    let settings = settings(cli, env, out)?;
    if settings.dry_run {
        dry_run(&settings, &request, &body, &files.files, out);
        return Ok(Exit::Ok);
    }
    let api = std::sync::Arc::new(client(&settings, out)?);
    run.can_ask(asker(&api));
    let wait_timeout = Duration::from_secs(import.wait.wait_timeout);
    if let ImportSource::Upload(args) = &import.source
        && !files.files.is_empty()
    {
        // An upload is done when CloudConvert has the file: it always waits.
        let batch = Batch {
            operation: request.operation(),
            body: &body,
            redirect: args.redirect.is_some(),
            wait_timeout,
            plan: crate::batch::Plan {
                jobs: usize::from(args.jobs),
                fail_fast: args.fail_fast,
                format: settings.output,
                verb: "uploaded",
                noun: "files",
                skipped: files.skipped,
            },
            verify: !args.no_verify,
            limit: args.limit_rate.map(crate::net::limit::Limiter::new),
        };
        let transport = Transport::new(settings.timeout, settings.retries, api.tls(), out.shared());
        return Ok(upload::run(
            (&api, &transport),
            out,
            &batch,
            &files.files,
            run,
        ));
    }
    lone(
        &api,
        (&request, &body),
        import.wait.wait,
        wait_timeout,
        &settings,
        out,
        run,
    )
}

/// The files of `import upload`, checked (every one before the first task is created), and
/// what the walk left out.
#[derive(Default)]
struct Checked {
    files: Vec<Source>,
    skipped: usize,
}

fn checked_files(args: &crate::cli::upload::UploadArgs, out: &Printer) -> Result<Checked> {
    let walk = upload::Walk {
        recursive: args.recursive,
        follow_links: args.follow_links,
    };
    let checked = upload::check_files(&args.paths()?, args.filename.as_deref(), walk)?;
    for path in &checked.repeated {
        out.note(&format!(
            "{path} names a file listed before it; it is sent once"
        ));
    }
    for link in &checked.skipped {
        out.warn(&format!(
            "skipped link to outside the directory: {link} (follow it with -L)"
        ));
    }
    Ok(Checked {
        skipped: checked.skipped.len(),
        files: checked.files,
    })
}

/// `--dry-run`: the create each file (or the lone import) would send, and each upload.
fn dry_run(
    settings: &Settings,
    request: &ImportRequest,
    body: &Value,
    files: &[Source],
    out: &Printer,
) {
    let create = || {
        out.stdout_line(&out.json_text(&would_send(
            settings,
            "POST",
            request.operation(),
            Some(body),
        )))
    };
    if files.is_empty() {
        create();
    }
    // A real run creates a task for each file, then uploads it.
    for f in files {
        create();
        out.stdout_line(&out.json_text(&upload::would_send(f)));
    }
}

/// A lone import: one item of the run, so that an interrupt names its task; printed at once,
/// or after its wait.
fn lone(
    api: &crate::api::client::Client,
    (request, body): (&ImportRequest, &Value),
    waits: bool,
    wait_timeout: Duration,
    settings: &Settings,
    out: &Printer,
    run: &Run,
) -> Result<Exit> {
    let at = run.start(0, None, false);
    let task = {
        let _creating = at.creating();
        api.create_task(request.operation(), body)?
    };
    // A task is followed by its id: one that cannot go into a URL is printed, not waited on.
    match crate::api::task::checked_id(&task) {
        Ok(id) => at.created(&id),
        Err(e) if waits => return Err(e),
        Err(_) => {}
    }
    let exit = if waits {
        wait::wait_and_report(api, out, task, wait_timeout, settings.output)
    } else {
        out.task(&task, settings.output);
        Ok(Exit::Ok)
    };
    at.ended();
    exit
}

/// `import url` with several URLs: every URL through the batch, `--jobs` created at once.
fn url_batch(
    import: &ImportArgs,
    settings: &Settings,
    (urls, template): (Vec<String>, crate::api::request::UrlImport),
    out: &Printer,
    run: &Run,
) -> Result<Exit> {
    let ImportSource::Url(args) = &import.source else {
        unreachable!("a URL batch is an import url")
    };
    if settings.dry_run {
        for url in &urls {
            let request = urls::request(&template, url);
            out.stdout_line(&out.json_text(&would_send(
                settings,
                "POST",
                request.operation(),
                Some(&request.body()),
            )));
        }
        return Ok(Exit::Ok);
    }
    let api = std::sync::Arc::new(client(settings, out)?);
    run.can_ask(asker(&api));
    let stages = UrlImports {
        api: &api,
        report: out,
        template,
        wait: import.wait.wait,
        wait_timeout: Duration::from_secs(import.wait.wait_timeout),
    };
    let plan = crate::batch::Plan {
        jobs: usize::from(args.jobs),
        fail_fast: args.fail_fast,
        format: settings.output,
        verb: "imported",
        noun: "URLs",
        skipped: 0,
    };
    Ok(crate::batch::run(&stages, &urls, &plan, out, run))
}
