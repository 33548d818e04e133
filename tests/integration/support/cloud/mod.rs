//! A stand-in for CloudConvert's API and its sync host, on 127.0.0.1, that behaves as the real
//! service does in the official SDKs' recorded traffic: a created task is `waiting`; an upload
//! task stays `waiting` for a while after the storage has its file, then is `finished` with
//! `result.files`; `payload` comes only with `?include=payload`; the sync host (here under
//! `/sync`) holds `GET /v2/tasks/{id}` until the task has ended; lists are paged newest first.

#![allow(dead_code)]

mod jobs;

pub use jobs::{Downloads, job_id};

use crate::storage::{Arrivals, Storage};
use crate::support::KEY;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a real upload task stays `waiting` after the storage's 201 (recorded: about 2 s;
/// shorter here to keep the tests quick, long enough that a plain show sees `waiting`).
pub const AFTER_UPLOAD: Duration = Duration::from_millis(700);

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path without the query.
    pub path: String,
    pub query: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Task {
    json: Value,
    created: Instant,
    /// When a task that is not an upload ends.
    ends_at: Option<Instant>,
    /// An upload task: its file, once the storage has it.
    upload: bool,
    fails: bool,
    /// A job's task: the tasks whose files it takes (it ends after them, and fails with them).
    inputs: Vec<String>,
}

#[derive(Default)]
struct State {
    tasks: Vec<Task>,
    jobs: Vec<jobs::Job>,
    requests: Vec<Request>,
    next: usize,
    throttled: bool,
    /// When the stand-in started, for `throttle_gets_for`.
    started: Option<Instant>,
    /// The service went away (`Cloud::stop`): its port refuses connections, and the calls it
    /// holds are cut off unanswered.
    stopped: bool,
}

/// How the stand-in behaves; change fields before `start`.
#[derive(Clone)]
pub struct Options {
    /// How long a task that is not an upload takes.
    pub task_takes: Duration,
    /// Tasks end in `error` instead of `finished`.
    pub tasks_fail: bool,
    /// The upload form's parameters, in order (an object; values may be numbers).
    pub form: Value,
    /// The storage's URL and its arrivals, for upload tasks.
    pub storage: Option<(String, Arrivals)>,
    /// The status `GET /v2/users/me` answers (200, or 403 for a key without `user.read`).
    pub users_me: u16,
    /// How long an upload task stays `waiting` after its file (by the file's name) arrived.
    pub after_upload: Arc<dyn Fn(&str) -> Duration + Send + Sync>,
    /// The first create is answered 429 with this `Retry-After` (seconds).
    pub throttle_first: Option<u64>,
    /// Every answer waits this long first (a real network's round trip).
    pub delay: Duration,
    /// The sync host fails every call with this status.
    pub sync_fails: Option<u16>,
    /// The created task's status (a real create answers `waiting`).
    pub created_status: &'static str,
    /// What `result.files[].md5` of a finished upload says.
    pub md5: Md5,
    /// Every task GET (API and sync host) is held this long before it is answered.
    pub hang_gets: Option<Duration>,
    /// Upload tasks whose file (by name) ends in `error`.
    pub upload_fails: Arc<dyn Fn(&str) -> bool + Send + Sync>,
    /// For this long after the start, every task GET of the API host is answered 429 with
    /// `Retry-After: 1` (an account over its rate limit).
    pub throttle_gets_for: Option<Duration>,
    /// For a task id: the bytes the storage kept for it (what an export of it serves).
    pub contents: Option<crate::storage::Contents>,
    /// How the result downloads (`GET /files/…`) go.
    pub downloads: jobs::Downloads,
    /// The stand-in's own origin, set when it starts (exports' URLs point at it).
    pub origin: String,
}

/// The MD5 a finished upload task reports.
#[derive(Clone, Copy, PartialEq)]
pub enum Md5 {
    /// The MD5 of what the storage received, as the real service reports it.
    Real,
    /// Another file's.
    Wrong,
    /// None.
    Missing,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            task_takes: Duration::from_millis(500),
            tasks_fail: false,
            form: json!({}),
            storage: None,
            users_me: 200,
            after_upload: Arc::new(|_| AFTER_UPLOAD),
            throttle_first: None,
            delay: Duration::ZERO,
            sync_fails: None,
            created_status: "waiting",
            md5: Md5::Real,
            hang_gets: None,
            upload_fails: Arc::new(|_| false),
            throttle_gets_for: None,
            contents: None,
            downloads: jobs::Downloads::default(),
            origin: String::new(),
        }
    }
}

