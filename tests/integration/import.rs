//! Every import source against a local API: the path, the exact JSON body, the key and the
//! User-Agent, and the task printed back; the small files sent inside the request
//! (`base64`, `raw`).

use crate::cloud::Cloud;
use crate::cloud::Options;
use crate::support::*;
use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::Value;
use serde_json::json;

const UA: &str = concat!("cloudconvert-cli/", env!("CARGO_PKG_VERSION"));

/// Runs `args` against a server that expects exactly `body` at `path`; returns stdout's task.
fn expect_import(args: &[&str], env: &[(&str, &str)], path: &str, body: Value) -> Value {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let op = path.trim_start_matches("/v2/").to_string();
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path(path)
            .header("authorization", format!("Bearer {KEY}"))
            .header("user-agent", UA)
            .header("content-type", "application/json")
            .json_body(body.clone());
        then.status(201)
            .json_body(json!({"data": task("t-1", &op, "waiting")}));
    });
    let mut cmd = sb.api(&server);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    mock.assert();
    let stdout = stdout(&out);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one compact line when piped: {stdout}"
    );
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn url_import() {
    let t = expect_import(
        &[
            "import",
            "url",
            "https://example.com/a.pdf",
            "--filename",
            "b.pdf",
            "-H",
            "Authorization: Bearer X",
            "-H",
            "Cookie: c=1",
        ],
        &[],
        "/v2/import/url",
        json!({"url": "https://example.com/a.pdf", "filename": "b.pdf", "headers": {"Authorization": "Bearer X", "Cookie": "c=1"}}),
    );
    assert_eq!(
        t,
        task("t-1", "import/url", "waiting"),
        "the task is printed unwrapped, unknown fields kept"
    );
    expect_import(
        &["import", "url", "https://example.com/a.pdf"],
        &[],
        "/v2/import/url",
        json!({"url": "https://example.com/a.pdf"}),
    );
}

