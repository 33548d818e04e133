//! A job as the Job Builder gives it (`{"tasks": {NAME: {"operation": …}}, "tag", "webhook_url"}`),
//! read and checked whole before anything is created: the JSON, the task names, every `input`,
//! every import's arguments, and that each `import/upload` task has exactly one `--file`.

use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::path::PathBuf;

/// A job ready to be created, and the file each of its upload tasks takes.
#[derive(Debug)]
pub struct Spec {
    /// The body of `POST /v2/jobs`, `--tag` and `--webhook-url` applied.
    pub body: Value,
    /// `(task name, file)` for each `import/upload` task, in the order of `--file`.
    pub files: Vec<(String, PathBuf)>,
}

/// What an import task must have, by operation (the API's required arguments); `a|b`: one of
/// them.
const REQUIRED: &[(&str, &[&str])] = &[
    ("import/url", &["url"]),
    ("import/upload", &[]),
    (
        "import/s3",
        &[
            "bucket",
            "region",
            "access_key_id",
            "secret_access_key",
            "key|key_prefix",
        ],
    ),
    (
        "import/azure/blob",
        &[
            "storage_account",
            "container",
            "storage_access_key|sas_token",
            "blob|blob_prefix",
        ],
    ),
    (
        "import/google-cloud-storage",
        &[
            "project_id",
            "bucket",
            "client_email",
            "private_key",
            "file|file_prefix",
        ],
    ),
    (
        "import/openstack",
        &[
            "auth_url",
            "username",
            "password",
            "region",
            "container",
            "file|file_prefix",
        ],
    ),
    (
        "import/sftp",
        &["host", "username", "password|private_key", "file|path"],
    ),
    ("import/base64", &["file", "filename"]),
    ("import/raw", &["file", "filename"]),
];

/// Reads the job's JSON (`text` read from `from`, a file or `-`) and checks it with the
/// `--file NAME=PATH` values; every fault is a usage error naming the task and the fix.
pub fn read(
    text: &str,
    from: &str,
    files: &[String],
    tag: Option<&str>,
    webhook_url: Option<&str>,
) -> Result<Spec> {
    let mut body: Value = serde_json::from_str(text).map_err(|e| {
        Error::usage(format!("the job {from} is not JSON: {e}")).with_hint(
            "give the JSON the Job Builder shows: {\"tasks\": {\"NAME\": {\"operation\": ...}}}",
        )
    })?;
    let Some(job) = body.as_object_mut() else {
        return Err(not_a_job(from, "it is not an object"));
    };
    if let Some(tag) = tag {
        job.insert("tag".into(), Value::String(tag.into()));
    }
    if let Some(url) = webhook_url {
        job.insert("webhook_url".into(), Value::String(url.into()));
    }
    let Some(Value::Object(tasks)) = job.get("tasks") else {
        return Err(not_a_job(from, "it has no \"tasks\" object"));
    };
    if tasks.is_empty() {
        return Err(not_a_job(from, "its \"tasks\" object is empty"));
    }
    for (name, task) in tasks {
        check_task(name, task, tasks)?;
    }
    let files = pair_files(files, tasks)?;
    Ok(Spec { body, files })
}

fn not_a_job(from: &str, why: &str) -> Error {
    Error::usage(format!("the job {from} is not a job: {why}")).with_hint(
        "give the JSON the Job Builder shows: {\"tasks\": {\"NAME\": {\"operation\": ...}}}",
    )
}

