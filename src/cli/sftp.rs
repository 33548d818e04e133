//! `import sftp`: flags of the SFTP import, and the `sftp://USER@HOST[:PORT]/PATH` shorthand.

use super::validate::{self, exactly_one, percent_decode, required};
use crate::api::request::{ImportRequest, SftpImport};
use crate::env::Env;
use crate::error::{Error, Result};
use clap::Args;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import sftp sftp://deploy@files.example.com/srv/in/a.pdf \\
      --private-key-file ~/.ssh/id_ed25519
  SSHPASS=... cloudconvert import sftp sftp://me@host:2222/~/exports/ --wait

In the URI, /PATH is absolute and /~/PATH is relative to the user's home; a trailing / imports the whole directory. The password can come from SSHPASS, as sshpass -e reads it.";

#[derive(Args, Debug)]
pub struct SftpArgs {
    /// sftp://USER@HOST[:PORT]/PATH
    ///
    /// /PATH is absolute, /~/PATH is in the user's home; a trailing / imports the whole
    /// directory.
    #[arg(value_name = "SFTP_URI")]
    pub uri: Option<String>,

    /// The server's host name
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub host: Option<String>,

    /// The server's port [default: 22]
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..), hide_short_help = true)]
    pub port: Option<u16>,

    /// The user to log in as
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub username: Option<String>,

    /// The password [env: SSHPASS]
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub password: Option<String>,

    /// A private key (PEM), - for stdin
    ///
    /// The key's text, instead of the password; - reads it from stdin, byte for byte.
    #[arg(long, value_name = "KEY", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub private_key: Option<String>,

    /// Read the private key from a file
    ///
    /// Sent exactly as read, final newline included; - reads stdin.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with = "private_key",
        hide_short_help = true
    )]
    pub private_key_file: Option<String>,

    /// The file to import, with path
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub file: Option<String>,

    /// Import every file of this directory
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub path: Option<String>,

    /// Name to store it under (default: its own)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    #[command(flatten)]
    pub api: super::ApiRegion,
}

/// The URI as it may be shown: a password in its user part (`USER:PASSWORD@`) replaced by
/// `***` and registered as a secret, so that no parse error echoes it.
fn without_password(uri: &str) -> String {
    let Some(rest) = uri.strip_prefix("sftp://") else {
        return uri.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return uri.to_string();
    };
    match rest[..at].split_once(':') {
        Some((user, password)) => {
            crate::secret::register(password);
            format!("sftp://{user}:{}{}", crate::secret::MASK, &rest[at..])
        }
        None => uri.to_string(),
    }
}

/// What an `sftp://` shorthand names.
#[derive(Debug, PartialEq, Eq)]
struct SftpUri {
    username: Option<String>,
    host: String,
    port: Option<u16>,
    target: String,
    directory: bool,
}

fn parse_uri(uri: &str) -> Result<SftpUri> {
    let form = "write it as sftp://USER@HOST[:PORT]/PATH";
    let shown = without_password(uri);
    let bad = |what: &str| Error::usage(format!("{shown:?} {what}")).with_hint(form);
    if !uri.starts_with("sftp://") {
        return Err(bad("is not an sftp:// URI"));
    }
    let url = reqwest::Url::parse(uri).map_err(|e| bad(&format!("is not a valid URI ({e})")))?;
    if url.password().is_some() {
        return Err(Error::usage(
            "the sftp:// URI holds a password, which would show in the process list",
        )
        .with_hint("drop it from the URI and use SSHPASS, --password or --private-key-file"));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| bad("names no host"))?;
    let path = percent_decode(url.path());
    // As curl reads sftp URIs: /PATH is absolute, /~/PATH is relative to the home directory.
    let target = match path.strip_prefix("/~/") {
        Some(rel) => rel.to_string(),
        None => path.clone(),
    };
    if target.is_empty() || target == "/" {
        return Err(bad("names no file or directory"));
    }
    Ok(SftpUri {
        username: Some(percent_decode(url.username())).filter(|u| !u.is_empty()),
        host: host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string(),
        port: url.port(),
        directory: target.ends_with('/'),
        target,
    })
}

