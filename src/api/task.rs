//! The task model. A task stays a JSON value so that every field the API sends, known or not,
//! is printed as it came; these helpers read the few fields the tool acts on.

use serde_json::Value;

pub fn id(task: &Value) -> Option<&str> {
    task.get("id").and_then(Value::as_str)
}

pub fn status(task: &Value) -> Option<&str> {
    task.get("status").and_then(Value::as_str)
}

/// `finished` or `error`: the task will not change any more.
pub fn is_done(task: &Value) -> bool {
    matches!(status(task), Some("finished" | "error"))
}

/// `code: message` of a failed task, for the one stderr line that reports it.
pub fn failure(task: &Value) -> String {
    let code = task.get("code").and_then(Value::as_str).unwrap_or("ERROR");
    let message = task
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or("the task failed");
    format!("{code}: {message}")
}
