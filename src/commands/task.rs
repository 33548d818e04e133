//! `task show | wait | list | download | cancel | retry | delete`, and what the `job` verbs
//! share with them: an id at a time, lists page after page.

use super::{client, would_send};
use crate::api::client::{Client, Thing, action_path, task_path};
use crate::cli::TaskCommand;
use crate::config::Settings;
use crate::error::{Exit, Result};
use crate::output::Printer;
use crate::wait;
use clap::ValueEnum;
use serde_json::Value;
use std::time::Duration;

/// The most tasks the API gives in one page.
const PER_PAGE: u32 = 100;

pub fn run(cmd: &TaskCommand, settings: &Settings, out: &Printer) -> Result<Exit> {
    if settings.dry_run {
        for (method, path) in request_lines(cmd) {
            out.stdout_line(&out.json_text(&would_send(settings, method, &path, None)));
        }
        return Ok(Exit::Ok);
    }
    let http = client(settings, out)?;
    let (ids, one): (&[String], &PerTask) = match cmd {
        TaskCommand::List { limit, .. } => {
            let filters = filters(cmd);
            out.tasks(
                &list(&http, Thing::Task, &filters, *limit)?,
                settings.output,
            );
            return Ok(Exit::Ok);
        }
        TaskCommand::Download(args) => return super::download::tasks(&http, args, settings, out),
        TaskCommand::Show { task, include } => (&task.ids, &|id| {
            out.task(&http.task(id, include)?, settings.output);
            Ok(Exit::Ok)
        }),
        TaskCommand::Wait { task, wait_timeout } => (&task.ids, &|id| {
            wait::wait_for_id(
                &http,
                out,
                id,
                Duration::from_secs(*wait_timeout),
                settings.output,
            )
        }),
        TaskCommand::Cancel(t) => (&t.ids, &|id| {
            out.task(&http.task_action(id, "cancel")?, settings.output);
            Ok(Exit::Ok)
        }),
        TaskCommand::Retry(t) => (&t.ids, &|id| {
            out.task(&http.task_action(id, "retry")?, settings.output);
            Ok(Exit::Ok)
        }),
        TaskCommand::Delete(t) => (&t.ids, &|id| {
            http.delete(Thing::Task, id)?;
            out.tell(&format!("deleted task {id}"));
            Ok(Exit::Ok)
        }),
    };
    each(Thing::Task, ids, one, out)
}

/// What a task or job command does for one id.
pub(super) type PerTask<'a> = dyn Fn(&str) -> Result<Exit> + 'a;

/// Runs `one` for each id in turn, as a batch does: a failure does not stop the others and is
/// said on one line naming the id; the exit status is the worst of all. One id fails as
/// before, with its error in full.
pub(super) fn each(thing: Thing, ids: &[String], one: &PerTask, out: &Printer) -> Result<Exit> {
    let one = |id: &str| one(id).map_err(|e| not_found(e, thing, id));
    if let [id] = ids {
        return one(id);
    }
    let mut worst = Exit::Ok;
    for id in ids {
        match one(id) {
            Ok(exit) => worst = worst.worst(exit),
            Err(e) => {
                out.error_line(&format!("{} {id}", thing.word()), &e);
                worst = worst.worst(e.exit);
            }
        }
    }
    Ok(worst)
}

/// A task (or job) the API does not know, named, with what is likely wrong: an id cut short
/// (as git users type commits) is not an id, which is a whole UUID.
fn not_found(mut e: crate::error::Error, thing: Thing, id: &str) -> crate::error::Error {
    if e.http_status != Some(404) {
        return e;
    }
    let word = thing.word();
    e.message = format!("{word} {id} was not found: {}", e.message);
    e.hint = Some(if whole_uuid(id) {
        format!(
            "CloudConvert deletes a {word} 24 h after it ended; `cloudconvert {word} list` shows the {word}s it has"
        )
    } else {
        format!(
            "a {word} id is a whole UUID (36 characters, such as 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f), not its start; `cloudconvert {word} list` shows them"
        )
    });
    e
}

