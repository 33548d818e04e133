//! The API's answers: read with a size limit, parsed with a bound on how many values they hold,
//! unwrapped (`{"data": task}`), checked to be the task asked for, and turned into errors.

use crate::error::{Error, Exit, Result};
use crate::net::failure::{ProxyRefusal, host_of, proxy_auth_error};
use crate::net::retry::Failure;
use serde_json::Value;
use std::time::Duration;

/// The most of an API answer that is read: a task or a page of 100 tasks is a few KiB, so more
/// than this is a broken or hostile server, not an answer.
pub const MAX_ANSWER: u64 = 8 << 20;

/// An answer's body as read, or how reading it failed and what kind of failure that is.
pub(super) type BodyRead = Result<Answer, (Failure, Error)>;

/// An answer's body, and how long it asks new requests to wait.
pub(super) struct Answer {
    pub body: Vec<u8>,
    /// `Retry-After` of a 429 or 503.
    pub retry_after: Option<Duration>,
    /// The rest of the rate-limit window, when `X-Ratelimit-Remaining` reached 0.
    pub window: Option<Duration>,
}

/// Reads an answer's body, refusing one larger than `MAX_ANSWER`.
pub(crate) fn read_bounded(
    resp: reqwest::blocking::Response,
) -> Result<Result<Vec<u8>, Error>, reqwest::Error> {
    use std::io::Read;
    let host = resp.url().host_str().unwrap_or("the API").to_string();
    // Sized once from Content-Length where the answer says it: growing by doubling would hold
    // up to three times a large answer for a moment.
    let announced = resp.content_length().unwrap_or(0).min(MAX_ANSWER + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(announced).unwrap_or(0));
    let mut limited = resp.take(MAX_ANSWER + 1);
    if let Err(e) = limited.read_to_end(&mut bytes) {
        // reqwest's reader wraps its own error in an io::Error; give that back as it was.
        return match e
            .into_inner()
            .and_then(|inner| inner.downcast::<reqwest::Error>().ok())
        {
            Some(re) => Err(*re),
            None => Ok(Err(Error::new(
                Exit::Unavailable,
                format!("{host}: the answer was cut off"),
            ))),
        };
    }
    if bytes.len() as u64 > MAX_ANSWER {
        return Ok(Err(Error::failure(format!(
            "{host}: answer too large (over {} MiB); this is not an answer of the CloudConvert API",
            MAX_ANSWER >> 20
        ))));
    }
    Ok(Ok(bytes))
}

/// The most JSON values an answer may hold. A page of 100 tasks with their payloads holds a few
/// tens of thousands; each value parsed costs about 80 bytes whatever its text, so 8 MiB of
/// `[{},{},…]` (2.8 million values) took 600 MiB to parse, where this many take 20.
pub const MAX_VALUES: usize = 250_000;

/// An answer's JSON, refused unread when it holds more values than any answer of the API.
pub(crate) fn json(bytes: &[u8]) -> Result<Value> {
    if values_at_least(bytes, MAX_VALUES) {
        return Err(Error::failure(format!(
            "unexpected answer from the API (over {MAX_VALUES} JSON values); this is not an answer of the CloudConvert API"
        )));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| Error::failure(format!("unexpected answer from the API (not JSON: {e})")))
}

/// Whether JSON text holds at least `limit` values: every value but the first opens a
/// container or follows a comma, outside strings.
fn values_at_least(bytes: &[u8], limit: usize) -> bool {
    let (mut count, mut in_string, mut escaped) = (1, false, false);
    for &b in bytes {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' | b',' => {
                count += 1;
                if count >= limit {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

/// The task in a `{"data": task}` answer.
pub(crate) fn data(bytes: &[u8]) -> Result<Value> {
    match json(bytes)? {
        Value::Object(mut map) => match map.remove("data") {
            Some(task @ Value::Object(_)) => Ok(task),
            _ => Err(Error::failure(
                "unexpected answer from the API (no data object)",
            )),
        },
        _ => Err(Error::failure(
            "unexpected answer from the API (not an object)",
        )),
    }
}

/// The task answered, if it is the one asked for: a server that answers with another task's
/// JSON would otherwise have it printed as the task asked for.
pub(crate) fn the_task_asked(task: Value, asked: &str) -> Result<Value> {
    the_one_asked(task, asked, super::Thing::Task)
}

/// The task or job answered, if it is the one asked for.
pub(crate) fn the_one_asked(found: Value, asked: &str, thing: super::Thing) -> Result<Value> {
    let word = thing.word();
    match crate::api::task::id(&found) {
        Some(got) if got == asked => Ok(found),
        got => Err(Error::failure(format!(
            "asked for {word} {asked}, the server answered with {word} {}",
            got.unwrap_or("without an id")
        ))),
    }
}

/// An error answer of the API; a server failure also names the host that failed.
pub(crate) fn status_error(status: u16, body: &[u8], url: &str) -> Error {
    if status == 407 {
        return proxy_auth_error(&host_of(url), ProxyRefusal::Wanted);
    }
    let mut e = crate::api::error::from_response(status, reason(status), body);
    if status >= 500 {
        e.message = format!("{}: {}", host_of(url), e.message);
    }
    if status == 429 {
        e.kind = crate::error::Kind::RateLimited;
    }
    e
}

fn reason(status: u16) -> &'static str {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("HTTP error")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_counted_outside_strings() {
        assert!(!values_at_least(br#"{"a": "x,y,[z]", "b": [1, 2]}"#, 6));
        assert!(values_at_least(br#"{"a": "x,y,[z]", "b": [1, 2]}"#, 5));
        assert!(!values_at_least(br#"["\",[", 1]"#, 4));
        let hostile = format!("[{}{{}}]", "{},".repeat(300_000));
        assert!(
            json(hostile.as_bytes())
                .unwrap_err()
                .message
                .contains("JSON values")
        );
    }
}
