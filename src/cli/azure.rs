//! `import azure` (alias `azure-blob`): flags of the Azure Blob import, with the Azure CLI's
//! storage variables as fallbacks.

use super::validate::{self, exactly_one, required};
use crate::api::request::{AzureBlobImport, ImportRequest};
use crate::env::Env;
use crate::error::{Error, Result};
use clap::Args;

pub const EXAMPLES: &str = "\
Examples:
  cloudconvert import azure --storage-account acct --container in \\
      --blob video.mp4 --sas-token \"$SAS\"
  AZURE_STORAGE_ACCOUNT=acct AZURE_STORAGE_KEY=... \\
      cloudconvert import azure --container in --blob-prefix 2024/

Credentials come from the flags or from AZURE_STORAGE_ACCOUNT, AZURE_STORAGE_KEY and AZURE_STORAGE_SAS_TOKEN, as the Azure CLI reads them.";

#[derive(Args, Debug)]
pub struct AzureArgs {
    /// The storage account
    ///
    /// The name before .blob.core.windows.net. [env: AZURE_STORAGE_ACCOUNT]
    #[arg(long, value_name = "ACCOUNT", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub storage_account: Option<String>,

    /// The account's access key
    ///
    /// [env: AZURE_STORAGE_KEY]
    #[arg(long, value_name = "KEY", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub storage_access_key: Option<String>,

    /// A SAS token, instead of the key
    ///
    /// [env: AZURE_STORAGE_SAS_TOKEN]
    #[arg(long, value_name = "TOKEN", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub sas_token: Option<String>,

    /// The container to download from
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub container: Option<String>,

    /// The blob's name, with path
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub blob: Option<String>,

    /// Import every blob under this prefix
    #[arg(long, value_name = "PREFIX", value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub blob_prefix: Option<String>,

    /// Name to store it under (default: the blob's)
    #[arg(long, value_parser = validate::non_empty, allow_hyphen_values = true)]
    pub filename: Option<String>,

    #[command(flatten)]
    pub api: super::ApiRegion,
}