pub struct Cloud {
    /// The API origin, for `--api-url`.
    pub url: String,
    /// The sync host's origin, for `--sync-url`.
    pub sync_url: String,
    state: Arc<Mutex<State>>,
    options: Arc<Options>,
}

impl Cloud {
    pub fn start(options: Options) -> Cloud {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            started: Some(Instant::now()),
            ..State::default()
        }));
        let options = Arc::new(Options {
            origin: url.clone(),
            ..options
        });
        let (s, o) = (state.clone(), options.clone());
        listener.set_nonblocking(true).unwrap();
        std::thread::spawn(move || {
            loop {
                if s.lock().unwrap().stopped {
                    return; // the listener is dropped: connections are refused from now on
                }
                match listener.accept() {
                    Ok((conn, _)) => {
                        conn.set_nonblocking(false).unwrap();
                        let (s, o) = (s.clone(), o.clone());
                        std::thread::spawn(move || serve(conn, &s, &o));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        Cloud {
            sync_url: format!("{url}/sync"),
            url,
            state,
            options,
        }
    }

    /// The stand-in for uploads to `storage`, whose form parameters it hands out.
    pub fn for_storage(storage: &Storage, form: &[(&str, &str)]) -> Cloud {
        Cloud::for_storage_after(storage, form, AFTER_UPLOAD)
    }

    /// A cloud whose form (`key=k`) points at `storage` and whose tasks end `after` their
    /// file arrived, with the rest of `options`.
    pub fn for_storage_with(storage: &Storage, after: Duration, options: Options) -> Cloud {
        Cloud::start(Options {
            form: json!({"key": "k"}),
            storage: Some((storage.url.clone(), storage.arrivals())),
            contents: Some(storage.contents()),
            after_upload: Arc::new(move |_| after),
            ..options
        })
    }

    /// The same, with a task ending `after` its file arrived.
    pub fn for_storage_after(storage: &Storage, form: &[(&str, &str)], after: Duration) -> Cloud {
        Cloud::start(Options {
            form: Value::Object(
                form.iter()
                    .map(|(k, v)| (k.to_string(), json!(v)))
                    .collect(),
            ),
            storage: Some((storage.url.clone(), storage.arrivals())),
            contents: Some(storage.contents()),
            after_upload: Arc::new(move |_| after),
            ..Options::default()
        })
    }

    /// The service goes away: new connections are refused, and calls it holds are cut off.
    pub fn stop(&self) {
        self.state.lock().unwrap().stopped = true;
        std::thread::sleep(Duration::from_millis(20));
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    /// The requests whose method and path start as given, e.g. `("GET", "/sync/")`.
    pub fn count(&self, method: &str, path_prefix: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.method == method && r.path.starts_with(path_prefix))
            .count()
    }

    /// When the task ended (a non-upload task's planned end, or an upload's file + delay).
    pub fn ended_at(&self, id: &str) -> Option<Instant> {
        let s = self.state.lock().unwrap();
        let t = s.task(id)?;
        end_of(&s, t, &self.options)
    }

    /// Adds a task as if created earlier, for list tests.
    /// Every task's id and status as a show would answer now, in the order created.
    pub fn statuses(&self) -> Vec<(String, String)> {
        let s = self.state.lock().unwrap();
        s.tasks
            .iter()
            .map(|t| {
                let v = view(&s, t, &self.options, false);
                (
                    v["id"].as_str().unwrap_or_default().to_string(),
                    v["status"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    /// Adds a finished `export/url` task whose one file is at `url`.
    pub fn add_export(&self, url: &str, filename: &str, size: u64) -> String {
        let id = self.add_task("export/url", "finished", "2026-11-27T10:00:00+00:00");
        let mut s = self.state.lock().unwrap();
        let i = s.index(&id).unwrap();
        s.tasks[i].json["result"] =
            json!({"files": [{"filename": filename, "size": size, "url": url}]});
        id
    }

    pub fn add_task(&self, operation: &str, status: &str, created_at: &str) -> String {
        let mut s = self.state.lock().unwrap();
        let id = new_id(&mut s);
        let mut json = task_json(&id, operation, json!({}));
        json["status"] = json!(status);
        json["created_at"] = json!(created_at);
        s.tasks.push(Task {
            json,
            created: Instant::now(),
            ends_at: None,
            upload: false,
            fails: false,
            inputs: Vec::new(),
        });
        id
    }
}

impl State {
    /// The task with this id: found by its number (the `n`th task made is `tasks[n - 1]`), so
    /// that a batch of 100,000 costs no scan per request.
    fn task(&self, id: &str) -> Option<&Task> {
        let i = self.index(id)?;
        self.tasks.get(i)
    }

    fn task_mut(&mut self, id: &str) -> Option<&mut Task> {
        let i = self.index(id)?;
        self.tasks.get_mut(i)
    }

    fn index(&self, id: &str) -> Option<usize> {
        let n = usize::from_str_radix(id.rsplit('-').next()?, 16).ok()?;
        let i = n.checked_sub(1)?;
        (self.tasks.get(i)?.json["id"] == id).then_some(i)
    }
}

fn new_id(s: &mut State) -> String {
    s.next += 1;
    id(s.next)
}

/// The id of the `n`th task the stand-in creates (from 1).
pub fn id(n: usize) -> String {
    format!("{:08x}-7c2a-4e0b-9d1c-{n:012x}", 0x3f7c_0000 + n)
}

/// A task as the API shows it, with every field of the recorded answers.
fn task_json(id: &str, operation: &str, payload: Value) -> Value {
    json!({
        "id": id,
        "job_id": null,
        "operation": operation,
        "status": "waiting",
        "credits": null,
        "message": null,
        "code": null,
        "percent": 100,
        "created_at": "2026-11-27T10:00:00+00:00",
        "started_at": null,
        "ended_at": null,
        "retry_of_task_id": null,
        "copy_of_task_id": null,
        "user_id": 61485254,
        "priority": 10,
        "host_name": null,
        "storage": null,
        "region": "eu-central",
        "depends_on_task_ids": [],
        "payload": payload,
        "result": null,
        "links": {"self": format!("https://api.cloudconvert.com/v2/tasks/{id}")}
    })
}

fn end_of(s: &State, t: &Task, o: &Options) -> Option<Instant> {
    if t.upload {
        let (_, arrivals) = o.storage.as_ref()?;
        let id = t.json["id"].as_str()?;
        arrivals(id).map(|a| a.at + (o.after_upload)(&a.name))
    } else if !t.inputs.is_empty() {
        // A job's task runs once every input has ended.
        let mut last = t.created;
        for input in &t.inputs {
            last = last.max(end_of(s, s.task(input)?, o)?);
        }
        Some(last + o.task_takes)
    } else {
        t.ends_at
    }
}

/// Why the task fails, when it does: its own fault, or an input's.
fn fault(s: &State, t: &Task, o: &Options) -> Option<(&'static str, &'static str)> {
    let upload_fails = t.upload
        && o.storage.as_ref().is_some_and(|(_, arrivals)| {
            arrivals(t.json["id"].as_str().unwrap_or_default())
                .is_some_and(|a| (o.upload_fails)(&a.name))
        });
    if t.fails || upload_fails {
        return Some(("INVALID_URL", "Could not download the file: 404 Not Found"));
    }
    t.inputs
        .iter()
        .filter_map(|i| s.task(i))
        .any(|i| fault(s, i, o).is_some())
        .then_some(("INPUT_TASK_FAILED", "Input task has failed"))
}

/// The task as it is now; `payload` only when asked for.
fn view(s: &State, t: &Task, o: &Options, include_payload: bool) -> Value {
    let mut json = t.json.clone();
    let waiting = json["status"] == "waiting" || json["status"] == "processing";
    if waiting && end_of(s, t, o).is_some_and(|end| Instant::now() >= end) {
        json["ended_at"] = json!("2026-11-27T10:00:03+00:00");
        json["started_at"] = json!("2026-11-27T10:00:01+00:00");
        if let Some((code, message)) = fault(s, t, o) {
            json["status"] = json!("error");
            json["code"] = json!(code);
            json["message"] = json!(message);
        } else if json["job_id"].is_string() && !t.upload {
            json["status"] = json!("finished");
            json["message"] = Value::Null;
            json["result"] = jobs::result(s, t, o);
        } else {
            json["status"] = json!("finished");
            json["message"] = Value::Null;
            let files = match (&o.storage, t.upload) {
                (Some((_, arrivals)), true) => {
                    let a = arrivals(json["id"].as_str().unwrap()).unwrap();
                    // As the recorded traffic has it after an upload: the name and the MD5,
                    // no size.
                    let _ = a.size;
                    match o.md5 {
                        Md5::Real => json!([{"filename": a.name, "md5": a.md5}]),
                        Md5::Wrong => {
                            json!([{"filename": a.name, "md5": "9e107d9d372bb6826bd81d3542a419d6"}])
                        }
                        Md5::Missing => json!([{"filename": a.name}]),
                    }
                }
                _ => json!([{"filename": "file.pdf", "size": 3, "md5": "x"}]),
            };
            json["result"] = json!({"files": files});
        }
    } else if waiting && t.json["status"] == "waiting" && !t.upload && t.inputs.is_empty() {
        let started = Instant::now().duration_since(t.created) > Duration::from_millis(100);
        if started {
            json["status"] = json!("processing");
        }
    }
    if !include_payload && let Value::Object(m) = &mut json {
        m.remove("payload");
    }
    json
}

fn serve(conn: TcpStream, state: &Mutex<State>, o: &Options) {
    // Each answer goes out whole at once; Nagle would hold the body for the client's delayed
    // ACK (40 ms), a cost no real server adds.
    let _ = conn.set_nodelay(true);
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut out = conn;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("/").to_string();
        let (path, query) = match target.split_once('?') {
            Some((p, q)) => (p.to_string(), q.to_string()),
            None => (target, String::new()),
        };
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let len = headers
            .iter()
            .find(|(k, _)| k == "content-length")
            .and_then(|(_, v)| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let req = Request {
            method,
            path,
            query,
            headers,
            body,
            at: Instant::now(),
        };
        {
            let mut s = state.lock().unwrap();
            if s.stopped {
                return;
            }
            s.requests.push(req.clone());
        }
        std::thread::sleep(o.delay);
        if let Some(hang) = o.hang_gets
            && req.method == "GET"
            && req.path.contains("/v2/tasks/")
        {
            std::thread::sleep(hang);
        }
        let throttled = req.method == "POST" && req.path.starts_with("/v2/import/") && {
            let mut s = state.lock().unwrap();
            let first = o.throttle_first.is_some() && !s.throttled;
            s.throttled |= first;
            first
        };
        let gets_throttled = req.method == "GET"
            && req.path.starts_with("/v2/tasks/")
            && o.throttle_gets_for.is_some_and(|d| {
                state
                    .lock()
                    .unwrap()
                    .started
                    .is_some_and(|t| t.elapsed() < d)
            });
        if throttled || gets_throttled {
            let body = r#"{"message":"Too Many Attempts.","code":"TOO_MANY_REQUESTS"}"#;
            let head = format!(
                "HTTP/1.1 429 X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nRetry-After: {}\r\nX-Ratelimit-Limit: 500\r\nX-Ratelimit-Remaining: 0\r\n\r\n",
                body.len(),
                o.throttle_first.unwrap_or(1)
            );
            if out.write_all(format!("{head}{body}").as_bytes()).is_err() {
                return;
            }
            continue;
        }
        if req.path.starts_with("/files/") {
            // A result's file: no key asked, as the storage serves it.
            if !jobs::serve_file(&req, state, o, &mut out) {
                return;
            }
            continue;
        }
        let (status, answer) = answer(&req, state, o);
        if state.lock().unwrap().stopped {
            return; // gone before it answered
        }
        let body = answer.map(|v| v.to_string()).unwrap_or_default();
        let head = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nX-Ratelimit-Limit: 500\r\nX-Ratelimit-Remaining: 499\r\n\r\n",
            body.len()
        );
        if out.write_all(format!("{head}{body}").as_bytes()).is_err() {
            return;
        }
    }
}

fn error(status: u16, message: &str, code: &str) -> (u16, Option<Value>) {
    (status, Some(json!({"message": message, "code": code})))
}

fn answer(req: &Request, state: &Mutex<State>, o: &Options) -> (u16, Option<Value>) {
    if req.header("authorization") != Some(&format!("Bearer {KEY}")) {
        return error(401, "Unauthenticated.", "UNAUTHENTICATED");
    }
    let sync = req.path.starts_with("/sync/");
    let path = req.path.strip_prefix("/sync").unwrap_or(&req.path);
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let include_payload = req.query.contains("include=payload");
    match (req.method.as_str(), &segs[..]) {
        ("GET", ["v2", kind @ ("tasks" | "jobs"), id]) if sync => {
            if let Some(s) = o.sync_fails {
                return error(s, "Bad gateway", "BAD_GATEWAY");
            }
            // Held until the task (or job) has ended, as the real sync host does.
            let limit = Instant::now() + Duration::from_secs(120);
            loop {
                {
                    let s = state.lock().unwrap();
                    if s.stopped {
                        return (0, None);
                    }
                    let found = match *kind {
                        "jobs" => jobs::view(&s, id, o),
                        _ => s.task(id).map(|t| view(&s, t, o, include_payload)),
                    };
                    let Some(v) = found else {
                        return error(404, "Not found", "NOT_FOUND");
                    };
                    if v["status"] == "finished" || v["status"] == "error" || Instant::now() > limit
                    {
                        return (200, Some(json!({"data": v})));
                    }
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        ("POST", ["v2", "import", ..]) => {
            let operation = segs[1..].join("/");
            let payload: Value = serde_json::from_slice(&req.body).unwrap_or(json!({}));
            let mut s = state.lock().unwrap();
            let id = new_id(&mut s);
            let upload = operation == "import/upload";
            let mut json = task_json(&id, &operation, payload);
            json["status"] = json!(o.created_status);
            if upload {
                let url = o.storage.as_ref().map_or("", |(u, _)| u.as_str());
                json["message"] = json!("Waiting for file upload");
                json["result"] =
                    json!({"form": {"url": format!("{url}/{id}"), "parameters": o.form}});
            }
            s.tasks.push(Task {
                json,
                created: Instant::now(),
                ends_at: (!upload).then(|| Instant::now() + o.task_takes),
                upload,
                fails: o.tasks_fail,
                inputs: Vec::new(),
            });
            let v = view(&s, s.tasks.last().unwrap(), o, true);
            (201, Some(json!({"data": v})))
        }
        ("GET", ["v2", "tasks", id]) => {
            let s = state.lock().unwrap();
            match s.task(id) {
                Some(t) => (200, Some(json!({"data": view(&s, t, o, include_payload)}))),
                None => error(404, "Task not found", "NOT_FOUND"),
            }
        }
        ("GET", ["v2", "tasks"]) => list(req, state, o),
        ("POST", ["v2", "jobs"]) => jobs::create(req, &mut state.lock().unwrap(), o),
        ("GET", ["v2", "jobs"]) => jobs::list(req, &state.lock().unwrap(), o),
        ("GET", ["v2", "jobs", id]) => match jobs::view(&state.lock().unwrap(), id, o) {
            Some(job) => (200, Some(json!({"data": job}))),
            None => error(404, "Job not found", "NOT_FOUND"),
        },
        ("DELETE", ["v2", "jobs", id]) => jobs::delete(&mut state.lock().unwrap(), id),
        ("POST", ["v2", "tasks", id, "cancel"]) => {
            let mut s = state.lock().unwrap();
            let Some(t) = s.task(id) else {
                return error(404, "Task not found", "NOT_FOUND");
            };
            let v = view(&s, t, o, false);
            if v["status"] == "finished" || v["status"] == "error" {
                return error(422, "The task has already ended.", "INVALID_DATA");
            }
            let t = s.task_mut(id).unwrap();
            t.json["status"] = json!("error");
            t.json["code"] = json!("CANCELLED");
            t.json["message"] = json!("Task has been cancelled");
            t.ends_at = None;
            t.upload = false;
            let v = view(&s, s.task(id).unwrap(), o, false);
            (200, Some(json!({"data": v})))
        }
        ("POST", ["v2", "tasks", id, "retry"]) => {
            let mut s = state.lock().unwrap();
            let Some(old) = s.task(id) else {
                return error(404, "Task not found", "NOT_FOUND");
            };
            let (op, payload) = (old.json["operation"].clone(), old.json["payload"].clone());
            let id_new = new_id(&mut s);
            let mut json = task_json(&id_new, op.as_str().unwrap(), payload);
            json["retry_of_task_id"] = json!(id);
            s.tasks.push(Task {
                json,
                created: Instant::now(),
                ends_at: Some(Instant::now() + o.task_takes),
                upload: false,
                fails: o.tasks_fail,
                inputs: Vec::new(),
            });
            let v = view(&s, s.tasks.last().unwrap(), o, false);
            (201, Some(json!({"data": v})))
        }
        ("DELETE", ["v2", "tasks", id]) => {
            let mut s = state.lock().unwrap();
            let before = s.tasks.len();
            s.tasks.retain(|t| t.json["id"] != *id);
            if s.tasks.len() == before {
                return error(404, "Task not found", "NOT_FOUND");
            }
            (204, None)
        }
        ("GET", ["v2", "users", "me"]) => match o.users_me {
            200 => (
                200,
                Some(
                    json!({"data": {"id": 61485254, "username": "Import Tester", "email": "tester@example.com", "credits": 10, "links": {"self": "https://api.cloudconvert.com/v2/users/61485254"}}}),
                ),
            ),
            403 => error(403, "Invalid scope(s) provided.", "FORBIDDEN"),
            s => error(s, "Unauthenticated.", "UNAUTHENTICATED"),
        },
        _ => error(404, "Not found", "NOT_FOUND"),
    }
}

fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// `GET /v2/tasks`: filtered, newest first, paged with `links.next` as the API does.
fn list(req: &Request, state: &Mutex<State>, o: &Options) -> (u16, Option<Value>) {
    let q = &req.query;
    let status = param(q, "filter%5Bstatus%5D");
    let operation = param(q, "filter%5Boperation%5D").map(|v| v.replace("%2F", "/"));
    let job = param(q, "filter%5Bjob_id%5D");
    let s = state.lock().unwrap();
    let all: Vec<Value> = s
        .tasks
        .iter()
        .map(|t| view(&s, t, o, false))
        .filter(|t| status.is_none_or(|st| t["status"] == st))
        .filter(|t| job.is_none_or(|j| t["job_id"] == j))
        .filter(|t| operation.as_deref().is_none_or(|op| t["operation"] == op))
        .collect();
    paged(all, q, "tasks")
}

/// A list's page, newest first, with `links` as the API gives them.
fn paged(mut all: Vec<Value>, q: &str, what: &str) -> (u16, Option<Value>) {
    let per_page: usize = param(q, "per_page")
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let page: usize = param(q, "page").and_then(|v| v.parse().ok()).unwrap_or(1);
    if per_page > 100 {
        return error(
            422,
            "The per page may not be greater than 100.",
            "INVALID_DATA",
        );
    }
    all.sort_by(|a, b| b["created_at"].as_str().cmp(&a["created_at"].as_str()));
    let pages = all.len().div_ceil(per_page).max(1);
    let data: Vec<Value> = all
        .into_iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    let link = |p: usize| format!("https://api.cloudconvert.com/v2/{what}?page={p}");
    (
        200,
        Some(json!({
            "data": data,
            "links": {
                "first": link(1),
                "last": link(pages),
                "prev": (page > 1).then(|| link(page - 1)),
                "next": (page < pages).then(|| link(page + 1)),
            },
            "meta": {"current_page": page, "from": 1, "last_page": pages, "path": format!("https://api.cloudconvert.com/v2/{what}"), "per_page": per_page, "to": per_page, "total": null}
        })),
    )
}