impl SftpArgs {
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let (host, port, username, file, path) = match &self.uri {
            Some(uri) => {
                let u = parse_uri(uri)?;
                validate::shorthand_conflict(
                    uri,
                    &[
                        ("host", self.host.is_some()),
                        ("port", self.port.is_some() && u.port.is_some()),
                        ("username", self.username.is_some() && u.username.is_some()),
                        ("file", self.file.is_some()),
                        ("path", self.path.is_some()),
                    ],
                )?;
                let (file, path) = if u.directory {
                    (None, Some(u.target))
                } else {
                    (Some(u.target), None)
                };
                let username = required(u.username.or(self.username.clone()), "username", None)
                    .map_err(|e| {
                        e.with_hint(
                            "put the user in the URI (sftp://USER@HOST/PATH) or pass --username",
                        )
                    })?;
                (u.host, u.port.or(self.port), username, file, path)
            }
            None => {
                let host = required(self.host.clone(), "host", None).map_err(|e| {
                    e.with_hint("name the server with sftp://USER@HOST/PATH or --host")
                })?;
                let username = required(self.username.clone(), "username", None)?;
                let (file, path) = exactly_one(
                    ("file", self.file.clone()),
                    ("path", self.path.clone()),
                    "--file for one file, --path for every file of a directory",
                )?;
                (host, self.port, username, file, path)
            }
        };
        let private_key = match (&self.private_key_file, self.private_key.as_deref()) {
            (Some(p), _) => Some(validate::read_key_file(p, "private-key-file")?),
            (None, Some("-")) => Some(validate::read_key_file("-", "private-key")?),
            (None, other) => other.map(str::to_string),
        };
        let (password, private_key) = if self.password.is_none() && private_key.is_none() {
            match env.get("SSHPASS") {
                Some(pw) => (Some(pw), None),
                None => exactly_one(
                    ("password", None),
                    ("private-key", None),
                    "--password (or SSHPASS), --private-key or --private-key-file",
                )?,
            }
        } else {
            exactly_one(
                ("password", self.password.clone()),
                ("private-key", private_key),
                "--password (or SSHPASS), --private-key or --private-key-file",
            )?
        };
        if let Some(k) = &private_key {
            crate::secret::register(k);
        }
        Ok(ImportRequest::Sftp(SftpImport {
            host,
            port,
            username,
            password,
            private_key,
            file,
            path,
            filename: self.filename.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{assert_usage, parse, parse_with_env};
    use serde_json::json;

    #[test]
    fn flags_map_onto_the_documented_body() {
        let r = parse(&[
            "import",
            "sftp",
            "--host",
            "myserver.com",
            "--username",
            "test",
            "--password",
            "test",
            "--file",
            "path/myfile.ext",
        ])
        .unwrap();
        assert_eq!(r.operation(), "import/sftp");
        assert_eq!(
            r.body(),
            json!({"host": "myserver.com", "username": "test", "password": "test", "file": "path/myfile.ext"})
        );
        let r = parse(&[
            "import",
            "sftp",
            "--host",
            "h",
            "--port",
            "2222",
            "--username",
            "u",
            "--private-key",
            "PK",
            "--path",
            "dir/",
            "--filename",
            "x",
        ])
        .unwrap();
        assert_eq!(
            r.body(),
            json!({"host": "h", "port": 2222, "username": "u", "private_key": "PK", "path": "dir/", "filename": "x"})
        );
        assert!(r.body()["port"].is_u64(), "port is a JSON integer");
    }

    #[test]
    fn ports() {
        for bad in ["0", "65536", "x", "99999999"] {
            assert_usage(
                &[
                    "import",
                    "sftp",
                    "--host",
                    "h",
                    "--username",
                    "u",
                    "--password",
                    "p",
                    "--file",
                    "f",
                    "--port",
                    bad,
                ],
                &[],
                "--port",
            );
        }
    }

    #[test]
    fn exactly_one_groups() {
        let base = ["import", "sftp", "--host", "h", "--username", "u"];
        let with = |extra: &[&'static str]| [&base[..], extra].concat();
        assert_usage(
            &with(&["--password", "p", "--file", "f", "--path", "d"]),
            &[],
            "cannot be used together",
        );
        assert_usage(&with(&["--password", "p"]), &[], "--file or --path");
        assert_usage(
            &with(&["--file", "f", "--password", "p", "--private-key", "k"]),
            &[],
            "cannot be used together",
        );
        assert_usage(&with(&["--file", "f"]), &[], "--password or --private-key");
        assert_usage(
            &with(&[
                "--file",
                "f",
                "--private-key",
                "k",
                "--private-key-file",
                "x",
            ]),
            &[],
            "cannot be used with",
        );
    }

    #[test]
    fn shorthand() {
        assert_eq!(
            parse_uri("sftp://me@files.example.com:2222/srv/in/a%20b.pdf").unwrap(),
            SftpUri {
                username: Some("me".into()),
                host: "files.example.com".into(),
                port: Some(2222),
                target: "/srv/in/a b.pdf".into(),
                directory: false
            }
        );
        let u = parse_uri("sftp://me@[::1]/~/exports/").unwrap();
        assert_eq!(
            (u.host.as_str(), u.target.as_str(), u.directory),
            ("::1", "exports/", true)
        );
        let r = parse_with_env(
            &["import", "sftp", "sftp://me@h/~/a.pdf"],
            &[("SSHPASS", "envpw")],
        )
        .unwrap()
        .body();
        assert_eq!(
            r,
            json!({"host": "h", "username": "me", "password": "envpw", "file": "a.pdf"})
        );
        let r = parse(&[
            "import",
            "sftp",
            "sftp://h/d/",
            "--username",
            "u",
            "--port",
            "23",
            "--password",
            "p",
        ])
        .unwrap()
        .body();
        assert_eq!(
            r,
            json!({"host": "h", "port": 23, "username": "u", "password": "p", "path": "/d/"})
        );
        assert_usage(
            &["import", "sftp", "sftp://me:pw@h/a", "--password", "p"],
            &[],
            "password",
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://me@h/a",
                "--host",
                "x",
                "--password",
                "p",
            ],
            &[],
            "--host",
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://me@h/a",
                "--file",
                "x",
                "--password",
                "p",
            ],
            &[],
            "--file",
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://me@h/a",
                "--path",
                "x",
                "--password",
                "p",
            ],
            &[],
            "--path",
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://me@h:22/a",
                "--port",
                "23",
                "--password",
                "p",
            ],
            &[],
            "--port",
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://me@h/a",
                "--username",
                "x",
                "--password",
                "p",
            ],
            &[],
            "--username",
        );
        assert_usage(
            &["import", "sftp", "sftp://me@h/", "--password", "p"],
            &[],
            "no file",
        );
        assert_usage(
            &["import", "sftp", "http://me@h/a", "--password", "p"],
            &[],
            "sftp://",
        );
    }

    #[test]
    fn values_may_start_with_a_hyphen() {
        let key = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
        let r = parse(&["import", "sftp", "sftp://u@h/f", "--private-key", key])
            .unwrap()
            .body();
        assert_eq!(r["private_key"], key);
        let r = parse(&["import", "sftp", "sftp://u@h/f", "--password", "-pa$$"])
            .unwrap()
            .body();
        assert_eq!(r["password"], "-pa$$");
    }

    #[test]
    fn a_password_in_a_bad_uri_is_never_echoed() {
        let e = parse(&["import", "sftp", "sftp://me:hunter2-secret@bad host/f"]).unwrap_err();
        let text = format!("{} {}", e.message, e.hint.unwrap_or_default());
        assert!(!text.contains("hunter2-secret"), "{text}");
        assert!(text.contains("sftp://me:***@bad host/f"), "{text}");
    }

    #[test]
    fn private_key_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("id");
        std::fs::write(
            &p,
            "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
        )
        .unwrap();
        let r = parse(&[
            "import",
            "sftp",
            "sftp://u@h/f",
            "--private-key-file",
            p.to_str().unwrap(),
        ])
        .unwrap()
        .body();
        assert_eq!(
            r["private_key"],
            "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n",
            "sent byte for byte, final newline included"
        );
        assert_usage(
            &[
                "import",
                "sftp",
                "sftp://u@h/f",
                "--private-key-file",
                "/nonexistent/id",
            ],
            &[],
            "/nonexistent/id",
        );
    }
}
