//! `import SOURCE`: check the input, create the task, then upload files and wait where asked.

use super::{asker, settings, would_send};
use crate::cli::{Cli, ImportArgs, ImportSource};
use crate::env::Env;
use crate::error::{Exit, Result};
use crate::http::Http;
use crate::output::Printer;
use crate::run::Run;
use crate::upload::{self, Batch};
use crate::urls::{self, UrlImports};
use crate::{progress, secret, wait};
use std::sync::Arc;
use std::time::Duration;

pub fn run(cli: &Cli, import: &ImportArgs, env: &Env, out: &Printer, run: &Run) -> Result<Exit> {
    if let ImportSource::Url(args) = &import.source
        && args.is_batch()
    {
        // Every URL is checked before the first task is created.
        let (urls, template) = args.to_batch(env)?;
        secret::register_body(&serde_json::to_value(&template).unwrap_or_default());
        return url_batch(
            import,
            &settings(cli, env, out)?,
            args,
            urls,
            template,
            out,
            run,
        );
    }
    // Every check on the input comes before any request.
    let request = import.source.to_request(env)?;
    let body = request.body();
    secret::register_body(&body);
    let upload_args = match &import.source {
        ImportSource::Upload(args) => Some(args),
        _ => None,
    };
    let checked = match upload_args {
        Some(args) => {
            let walk = upload::Walk {
                recursive: args.recursive,
                follow_links: args.follow_links,
            };
            Some(upload::check_files(
                &args.paths()?,
                args.filename.as_deref(),
                walk,
            )?)
        }
        None => None,
    };
    let (files, skipped, repeated) =
        checked.map_or_else(Default::default, |c| (c.files, c.skipped, c.repeated));
    for path in &repeated {
        out.note(&format!(
            "{path} names a file listed before it; it is sent once"
        ));
    }
    for link in &skipped {
        out.warn(&format!(
            "skipped link to outside the directory: {link} (follow it with -L)"
        ));
    }
    let settings = settings(cli, env, out)?;
    if settings.dry_run {
        let create = || {
            out.stdout_line(&out.json_text(&would_send(
                &settings,
                "POST",
                request.operation(),
                Some(&body),
            )))
        };
        if files.is_empty() {
            create();
        }
        // A real run creates a task for each file, then uploads it.
        for f in &files {
            create();
            out.stdout_line(&out.json_text(&upload::would_send(f)));
        }
        return Ok(Exit::Ok);
    }
    let http = Arc::new(Http::new(&settings, out)?);
    run.can_ask(asker(&http));
    let wait_timeout = Duration::from_secs(import.wait.wait_timeout);
    if let Some(args) = upload_args.filter(|_| !files.is_empty()) {
        // An upload is done when CloudConvert has the file: it always waits.
        let batch = Batch {
            operation: request.operation(),
            body: &body,
            redirect: args.redirect.is_some(),
            wait_timeout,
            plan: crate::batch::Plan {
                jobs: usize::from(args.jobs),
                fail_fast: args.fail_fast,
                feedback: progress::feedback(&settings, out),
                format: settings.output,
                words: ("uploaded", "files"),
                skipped: skipped.len(),
            },
            verify: !args.no_verify,
            limit: args.limit_rate.map(crate::http::limit::Limiter::new),
        };
        return Ok(upload::run(&http, &batch, &files, run));
    }
    // A lone import: one item of the run, so that an interrupt names its task.
    let at = run.start(0, None, false);
    let task = {
        let _creating = at.creating();
        http.create_task(request.operation(), &body)?
    };
    // A task is followed by its id: one that cannot go into a URL is printed, not waited on.
    match crate::api::task::checked_id(&task) {
        Ok(id) => at.created(&id),
        Err(e) if import.wait.wait => return Err(e),
        Err(_) => {}
    }
    let exit = if import.wait.wait {
        wait::wait_and_report(
            &http,
            task,
            wait_timeout,
            progress::feedback(&settings, out),
            settings.output,
        )
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
    settings: &crate::config::Settings,
    args: &crate::cli::url::UrlArgs,
    urls: Vec<String>,
    template: crate::api::request::UrlImport,
    out: &Printer,
    run: &Run,
) -> Result<Exit> {
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
    let http = Arc::new(Http::new(settings, out)?);
    run.can_ask(asker(&http));
    let stages = UrlImports {
        http: &http,
        template,
        wait: import.wait.wait,
        wait_timeout: Duration::from_secs(import.wait.wait_timeout),
    };
    let plan = crate::batch::Plan {
        jobs: usize::from(args.jobs),
        fail_fast: args.fail_fast,
        feedback: progress::feedback(settings, out),
        format: settings.output,
        words: ("imported", "URLs"),
        skipped: 0,
    };
    Ok(crate::batch::run(&stages, &urls, &plan, out, run))
}
