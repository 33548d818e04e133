//! `task show | wait | list | cancel | retry | delete`.

use super::would_send;
use crate::cli::{TaskCommand, TaskStatus};
use crate::config::Settings;
use crate::error::{Exit, Result};
use crate::http::{Http, action_path, task_path};
use crate::{output, progress, wait};
use clap::ValueEnum;
use serde_json::Value;
use std::time::Duration;

/// The most tasks the API gives in one page.
const PER_PAGE: u32 = 100;

pub fn run(cmd: &TaskCommand, settings: &Settings) -> Result<Exit> {
    if settings.dry_run {
        let (method, path) = request_line(cmd);
        output::stdout_line(&output::json_text(&would_send(
            settings, method, &path, None,
        )));
        return Ok(Exit::Ok);
    }
    let http = Http::new(settings)?;
    match cmd {
        TaskCommand::Show { task, include } => {
            output::task(&http.task(&task.id, include)?, settings.output);
            Ok(Exit::Ok)
        }
        TaskCommand::Wait { task, wait_timeout } => {
            let current = http.task(&task.id, &[])?;
            wait::wait_and_report(
                &http,
                current,
                Duration::from_secs(*wait_timeout),
                progress::feedback(settings),
                settings.output,
            )
        }
        TaskCommand::List {
            status,
            operation,
            limit,
            ..
        } => {
            output::tasks(
                &list(&http, *status, operation.as_deref(), *limit)?,
                settings.output,
            );
            Ok(Exit::Ok)
        }
        TaskCommand::Cancel(t) => {
            output::task(&http.task_action(&t.id, "cancel")?, settings.output);
            Ok(Exit::Ok)
        }
        TaskCommand::Retry(t) => {
            output::task(&http.task_action(&t.id, "retry")?, settings.output);
            Ok(Exit::Ok)
        }
        TaskCommand::Delete(t) => {
            http.delete_task(&t.id)?;
            if !settings.quiet {
                output::note(&format!("deleted task {}", t.id));
            }
            Ok(Exit::Ok)
        }
    }
}

/// The method and path of the (first) call a command makes, for `--dry-run`.
fn request_line(cmd: &TaskCommand) -> (&'static str, String) {
    match cmd {
        TaskCommand::Show { task, include } => ("GET", task_path(&task.id, include)),
        TaskCommand::Wait { task, .. } => ("GET", task_path(&task.id, &[])),
        TaskCommand::Delete(task) => ("DELETE", task_path(&task.id, &[])),
        TaskCommand::List {
            status,
            operation,
            limit,
            ..
        } => (
            "GET",
            format!("tasks?{}", query(*status, operation.as_deref(), *limit, 1)),
        ),
        TaskCommand::Cancel(t) => ("POST", action_path(&t.id, "cancel")),
        TaskCommand::Retry(t) => ("POST", action_path(&t.id, "retry")),
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
    http: &Http,
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
    fn list_query_is_encoded() {
        assert_eq!(
            query(Some(TaskStatus::Error), Some("import/upload"), 250, 2),
            "filter%5Bstatus%5D=error&filter%5Boperation%5D=import%2Fupload&per_page=100&page=2"
        );
        assert_eq!(query(None, None, 7, 1), "per_page=7&page=1");
    }
}
