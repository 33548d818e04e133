//! `import s3`: flags of the S3 import, with the AWS CLI's environment variables as fallbacks.

use super::validate::{self, bucket_uri, exactly_one, required};
use crate::api::request::{ImportRequest, S3Import};
use crate::env::Env;
use crate::error::Result;
use clap::Args;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import s3 s3://my-bucket/in/video.mp4 --region eu-west-1
  cloudconvert import s3 --bucket my-bucket --key-prefix in/2024/ \\
      --region us-east-1 --wait
  cloudconvert import s3 s3://space/a.pdf --region nyc3 \\
      --endpoint https://nyc3.digitaloceanspaces.com

Credentials come from the flags or, as the AWS CLI reads them, from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN; the region from AWS_REGION or AWS_DEFAULT_REGION.";

#[derive(Args, Debug)]
pub struct S3Args {
    /// s3://BUCKET/KEY (a trailing / takes a prefix)
    ///
    /// With a trailing /, every key under that prefix is imported.
    #[arg(value_name = "S3_URI")]
    pub uri: Option<String>,

    /// The bucket to download from
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub bucket: Option<String>,

    /// The object's key, with path
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub key: Option<String>,

    /// Import every object under this prefix
    ///
    /// Every object whose key starts with this prefix.
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub key_prefix: Option<String>,

    /// The bucket's region, e.g. eu-west-1
    ///
    /// [env: AWS_REGION, then AWS_DEFAULT_REGION]
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub region: Option<String>,

    /// Endpoint of an S3-compatible service
    #[arg(long, value_name = "URL", value_parser = validate::http_url, hide_short_help = true)]
    pub endpoint: Option<String>,

    /// Access key id [env: AWS_ACCESS_KEY_ID]
    ///
    /// Of a key with s3:GetObject permission.
    #[arg(long, value_name = "ID", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub access_key_id: Option<String>,

    /// Secret access key
    ///
    /// [env: AWS_SECRET_ACCESS_KEY]
    #[arg(long, value_name = "SECRET", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub secret_access_key: Option<String>,

    /// Session token of temporary credentials
    ///
    /// [env: AWS_SESSION_TOKEN, used with the variables' key only]
    #[arg(long, value_name = "TOKEN", value_parser = validate::non_empty, allow_hyphen_values = true, hide_short_help = true)]
    pub session_token: Option<String>,

    /// Name to store it under (default: the key's)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,
}

impl S3Args {
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let (bucket, key, key_prefix) = match &self.uri {
            Some(uri) => {
                validate::shorthand_conflict(
                    uri,
                    &[
                        ("bucket", self.bucket.is_some()),
                        ("key", self.key.is_some()),
                        ("key-prefix", self.key_prefix.is_some()),
                    ],
                )?;
                let u = bucket_uri(uri, "s3")?;
                let (key, prefix) = if u.prefix {
                    (None, Some(u.object))
                } else {
                    (Some(u.object), None)
                };
                (u.bucket, key, prefix)
            }
            None => {
                let bucket = required(self.bucket.clone(), "bucket", None)
                    .map_err(|e| e.with_hint("name the bucket with s3://BUCKET/KEY or --bucket"))?;
                let (key, prefix) = exactly_one(
                    ("key", self.key.clone()),
                    ("key-prefix", self.key_prefix.clone()),
                    "--key for one object, --key-prefix for every object under a prefix",
                )?;
                (bucket, key, prefix)
            }
        };
        let region = self
            .region
            .clone()
            .or_else(|| env.get("AWS_REGION"))
            .or_else(|| env.get("AWS_DEFAULT_REGION"));
        let region = required(region, "region", Some("AWS_REGION"))?;

        // Credentials are a set: a session token from the environment belongs to the
        // environment's key, never to a key given as a flag.
        let key_from_env = self.access_key_id.is_none();
        let access_key_id = required(
            self.access_key_id
                .clone()
                .or_else(|| env.get("AWS_ACCESS_KEY_ID")),
            "access-key-id",
            Some("AWS_ACCESS_KEY_ID"),
        )?;
        let secret_access_key = required(
            self.secret_access_key
                .clone()
                .or_else(|| env.get("AWS_SECRET_ACCESS_KEY")),
            "secret-access-key",
            Some("AWS_SECRET_ACCESS_KEY"),
        )?;
        let session_token = self
            .session_token
            .clone()
            .or_else(|| key_from_env.then(|| env.get("AWS_SESSION_TOKEN")).flatten());

