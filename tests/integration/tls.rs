//! Certificates refused for what they are, by the API client and the upload client alike,
//! against real handshakes with certificates made here: expired, for another host, and signed
//! by an authority the system does not trust.

use crate::cloud::{Cloud, Options};
use crate::storage::Storage;
use crate::support::*;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, date_time_ymd};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::json;
use std::sync::atomic::Ordering;

/// An authority of the test's own: its certificate as PEM (for SSL_CERT_FILE) and its issuer.
fn authority() -> (String, Issuer<'static, KeyPair>) {
    let mut params = CertificateParams::new(Vec::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let key = KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    (cert.pem(), Issuer::new(params, key))
}

/// A server certificate for `names`, valid between the two years, signed by `issuer` (or by
/// itself).
fn leaf(
    names: &[&str],
    years: (i32, i32),
    issuer: Option<&Issuer<'static, KeyPair>>,
) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    leaf_for(names, years, issuer, Vec::new())
}

/// `leaf`, limited to the extended key usages given (none: any use).
fn leaf_for(
    names: &[&str],
    years: (i32, i32),
    issuer: Option<&Issuer<'static, KeyPair>>,
    usages: Vec<rcgen::ExtendedKeyUsagePurpose>,
) -> (CertificateDer<'static>, PrivateKeyDer<'static>) {
    let mut params =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    params.extended_key_usages = usages;
    params.not_before = date_time_ymd(years.0, 1, 1);
    params.not_after = date_time_ymd(years.1, 1, 1);
    let key = KeyPair::generate().unwrap();
    let cert = match issuer {
        Some(i) => params.signed_by(&key, i).unwrap(),
        None => params.self_signed(&key).unwrap(),
    };
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    (cert.der().clone(), key)
}

/// A TLS server on 127.0.0.1 with this certificate: its port.
fn serve(leaf: (CertificateDer<'static>, PrivateKeyDer<'static>)) -> u16 {
    crate::support::tls::serve(leaf).0
}

/// stderr of `task show` against the API at `port`, and of an upload to a storage there,
/// both trusting only `ca`.
fn refused_by_both(sb: &Sandbox, ca: &str, port: u16) -> [String; 2] {
    let ca_file = sb.write("ca.pem", ca.as_bytes());
    let api = sb
        .cmd()
        .env("SSL_CERT_FILE", &ca_file)
        .env("CLOUDCONVERT_API_URL", format!("https://localhost:{port}"))
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    let storage = Storage::start(&[]);
    let cloud = Cloud::start(Options {
        form: json!({}),
        storage: Some((
            format!("https://localhost:{port}/tasks"),
            storage.arrivals(),
        )),
        ..Options::default()
    });
    let file = sb.write("a.txt", b"data");
    let upload = sb
        .cloud(&cloud)
        .env("SSL_CERT_FILE", &ca_file)
        .args(["import", "upload", &file])
        .output()
        .unwrap();
    [api, upload].map(|out| {
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(!err.contains("retry"), "not retried: {err}");
        err
    })
}

#[test]
fn an_expired_certificate_is_said_with_its_date_and_the_clock() {
    // Windows trusts its own store, not SSL_CERT_FILE: the test's authority cannot be added
    // to it from here, and an untrusted chain is refused before its dates or names.
    if windows_build() {
        return;
    }
    let sb = Sandbox::new();
    let (ca, issuer) = authority();
    let port = serve(leaf(&["localhost"], (2020, 2021), Some(&issuer)));
    for err in refused_by_both(&sb, &ca, port) {
        assert!(
            err.contains("the server's certificate has expired (valid until 2021-01-01 00:00 UTC)"),
            "{err}"
        );
        assert!(err.contains("clock"), "{err}");
        assert!(!err.contains("SSL_CERT_FILE"), "{err}");
    }
}

#[test]
fn a_certificate_for_another_host_names_both() {
    // Windows trusts its own store, not SSL_CERT_FILE: the test's authority cannot be added
    // to it from here, and an untrusted chain is refused before its dates or names.
    if windows_build() {
        return;
    }
    let sb = Sandbox::new();
    let (ca, issuer) = authority();
    let port = serve(leaf(&["other.example"], (2020, 2090), Some(&issuer)));
    for err in refused_by_both(&sb, &ca, port) {
        assert!(
            err.contains(&format!(
                "localhost:{port}: the server's certificate is not made out for localhost"
            )) && err.contains("it names other.example"),
            "{err}"
        );
        assert!(!err.contains("SSL_CERT_FILE"), "{err}");
    }
}