/// Letters, digits, `-` and `_`, as the API takes task names.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_task(name: &str, task: &Value, tasks: &Map<String, Value>) -> Result<()> {
    if !valid_name(name) {
        return Err(Error::usage(format!(
            "the task name {name:?} holds characters the API refuses"
        ))
        .with_hint("name tasks with letters, digits, - and _ only"));
    }
    let Some(operation) = task.get("operation").and_then(Value::as_str) else {
        return Err(Error::usage(format!("task {name} has no \"operation\""))
            .with_hint("give each task its operation, such as \"import/upload\" or \"convert\""));
    };
    for input in inputs(task) {
        let Some(input) = input.as_str() else {
            return Err(Error::usage(format!(
                "task {name}: its \"input\" holds {input}, not a task name"
            ))
            .with_hint("give input as a task name or a list of task names"));
        };
        if !tasks.contains_key(input) || input == name {
            let known: Vec<&str> = tasks.keys().map(String::as_str).collect();
            return Err(Error::usage(format!(
                "task {name} takes its input from {input:?}, which is not another task of the job"
            ))
            .with_hint(format!("the job's tasks are {}", known.join(", "))));
        }
    }
    if let Some((_, required)) = REQUIRED.iter().find(|(op, _)| *op == operation) {
        for wanted in *required {
            let has = |arg: &str| task.get(arg).is_some_and(|v| !v.is_null() && v != "");
            if !wanted.split('|').any(has) {
                return Err(Error::usage(format!(
                    "task {name} ({operation}) has no {}",
                    wanted.replace('|', " or ")
                ))
                .with_hint(format!(
                    "give it as the API documents {operation}, or as `cloudconvert import` shows with --dry-run"
                )));
            }
        }
        if operation == "import/url" {
            let url = task.get("url").and_then(Value::as_str).unwrap_or_default();
            crate::cli::validate::import_url(url)
                .map_err(|e| Error::usage(format!("task {name}: its url: {e}")))?;
        }
    } else if operation.starts_with("import/") {
        return Err(Error::usage(format!(
            "task {name}: {operation} is not an import operation of the API"
        ))
        .with_hint(format!(
            "the imports are {}",
            REQUIRED
                .iter()
                .map(|(op, _)| *op)
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(())
}

/// A task's `input`: one name, a list of names, or none.
fn inputs(task: &Value) -> Vec<&Value> {
    match task.get("input") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(names)) => names.iter().collect(),
        Some(one) => vec![one],
    }
}

/// Each `--file NAME=PATH` with its `import/upload` task: every such task has one, and every
/// one names such a task.
fn pair_files(files: &[String], tasks: &Map<String, Value>) -> Result<Vec<(String, PathBuf)>> {
    let uploads: Vec<&str> = tasks
        .iter()
        .filter(|(_, t)| t.get("operation").and_then(Value::as_str) == Some("import/upload"))
        .map(|(n, _)| n.as_str())
        .collect();
    let mut paired: Vec<(String, PathBuf)> = Vec::new();
    for given in files {
        let Some((name, path)) = given
            .split_once('=')
            .filter(|(n, p)| !n.is_empty() && !p.is_empty())
        else {
            return Err(Error::usage(format!("--file {given:?} is not NAME=PATH"))
                .with_hint("give --file as the upload task's name, =, and the file: --file upload-my-file=./in.docx"));
        };
        if !uploads.contains(&name) {
            let what = match tasks.get(name) {
                Some(t) => format!(
                    "task {name} is an {} task, not import/upload",
                    t.get("operation").and_then(Value::as_str).unwrap_or("?")
                ),
                None => format!("the job has no task {name}"),
            };
            return Err(Error::usage(format!("--file {given}: {what}")).with_hint(
                if uploads.is_empty() {
                    "the job has no import/upload task to send a file into".to_string()
                } else {
                    format!("its import/upload tasks are {}", uploads.join(", "))
                },
            ));
        }
        if paired.iter().any(|(n, _)| n == name) {
            return Err(Error::usage(format!("--file names task {name} twice"))
                .with_hint("an import/upload task takes one file; add a task for each file"));
        }
        paired.push((name.to_string(), PathBuf::from(path)));
    }
    if let Some(missing) = uploads
        .iter()
        .find(|u| !paired.iter().any(|(n, _)| n == *u))
    {
        return Err(Error::usage(format!(
            "the job's import/upload task {missing} has no --file"
        ))
        .with_hint(format!(
            "send it a file with --file {missing}=PATH; a job waits for every upload task's file"
        )));
    }
    Ok(paired)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOB: &str = r#"{
        "tasks": {
            "upload-my-file": {"operation": "import/upload"},
            "convert-my-file": {"operation": "convert", "input": "upload-my-file", "output_format": "pdf"},
            "export-my-file": {"operation": "export/url", "input": ["convert-my-file"]}
        },
        "tag": "jobbuilder"
    }"#;

    fn refused(text: &str, files: &[&str]) -> String {
        let files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        let e = read(text, "job.json", &files, None, None).expect_err("refused");
        assert_eq!(e.exit, crate::error::Exit::Usage);
        format!("{} / {}", e.message, e.hint.unwrap_or_default())
    }

    #[test]
    fn the_job_builders_json_with_its_file_is_taken_and_tag_and_webhook_replace() {
        let files = vec!["upload-my-file=in.docx".to_string()];
        let spec = read(
            JOB,
            "-",
            &files,
            Some("ci"),
            Some("https://example.com/hook"),
        )
        .unwrap();
        assert_eq!(
            spec.files,
            [("upload-my-file".into(), PathBuf::from("in.docx"))]
        );
        assert_eq!(spec.body["tag"], "ci");
        assert_eq!(spec.body["webhook_url"], "https://example.com/hook");
        assert_eq!(
            spec.body["tasks"]["convert-my-file"]["output_format"],
            "pdf"
        );
    }

    #[test]
    fn each_fault_is_named() {
        let ok = ["upload-my-file=in.docx"];
        assert!(refused("{", &ok).contains("not JSON"));
        assert!(refused("[]", &ok).contains("not an object"));
        assert!(refused(r#"{"tasks": {}}"#, &ok).contains("empty"));
        assert!(
            refused(&JOB.replace("export-my-file", "export my file"), &ok)
                .contains("\"export my file\"")
        );
        assert!(
            refused(
                &JOB.replace("\"input\": \"upload-my-file\"", "\"input\": \"uploda\""),
                &ok
            )
            .contains("\"uploda\", which is not another task")
        );
        assert!(refused(JOB, &[]).contains("upload-my-file has no --file"));
        assert!(
            refused(JOB, &["convert-my-file=a.pdf"]).contains("convert task, not import/upload")
        );
        assert!(refused(JOB, &["nothing=a.pdf"]).contains("no task nothing"));
        assert!(refused(JOB, &["upload-my-file"]).contains("not NAME=PATH"));
        assert!(refused(JOB, &["upload-my-file=a", "upload-my-file=b"]).contains("twice"));
        let url = r#"{"tasks": {"in": {"operation": "import/url", "url": "file:///etc/passwd"}}}"#;
        assert!(refused(url, &[]).contains("task in: its url"));
        let s3 = r#"{"tasks": {"in": {"operation": "import/s3", "bucket": "b", "region": "r", "access_key_id": "a", "secret_access_key": "s"}}}"#;
        assert!(refused(s3, &[]).contains("has no key or key_prefix"));
        let odd = r#"{"tasks": {"in": {"operation": "import/ftp"}}}"#;
        assert!(refused(odd, &[]).contains("not an import operation"));
        let no_op = r#"{"tasks": {"in": {"url": "x"}}}"#;
        assert!(refused(no_op, &[]).contains("no \"operation\""));
    }
}