impl AzureArgs {
    pub fn to_request(&self, env: &Env) -> Result<ImportRequest> {
        let storage_account = required(
            self.storage_account
                .clone()
                .or_else(|| env.get("AZURE_STORAGE_ACCOUNT")),
            "storage-account",
            Some("AZURE_STORAGE_ACCOUNT"),
        )?;
        let container = required(self.container.clone(), "container", None)?;
        let (blob, blob_prefix) = exactly_one(
            ("blob", self.blob.clone()),
            ("blob-prefix", self.blob_prefix.clone()),
            "--blob for one blob, --blob-prefix for every blob under a prefix",
        )?;
        let both =
            "--storage-access-key or --sas-token (or AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN)";
        let (storage_access_key, sas_token) = if self.storage_access_key.is_some()
            || self.sas_token.is_some()
        {
            exactly_one(
                ("storage-access-key", self.storage_access_key.clone()),
                ("sas-token", self.sas_token.clone()),
                both,
            )?
        } else {
            match (
                env.peek("AZURE_STORAGE_KEY"),
                env.peek("AZURE_STORAGE_SAS_TOKEN"),
            ) {
                (Some(_), Some(_)) => {
                    return Err(Error::usage("both AZURE_STORAGE_KEY and AZURE_STORAGE_SAS_TOKEN are set")
                        .with_hint("choose one with --storage-access-key or --sas-token, or unset one variable"));
                }
                (None, None) => {
                    return Err(Error::usage("no Azure credential given")
                        .with_hint(format!("give exactly one of {both}")));
                }
                _ => (
                    env.get("AZURE_STORAGE_KEY"),
                    env.get("AZURE_STORAGE_SAS_TOKEN"),
                ),
            }
        };
        Ok(ImportRequest::AzureBlob(AzureBlobImport {
            storage_account,
            storage_access_key,
            sas_token,
            container,
            blob,
            blob_prefix,
            filename: self.filename.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::cli::test_support::{assert_usage, parse, parse_with_env};
    use serde_json::json;

    #[test]
    fn flags_map_onto_the_documented_body() {
        let r = parse(&[
            "import",
            "azure",
            "--storage-account",
            "acct",
            "--storage-access-key",
            "KEY",
            "--container",
            "c",
            "--blob",
            "f.ext",
        ])
        .unwrap();
        assert_eq!(r.operation(), "import/azure/blob");
        assert_eq!(
            r.body(),
            json!({"storage_account": "acct", "storage_access_key": "KEY", "container": "c", "blob": "f.ext"})
        );
        let r = parse(&[
            "import",
            "azure-blob",
            "--storage-account",
            "a",
            "--sas-token",
            "SAS",
            "--container",
            "c",
            "--blob-prefix",
            "p/",
            "--filename",
            "x",
        ])
        .unwrap();
        assert_eq!(
            r.body(),
            json!({"storage_account": "a", "sas_token": "SAS", "container": "c", "blob_prefix": "p/", "filename": "x"})
        );
    }

    #[test]
    fn exactly_one_groups() {
        let base = [
            "import",
            "azure",
            "--storage-account",
            "a",
            "--container",
            "c",
        ];
        let with = |extra: &[&'static str]| [&base[..], extra].concat();
        assert_usage(
            &with(&["--blob", "b", "--blob-prefix", "p", "--sas-token", "s"]),
            &[],
            "cannot be used together",
        );
        assert_usage(&with(&["--sas-token", "s"]), &[], "--blob or --blob-prefix");
        assert_usage(
            &with(&[
                "--blob",
                "b",
                "--sas-token",
                "s",
                "--storage-access-key",
                "k",
            ]),
            &[],
            "cannot be used together",
        );
        assert_usage(
            &with(&["--blob", "b"]),
            &[],
            "--storage-access-key or --sas-token",
        );
        assert_usage(
            &[
                "import",
                "azure",
                "--storage-account",
                "a",
                "--blob",
                "b",
                "--sas-token",
                "s",
            ],
            &[],
            "--container",
        );
    }

    #[test]
    fn azure_environment() {
        let args = ["import", "azure", "--container", "c", "--blob", "b"];
        let r = parse_with_env(
            &args,
            &[
                ("AZURE_STORAGE_ACCOUNT", "acct"),
                ("AZURE_STORAGE_KEY", "ENVKEY"),
            ],
        )
        .unwrap()
        .body();
        assert_eq!(
            r,
            json!({"storage_account": "acct", "storage_access_key": "ENVKEY", "container": "c", "blob": "b"})
        );
        let r = parse_with_env(
            &args,
            &[
                ("AZURE_STORAGE_ACCOUNT", "acct"),
                ("AZURE_STORAGE_SAS_TOKEN", "ENVSAS"),
            ],
        )
        .unwrap()
        .body();
        assert_eq!(r["sas_token"], "ENVSAS");
        // A flag chooses; the variables are then not read at all.
        let both = [
            ("AZURE_STORAGE_ACCOUNT", "acct"),
            ("AZURE_STORAGE_KEY", "K"),
            ("AZURE_STORAGE_SAS_TOKEN", "S"),
        ];
        assert_usage(
            &args,
            &both,
            "AZURE_STORAGE_KEY and AZURE_STORAGE_SAS_TOKEN",
        );
        let r = parse_with_env(&[&args[..], &["--sas-token", "FLAG"]].concat(), &both)
            .unwrap()
            .body();
        assert_eq!(
            (r["sas_token"].as_str(), r.get("storage_access_key")),
            (Some("FLAG"), None)
        );
        assert_usage(
            &args,
            &[("AZURE_STORAGE_KEY", "K")],
            "AZURE_STORAGE_ACCOUNT",
        );
    }
}