#[test]
fn a_certificate_made_for_clients_only_is_named_for_what_it_is() {
    if windows_build() {
        return; // the test's authority cannot be added to the Windows store from here
    }
    let sb = Sandbox::new();
    let (ca, issuer) = authority();
    let port = serve(leaf_for(
        &["localhost"],
        (2020, 2090),
        Some(&issuer),
        vec![rcgen::ExtendedKeyUsagePurpose::ClientAuth],
    ));
    for err in refused_by_both(&sb, &ca, port) {
        assert!(
            err.contains("the server's certificate is not made for a TLS server"),
            "{err}"
        );
        assert!(
            !err.contains("not signed by an authority") && !err.contains("SSL_CERT_FILE"),
            "{err}"
        );
    }
}

#[test]
fn an_unknown_issuer_points_at_ssl_cert_file() {
    let sb = Sandbox::new();
    let (ca, _) = authority();
    let port = serve(leaf(&["localhost"], (2020, 2090), None));
    for err in refused_by_both(&sb, &ca, port) {
        assert!(
            err.contains("not signed by an authority this system trusts"),
            "{err}"
        );
        assert!(err.contains(trust_hint()), "{err}");
    }
}

/// Where the hint for an unknown authority points: SSL_CERT_FILE, or the store on Windows.
fn trust_hint() -> &'static str {
    if windows_build() {
        "certutil -user -addstore Root"
    } else {
        "SSL_CERT_FILE"
    }
}

#[test]
fn a_certificate_the_system_does_not_trust_is_said_in_words_and_not_retried() {
    let (port, connections) = crate::support::tls::untrusted();
    let sb = Sandbox::new();
    let out = sb
        .cmd()
        .env("CLOUDCONVERT_API_URL", format!("https://127.0.0.1:{port}"))
        .env("CLOUDCONVERT_API_KEY", KEY)
        .args(["task", "show", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("not signed by an authority this system trusts"),
        "{err}"
    );
    assert!(err.contains(trust_hint()), "{err}");
    assert!(
        !err.contains("OtherError") && !err.contains("retrying"),
        "{err}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 1, "not retried");
}

#[test]
fn a_system_without_authorities_trusts_mozillas_built_in_and_says_so_under_v() {
    // Windows always has its store; this is the scratch or distroless container on Linux.
    if windows_build() {
        return;
    }
    let (port, connections) = crate::support::tls::untrusted();
    let sb = Sandbox::new();
    // The system's certificate paths hidden: SSL_CERT_DIR names a folder that holds nothing,
    // and then it alone is read.
    let empty = sb.path().join("no-certs");
    std::fs::create_dir_all(&empty).unwrap();
    let run = |verbose: bool| {
        let mut c = sb.cmd();
        c.env("SSL_CERT_DIR", &empty)
            .env("CLOUDCONVERT_API_URL", format!("https://127.0.0.1:{port}"))
            .env("CLOUDCONVERT_API_KEY", KEY);
        if verbose {
            c.arg("-v");
        }
        c.args(["task", "show", "abc"]).output().unwrap()
    };
    let out = run(true);
    let err = stderr(&out);
    assert!(
        err.contains("this system has no certificate authorities")
            && err.contains("trusting Mozilla's, built into the tool"),
        "{err}"
    );
    // The handshake happened and was judged: the test server's own authority is not Mozilla's.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("not signed by an authority this system trusts"),
        "{err}"
    );
    assert!(!err.contains("cannot set up"), "{err}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
    let quiet = stderr(&run(false));
    assert!(!quiet.contains("Mozilla"), "said under -v only: {quiet}");
}

/// `SSL_CERT_FILE` misspelt, or naming a DER file: the tool cannot use what the user set, so it
/// says so (exit 2, nothing sent) instead of trusting the built-in authorities in its place.
#[test]
fn an_unusable_ssl_cert_file_or_dir_is_an_error_not_a_wider_trust() {
    if windows_build() {
        return; // Windows trusts its own store and reads neither variable.
    }
    let sb = Sandbox::new();
    let server = httpmock::MockServer::start();
    let nothing = catch_all(&server);
    let (ca, _) = authority();
    let der = rustls::pki_types::pem::PemObject::from_pem_slice(ca.as_bytes())
        .map(|c: CertificateDer<'static>| c.to_vec())
        .unwrap();
    let der_file = sb.write("ca.der", &der);
    let missing = sb.path().join("ca.pme").display().to_string();
    let not_a_folder = sb.write("certs", b"x");
    for (var, value, why) in [
        ("SSL_CERT_FILE", missing.as_str(), "no such file or folder"),
        (
            "SSL_CERT_FILE",
            der_file.as_str(),
            "it holds no PEM certificate",
        ),
        ("SSL_CERT_DIR", not_a_folder.as_str(), "it is not a folder"),
    ] {
        let out = sb
            .api(&server)
            .env(var, value)
            .args(["task", "show", "abc"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{var}={value}: {err}");
        assert!(
            err.contains(&format!("{var} names {value}, which cannot be used: {why}")),
            "{err}"
        );
        assert!(err.contains(&format!("point {var} at")), "{err}");
    }
    nothing.assert_calls(0);
}
