//! A local stand-in for the upload storage (an S3 POST form), reading raw requests and refusing
//! what the real storage refuses: chunked or length-less bodies, an Authorization header, a
//! form whose parameters are missing, reordered or changed, or whose `file` part is not last.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// How the storage answers one request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// 201 with S3's XML body and a Location header.
    Accept,
    /// This status, with an S3-style XML error.
    Fail(u16, &'static str, &'static str),
    /// Read half the body, then close the connection.
    DropMidBody,
    /// 303 to this address (as S3 does with a `redirect`).
    Redirect(String),
    /// Read nothing of the body and never answer (a stalled connection).
    Stall,
    /// This 3xx to this address, storing nothing (AWS's answer from a wrong-region endpoint).
    Moved(u16, &'static str),
    /// Store the file, send the 201's head at once, then its body one byte a second.
    Drip,
    /// Answer 201 as soon as the request's head is in, read none of the body, and keep an
    /// empty file under this name (a box in the way that answers uploads itself).
    Early(&'static str),
    /// Read the whole body and keep the file, but never answer (an answer lost on the way).
    KeepSilently,
}

/// The ETag of a 201.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Etag {
    /// The MD5 of the file, as a plain S3 POST answers.
    Md5,
    /// Something else, as under server-side encryption with KMS.
    Other,
    /// None at all.
    Missing,
}

/// What arrived for a task: when, under which name, how many bytes, and their MD5.
#[derive(Debug, Clone)]
pub struct Arrival {
    pub at: std::time::Instant,
    pub name: String,
    pub size: usize,
    pub md5: String,
}

/// For a task id: its file, once it arrived.
pub type Arrivals = Arc<dyn Fn(&str) -> Option<Arrival> + Send + Sync>;

/// For a task id: the bytes of its file, once it arrived.
pub type Contents = Arc<dyn Fn(&str) -> Option<Vec<u8>> + Send + Sync>;

/// One upload the storage took in.
#[derive(Debug, Clone)]
pub struct Received {
    pub params: Vec<(String, String)>,
    pub filename: String,
    pub data: Vec<u8>,
    pub content_length: u64,
    /// The request's path (a per-task form URL ends with the task id).
    pub path: String,
    /// When the whole file had arrived.
    pub at: std::time::Instant,
}

#[derive(Default)]
struct State {
    /// Every answer waits this long first.
    delay: std::time::Duration,
    script: VecDeque<Answer>,
    expected: Vec<(String, String)>,
    received: Vec<Received>,
    /// Each form's last arrival (by the task id its path ends with) and its MD5, so that a
    /// stand-in asked about 100,000 tasks finds each at once.
    last: std::collections::HashMap<String, (usize, String)>,
    refusals: Vec<String>,
    requests: usize,
    etag: Option<Etag>,
    /// Bytes of request bodies read so far, over all connections.
    body_bytes: usize,
    /// Each connection's body is read at most this fast (bytes a second).
    read_rate: Option<usize>,
}

pub struct Storage {
    pub url: String,
    state: Arc<Mutex<State>>,
}

impl Storage {
    /// Starts the storage; it expects exactly `expected` as the form's text parts.
    pub fn start(expected: &[(&str, &str)]) -> Storage {
        Storage::listen(expected, TcpListener::bind("127.0.0.1:0").unwrap())
    }

