//! Which certificate authorities TLS trusts, for the API and the uploads alike: the system's
//! (its store; on Linux the usual files, or `SSL_CERT_FILE` and `SSL_CERT_DIR`), and where a
//! system has none at all (a scratch or distroless container), Mozilla's, built in. The
//! built-in set is `webpki-root-certs`, the one rustls-platform-verifier takes extra roots as.

use crate::env::Env;
use crate::error::Result;
use std::sync::Arc;

/// `SSL_CERT_FILE` and `SSL_CERT_DIR`, where the system's verifier reads them (Linux and the
/// other Unix systems but Apple's), checked before anything is sent: a variable the user set
/// that cannot be used would otherwise be passed over in silence, and with no other roots the
/// built-in set would be trusted instead of the one the user named. A file must hold at least
/// one PEM certificate (a DER file, a key, a misspelt path do not); each folder must be one
/// that can be read. Elsewhere the system's own store is used and the variables are not read.
pub fn check_variables(env: &Env) -> Result<()> {
    #[cfg(all(unix, not(target_os = "android"), not(target_vendor = "apple")))]
    {
        use std::path::Path;
        let unusable = |name: &str, path: &Path, why: String| {
            crate::error::Error::usage(format!(
                "{name} names {}, which cannot be used: {why}",
                path.display()
            ))
            .with_hint(format!(
                "point {name} at {}, or unset it to trust the system's authorities",
                if name == "SSL_CERT_FILE" {
                    "a file of PEM certificates (-----BEGIN CERTIFICATE-----)"
                } else {
                    "folders of PEM certificates"
                }
            ))
        };
        if let Some(file) = env.peek("SSL_CERT_FILE") {
            let path = Path::new(&file);
            let read = rustls_native_certs::load_certs_from_paths(Some(path), None);
            if let Some(e) = read.errors.first() {
                return Err(unusable("SSL_CERT_FILE", path, error_words(e)));
            }
            if read.certs.is_empty() {
                return Err(unusable(
                    "SSL_CERT_FILE",
                    path,
                    "it holds no PEM certificate".into(),
                ));
            }
        }
        if let Some(dirs) = env.peek("SSL_CERT_DIR") {
            for dir in std::env::split_paths(&dirs).filter(|d| !d.as_os_str().is_empty()) {
                if !std::fs::metadata(&dir).is_ok_and(|m| m.is_dir()) {
                    return Err(unusable("SSL_CERT_DIR", &dir, "it is not a folder".into()));
                }
                let read = rustls_native_certs::load_certs_from_paths(None, Some(&dir));
                if let Some(e) = read.errors.first() {
                    return Err(unusable("SSL_CERT_DIR", &dir, error_words(e)));
                }
            }
        }
    }
    #[cfg(not(all(unix, not(target_os = "android"), not(target_vendor = "apple"))))]
    let _ = env;
    Ok(())
}

/// What went wrong reading certificates, without the crate's wrapping.
#[cfg(all(unix, not(target_os = "android"), not(target_vendor = "apple")))]
fn error_words(e: &rustls_native_certs::Error) -> String {
    use std::error::Error as _;
    match e.source().and_then(|s| s.downcast_ref::<std::io::Error>()) {
        Some(io) => crate::error::io_words(io),
        None => e.to_string(),
    }
}

/// The TLS settings every connection uses, and whether they fell back to the built-in roots.
pub struct Trust {
    pub config: Arc<rustls::ClientConfig>,
    pub built_in: bool,
}

pub fn load() -> Result<Trust, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let (verifier, built_in) = match rustls_platform_verifier::Verifier::new(provider.clone()) {
        Ok(v) => (v, false),
        // Linux with no certificates at all: the only case where the system's verifier fails.
        Err(_) => (
            rustls_platform_verifier::Verifier::new_with_extra_roots(
                webpki_root_certs::TLS_SERVER_ROOT_CERTS.iter().cloned(),
                provider.clone(),
            )
            .map_err(|e| format!("cannot load the built-in certificate authorities: {e}"))?,
            true,
        ),
    };
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    // Both clients speak HTTP/1.1 only.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Trust {
        config: Arc::new(config),
        built_in,
    })
}
