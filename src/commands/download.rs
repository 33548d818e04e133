//! `task download ID…` and `job create --download DIR`: the files of export/url tasks into a
//! folder, through `crate::download`.

use crate::api::client::Client;
use crate::api::task;
use crate::cli::OutputFormat;
use crate::cli::task::DownloadArgs;
use crate::config::Settings;
use crate::download::{self, Wanted};
use crate::error::{Error, Exit, Result};
use crate::output::Printer;
use serde_json::Value;
use std::time::Duration;

/// `task download`: each task looked at (and waited for while it runs), every file checked
/// for a place before the first byte, then each brought back; one line of stdout a file.
pub fn tasks(
    api: &Client,
    args: &DownloadArgs,
    settings: &Settings,
    out: &Printer,
) -> Result<Exit> {
    let deadline = crate::wait::deadline_in(Duration::from_secs(args.wait_timeout));
    let mut ended = Vec::new();
    for id in &args.task.ids {
        let found = api.task_by(id, None).map_err(|e| e.about_task(id))?;
        if task::operation(&found) != Some("export/url") {
            return Err(Error::usage(format!(
                "task {id} is an {} task: only export/url tasks have files to download",
                task::operation(&found).unwrap_or("unknown")
            ))
            .with_hint(
                "`cloudconvert task list --job JOB --operation export/url` names a job's exports",
            ));
        }
        let found = match crate::wait::until_done(api, out, found, deadline, true, None)? {
            crate::wait::Waited::Ended(t) => t,
            crate::wait::Waited::TimedOut(t) => {
                return Err(crate::wait::ended(
                    crate::wait::Waited::TimedOut(t),
                    Duration::from_secs(args.wait_timeout),
                )
                .error
                .unwrap_or_else(|| Error::failure("the wait ended")));
            }
        };
        if task::status(&found) == Some("error") {
            return Err(Error::new(
                Exit::TaskFailed,
                format!("task {id} failed: {}", task::failure(&found)),
            ));
        }
        ended.push(found);
    }
    let wanted = download::wanted(&ended);
    let to = download::Target {
        dir: &args.dir,
        force: args.force,
        verify: !args.no_verify,
    };
    into(api, &wanted, &to, settings, out, true)
}

/// Brings every wanted file into `dir`, after checking that none is in the way; says each on
/// stderr as it is saved and, where `listed`, prints it (its path, or a JSON line).
pub fn into(
    api: &Client,
    wanted: &[Wanted],
    to: &download::Target,
    settings: &Settings,
    out: &Printer,
    listed: bool,
) -> Result<Exit> {
    download::check(to, wanted, out)?;
    if wanted.is_empty() {
        out.warn("no export/url task of these has a file to download");
    }
    for w in wanted {
        let started = std::time::Instant::now();
        let saved = download::fetch(api, out, to, w, settings.retries)?;
        out.tell(&format!(
            "saved {} ({} in {:.1} s, {})",
            saved.path.display(),
            indicatif::BinaryBytes(saved.size),
            started.elapsed().as_secs_f64(),
            saved
                .md5
                .as_ref()
                .map_or_else(|| "MD5 not taken".to_string(), |m| format!("MD5 {m}"))
        ));
        if listed {
            print(out, &saved.json(w), settings.output);
        }
    }
    Ok(Exit::Ok)
}

/// A saved file on stdout: its path for a person and for `-o id`, else its JSON line.
fn print(out: &Printer, saved: &Value, format: OutputFormat) {
    let path = saved["path"].as_str().unwrap_or_default();
    if out.human(format).is_some() {
        out.stdout_line(&crate::output::clean(path));
    } else {
        out.stdout_line(&out.json_text(saved));
    }
}
