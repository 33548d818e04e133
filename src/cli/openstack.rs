//! `import openstack`: flags of the OpenStack Swift import, with the openrc variables
//! (`OS_*`) as fallbacks.

use super::validate::{self, exactly_one, required};
use crate::api::request::{ImportRequest, OpenStackImport};
use crate::env::Env;
use crate::error::Result;
use clap::Args;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import openstack --container in --file a.pdf  # openrc sourced
  cloudconvert import openstack --auth-url https://auth.cloud.ovh.net \\
      --username u --region DE1 --container in --file-prefix 2024/

Values come from the flags or from OS_AUTH_URL, OS_USERNAME, OS_PASSWORD and OS_REGION_NAME (the password is best left to OS_PASSWORD).";

#[derive(Args, Debug)]
pub struct OpenStackArgs {
    /// The Identity endpoint [env: OS_AUTH_URL]
    ///
    /// Without version: a trailing /v2.0 or /v3 is removed.
    #[arg(long, value_name = "URL", value_parser = validate::http_url)]
    pub auth_url: Option<String>,

    /// The user [env: OS_USERNAME]
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub username: Option<String>,

    /// The password [env: OS_PASSWORD]
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub password: Option<String>,

    /// The region [env: OS_REGION_NAME]
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub region: Option<String>,

    /// The container to download from
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub container: Option<String>,

    /// The file in the container, with path
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub file: Option<String>,

    /// Import every file under this prefix
    #[arg(long, value_name = "PREFIX", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub file_prefix: Option<String>,

    /// Name to store it under (default: its own)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,
}

impl OpenStackArgs {
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let auth_url = required(
            self.auth_url.clone().or_else(|| env.get("OS_AUTH_URL")),
            "auth-url",
            Some("OS_AUTH_URL"),
        )?;
        let auth_url = match strip_version(&auth_url) {
            Some(stripped) => {
                env.note(format!(
                    "using the auth URL {stripped} (CloudConvert wants it without the API version)"
                ));
                stripped
            }
            None => auth_url,
        };
        let (file, file_prefix) = exactly_one(
            ("file", self.file.clone()),
            ("file-prefix", self.file_prefix.clone()),
            "--file for one file, --file-prefix for every file under a prefix",
        )?;
        Ok(ImportRequest::OpenStack(OpenStackImport {
            auth_url,
            username: required(
                self.username.clone().or_else(|| env.get("OS_USERNAME")),
                "username",
                Some("OS_USERNAME"),
            )?,
            password: required(
                self.password.clone().or_else(|| env.get("OS_PASSWORD")),
                "password",
                Some("OS_PASSWORD"),
            )?,
            region: required(
                self.region.clone().or_else(|| env.get("OS_REGION_NAME")),
                "region",
                Some("OS_REGION_NAME"),
            )?,
            container: required(self.container.clone(), "container", None)?,
            file,
            file_prefix,
            filename: self.filename.clone(),
        }))
    }
}

/// `https://auth.example/v3/` → `https://auth.example`; `None` when there is no version.
fn strip_version(url: &str) -> Option<String> {
    let trimmed = url.trim_end_matches('/');
    let (base, last) = trimmed.rsplit_once('/')?;
    let is_version = last
        .strip_prefix('v')
        .is_some_and(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == '.'));
    (is_version && !base.ends_with('/')).then(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::strip_version;
    use crate::cli::test_support::{assert_usage, parse, parse_with_env};
    use serde_json::json;

    #[test]
    fn flags_map_onto_the_documented_body() {
        let r = parse(&[
            "import",
            "openstack",
            "--auth-url",
            "https://auth.cloud.ovh.net",
            "--region",
            "DE1",
            "--username",
            "test",
            "--password",
            "pw",
            "--container",
            "container_name",
            "--file",
            "path/myfile.ext",
        ])
        .unwrap();
        assert_eq!(r.operation(), "import/openstack");
        assert_eq!(
            r.body(),
            json!({"auth_url": "https://auth.cloud.ovh.net", "username": "test", "password": "pw", "region": "DE1",
                   "container": "container_name", "file": "path/myfile.ext"})
        );
    }

    #[test]
    fn openrc_environment() {
        let env = [
            ("OS_AUTH_URL", "https://auth.example.com/v3/"),
            ("OS_USERNAME", "envuser"),
            ("OS_PASSWORD", "envpw"),
            ("OS_REGION_NAME", "GRA"),
        ];
        let r = parse_with_env(
            &[
                "import",
                "openstack",
                "--container",
                "c",
                "--file-prefix",
                "p/",
                "--username",
                "flaguser",
            ],
            &env,
        )
        .unwrap();
        assert_eq!(
            r.body(),
            json!({"auth_url": "https://auth.example.com", "username": "flaguser", "password": "envpw", "region": "GRA",
                   "container": "c", "file_prefix": "p/"})
        );
        assert_usage(
            &["import", "openstack", "--container", "c", "--file", "f"],
            &env[..3],
            "OS_REGION_NAME",
        );
        assert_usage(
            &["import", "openstack", "--container", "c"],
            &env,
            "--file or --file-prefix",
        );
        assert_usage(&["import", "openstack", "--file", "f"], &env, "--container");
    }

    #[test]
    fn versions_removed() {
        assert_eq!(
            strip_version("https://a.example/v2.0").as_deref(),
            Some("https://a.example")
        );
        assert_eq!(
            strip_version("https://a.example/identity/v3/").as_deref(),
            Some("https://a.example/identity")
        );
        assert_eq!(strip_version("https://a.example"), None);
        assert_eq!(strip_version("https://a.example/video"), None);
    }
}
