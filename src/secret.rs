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

/// Every secret value this process has seen, in each form a server may echo it in, so that any
/// text printed can be scrubbed of them (validation errors quote the values they reject, HTML
/// error pages escape them, URLs percent-encode them).
static KNOWN: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Very short values would blank out ordinary words of a message; none of the secrets the API
/// takes is that short in practice.
const SHORTEST: usize = 4;

/// Remembers a secret so that `scrub` removes it, and its echoes, from anything printed.
pub fn register(value: &str) {
    let mut forms = vec![value.to_string(), value.trim().to_string()];
    for v in [value, value.trim()] {
        forms.push(json_escaped(v));
        forms.push(html_escaped(v));
        forms.push(percent_encoded(v));
    }
    // A multi-line key (PEM) may come back cut into lines, or only in part.
    if value.trim().contains('\n') {
        forms.extend(value.lines().map(|l| l.trim().to_string()));
    }
    let mut known = KNOWN.lock().unwrap_or_else(|e| e.into_inner());
    for f in forms {
        if f.len() >= SHORTEST && !known.contains(&f) {
            known.push(f);
        }
    }
    // Longest first, so that a secret containing another is masked whole.
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
}

/// Registers every secret field of a request body (and URL-import header values).
pub fn register_body(body: &Value) {
    walk(body, &mut |v| register(v));
}

/// Replaces every known secret, in every registered form, in `text` by `***`.
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

/// Every string in a JSON value scrubbed, keys and shape unchanged.
pub fn scrub_value(value: &Value) -> Value {
    match value {
        Value::String(s) => Value::String(scrub(s)),
        Value::Array(list) => Value::Array(list.iter().map(scrub_value).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), scrub_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The text as it stands inside a JSON string (`\n` for a newline, `\"` for a quote).
fn json_escaped(v: &str) -> String {
    let quoted = Value::String(v.to_string()).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

fn html_escaped(v: &str) -> String {
    v.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Every byte but the unreserved ones (RFC 3986) as `%XX`, as a URL or form would carry it.
fn percent_encoded(v: &str) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const RESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    utf8_percent_encode(v, RESERVED).to_string()
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
    // A job holds its tasks, each with its payload.
    if let Some(Value::Array(tasks)) = masked.get_mut("tasks") {
        for t in tasks {
            *t = mask_task(t);
        }
    }
    if let Some(payload) = masked.get_mut("payload") {
        mask_payload(payload);
    }
    if let Some(Value::Array(deps)) = masked.get_mut("depends_on_tasks") {
        for dep in deps {
            if let Some(payload) = dep.get_mut("payload") {
                mask_payload(payload);
            }
        }
    }
    masked
}

/// A payload's secret fields, and the password and signature values of its `url` (a signed
/// URL shown by a later `task show` was never registered in that process).
fn mask_payload(payload: &mut Value) {
    mask_in_place(payload);
    if let Some(Value::String(url)) = payload.get_mut("url") {
        *url = mask_url(url);
    }
}

/// Query parameters whose values sign or authorize a URL (S3, Azure SAS, GCS, OAuth).
pub const SIGNATURE_PARAMS: &[&str] = &[
    "x-amz-signature",
    "x-amz-security-token",
    "x-amz-credential",
    "sig",
    "signature",
    "x-goog-signature",
    "x-goog-credential",
    "token",
    "access_token",
];

/// The secret parts of a URL: its password, and the values of its signature parameters.
pub fn url_secrets(url: &str) -> Vec<String> {
    let Ok(parsed) = reqwest::Url::parse(url.trim()) else {
        return Vec::new();
    };
    let mut secrets: Vec<String> = parsed.password().map(str::to_string).into_iter().collect();
    if let Some(query) = parsed.query() {
        for pair in query.split('&') {
            if let Some((name, value)) = pair.split_once('=')
                && SIGNATURE_PARAMS.contains(&name.to_ascii_lowercase().as_str())
                && !value.is_empty()
            {
                secrets.push(value.to_string());
            }
        }
    }
    secrets
}

/// A URL with its secret parts replaced by `***`, the rest as it was.
pub fn mask_url(url: &str) -> String {
    let mut out = url.to_string();
    for secret in url_secrets(url) {
        out = out.replace(&secret, MASK);
    }
    out
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
    fn scrub_removes_the_echoes_servers_really_send() {
        let key = "-----BEGIN PRIVATE KEY-----\nMIIEv+QIBADANBgkq&hki<G9w0>\nAAECggEA/x\"y\n-----END PRIVATE KEY-----\n";
        register(key);
        for echo in [
            key.to_string(),
            key.trim().to_string(),
            json_escaped(key),
            json_escaped(key.trim()),
            html_escaped(key.trim()),
            percent_encoded(key),
        ] {
            let out = scrub(&format!("rejected: {echo}!"));
            assert!(!out.contains("MIIEv"), "{echo:?} came out as {out:?}");
        }
        assert_eq!(
            scrub("line 2 was MIIEv+QIBADANBgkq&hki<G9w0>"),
            "line 2 was ***"
        );
        let v = json!({"message": "bad key MIIEv+QIBADANBgkq&hki<G9w0>", "n": 1});
        assert_eq!(scrub_value(&v), json!({"message": "bad key ***", "n": 1}));
    }

    #[test]
    fn a_payload_url_loses_its_password_and_signature() {
        let task =
            json!({"payload": {"url": "https://u:pw-1@h/a?X-Amz-Signature=abc123&x=1&sig=zz%2Fy"}});
        assert_eq!(
            mask_task(&task)["payload"]["url"],
            "https://u:***@h/a?X-Amz-Signature=***&x=1&sig=***"
        );
    }

    #[test]
    fn scrub_removes_registered_values() {
        register_body(&json!({"password": "hunter2-marker"}));
        assert_eq!(scrub("bad password hunter2-marker!"), "bad password ***!");
    }
}
