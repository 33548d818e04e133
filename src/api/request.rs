//! Request bodies of the import endpoints, exactly as import-tasks.txt documents them: an option
//! left out is left out of the JSON (never `null`, never `""`).

use serde::Serialize;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UrlImport {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// Header name → value, in the order given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadImport {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct S3Import {
    pub bucket: String,
    pub region: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_prefix: Option<String>,
    pub access_key_id: String,
    pub secret_access_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AzureBlobImport {
    pub storage_account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage_access_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sas_token: Option<String>,
    pub container: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blob: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blob_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GcsImport {
    pub project_id: String,
    pub bucket: String,
    pub client_email: String,
    pub private_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenStackImport {
    pub auth_url: String,
    pub username: String,
    pub password: String,
    pub region: String,
    pub container: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SftpImport {
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    pub username: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// `import/base64` and `import/raw`: the content itself (base64, or UTF-8 text) and its name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContentImport {
    pub file: String,
    pub filename: String,
}

/// One validated import request: the endpoint it goes to and its body.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportRequest {
    Url(UrlImport),
    Upload(UploadImport),
    S3(S3Import),
    AzureBlob(AzureBlobImport),
    Gcs(GcsImport),
    OpenStack(OpenStackImport),
    Sftp(SftpImport),
    Base64(ContentImport),
    Raw(ContentImport),
}

impl ImportRequest {
    /// The path below `/v2/`.
    pub fn operation(&self) -> &'static str {
        match self {
            ImportRequest::Url(_) => "import/url",
            ImportRequest::Upload(_) => "import/upload",
            ImportRequest::S3(_) => "import/s3",
            ImportRequest::AzureBlob(_) => "import/azure/blob",
            ImportRequest::Gcs(_) => "import/google-cloud-storage",
            ImportRequest::OpenStack(_) => "import/openstack",
            ImportRequest::Sftp(_) => "import/sftp",
            ImportRequest::Base64(_) => "import/base64",
            ImportRequest::Raw(_) => "import/raw",
        }
    }

    pub fn body(&self) -> Value {
        let v = match self {
            ImportRequest::Url(r) => serde_json::to_value(r),
            ImportRequest::Upload(r) => serde_json::to_value(r),
            ImportRequest::S3(r) => serde_json::to_value(r),
            ImportRequest::AzureBlob(r) => serde_json::to_value(r),
            ImportRequest::Gcs(r) => serde_json::to_value(r),
            ImportRequest::OpenStack(r) => serde_json::to_value(r),
            ImportRequest::Sftp(r) => serde_json::to_value(r),
            ImportRequest::Base64(r) | ImportRequest::Raw(r) => serde_json::to_value(r),
        };
        v.expect("request structs hold only strings and integers")
    }
}
