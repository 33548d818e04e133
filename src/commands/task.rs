//! `task show | wait | list | cancel | retry | delete`.

use super::{client, would_send};
use crate::api::client::{Client, action_path, task_path};
use crate::cli::{TaskCommand, TaskStatus};
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
        TaskCommand::List {
            status,
            operation,
            limit,
            ..
        } => {
            out.tasks(
                &list(&http, *status, operation.as_deref(), *limit)?,
                settings.output,
            );
            return Ok(Exit::Ok);
        }
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
            http.delete_task(id)?;
            out.tell(&format!("deleted task {id}"));
            Ok(Exit::Ok)
        }),
    };
    each(ids, one, out)
}

/// What a task command does for one id.
type PerTask<'a> = dyn Fn(&str) -> Result<Exit> + 'a;

/// Runs `one` for each id in turn, as a batch does: a failure does not stop the others and is
/// said on one line naming the id; the exit status is the worst of all. One id fails as
/// before, with its error in full.
fn each(ids: &[String], one: &PerTask, out: &Printer) -> Result<Exit> {
    let one = |id: &str| one(id).map_err(|e| not_found(e, id));
    if let [id] = ids {
        return one(id);
    }
    let mut worst = Exit::Ok;
    for id in ids {
        match one(id) {
            Ok(exit) => worst = worst.worst(exit),
            Err(e) => {
                out.error_line(&format!("task {id}"), &e);
                worst = worst.worst(e.exit);
            }
        }
    }
    Ok(worst)
}

/// A task the API does not know, named, with what is likely wrong: an id cut short (as git
/// users type commits) is not a task id, which is a whole UUID.
fn not_found(mut e: crate::error::Error, id: &str) -> crate::error::Error {
    if e.http_status != Some(404) {
        return e;
    }
    e.message = format!("task {id} was not found: {}", e.message);
    e.hint = Some(if whole_uuid(id) {
        "CloudConvert deletes a task 24 h after it ended; `cloudconvert task list` shows the tasks it has".into()
    } else {
        "a task id is a whole UUID (36 characters, such as 3f7c2a9e-0b1d-4c55-9f3e-1a2b3c4d5e6f), not its start; `cloudconvert task list` shows them".into()
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
        TaskCommand::List {
            status,
            operation,
            limit,
            ..
        } => vec![(
            "GET",
            format!("tasks?{}", query(*status, operation.as_deref(), *limit, 1)),
        )],
        TaskCommand::Cancel(t) => each(&t.ids, "POST", &|id| action_path(id, "cancel")),
        TaskCommand::Retry(t) => each(&t.ids, "POST", &|id| action_path(id, "retry")),
    }
}

fn query(status: Option<TaskStatus>, operation: Option<&str>, limit: u32, page: u32) -> String {
    let mut url = reqwest::Url::parse("http://query.invalid/").expect("a constant URL");
    {
        let mut q = url.query_pairs_mut();
        if let Some(name) = status.and_then(|s| s.to_possible_value()) {
            q.append_pair("filter[status]", name.get_name());
        }
        if let Some(op) = operation {
            q.append_pair("filter[operation]", op);
        }
        q.append_pair("per_page", &limit.min(PER_PAGE).to_string());
        q.append_pair("page", &page.to_string());
    }
    url.query().unwrap_or_default().to_string()
}

/// Up to `limit` tasks, page after page until the API has no next page, newest first.
fn list(
    http: &Client,
    status: Option<TaskStatus>,
    operation: Option<&str>,
    limit: u32,
) -> Result<Vec<Value>> {
    let mut tasks: Vec<Value> = Vec::new();
    let mut page = 1;
    while tasks.len() < limit as usize {
        let answer = http.task_page(&query(status, operation, limit, page))?;
        let Some(Value::Array(data)) = answer.get("data") else {
            return Err(crate::error::Error::failure(
                "unexpected answer from the API (no list of tasks)",
            ));
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
        assert_eq!(
            query(Some(TaskStatus::Error), Some("import/upload"), 250, 2),
            "filter%5Bstatus%5D=error&filter%5Boperation%5D=import%2Fupload&per_page=100&page=2"
        );
        assert_eq!(query(None, None, 7, 1), "per_page=7&page=1");
    }
}
