//! A TLS server on 127.0.0.1 that only shakes hands: enough to show which certificates the
//! tool accepts and what it says of the ones it refuses.

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A server with this certificate and key: its port, and how many connections it took.
pub fn serve(
    (cert, key): (CertificateDer<'static>, PrivateKeyDer<'static>),
) -> (u16, Arc<AtomicUsize>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let c = connections.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { return };
            c.fetch_add(1, Ordering::SeqCst);
            let mut tls = rustls::ServerConnection::new(config.clone()).unwrap();
            let _ = tls.complete_io(&mut conn);
        }
    });
    (port, connections)
}

/// A server whose certificate (self-signed, for localhost) no system trusts.
pub fn untrusted() -> (u16, Arc<AtomicUsize>) {
    let cert = CertificateDer::from(include_bytes!("certs/cert.der").to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        include_bytes!("certs/key.der").to_vec(),
    ));
    serve((cert, key))
}
