//! What the upload form itself says about the file it takes: the older form names
//! `max_file_size`; an S3 POST policy may hold a `content-length-range` condition. A file
//! outside the range is refused before a byte is sent, instead of after the whole transfer.
//! And until when it takes one: the policy's `expiration` (the older form's `expires`), which
//! a re-run reads to know whether a task that waits can still be filled.

use crate::api::task::Form;
use serde_json::Value;

/// The sizes the form accepts, smallest and largest, where it names any.
pub fn size_range(form: &Form) -> Option<(u64, u64)> {
    let param = |name: &str| {
        form.parameters
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if let Some(max) = param("max_file_size").and_then(|v| v.trim().parse().ok()) {
        return Some((0, max));
    }
    let policy: Value = serde_json::from_slice(&decode_base64(param("Policy")?)?).ok()?;
    policy.get("conditions")?.as_array()?.iter().find_map(|c| {
        match c.as_array().map(Vec::as_slice) {
            Some([name, min, max]) if name.as_str()? == "content-length-range" => {
                Some((number(min)?, number(max)?))
            }
            _ => None,
        }
    })
}

/// When the form stops taking a file, where it says.
pub fn expires(form: &Form) -> Option<std::time::SystemTime> {
    let param = |name: &str| {
        form.parameters
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if let Some(secs) = param("expires").and_then(|v| v.trim().parse::<u64>().ok()) {
        return std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(secs));
    }
    let policy: Value = serde_json::from_slice(&decode_base64(param("Policy")?)?).ok()?;
    crate::clock::parse_rfc3339(policy.get("expiration")?.as_str()?)
}

/// A policy's number: JSON writes it either way.
fn number(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str()?.trim().parse().ok())
}

/// Standard base64, padding optional; None for anything else.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    LENIENT.decode(text.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::content::encode_base64;

    fn form(parameters: &[(&str, &str)]) -> Form {
        Form {
            url: "https://storage.example/tasks".into(),
            parameters: parameters
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    #[test]
    fn limits_from_either_form() {
        assert_eq!(
            size_range(&form(&[("expires", "1"), ("max_file_size", "10000")])),
            Some((0, 10000))
        );
        let policy = encode_base64(
            br#"{"expiration":"2026-12-02T10:00:00Z","conditions":[{"acl":"private"},["starts-with","$key","t/"],["content-length-range", 1, "5242880"]]}"#,
        );
        assert_eq!(
            size_range(&form(&[("acl", "private"), ("Policy", &policy)])),
            Some((1, 5_242_880))
        );
        // Today's policy names no range; a policy that is not base64 JSON names none either.
        let today = encode_base64(br#"{"expiration":"2026-12-02T10:00:00Z","conditions":[]}"#);
        assert_eq!(size_range(&form(&[("Policy", &today)])), None);
        assert_eq!(size_range(&form(&[("Policy", "not base64!")])), None);
        assert_eq!(size_range(&form(&[])), None);
    }

    #[test]
    fn the_forms_expiry_from_either_form() {
        let policy = encode_base64(br#"{"expiration":"2026-11-26T01:00:00.000Z","conditions":[]}"#);
        let t = expires(&form(&[("Policy", &policy)])).unwrap();
        assert_eq!(crate::clock::rfc3339(t), "2026-11-26T01:00:00Z");
        let t = expires(&form(&[("expires", "1764118800")])).unwrap();
        assert_eq!(crate::clock::rfc3339(t), "2025-11-26T01:00:00Z");
        assert_eq!(expires(&form(&[("key", "k")])), None);
    }

    #[test]
    fn base64_round_trips() {
        for data in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(decode_base64(&encode_base64(data)).unwrap(), data);
        }
    }
}
