//! `import SOURCE`: check the input, create the task, then upload files and wait where asked.

use super::{asker, client, resume, settings, would_send};
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
        // A watched folder may be empty yet; what arrives is checked as it comes.
        ImportSource::Upload(args) if args.watch => {
            crate::upload::watch::directories(&args.paths()?)?;
            Checked::default()
        }
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
        && (args.watch || !files.files.is_empty())
    {
        // Every task --task names is looked at before anything is sent or recorded.
        let into = resume::tasks(&api, &args.tasks, &files.files)?;
        let prior = resume::open(args.record.as_deref(), "import upload", run, out)?;
        let mut batch = upload_batch(args, (request.operation(), &body), &settings, &files);
        batch.wait_timeout = wait_timeout;
        batch.into = into;
        let transport = Transport::new(settings.timeout, settings.retries, api.tls(), out.shared());
        if args.watch {
            let dirs = (args.paths()?, args.follow_links);
            return upload::watch::run((&api, &transport), out, batch, dirs, (&prior, run));
        }
        let recorded = files.files.iter().map(Source::recorded);
        batch.resume = crate::record::prior::plan(&prior, recorded, true, ("files", out));
        let exit = upload::run((&api, &transport), out, &batch, &files.files, run);
        resume::end(run, exit, out);
        return Ok(exit);
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

/// What every file of this `import upload` shares. An upload is done when CloudConvert has
/// the file: it always waits.
fn upload_batch<'a>(
    args: &crate::cli::upload::UploadArgs,
    (operation, body): (&'a str, &'a Value),
    settings: &Settings,
    files: &Checked,
) -> Batch<'a> {
    Batch {
        operation,
        body,
        redirect: args.redirect.is_some(),
        wait_timeout: Duration::ZERO,
        plan: crate::batch::Plan {
            jobs: usize::from(args.jobs),
            fail_fast: args.fail_fast,
            format: settings.output,
            verb: "uploaded",
            noun: "files",
            skipped: files.skipped,
            tasks_out: true,
        },
        verify: !args.no_verify,
        limit: args.limit_rate.map(crate::net::limit::Limiter::new),
        resume: Vec::new(),
        into: Vec::new(),
    }
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
        // Until the task is in the run, an interrupt waits for the answer.
        let _creating = at.creating()?;
        let task = api.create_task(request.operation(), body)?;
        if let Ok(id) = crate::api::task::checked_id(&task) {
            at.created(&id, None);
        }
        task
    };
    // A task is followed by its id: one that cannot go into a URL is printed, not waited on.
    if waits {
        crate::api::task::checked_id(&task)?;
    }
    let exit = if waits {
        wait::wait_and_report(api, out, task, wait_timeout, settings.output)
    } else {
        out.task(&task, settings.output);
        Ok(Exit::Ok)
    };
    // Said (printed, or its failure reported when this returns): nothing left for an interrupt.
    at.printed();
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
    let prior = resume::open(args.record.as_deref(), "import url", run, out)?;
    let recorded = urls.iter().map(|u| Some(urls::recorded(&template, u)));
    let plan = crate::record::prior::plan(&prior, recorded, import.wait.wait, ("URLs", out));
    let stages = UrlImports {
        api: &api,
        report: out,
        template,
        wait: import.wait.wait,
        wait_timeout: Duration::from_secs(import.wait.wait_timeout),
        resume: plan,
    };
    let plan = crate::batch::Plan {
        jobs: usize::from(args.jobs),
        fail_fast: args.fail_fast,
        format: settings.output,
        verb: "imported",
        noun: "URLs",
        skipped: 0,
        tasks_out: true,
    };
    let exit = crate::batch::run(&stages, &urls, &plan, out, run);
    resume::end(run, exit, out);
    Ok(exit)
}
