//! `import gcs` (alias `google-cloud-storage`): flags of the Google Cloud Storage import; the
//! service account can come from its JSON key file, as Google's tools read it.

use super::validate::{self, bucket_uri, exactly_one, required};
use crate::api::request::{GcsImport, ImportRequest};
use crate::env::Env;
use crate::error::{Error, Result};
use clap::Args;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import gcs gs://my-bucket/in/a.pdf --credentials-file sa.json
  GOOGLE_APPLICATION_CREDENTIALS=sa.json \\
      cloudconvert import gcs gs://my-bucket/in/ --wait

The service account's project_id, client_email and private_key are read from --credentials-file or GOOGLE_APPLICATION_CREDENTIALS; a flag overrides the one field it names.";

#[derive(Args, Debug)]
pub struct GcsArgs {
    /// gs://BUCKET/FILE (a trailing / takes a prefix)
    ///
    /// With a trailing /, every file under that prefix is imported.
    #[arg(value_name = "GS_URI")]
    pub uri: Option<String>,

    /// The bucket to download from
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub bucket: Option<String>,

    /// The file in the bucket, with path
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub file: Option<String>,

    /// Import every file under this prefix
    #[arg(long, value_name = "PREFIX", value_parser = validate::non_empty, allow_hyphen_values = true, hide_short_help = true)]
    pub file_prefix: Option<String>,

    /// The project id (api-project-...)
    #[arg(long, value_name = "ID", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub project_id: Option<String>,

    /// The service account's email
    ///
    /// ...@....iam.gserviceaccount.com
    #[arg(long, value_name = "EMAIL", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub client_email: Option<String>,

    /// Its private key (PEM), - for stdin
    #[arg(long, value_name = "KEY", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub private_key: Option<String>,

    /// A service-account JSON key file
    ///
    /// - reads it from stdin. [env: GOOGLE_APPLICATION_CREDENTIALS]
    #[arg(long, value_name = "SA.json")]
    pub credentials_file: Option<PathBuf>,

    /// Name to store it under (default: its own)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    #[command(flatten)]
    pub api: super::ApiRegion,
}

/// The fields of a service-account key that the API needs.
#[derive(Debug, Default, serde::Deserialize)]
struct ServiceAccount {
    #[serde(rename = "type")]
    kind: Option<String>,
    project_id: Option<String>,
    client_email: Option<String>,
    private_key: Option<String>,
}

impl GcsArgs {
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let (bucket, file, file_prefix) = match &self.uri {
            Some(uri) => {
                validate::shorthand_conflict(
                    uri,
                    &[
                        ("bucket", self.bucket.is_some()),
                        ("file", self.file.is_some()),
                        ("file-prefix", self.file_prefix.is_some()),
                    ],
                )?;
                let u = bucket_uri(uri, "gs")?;
                let (file, prefix) = if u.prefix {
                    (None, Some(u.object))
                } else {
                    (Some(u.object), None)
                };
                (u.bucket, file, prefix)
            }
            None => {
                let bucket = required(self.bucket.clone(), "bucket", None).map_err(|e| {
                    e.with_hint("name the bucket with gs://BUCKET/FILE or --bucket")
                })?;
                let (file, prefix) = exactly_one(
                    ("file", self.file.clone()),
                    ("file-prefix", self.file_prefix.clone()),
                    "--file for one file, --file-prefix for every file under a prefix",
                )?;
                (bucket, file, prefix)
            }
        };

        // The key file is read only when a flag leaves a field to it.
        let complete =
            self.project_id.is_some() && self.client_email.is_some() && self.private_key.is_some();
        let account = if complete {
            ServiceAccount::default()
        } else if let Some(path) = &self.credentials_file {
            read_service_account(path, "--credentials-file")?
        } else if let Some(path) = env.get("GOOGLE_APPLICATION_CREDENTIALS") {
            read_service_account(&PathBuf::from(path), "GOOGLE_APPLICATION_CREDENTIALS")?
        } else {
            ServiceAccount::default()
        };
        let via = Some("--credentials-file SA.json or GOOGLE_APPLICATION_CREDENTIALS");
        Ok(ImportRequest::Gcs(GcsImport {
            project_id: required(
                self.project_id.clone().or(account.project_id),
                "project-id",
                via,
            )?,
            bucket,
            client_email: required(
                self.client_email.clone().or(account.client_email),
                "client-email",
                via,
            )?,
            private_key: required(
                match self.private_key.as_deref() {
                    Some("-") => Some(validate::read_key_file("-", "private-key")?),
                    given => given.map(str::to_string),
                }
                .or(account.private_key),
                "private-key",
                via,
            )?,
            file,
            file_prefix,
            filename: self.filename.clone(),
        }))
    }
}

