//! Error bodies of the API (`{"message", "code", "errors"}`), and of whatever else answers
//! (HTML from a proxy, an empty body), turned into the tool's error with its exit status.

use crate::error::{Error, Exit};
use serde_json::Value;

/// The error for a non-2xx answer of the API.
pub fn from_response(status: u16, reason: &str, body: &[u8]) -> Error {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let message =
        field("message").unwrap_or_else(|| summary(body).unwrap_or_else(|| reason.to_string()));
    let code = field("code");
    let mut details = Vec::new();
    if let Some(Value::Object(errors)) = json.as_ref().and_then(|j| j.get("errors")) {
        for (name, msgs) in errors {
            match msgs {
                Value::Array(list) => details.extend(list.iter().map(|m| {
                    format!(
                        "{name}: {}",
                        m.as_str().map_or_else(|| m.to_string(), str::to_string)
                    )
                })),
                Value::String(s) => details.push(format!("{name}: {s}")),
                other => details.push(format!("{name}: {other}")),
            }
        }
    }
    let tag = match &code {
        Some(c) => format!("{c}, HTTP {status}"),
        None => format!("HTTP {status}"),
    };
    // A 429 is "try again later", like a 5xx: the request itself was fine.
    let exit = if (400..500).contains(&status) && status != 429 {
        Exit::Refused
    } else {
        Exit::Unavailable
    };
    let mut err = Error::new(exit, format!("{message} ({tag})")).with_details(details);
    err.http_status = Some(status);
    err.hint = match status {
        401 => Some("check the API key: set CLOUDCONVERT_API_KEY, pass --api-key, or run `cloudconvert auth login`; sandbox keys work only with --sandbox".into()),
        402 => Some("see your credits and running jobs at https://cloudconvert.com/dashboard".into()),
        429 => Some("the API's rate limit was hit; wait a little, or raise --retries".into()),
        _ => None,
    };
    err
}

/// The first meaningful line of a non-JSON body: an HTML page's title, or its first text line.
pub fn summary(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let lower = text.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && start + 7 <= end
    {
        let title = text[start + 7..end].trim();
        if !title.is_empty() {
            return Some(shorten(title));
        }
    }
    text.lines()
        .map(|l| strip_tags(l).trim().to_string())
        .find(|l| !l.is_empty())
        .map(|l| shorten(&l))
}

fn strip_tags(line: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in line.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Scrubbed, then cut: a secret echoed in the page and cut first would not be found whole.
fn shorten(s: &str) -> String {
    const MAX: usize = 200;
    let s = &crate::secret::scrub(s);
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors() {
        let e = from_response(
            422,
            "Unprocessable Entity",
            br#"{"message":"The given data was invalid.","code":"INVALID_DATA","errors":{"url":["The url field is required."],"x":"y"}}"#,
        );
        assert_eq!(e.exit, Exit::Refused);
        assert_eq!(
            e.message,
            "The given data was invalid. (INVALID_DATA, HTTP 422)"
        );
        assert_eq!(e.details, vec!["url: The url field is required.", "x: y"]);
    }

    #[test]
    fn html_and_empty_bodies() {
        let e = from_response(
            502,
            "Bad Gateway",
            b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
        );
        assert_eq!(
            (e.exit, e.message.as_str()),
            (Exit::Unavailable, "502 Bad Gateway (HTTP 502)")
        );
        let e = from_response(503, "Service Unavailable", b"");
        assert_eq!(e.message, "Service Unavailable (HTTP 503)");
        let e = from_response(500, "", b"\n  <p>Down for maintenance</p>\n");
        assert_eq!(e.message, "Down for maintenance (HTTP 500)");
        assert!(
            from_response(
                401,
                "Unauthorized",
                br#"{"message":"Unauthenticated.","code":"UNAUTHENTICATED"}"#
            )
            .hint
            .unwrap()
            .contains("CLOUDCONVERT_API_KEY")
        );
    }
}