/// `8-4-4-4-12` hexadecimal digits.
fn whole_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The method and path of the (first) call a command makes for each id, for `--dry-run`.
fn request_lines(cmd: &TaskCommand) -> Vec<(&'static str, String)> {
    let each = |ids: &[String], method, path: &dyn Fn(&str) -> String| {
        ids.iter().map(|id| (method, path(id))).collect()
    };
    match cmd {
        TaskCommand::Show { task, include } => each(&task.ids, "GET", &|id| task_path(id, include)),
        TaskCommand::Wait { task, .. } => each(&task.ids, "GET", &|id| task_path(id, &[])),
        TaskCommand::Delete(t) => each(&t.ids, "DELETE", &|id| task_path(id, &[])),
        TaskCommand::List { limit, .. } => {
            vec![("GET", format!("tasks?{}", query(&filters(cmd), *limit, 1)))]
        }
        TaskCommand::Download(d) => each(&d.task.ids, "GET", &|id| task_path(id, &[])),
        TaskCommand::Cancel(t) => each(&t.ids, "POST", &|id| action_path(id, "cancel")),
        TaskCommand::Retry(t) => each(&t.ids, "POST", &|id| action_path(id, "retry")),
    }
}

/// `task list`'s filters, as the API names them.
fn filters(cmd: &TaskCommand) -> Vec<(&'static str, String)> {
    let TaskCommand::List {
        status,
        operation,
        job,
        ..
    } = cmd
    else {
        return Vec::new();
    };
    let status = status.and_then(|s| s.to_possible_value());
    [
        ("status", status.map(|s| s.get_name().to_string())),
        ("operation", operation.clone()),
        ("job_id", job.clone()),
    ]
    .into_iter()
    .filter_map(|(k, v)| Some((k, v?)))
    .collect()
}

/// A list's query: `filter[NAME]=VALUE` for each filter, and the page.
pub(super) fn query(filters: &[(&str, String)], limit: u32, page: u32) -> String {
    let mut url = reqwest::Url::parse("http://query.invalid/").expect("a constant URL");
    {
        let mut q = url.query_pairs_mut();
        for (name, value) in filters {
            q.append_pair(&format!("filter[{name}]"), value);
        }
        q.append_pair("per_page", &limit.min(PER_PAGE).to_string());
        q.append_pair("page", &page.to_string());
    }
    url.query().unwrap_or_default().to_string()
}

/// Up to `limit` tasks (or jobs), page after page until the API has no next page, newest
/// first.
pub(super) fn list(
    http: &Client,
    thing: Thing,
    filters: &[(&str, String)],
    limit: u32,
) -> Result<Vec<Value>> {
    let mut tasks: Vec<Value> = Vec::new();
    let mut page = 1;
    while tasks.len() < limit as usize {
        let answer = http.page(thing, &query(filters, limit, page))?;
        let Some(Value::Array(data)) = answer.get("data") else {
            return Err(crate::error::Error::failure(format!(
                "unexpected answer from the API (no list of {}s)",
                thing.word()
            )));
        };
        tasks.extend(data.iter().cloned());
        let has_next = answer.pointer("/links/next").is_some_and(|n| !n.is_null());
        if data.is_empty() || !has_next {
            break;
        }
        page += 1;
    }
    tasks.truncate(limit as usize);
    // Newest first, whatever order the pages came in; ties keep the API's order.
    tasks.sort_by(|a, b| created(b).cmp(created(a)));
    Ok(tasks)
}

fn created(t: &Value) -> &str {
    t.get("created_at").and_then(Value::as_str).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_uuid_is_told_from_its_start() {
        assert!(whole_uuid("3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f"));
        assert!(!whole_uuid("5a0e786c"));
        assert!(!whole_uuid("3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6"));
    }

    #[test]
    fn list_query_is_encoded() {
        let filters = [
            ("status", "error".to_string()),
            ("operation", "import/upload".to_string()),
        ];
        assert_eq!(
            query(&filters, 250, 2),
            "filter%5Bstatus%5D=error&filter%5Boperation%5D=import%2Fupload&per_page=100&page=2"
        );
        assert_eq!(query(&[], 7, 1), "per_page=7&page=1");
    }
}
