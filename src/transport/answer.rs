//! The storage's answer: its status, the XML or JSON after it (read with a bound of size and
//! time), and its refusals in its own words.

use super::socket::ConnectError;
use super::{AttemptError, Upload};
use crate::error::{Error, Exit};
use crate::net::failure::{certificate_problem, host_of, network_error, proxy_wants_credentials};
use std::pin::Pin;
use std::time::Duration;

/// After a 2xx, the most time given to the storage's XML: the status line already said
/// stored, so a slow body never makes the file go again.
pub const ANSWER_WAIT: Duration = Duration::from_secs(5);

/// The most of a storage answer that is read: its XML or JSON message is a few hundred bytes.
const MAX_STORAGE_ANSWER: usize = 64 << 10;

/// A success answered before the whole body was handed to the connection.
pub fn early_answer(up: &Upload, handed: u64) -> Error {
    Error::new(
        Exit::Unavailable,
        format!(
            "the storage at {} answered before it had the whole file ({} of {} sent)",
            host_of(up.url),
            indicatif::BinaryBytes(handed),
            indicatif::BinaryBytes(up.len)
        ),
    )
}

/// A failed connect: not retried when trying again cannot mend it (a certificate the system
/// does not trust).
pub fn connect_error(e: &ConnectError, url: &str, timeout: Duration) -> AttemptError {
    let connect = matches!(e, ConnectError::Connect(_));
    let error = network_error(e, url, false, timeout);
    if !connect && (certificate_problem(e) || proxy_wants_credentials(e)) {
        AttemptError::Final(error)
    } else {
        AttemptError::Retryable(error)
    }
}

/// Reads an answer's body: at most `MAX_STORAGE_ANSWER` bytes, for at most `wait`. True when
/// it was read to its end (so the connection can carry the next file).
pub async fn read_answer(mut body: hyper::body::Incoming, wait: Duration) -> (Vec<u8>, bool) {
    use http_body::Body;
    let mut text = Vec::new();
    let read = async {
        while text.len() < MAX_STORAGE_ANSWER {
            match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        text.extend_from_slice(&data);
                    }
                }
                Some(Err(_)) => return false,
                None => return true,
            }
        }
        false
    };
    let whole = tokio::time::timeout(wait, read).await.unwrap_or(false);
    text.truncate(MAX_STORAGE_ANSWER);
    (text, whole)
}

/// The text of `<name>…</name>` in an XML answer.
pub fn xml_tag(text: &str, name: &str) -> Option<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let start = text.find(&open)? + open.len();
    let end = text[start..].find(&close)? + start;
    Some(text[start..end].trim().to_string())
}

/// The storage's own words: S3 answers errors in XML (`<Code>`, `<Message>`).
pub fn storage_error(status: u16, body: &[u8], host: &str) -> Error {
    let text = String::from_utf8_lossy(body);
    let tag = |name: &str| xml_tag(&text, name);
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |name: &str| {
        json.as_ref()?
            .get(name)?
            .as_str()
            .map(|s| s.trim().to_string())
    };
    // The storage's own words only, never its body raw: S3's XML, a JSON `message`, or an
    // HTML page's title.
    let message = tag("Message")
        .or_else(|| field("message"))
        .or_else(|| {
            json.is_none()
                .then(|| crate::api::error::summary(body))
                .flatten()
        })
        .unwrap_or_else(|| "no message".into());
    let what = match tag("Code").or_else(|| field("code")) {
        Some(code) => format!("{code}, HTTP {status}"),
        None => format!("HTTP {status}"),
    };
    let exit = if (400..500).contains(&status) {
        Exit::Refused
    } else {
        Exit::Unavailable
    };
    Error::new(
        exit,
        format!("the storage at {host} refused the upload: {message} ({what})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_etag_is_read_from_the_xml() {
        let xml = "<PostResponse><Location>l</Location><ETag>\"53d6fe6b\"</ETag></PostResponse>";
        assert_eq!(xml_tag(xml, "ETag").as_deref(), Some("\"53d6fe6b\""));
        assert_eq!(xml_tag(xml, "Key"), None);
    }

    #[test]
    fn s3_errors_are_read_from_xml() {
        let e = storage_error(
            403,
            b"<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code><Message>Invalid according to Policy</Message></Error>",
            "storage.example",
        );
        assert_eq!(e.exit, Exit::Refused);
        assert_eq!(
            e.message,
            "the storage at storage.example refused the upload: Invalid according to Policy (AccessDenied, HTTP 403)"
        );
        assert!(storage_error(502, b"", "h").message.contains("HTTP 502"));
        assert_eq!(
            storage_error(
                403,
                br#"{"message": "Signature expired", "code": "EXPIRED", "detail": {"x": 1}}"#,
                "h"
            )
            .message,
            "the storage at h refused the upload: Signature expired (EXPIRED, HTTP 403)"
        );
        assert_eq!(
            storage_error(400, br#"{"error": "raw"}"#, "h").message,
            "the storage at h refused the upload: no message (HTTP 400)"
        );
    }
}