    /// A storage on a slow link: a small receive window (set before any connection, so the
    /// kernel cannot hold much on its behalf) and bodies read at `rate` bytes a second.
    #[cfg(unix)]
    pub fn start_slow(expected: &[(&str, &str)], rate: usize) -> Storage {
        use std::os::fd::AsRawFd;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let size: libc::c_int = 32 << 10;
        // SAFETY: an int option on a socket we hold open.
        let rc = unsafe {
            libc::setsockopt(
                listener.as_raw_fd(),
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                (&size as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        assert_eq!(rc, 0);
        let storage = Storage::listen(expected, listener);
        storage.read_rate(rate);
        storage
    }

    fn listen(expected: &[(&str, &str)], listener: TcpListener) -> Storage {
        let url = format!("http://{}/tasks", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State {
            expected: expected
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..State::default()
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { return };
                let state = shared.clone();
                std::thread::spawn(move || serve(conn, &state));
            }
        });
        Storage { url, state }
    }

    /// Answers for the next requests, in order; after them every request is accepted.
    pub fn script(&self, answers: &[Answer]) {
        self.state
            .lock()
            .unwrap()
            .script
            .extend(answers.iter().cloned());
    }

    /// Every answer waits `delay` first (a real network's round trip).
    pub fn slow(&self, delay: std::time::Duration) {
        self.state.lock().unwrap().delay = delay;
    }

    /// The ETag every 201 carries (by default `"e"`, which is not the file's MD5).
    pub fn etag(&self, etag: Etag) {
        self.state.lock().unwrap().etag = Some(etag);
    }

    /// Reads bodies at most this many bytes a second (a slow link).
    pub fn read_rate(&self, bytes_per_sec: usize) {
        self.state.lock().unwrap().read_rate = Some(bytes_per_sec);
    }

    /// Bytes of request bodies the storage has read so far.
    pub fn body_bytes(&self) -> usize {
        self.state.lock().unwrap().body_bytes
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// How many files arrived whole.
    pub fn received_count(&self) -> usize {
        self.state.lock().unwrap().received.len()
    }

    pub fn refusals(&self) -> Vec<String> {
        self.state.lock().unwrap().refusals.clone()
    }

    pub fn requests(&self) -> usize {
        self.state.lock().unwrap().requests
    }

    /// When the file for a path ending in `/{id}` arrived, for an API that ends the task later.
    pub fn contents(&self) -> Contents {
        let state = self.state.clone();
        Arc::new(move |id: &str| {
            let s = state.lock().unwrap();
            let (i, _) = s.last.get(id)?;
            Some(s.received[*i].data.clone())
        })
    }

    pub fn arrivals(&self) -> Arrivals {
        let state = self.state.clone();
        Arc::new(move |id: &str| {
            let s = state.lock().unwrap();
            // The last file sent to a form is the one the storage keeps.
            let (i, md5) = s.last.get(id)?;
            let r = &s.received[*i];
            Some(Arrival {
                at: r.at,
                name: r.filename.clone(),
                size: r.data.len(),
                md5: md5.clone(),
            })
        })
    }
}

impl State {
    /// Keeps a file that arrived whole, as its form's last.
    fn keep(&mut self, r: Received) {
        let id = r.path.rsplit('/').next().unwrap_or_default().to_string();
        let md5 = format!("{:x}", md5::compute(&r.data));
        self.last.insert(id, (self.received.len(), md5));
        self.received.push(r);
    }
}

fn serve(conn: TcpStream, state: &Mutex<State>) {
    let _ = conn.set_nodelay(true);
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut out = conn;
    // Requests on one connection, until the client closes it.
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let path = request_line
            .split_whitespace()
            .nth(1)
            .unwrap_or("/")
            .to_string();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end().to_string();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let header = |name: &str| {
            headers
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let (answer, delay) = {
            let mut s = state.lock().unwrap();
            s.requests += 1;
            (s.script.pop_front().unwrap_or(Answer::Accept), s.delay)
        };
        std::thread::sleep(delay);
        let refuse = |out: &mut TcpStream, status: u16, code: &str, why: String| {
            state.lock().unwrap().refusals.push(why.clone());
            respond(out, status, &[], &error_xml(code, &why));
        };
        if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            return refuse(&mut out, 411, "MissingContentLength", "chunked body".into());
        }
        let Some(len) = header("content-length").and_then(|v| v.parse::<u64>().ok()) else {
            return refuse(
                &mut out,
                411,
                "MissingContentLength",
                "no Content-Length".into(),
            );
        };
        if header("authorization").is_some() {
            return refuse(
                &mut out,
                400,
                "InvalidArgument",
                "Unsupported Authorization Type".into(),
            );
        }
        if let Answer::Early(name) = answer {
            state.lock().unwrap().keep(Received {
                params: Vec::new(),
                filename: name.to_string(),
                data: Vec::new(),
                content_length: len,
                path: path.clone(),
                at: std::time::Instant::now(),
            });
            respond(&mut out, 201, &[], "<PostResponse></PostResponse>");
            std::thread::sleep(std::time::Duration::from_millis(200));
            let _ = out.shutdown(std::net::Shutdown::Both);
            return;
        }
        if let Answer::Stall = answer {
            std::thread::sleep(std::time::Duration::from_secs(60));
            return;
        }
        if let Answer::DropMidBody = answer {
            let mut half = vec![0u8; (len / 2) as usize];
            let _ = reader.read_exact(&mut half);
            let _ = out.shutdown(std::net::Shutdown::Both);
            return;
        }
        let mut body = vec![0u8; len as usize];
        if read_body(&mut reader, &mut body, state).is_err() {
            return;
        }
        let boundary = header("content-type").and_then(|ct| {
            ct.split("boundary=")
                .nth(1)
                .map(|b| b.trim_matches('"').to_string())
        });
        let Some(boundary) = boundary else {
            return refuse(
                &mut out,
                400,
                "MalformedPOSTRequest",
                "not multipart/form-data".into(),
            );
        };
        let parts = match parse_multipart(&body, &boundary) {
            Ok(p) => p,
            Err(why) => return refuse(&mut out, 400, "MalformedPOSTRequest", why),
        };
        let Some((last, params)) = parts.split_last() else {
            return refuse(&mut out, 400, "MalformedPOSTRequest", "empty form".into());
        };
        if last.name != "file" || last.filename.is_none() {
            return refuse(
                &mut out,
                400,
                "MalformedPOSTRequest",
                "the file part is not last".into(),
            );
        }
        if let Some(p) = params
            .iter()
            .find(|p| p.filename.is_some() || p.name == "file")
        {
            return refuse(
                &mut out,
                400,
                "MalformedPOSTRequest",
                format!("part {} before the file is not text", p.name),
            );
        }
        let got: Vec<(String, String)> = params
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    String::from_utf8_lossy(&p.data).into_owned(),
                )
            })
            .collect();
        let expected = state.lock().unwrap().expected.clone();
        if got != expected {
            return refuse(
                &mut out,
                403,
                "AccessDenied",
                format!("Invalid according to Policy: got {got:?}"),
            );
        }
        let etag = match state.lock().unwrap().etag {
            Some(Etag::Md5) => Some(format!("{:x}", md5::compute(&last.data))),
            Some(Etag::Missing) => None,
            Some(Etag::Other) | None => Some("e".to_string()),
        };
        let etag_xml = etag.map_or(String::new(), |e| format!("<ETag>\"{e}\"</ETag>"));
        let store = || {
            state.lock().unwrap().keep(Received {
                params: got.clone(),
                filename: last.filename.clone().unwrap(),
                data: last.data.clone(),
                content_length: len,
                path: path.clone(),
                at: std::time::Instant::now(),
            })
        };
        match answer {
            Answer::Drip => {
                store();
                let xml = format!("<?xml version=\"1.0\"?><PostResponse>{etag_xml}</PostResponse>");
                let head = format!(
                    "HTTP/1.1 201 Created\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n\r\n",
                    xml.len()
                );
                let _ = out.write_all(head.as_bytes());
                for b in xml.bytes() {
                    std::thread::sleep(std::time::Duration::from_secs(1));
                    if out.write_all(&[b]).is_err() {
                        return;
                    }
                }
                return;
            }
            Answer::Accept => {
                store();
                let location = "https://storage.example/tasks/t/file";
                let xml = format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>{location}</Location><Bucket>tasks</Bucket><Key>t/file</Key>{etag_xml}</PostResponse>"
                );
                respond(&mut out, 201, &[("Location", location)], &xml);
            }
            Answer::Redirect(to) => {
                store();
                respond(&mut out, 303, &[("Location", &to)], "");
            }
            Answer::Moved(status, to) => respond(&mut out, status, &[("Location", to)], ""),
            Answer::Fail(status, code, message) => {
                respond(&mut out, status, &[], &error_xml(code, message))
            }
            Answer::KeepSilently => {
                store();
                std::thread::sleep(std::time::Duration::from_secs(60));
                return;
            }
            Answer::DropMidBody | Answer::Stall | Answer::Early(_) => unreachable!(),
        }
        if header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close")) {
            return;
        }
    }
}

