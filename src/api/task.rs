//! The task model. A task stays a JSON value so that every field the API sends, known or not,
//! is printed as it came; these helpers read the few fields the tool acts on.

use serde_json::Value;

/// The hint for a create whose outcome is unknown.
pub const TASK_MAY_EXIST: &str =
    "the task may have been created; check with cloudconvert task list --limit 5";

/// The same hint for `count` creates cut off together: a list long enough to show them all.
pub fn tasks_may_exist(count: usize) -> String {
    if count <= 1 {
        return TASK_MAY_EXIST.to_string();
    }
    format!(
        "the tasks may have been created; check with cloudconvert task list --limit {}",
        count.max(5)
    )
}

/// Whether a task id can go into a URL path as it is: letters, digits, dashes, underscores.
pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub fn id(task: &Value) -> Option<&str> {
    task.get("id").and_then(Value::as_str)
}

/// The id of a task from the server, checked before it goes into a URL: an id such as
/// `../users/me` would send the key elsewhere.
pub fn checked_id(task: &Value) -> crate::error::Result<String> {
    id(task)
        .filter(|i| valid_id(i))
        .map(str::to_string)
        .ok_or_else(|| {
            crate::error::Error::failure(format!(
                "the API answered with a task without a valid id ({}); the task may have been created",
                task.get("id").map_or_else(|| "none".to_string(), |v| v.to_string())
            ))
            .with_hint(TASK_MAY_EXIST)
        })
}

pub fn operation(task: &Value) -> Option<&str> {
    task.get("operation").and_then(Value::as_str)
}

pub fn status(task: &Value) -> Option<&str> {
    task.get("status").and_then(Value::as_str)
}

/// `finished` or `error`: the task will not change any more.
pub fn is_done(task: &Value) -> bool {
    matches!(status(task), Some("finished" | "error"))
}

/// An upload task whose file has not come: `waiting`, with its form.
pub fn awaiting_file(task: &Value) -> bool {
    task.get("operation").and_then(Value::as_str) == Some("import/upload")
        && status(task) == Some("waiting")
        && form(task).is_some()
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

/// The MD5 CloudConvert reports for a stored file (`result.files[].md5`): the file of that
/// name, else the only one. Only a well-formed hash counts.
pub fn stored_md5<'a>(task: &'a Value, filename: &str) -> Option<&'a str> {
    let files = task.get("result")?.get("files")?.as_array()?;
    let file = files
        .iter()
        .find(|f| f.get("filename").and_then(Value::as_str) == Some(filename))
        .or(match files.as_slice() {
            [only] => Some(only),
            _ => None,
        })?;
    file.get("md5")
        .and_then(Value::as_str)
        .filter(|m| m.len() == 32 && m.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The upload form of an `import/upload` task: its URL and its parameters in the API's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub url: String,
    pub parameters: Vec<(String, String)>,
}

pub fn form(task: &Value) -> Option<Form> {
    let form = task.get("result")?.get("form")?;
    let url = form.get("url")?.as_str()?.to_string();
    let parameters = match form.get("parameters") {
        // A `null` value is skipped, as the node SDK does: sent, it would be the text "null".
        Some(Value::Object(map)) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| (k.clone(), text(v)))
            .collect(),
        // PHP encodes an empty map as `[]`.
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) if a.is_empty() => Vec::new(),
        Some(_) => return None,
    };
    Some(Form { url, parameters })
}

/// A form value as the text a browser would send: strings as they are, numbers as written.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_stored_md5_of_a_file() {
        let md5 = "53d6fe6b688c31c565907c81de625046";
        let t = json!({"result": {"files": [{"filename": "input.pdf", "md5": md5}]}});
        assert_eq!(stored_md5(&t, "input.pdf"), Some(md5));
        assert_eq!(stored_md5(&t, "renamed.pdf"), Some(md5), "the only file");
        let two = json!({"result": {"files": [{"filename": "a", "md5": md5}, {"filename": "b", "md5": md5}]}});
        assert_eq!(stored_md5(&two, "c"), None);
        assert_eq!(
            stored_md5(
                &json!({"result": {"files": [{"filename": "a", "md5": "x"}]}}),
                "a"
            ),
            None
        );
        assert_eq!(
            stored_md5(&json!({"result": {"files": [{"filename": "a"}]}}), "a"),
            None
        );
        assert_eq!(stored_md5(&json!({"result": null}), "a"), None);
    }

    #[test]
    fn form_keeps_order_and_turns_numbers_into_text() {
        let task = json!({"result": {"form": {"url": "https://u/", "parameters": {"expires": 1545444403, "max_file_count": 1, "signature": "d0db"}}}});
        let f = form(&task).unwrap();
        assert_eq!(f.url, "https://u/");
        assert_eq!(
            f.parameters,
            vec![
                ("expires".into(), "1545444403".into()),
                ("max_file_count".into(), "1".into()),
                ("signature".into(), "d0db".into())
            ]
        );
        assert_eq!(form(&json!({"result": null})), None);
        let with_null =
            json!({"result": {"form": {"url": "https://u/", "parameters": {"a": null, "b": "x"}}}});
        assert_eq!(
            form(&with_null).unwrap().parameters,
            vec![("b".into(), "x".into())]
        );
        let empty =
            form(&json!({"result": {"form": {"url": "https://u/", "parameters": []}}})).unwrap();
        assert!(empty.parameters.is_empty());
    }
}
