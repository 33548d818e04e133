//! Which certificate authorities TLS trusts, for the API and the uploads alike: the system's
//! (its store; on Linux the usual files, or `SSL_CERT_FILE` and `SSL_CERT_DIR`), and where a
//! system has none at all (a scratch or distroless container), Mozilla's, built in. The
//! built-in set is `webpki-root-certs`, the one rustls-platform-verifier takes extra roots as.

use std::sync::Arc;

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
