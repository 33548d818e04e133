//! `webhook verify`: whether a delivery's `CloudConvert-Signature` is the HMAC-SHA256 of its
//! raw body with the webhook's signing secret. Exit 0 when it is, 1 when it is not.

use crate::cli::job::{VerifyArgs, WebhookCommand};
use crate::env::Env;
use crate::error::{Error, Exit, Result};
use crate::output::Printer;

pub fn run(cmd: &WebhookCommand, env: &Env, out: &Printer) -> Result<Exit> {
    let WebhookCommand::Verify(args) = cmd;
    let secret = secret(args, env)?;
    let expected = hex(&args.signature)?;
    let body = body(args)?;
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, secret.as_bytes());
    // ring compares in constant time: how much of a guess matched is not told by the time.
    if ring::hmac::verify(&key, &body, &expected).is_ok() {
        out.tell(&format!("the signature matches the {} bytes", body.len()));
        return Ok(Exit::Ok);
    }
    out.error(&Error::failure(format!(
        "the signature does not match the {} bytes with this secret",
        body.len()
    ))
    .with_hint("hash the body exactly as it came: parsed and written again it is other bytes; and check the webhook's signing secret"));
    Ok(Exit::Failure)
}

/// `--secret`, else `CLOUDCONVERT_WEBHOOK_SECRET`; registered, so that nothing prints it.
fn secret(args: &VerifyArgs, env: &Env) -> Result<String> {
    let secret = args
        .secret
        .clone()
        .or_else(|| env.get("CLOUDCONVERT_WEBHOOK_SECRET"))
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::usage("no signing secret").with_hint(
                "set CLOUDCONVERT_WEBHOOK_SECRET or give --secret (the webhook's page in the dashboard shows it)",
            )
        })?;
    crate::secret::register(&secret);
    Ok(secret)
}

/// The signature's bytes: 64 hexadecimal digits.
fn hex(text: &str) -> Result<Vec<u8>> {
    let text = text.trim();
    let bad = || {
        Error::usage(format!(
            "--signature is not an HMAC-SHA256 in hex: {} characters",
            text.chars().count()
        ))
        .with_hint("give the CloudConvert-Signature header's value: 64 hexadecimal digits")
    };
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    (0..64)
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).map_err(|_| bad()))
        .collect()
}

/// The body as received, byte for byte: from the file, or stdin (not a terminal).
fn body(args: &VerifyArgs) -> Result<Vec<u8>> {
    let read = if args.body.as_os_str() == "-" {
        crate::cli::validate::refuse_terminal_stdin()?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(&args.body)
    };
    read.map_err(|e| {
        Error::usage(format!("cannot read the body {}: {e}", args.body.display()))
            .with_hint("give the body as a file, or on stdin")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_64_hex_digits() {
        assert_eq!(hex(&"ab".repeat(32)).unwrap(), vec![0xab; 32]);
        assert!(hex("abc").is_err());
        assert!(hex(&"zz".repeat(32)).is_err());
    }
}
