//! The multipart/form-data body of an upload, written by hand so that its length is known before
//! the first byte is sent: the form's parameters as text parts in the API's order, then the
//! `file` part last, its name as raw UTF-8.

use crate::api::task::Form;

/// Everything of the body but the file's bytes, which go between `head` and `tail`.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub boundary: String,
    pub head: Vec<u8>,
    pub tail: Vec<u8>,
}

impl Envelope {
    pub fn new(form: &Form, filename: &str) -> Envelope {
        let mut boundary = random_boundary();
        // A boundary must not occur in the text parts; with 128 random bits it never will,
        // but checking costs nothing.
        while form
            .parameters
            .iter()
            .any(|(k, v)| k.contains(&boundary) || v.contains(&boundary))
        {
            boundary = random_boundary();
        }
        let mut head = Vec::new();
        for (name, value) in &form.parameters {
            head.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
                    escape(name)
                )
                .as_bytes(),
            );
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
        }
        head.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                escape(filename)
            )
            .as_bytes(),
        );
        let tail = format!("\r\n--{boundary}--\r\n").into_bytes();
        Envelope {
            boundary,
            head,
            tail,
        }
    }

    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The exact length of the body for a file of `file_len` bytes.
    pub fn len(&self, file_len: u64) -> u64 {
        self.head.len() as u64 + file_len + self.tail.len() as u64
    }
}

/// A name in a quoted header parameter, as browsers send it: raw UTF-8, with only `"`, CR and
/// LF escaped. (RFC 2047 or percent-encoding everything makes the storage keep a wrong name.)
pub fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn random_boundary() -> String {
    format!(
        "cloudconvert-{:016x}{:016x}",
        fastrand::u64(..),
        fastrand::u64(..)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_layout() {
        let form = Form {
            url: "https://u".into(),
            parameters: vec![
                ("key".into(), "t/${filename}".into()),
                ("expires".into(), "1545444403".into()),
            ],
        };
        let env = Envelope::new(&form, "Ünïcode \"q\"\r\n文件.pdf");
        let b = &env.boundary;
        let mut body = env.head.clone();
        body.extend_from_slice(b"DATA");
        body.extend_from_slice(&env.tail);
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nt/${{filename}}\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"expires\"\r\n\r\n1545444403\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Ünïcode %22q%22%0D%0A文件.pdf\"\r\n\
             Content-Type: application/octet-stream\r\n\r\nDATA\r\n--{b}--\r\n"
        );
        assert_eq!(String::from_utf8(body.clone()).unwrap(), expected);
        assert_eq!(env.len(4), body.len() as u64);
        assert_eq!(
            env.content_type(),
            format!("multipart/form-data; boundary={b}")
        );
    }

    #[test]
    fn boundaries_differ() {
        let form = Form {
            url: String::new(),
            parameters: vec![],
        };
        assert_ne!(
            Envelope::new(&form, "a").boundary,
            Envelope::new(&form, "a").boundary
        );
    }
}
