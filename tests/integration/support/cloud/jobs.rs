//! Jobs in the stand-in, as the real API has them (the ruby SDK's recorded
//! `performs_upload_and_download_of_file` and `job*.json`): `POST /v2/jobs` makes every task at
//! once, each with its `name`, `job_id` and `depends_on_task_ids`; an upload task gets its form;
//! a task runs once its inputs have ended and fails with `INPUT_TASK_FAILED` when one failed; a
//! convert names its file by `output_format` (or `filename`) and keeps its input's bytes; an
//! `export/url` gives each file a URL here, served without a key, with `Content-Length`,
//! `Content-Disposition` and an `ETag` that is the bytes' MD5.

use super::{Options, Request, State, Task, error, new_id, paged, param, task_json};
use serde_json::{Value, json};
use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

pub(super) struct Job {
    json: Value,
    tasks: Vec<String>,
}

/// How the result downloads go.
#[derive(Clone, Default)]
pub struct Downloads {
    /// This many downloads are cut off halfway (the connection closed), then they go whole.
    pub cut_first: Arc<AtomicUsize>,
    /// The ETag is not the bytes' MD5 (a storage that serves other bytes than it says).
    pub wrong_etag: bool,
}

/// The id of the `n`th job (from 1).
pub fn job_id(n: usize) -> String {
    format!("{:08x}-5d8c-4a38-9f47-{n:012x}", 0x6b1b_0000 + n)
}

/// `POST /v2/jobs`.
pub(super) fn create(req: &Request, s: &mut State, o: &Options) -> (u16, Option<Value>) {
    let Ok(body) = serde_json::from_slice::<Value>(&req.body) else {
        return error(422, "The given data was invalid.", "INVALID_DATA");
    };
    let Some(tasks) = body["tasks"].as_object() else {
        return error(422, "The tasks field is required.", "INVALID_DATA");
    };
    let id = job_id(s.jobs.len() + 1);
    // Ids first, so that each task can name the ones it depends on.
    let ids: Vec<(String, String)> = tasks.keys().map(|name| (name.clone(), new_id(s))).collect();
    let id_of = |name: &str| ids.iter().find(|(n, _)| n == name).map(|(_, i)| i.clone());
    for ((name, spec), (_, task_id)) in tasks.iter().zip(&ids) {
        let operation = spec["operation"].as_str().unwrap_or("?");
        let inputs: Vec<String> = match &spec["input"] {
            Value::String(n) => id_of(n).into_iter().collect(),
            Value::Array(ns) => ns.iter().filter_map(|n| id_of(n.as_str()?)).collect(),
            _ => Vec::new(),
        };
        let upload = operation == "import/upload";
        let mut json = task_json(task_id, operation, spec.clone());
        json["name"] = json!(name);
        json["job_id"] = json!(id);
        json["depends_on_task_ids"] = json!(inputs);
        if upload {
            let url = o.storage.as_ref().map_or("", |(u, _)| u.as_str());
            json["message"] = json!("Waiting for file upload");
            json["result"] =
                json!({"form": {"url": format!("{url}/{task_id}"), "parameters": o.form}});
        }
        s.tasks.push(Task {
            json,
            created: Instant::now(),
            ends_at: (!upload && inputs.is_empty()).then(|| Instant::now() + o.task_takes),
            upload,
            fails: o.tasks_fail && operation.starts_with("import/") && !upload,
            inputs,
        });
    }
    s.jobs.push(Job {
        json: json!({
            "id": id,
            "tag": body["tag"],
            "status": "waiting",
            "created_at": "2026-11-27T10:00:00+00:00",
            "started_at": null,
            "ended_at": null,
            "links": {"self": format!("https://api.cloudconvert.com/v2/jobs/{id}")},
        }),
        tasks: ids.into_iter().map(|(_, i)| i).collect(),
    });
    (201, Some(json!({"data": view(s, &id, o)})))
}

/// A job as it is now, its tasks with it.
pub(super) fn view(s: &State, id: &str, o: &Options) -> Option<Value> {
    let job = s.jobs.iter().find(|j| j.json["id"] == id)?;
    let tasks: Vec<Value> = job
        .tasks
        .iter()
        .filter_map(|t| s.task(t))
        .map(|t| super::view(s, t, o, true))
        .collect();
    let ended = |t: &Value| t["status"] == "finished" || t["status"] == "error";
    let mut json = job.json.clone();
    json["status"] = json!(if tasks.iter().all(ended) {
        if tasks.iter().any(|t| t["status"] == "error") {
            "error"
        } else {
            "finished"
        }
    } else if tasks.iter().any(|t| t["status"] != "waiting") {
        "processing"
    } else {
        "waiting"
    });
    if json["status"] == "finished" || json["status"] == "error" {
        json["ended_at"] = json!("2026-11-27T10:00:05+00:00");
    }
    json["tasks"] = json!(tasks);
    Some(json)
}