/// Reads a request body, at most the storage's read rate when one is set (looked at before
/// each read, so a test can change it mid-body), counting what was read.
fn read_body(
    reader: &mut BufReader<TcpStream>,
    body: &mut [u8],
    state: &Mutex<State>,
) -> std::io::Result<()> {
    let started = std::time::Instant::now();
    let mut done = 0;
    while done < body.len() {
        let rate = state.lock().unwrap().read_rate;
        let step = match rate {
            // Small reads, each when the rate allows it.
            Some(r) => {
                let due = std::time::Duration::from_secs_f64(done as f64 / r as f64);
                std::thread::sleep(due.saturating_sub(started.elapsed()));
                (r / 20).max(1).min(body.len() - done)
            }
            None => body.len() - done,
        };
        let n = reader.read(&mut body[done..done + step])?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        done += n;
        state.lock().unwrap().body_bytes += n;
    }
    Ok(())
}

fn respond(out: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &str) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/xml\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    head.push_str(body);
    let _ = out.write_all(head.as_bytes());
    let _ = out.flush();
}

fn error_xml(code: &str, message: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>1</RequestId></Error>"
    )
}

struct Part {
    name: String,
    filename: Option<String>,
    data: Vec<u8>,
}

/// A strict multipart/form-data reader: CRLF everywhere, quoted names, closing delimiter.
fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delim = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut pos = find(body, &delim, 0)
        .filter(|p| *p == 0)
        .ok_or("body does not start with the boundary")?;
    loop {
        pos += delim.len();
        if body[pos..].starts_with(b"--\r\n") && pos + 4 == body.len() {
            return Ok(parts);
        }
        if !body[pos..].starts_with(b"\r\n") {
            return Err("boundary not followed by CRLF".into());
        }
        pos += 2;
        let head_end = find(body, b"\r\n\r\n", pos).ok_or("part without headers")?;
        let head =
            std::str::from_utf8(&body[pos..head_end]).map_err(|_| "part headers are not UTF-8")?;
        let disposition = head
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with("content-disposition:"))
            .ok_or("part without Content-Disposition")?;
        let name = quoted(disposition, " name=\"")
            .or_else(|| quoted(disposition, ";name=\""))
            .ok_or("part without name")?;
        let filename = quoted(disposition, "filename=\"");
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delim);
        let data_end = find(body, &closing, head_end + 4).ok_or("part not closed")?;
        parts.push(Part {
            name,
            filename,
            data: body[head_end + 4..data_end].to_vec(),
        });
        pos = data_end + 2;
    }
}

fn quoted(s: &str, key: &str) -> Option<String> {
    let start = s.find(key)? + key.len();
    let end = s[start..].find('"')? + start;
    Some(s[start..end].to_string())
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}