fn read_service_account(path: &std::path::Path, from: &str) -> Result<ServiceAccount> {
    let shown = path.display();
    // `-` reads the key file from stdin, as every flag that reads a secret from a file does.
    let text = validate::read_text(path).map_err(|e| {
        Error::usage(format!(
            "cannot read the service-account key {shown} ({from}): {e}"
        ))
        .with_hint("give the path of the JSON key downloaded from the Google Cloud console")
    })?;
    // serde_json's message says where the JSON breaks, never what the text holds.
    let account: ServiceAccount = serde_json::from_str(&text).map_err(|e| {
        Error::usage(format!(
            "the service-account key {shown} ({from}) is not valid JSON: {e}"
        ))
        .with_hint("give the JSON key file of a service account")
    })?;
    if let Some(kind) = account.kind.as_deref().filter(|k| *k != "service_account") {
        return Err(Error::usage(format!(
            "{shown} ({from}) holds credentials of type {kind:?}, not a service account"
        ))
        .with_hint(
            "create a key for a service account (type \"service_account\") and give its JSON file",
        ));
    }
    if let Some(k) = &account.private_key {
        crate::secret::register(k);
    }
    Ok(account)
}

#[cfg(test)]
mod tests {
    use crate::cli::test_support::{assert_usage, parse, parse_with_env};
    use serde_json::json;

    const SA: &str = r#"{"type": "service_account", "project_id": "api-project-1", "private_key_id": "x",
        "private_key": "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n", "client_email": "sa@api-project-1.iam.gserviceaccount.com"}"#;

    fn key_file(text: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sa.json");
        std::fs::write(&p, text).unwrap();
        let s = p.display().to_string();
        (dir, s)
    }

    #[test]
    fn flags_map_onto_the_documented_body() {
        let r = parse(&[
            "import",
            "gcs",
            "--project-id",
            "p",
            "--bucket",
            "b",
            "--client-email",
            "e@x",
            "--private-key",
            "PK",
            "--file",
            "f.ext",
        ])
        .unwrap();
        assert_eq!(r.operation(), "import/google-cloud-storage");
        assert_eq!(
            r.body(),
            json!({"project_id": "p", "bucket": "b", "client_email": "e@x", "private_key": "PK", "file": "f.ext"})
        );
    }

    #[test]
    fn credentials_file_and_overrides() {
        let (_d, path) = key_file(SA);
        let r = parse(&[
            "import",
            "google-cloud-storage",
            "gs://b/dir/",
            "--credentials-file",
            &path,
            "--project-id",
            "other",
        ])
        .unwrap()
        .body();
        assert_eq!(
            r,
            json!({"project_id": "other", "bucket": "b", "client_email": "sa@api-project-1.iam.gserviceaccount.com",
                   "private_key": "-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n", "file_prefix": "dir/"})
        );
        let r = parse_with_env(
            &["import", "gcs", "gs://b/f.pdf"],
            &[("GOOGLE_APPLICATION_CREDENTIALS", &path)],
        )
        .unwrap()
        .body();
        assert_eq!(
            (r["project_id"].as_str(), r["file"].as_str()),
            (Some("api-project-1"), Some("f.pdf"))
        );
    }

    #[test]
    fn bad_credentials() {
        let (_d, bad) = key_file("{not json");
        assert_usage(
            &["import", "gcs", "gs://b/f", "--credentials-file", &bad],
            &[],
            "not valid JSON",
        );
        let (_d2, user) = key_file(r#"{"type": "authorized_user", "client_id": "x"}"#);
        assert_usage(
            &["import", "gcs", "gs://b/f", "--credentials-file", &user],
            &[],
            "not a service account",
        );
        assert_usage(
            &[
                "import",
                "gcs",
                "gs://b/f",
                "--credentials-file",
                "/nonexistent/sa.json",
            ],
            &[],
            "/nonexistent/sa.json",
        );
        assert_usage(
            &["import", "gcs", "gs://b/f"],
            &[],
            "GOOGLE_APPLICATION_CREDENTIALS",
        );
    }

    #[test]
    fn exactly_one_and_shorthand_conflicts() {
        let creds = [
            "--project-id",
            "p",
            "--client-email",
            "e",
            "--private-key",
            "k",
        ];
        let with = |extra: &[&'static str]| [&["import", "gcs"][..], extra, &creds[..]].concat();
        assert_usage(
            &with(&["--bucket", "b", "--file", "f", "--file-prefix", "p"]),
            &[],
            "cannot be used together",
        );
        assert_usage(&with(&["--bucket", "b"]), &[], "--file or --file-prefix");
        assert_usage(&with(&["gs://b/f", "--file", "g"]), &[], "--file");
        assert_usage(&with(&["gs://b/f", "--bucket", "c"]), &[], "--bucket");
        assert_usage(
            &with(&["gs://b/f", "--file-prefix", "c"]),
            &[],
            "--file-prefix",
        );
    }
}
