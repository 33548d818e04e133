//! Secrets: which request fields hold one, and masking them wherever text leaves the process.

use serde_json::Value;
use std::sync::Mutex;

/// Request-body fields whose values are secrets (import-tasks.txt).
pub const SECRET_FIELDS: &[&str] = &[
    "access_key_id",
    "secret_access_key",
    "session_token",
    "storage_access_key",
    "sas_token",
    "private_key",
    "password",
];

pub const MASK: &str = "***";

/// Every secret value this process has seen, so that any message printed can be scrubbed of
/// them, even text the API echoed back (validation errors quote the values they reject).
static KNOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Remembers a secret value so that `scrub` removes it from anything printed.
pub fn register(value: &str) {
    // Very short values would blank out ordinary words of a message; none of the secrets the
    // API takes is that short in practice.
    if value.len() < 4 {
        return;
    }
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    if !known.iter().any(|k| k == value) {
        known.push(value.to_string());
        // Longest first, so that a secret containing another is masked whole.
        known.sort_by_key(|k| std::cmp::Reverse(k.len()));
    }
}

/// Registers every secret field of a request body (and URL-import header values).
pub fn register_body(body: &Value) {
    walk(body, &mut |v| register(v));
}

/// Replaces every known secret in `text` by `***`.
pub fn scrub(text: &str) -> String {
    let known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    let mut out = text.to_string();
    for k in known.iter() {
        if out.contains(k.as_str()) {
            out = out.replace(k.as_str(), MASK);
        }
    }
    out
}

/// A copy of a request body with every secret value replaced by `"***"`.
pub fn mask_body(body: &Value) -> Value {
    let mut masked = body.clone();
    mask_in_place(&mut masked);
    masked
}

/// A task as printed: the API echoes the request in `payload` (and in each
/// `depends_on_tasks[].payload`), credentials included; those secret fields are masked, and every
/// other field of the task passes through untouched.
pub fn mask_task(task: &Value) -> Value {
    let mut masked = task.clone();
    if let Some(payload) = masked.get_mut("payload") {
        mask_in_place(payload);
    }
    if let Some(Value::Array(deps)) = masked.get_mut("depends_on_tasks") {
        for dep in deps {
            if let Some(payload) = dep.get_mut("payload") {
                mask_in_place(payload);
            }
        }
    }
    masked
}

/// A field whose value (or every value below it) is secret: the documented secret fields, and
/// the URL import's `headers`, which carry credentials for the download.
fn holds_secret(name: &str) -> bool {
    SECRET_FIELDS.contains(&name) || name == "headers"
}

fn mask_in_place(value: &mut Value) {
    if let Value::Object(map) = value {
        for (name, v) in map.iter_mut() {
            if holds_secret(name) {
                mask_all(v);
            } else {
                mask_in_place(v);
            }
        }
    }
}

/// Masks every string below `value` (a header map's values, a secret field's value).
fn mask_all(value: &mut Value) {
    match value {
        Value::Object(map) => map.values_mut().for_each(mask_all),
        Value::Null => {}
        other => *other = Value::String(MASK.into()),
    }
}

fn walk(value: &Value, f: &mut dyn FnMut(&str)) {
    if let Value::Object(map) = value {
        for (name, v) in map {
            if holds_secret(name) {
                collect_strings(v, f);
            } else {
                walk(v, f);
            }
        }
    }
}

fn collect_strings(value: &Value, f: &mut dyn FnMut(&str)) {
    match value {
        Value::String(s) => f(s),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, f)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn masks_secret_fields_and_header_values_only() {
        let body = json!({"bucket": "b", "secret_access_key": "s3cr3t", "headers": {"Authorization": "Bearer x"}});
        assert_eq!(
            mask_body(&body),
            json!({"bucket": "b", "secret_access_key": "***", "headers": {"Authorization": "***"}})
        );
    }

    #[test]
    fn a_task_is_masked_in_its_payloads_only() {
        let task = json!({
            "id": "t",
            "payload": {"bucket": "b", "password": "p", "headers": {"Cookie": "c"}},
            "depends_on_tasks": [{"id": "d", "payload": {"sas_token": "s"}}],
            "result": {"files": [{"filename": "password"}], "password": "kept"},
            "message": "password"
        });
        assert_eq!(
            mask_task(&task),
            json!({
                "id": "t",
                "payload": {"bucket": "b", "password": "***", "headers": {"Cookie": "***"}},
                "depends_on_tasks": [{"id": "d", "payload": {"sas_token": "***"}}],
                "result": {"files": [{"filename": "password"}], "password": "kept"},
                "message": "password"
            })
        );
    }

    #[test]
    fn scrub_removes_registered_values() {
        register_body(&json!({"password": "hunter2-marker"}));
        assert_eq!(scrub("bad password hunter2-marker!"), "bad password ***!");
    }
}