#[test]
fn upload_import_without_files_prints_the_form() {
    let sb = Sandbox::new();
    let server = MockServer::start();
    let mut created = task("t-up", "import/upload", "waiting");
    created["result"] = json!({"form": {"url": "https://upload.example/t-up/", "parameters": {"expires": 1545444403, "signature": "abc"}}});
    let mock = server.mock(|when, then| {
        when.method(POST)
            .path("/v2/import/upload")
            .json_body(json!({"redirect": "https://example.com/done"}));
        then.status(201).json_body(json!({"data": created.clone()}));
    });
    let out = sb
        .api(&server)
        .args(["import", "upload", "--redirect", "https://example.com/done"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    mock.assert();
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        printed["result"]["form"]["parameters"]["expires"],
        1545444403
    );
    expect_import(
        &["import", "upload", "--form-only"],
        &[],
        "/v2/import/upload",
        json!({}),
    );
}

#[test]
fn s3_import() {
    expect_import(
        &[
            "import",
            "s3",
            "--bucket",
            "mybucket",
            "--key",
            "myfile.ext",
            "--region",
            "eu-central-1",
            "--access-key-id",
            "AKXX",
            "--secret-access-key",
            "xx",
        ],
        &[],
        "/v2/import/s3",
        json!({"bucket": "mybucket", "region": "eu-central-1", "key": "myfile.ext", "access_key_id": "AKXX", "secret_access_key": "xx"}),
    );
    expect_import(
        &[
            "import",
            "s3",
            "s3://b/in/",
            "--endpoint",
            "https://s3.example",
            "--filename",
            "f",
        ],
        &[
            ("AWS_ACCESS_KEY_ID", "ENVID"),
            ("AWS_SECRET_ACCESS_KEY", "ENVSECRET"),
            ("AWS_SESSION_TOKEN", "TOK"),
            ("AWS_REGION", "us-east-2"),
        ],
        "/v2/import/s3",
        json!({"bucket": "b", "region": "us-east-2", "endpoint": "https://s3.example", "key_prefix": "in/",
               "access_key_id": "ENVID", "secret_access_key": "ENVSECRET", "session_token": "TOK", "filename": "f"}),
    );
}

#[test]
fn azure_import() {
    expect_import(
        &[
            "import",
            "azure",
            "--storage-account",
            "acct",
            "--storage-access-key",
            "K",
            "--container",
            "c",
            "--blob",
            "myfile.ext",
        ],
        &[],
        "/v2/import/azure/blob",
        json!({"storage_account": "acct", "storage_access_key": "K", "container": "c", "blob": "myfile.ext"}),
    );
    expect_import(
        &[
            "import",
            "azure-blob",
            "--container",
            "c",
            "--blob-prefix",
            "p/",
        ],
        &[
            ("AZURE_STORAGE_ACCOUNT", "acct"),
            ("AZURE_STORAGE_SAS_TOKEN", "sv=1&sig=x"),
        ],
        "/v2/import/azure/blob",
        json!({"storage_account": "acct", "sas_token": "sv=1&sig=x", "container": "c", "blob_prefix": "p/"}),
    );
}

#[test]
fn gcs_import() {
    expect_import(
        &[
            "import",
            "gcs",
            "--project-id",
            "api-project-1",
            "--bucket",
            "b",
            "--client-email",
            "e@x",
            "--private-key",
            "PK",
            "--file",
            "f.ext",
        ],
        &[],
        "/v2/import/google-cloud-storage",
        json!({"project_id": "api-project-1", "bucket": "b", "client_email": "e@x", "private_key": "PK", "file": "f.ext"}),
    );
    let dir = tempfile::tempdir().unwrap();
    let sa = dir.path().join("sa.json");
    std::fs::write(&sa, r#"{"type":"service_account","project_id":"p1","client_email":"sa@p1.iam.gserviceaccount.com","private_key":"-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----\n"}"#).unwrap();
    expect_import(
        &["import", "google-cloud-storage", "gs://b/dir/"],
        &[("GOOGLE_APPLICATION_CREDENTIALS", sa.to_str().unwrap())],
        "/v2/import/google-cloud-storage",
        json!({"project_id": "p1", "bucket": "b", "client_email": "sa@p1.iam.gserviceaccount.com",
               "private_key": "-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----\n", "file_prefix": "dir/"}),
    );
}

#[test]
fn openstack_import() {
    expect_import(
        &[
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
        ],
        &[],
        "/v2/import/openstack",
        json!({"auth_url": "https://auth.cloud.ovh.net", "username": "test", "password": "pw", "region": "DE1",
               "container": "container_name", "file": "path/myfile.ext"}),
    );
    expect_import(
        &[
            "import",
            "openstack",
            "--container",
            "c",
            "--file-prefix",
            "p/",
        ],
        &[
            ("OS_AUTH_URL", "https://auth.example/v3"),
            ("OS_USERNAME", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_REGION_NAME", "GRA"),
        ],
        "/v2/import/openstack",
        json!({"auth_url": "https://auth.example", "username": "u", "password": "pw", "region": "GRA", "container": "c", "file_prefix": "p/"}),
    );
}

#[test]
fn sftp_import() {
    expect_import(
        &[
            "import",
            "sftp",
            "--host",
            "myserver.com",
            "--port",
            "2222",
            "--username",
            "test",
            "--password",
            "test",
            "--file",
            "path/myfile.ext",
        ],
        &[],
        "/v2/import/sftp",
        json!({"host": "myserver.com", "port": 2222, "username": "test", "password": "test", "file": "path/myfile.ext"}),
    );
    expect_import(
        &[
            "import",
            "sftp",
            "sftp://me@h.example/~/dir/",
            "--private-key",
            "PK",
        ],
        &[],
        "/v2/import/sftp",
        json!({"host": "h.example", "username": "me", "private_key": "PK", "path": "dir/"}),
    );
}

#[test]
fn openstack_notes_the_version_it_removed() {
    let sb = Sandbox::new();
    let run = |extra: &[&str]| {
        sb.cmd()
            .env("OS_AUTH_URL", "https://auth.example/v3")
            .env("OS_USERNAME", "u")
            .env("OS_PASSWORD", "p")
            .env("OS_REGION_NAME", "r")
            .args(extra)
            .args([
                "--dry-run",
                "import",
                "openstack",
                "--container",
                "c",
                "--file",
                "f",
            ])
            .output()
            .unwrap()
    };
    let out = run(&[]);
    assert!(out.status.success());
    assert!(
        stderr(&out).contains("using the auth URL https://auth.example"),
        "{}",
        stderr(&out)
    );
    let quiet = run(&["-q"]);
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn base64_and_raw_imports_send_the_content() {
    let sb = Sandbox::new();
    let cloud = Cloud::start(Options::default());
    let bin = sb.write("logo.png", &[0x89, b'P', b'N', b'G']);
    let out = sb
        .cloud(&cloud)
        .args(["import", "base64", &bin])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = cloud.requests().pop().unwrap();
    assert_eq!(sent.path, "/v2/import/base64");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).unwrap(),
        json!({"file": "iVBORw==", "filename": "logo.png"})
    );

    let out = sb
        .cloud(&cloud)
        .args(["import", "raw", "-", "--filename", "notes.md"])
        .write_stdin("# Notes\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = cloud.requests().pop().unwrap();
    assert_eq!(sent.path, "/v2/import/raw");
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).unwrap(),
        json!({"file": "# Notes\n", "filename": "notes.md"})
    );

    let before = cloud.requests().len();
    let out = sb
        .cloud(&cloud)
        .args(["import", "raw", &bin])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("import base64"), "{}", stderr(&out));
    let big = sb.path().join("big.bin");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(10_000_001)
        .unwrap();
    let out = sb
        .cloud(&cloud)
        .args(["import", "base64", big.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("import upload"), "{}", stderr(&out));
    assert_eq!(cloud.requests().len(), before, "nothing sent");
}