        Ok(ImportRequest::S3(S3Import {
            bucket,
            region,
            endpoint: self.endpoint.clone(),
            key,
            key_prefix,
            access_key_id,
            secret_access_key,
            session_token,
            filename: self.filename.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::test_support::{assert_usage, parse, parse_with_env};
    use serde_json::json;

    const CREDS: [&str; 6] = [
        "--region",
        "eu-central-1",
        "--access-key-id",
        "AKID",
        "--secret-access-key",
        "SECRET",
    ];

    fn with_creds<'a>(args: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec!["import", "s3"];
        v.extend_from_slice(args);
        v.extend_from_slice(&CREDS);
        v
    }

    #[test]
    fn flags_map_onto_the_documented_body() {
        let r = parse(&with_creds(&[
            "--bucket",
            "mybucket",
            "--key",
            "myfile.ext",
        ]))
        .unwrap();
        assert_eq!(r.operation(), "import/s3");
        assert_eq!(
            r.body(),
            json!({"bucket": "mybucket", "region": "eu-central-1", "key": "myfile.ext", "access_key_id": "AKID", "secret_access_key": "SECRET"})
        );
        let r = parse(&with_creds(&[
            "--bucket",
            "b",
            "--key-prefix",
            "in/",
            "--endpoint",
            "https://s3.example",
            "--session-token",
            "TOK",
            "--filename",
            "f.pdf",
        ]))
        .unwrap();
        assert_eq!(
            r.body(),
            json!({"bucket": "b", "region": "eu-central-1", "endpoint": "https://s3.example", "key_prefix": "in/",
                   "access_key_id": "AKID", "secret_access_key": "SECRET", "session_token": "TOK", "filename": "f.pdf"})
        );
    }

    #[test]
    fn exactly_one_of_key_and_key_prefix() {
        assert_usage(
            &with_creds(&["--bucket", "b", "--key", "k", "--key-prefix", "p"]),
            &[],
            "cannot be used together",
        );
        assert_usage(
            &with_creds(&["--bucket", "b"]),
            &[],
            "--key or --key-prefix",
        );
        assert_usage(&with_creds(&["--key", "k"]), &[], "--bucket");
    }

    #[test]
    fn shorthand() {
        let r = parse(&with_creds(&["s3://bkt/dir/file.pdf"]))
            .unwrap()
            .body();
        assert_eq!(
            (r["bucket"].as_str(), r["key"].as_str(), r.get("key_prefix")),
            (Some("bkt"), Some("dir/file.pdf"), None)
        );
        let r = parse(&with_creds(&["s3://bkt/dir/"])).unwrap().body();
        assert_eq!(
            (r["key_prefix"].as_str(), r.get("key")),
            (Some("dir/"), None)
        );
        assert_usage(
            &with_creds(&["s3://bkt/k", "--bucket", "b"]),
            &[],
            "--bucket",
        );
        assert_usage(&with_creds(&["s3://bkt/k", "--key", "k"]), &[], "--key");
        assert_usage(
            &with_creds(&["s3://bkt/k", "--key-prefix", "p"]),
            &[],
            "--key-prefix",
        );
        assert_usage(&with_creds(&["s3://bkt"]), &[], "s3://BUCKET/KEY");
        assert_usage(&with_creds(&["gs://bkt/k"]), &[], "s3://");
    }

    #[test]
    fn aws_environment() {
        let env = [
            ("AWS_ACCESS_KEY_ID", "ENVID"),
            ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"),
            ("AWS_SESSION_TOKEN", "ENVTOKEN"),
            ("AWS_DEFAULT_REGION", "us-west-2"),
        ];
        let r = parse_with_env(&["import", "s3", "s3://b/k"], &env)
            .unwrap()
            .body();
        assert_eq!(
            r,
            json!({"bucket": "b", "region": "us-west-2", "key": "k", "access_key_id": "ENVID",
                   "secret_access_key": "ENVSECRET", "session_token": "ENVTOKEN"})
        );
        // AWS_REGION beats AWS_DEFAULT_REGION; flags beat both.
        let mut env2 = env.to_vec();
        env2.push(("AWS_REGION", "eu-north-1"));
        assert_eq!(
            parse_with_env(&["import", "s3", "s3://b/k"], &env2)
                .unwrap()
                .body()["region"],
            "eu-north-1"
        );
        assert_eq!(
            parse_with_env(
                &["import", "s3", "s3://b/k", "--region", "ap-south-1"],
                &env2
            )
            .unwrap()
            .body()["region"],
            "ap-south-1"
        );
        // A key given as a flag does not pick up the environment's session token.
        let r = parse_with_env(
            &[
                "import",
                "s3",
                "s3://b/k",
                "--access-key-id",
                "FLAGID",
                "--secret-access-key",
                "S",
            ],
            &env,
        )
        .unwrap()
        .body();
        assert_eq!(
            (r["access_key_id"].as_str(), r.get("session_token")),
            (Some("FLAGID"), None)
        );
        // Empty variables count as unset.
        assert_usage(
            &["import", "s3", "s3://b/k", "--region", "r"],
            &[("AWS_ACCESS_KEY_ID", "")],
            "AWS_ACCESS_KEY_ID",
        );
        assert_usage(
            &[
                "import",
                "s3",
                "s3://b/k",
                "--access-key-id",
                "a",
                "--secret-access-key",
                "s",
            ],
            &[],
            "AWS_REGION",
        );
        assert_usage(
            &[
                "import",
                "s3",
                "s3://b/k",
                "--region",
                "r",
                "--access-key-id",
                "a",
            ],
            &[],
            "--secret-access-key",
        );
    }
}