/// `GET /v2/jobs`, by `filter[tag]` and `filter[status]`.
pub(super) fn list(req: &Request, s: &State, o: &Options) -> (u16, Option<Value>) {
    let q = &req.query;
    let tag = param(q, "filter%5Btag%5D");
    let status = param(q, "filter%5Bstatus%5D");
    let all: Vec<Value> = s
        .jobs
        .iter()
        .filter_map(|j| view(s, j.json["id"].as_str()?, o))
        .filter(|j| tag.is_none_or(|t| j["tag"] == t))
        .filter(|j| status.is_none_or(|st| j["status"] == st))
        .collect();
    paged(all, q, "jobs")
}

/// `DELETE /v2/jobs/{id}`: the job and its tasks.
pub(super) fn delete(s: &mut State, id: &str) -> (u16, Option<Value>) {
    let Some(at) = s.jobs.iter().position(|j| j.json["id"] == id) else {
        return error(404, "Job not found", "NOT_FOUND");
    };
    s.jobs.remove(at);
    (204, None)
}

/// A finished job task's result: its files, as its inputs' files named by what it does.
pub(super) fn result(s: &State, t: &Task, o: &Options) -> Value {
    let files: Vec<Value> = files(s, t, o)
        .into_iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let mut f = json!({"filename": name, "size": bytes.len()});
            if t.json["operation"] == "export/url" {
                let id = t.json["id"].as_str().unwrap_or_default();
                f["url"] = json!(format!("{}/files/{id}/{i}", o.origin));
            }
            f
        })
        .collect();
    json!({"files": files})
}

/// The files a task has made: names and bytes.
fn files(s: &State, t: &Task, o: &Options) -> Vec<(String, Vec<u8>)> {
    let id = t.json["id"].as_str().unwrap_or_default();
    let payload = &t.json["payload"];
    if t.upload {
        let name = o
            .storage
            .as_ref()
            .and_then(|(_, arrivals)| arrivals(id))
            .map(|a| a.name)
            .unwrap_or_default();
        let bytes = o.contents.as_ref().and_then(|c| c(id)).unwrap_or_default();
        return vec![(name, bytes)];
    }
    if t.inputs.is_empty() {
        let url = payload["url"].as_str().unwrap_or("file");
        let name = payload["filename"]
            .as_str()
            .unwrap_or_else(|| url.rsplit('/').next().unwrap_or("file"));
        return vec![(
            name.to_string(),
            format!("the file at {url}\n").into_bytes(),
        )];
    }
    let mut out = Vec::new();
    for input in t.inputs.iter().filter_map(|i| s.task(i)) {
        for (name, bytes) in files(s, input, o) {
            let name = match (&payload["filename"], &payload["output_format"]) {
                (Value::String(f), _) => f.clone(),
                (_, Value::String(ext)) if t.json["operation"] == "convert" => {
                    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                    format!("{stem}.{ext}")
                }
                _ => name,
            };
            out.push((name, bytes));
        }
    }
    out
}

/// `GET /files/{task}/{n}`: the bytes, as the storage serves them. False: the connection ends.
pub(super) fn serve_file(
    req: &Request,
    state: &Mutex<State>,
    o: &Options,
    out: &mut TcpStream,
) -> bool {
    let parts: Vec<&str> = req.path.trim_start_matches('/').split('/').collect();
    let found = {
        let s = state.lock().unwrap();
        match parts[..] {
            ["files", id, n] => s.task(id).and_then(|t| {
                let n: usize = n.parse().ok()?;
                files(&s, t, o).into_iter().nth(n)
            }),
            _ => None,
        }
    };
    let Some((name, bytes)) = found else {
        let body = "<Error><Code>NoSuchKey</Code></Error>";
        let head = format!(
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        return out.write_all(format!("{head}{body}").as_bytes()).is_ok();
    };
    let md5 = if o.downloads.wrong_etag {
        "9e107d9d372bb6826bd81d3542a419d6".to_string()
    } else {
        format!("{:x}", md5::compute(&bytes))
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nContent-Disposition: attachment; filename=\"{}\"\r\nETag: \"{md5}\"\r\n\r\n",
        bytes.len(),
        name.replace('"', "")
    );
    let cut = o
        .downloads
        .cut_first
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if cut {
        let _ = out.write_all(head.as_bytes());
        let _ = out.write_all(&bytes[..bytes.len() / 2]);
        return false;
    }
    out.write_all(head.as_bytes()).is_ok() && out.write_all(&bytes).is_ok()
}
