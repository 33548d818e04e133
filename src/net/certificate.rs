//! A refused server certificate, told for what it is. rustls says why in a typed error
//! (`InvalidCertificate(CertificateError::…)`, with the dates or names where it knows them),
//! somewhere in the chain of the error reqwest or the upload's socket gives back.

use crate::clock::date;
use rustls::CertificateError;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Why the server's certificate was refused.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// Past its end; the end when known.
    Expired(Option<SystemTime>),
    /// Before its start; the start when known.
    NotYetValid(Option<SystemTime>),
    /// Made out for other names; the names it holds when known.
    OtherHost(Vec<String>),
    Revoked,
    /// Made for another use than a server's (its extended key usage names client
    /// authentication only, say): no authority added on this side can make it pass.
    NotForServers,
    /// Signed by no authority this system trusts (or anything else rustls refuses).
    Untrusted,
}

impl Refusal {
    /// Why the certificate was refused, if that is what failed.
    pub fn of(e: &(dyn std::error::Error + 'static)) -> Option<Refusal> {
        crate::error::causes(e).find_map(|err| match err.downcast_ref::<rustls::Error>() {
            Some(rustls::Error::InvalidCertificate(c)) => Some(Refusal::from(c)),
            _ => None,
        })
    }

    /// The message after `{host}: `, and the hint.
    pub fn words(&self, host: &str) -> (String, String) {
        let clock = "check this machine's clock, date and time zone; if they are right, the server's certificate is at fault";
        match self {
            Refusal::Expired(until) => (
                format!(
                    "the server's certificate has expired{}",
                    until.map_or(String::new(), |t| format!(" (valid until {})", date(t)))
                ),
                format!("{clock} (it says {})", date(SystemTime::now())),
            ),
            Refusal::NotYetValid(from) => (
                format!(
                    "the server's certificate is not valid yet{}",
                    from.map_or(String::new(), |t| format!(" (valid from {})", date(t)))
                ),
                format!("{clock} (it says {})", date(SystemTime::now())),
            ),
            Refusal::OtherHost(names) => (
                if names.is_empty() {
                    format!("the server's certificate is not made out for {host}")
                } else {
                    format!(
                        "the server's certificate is not made out for {host}: it names {}",
                        names.join(", ")
                    )
                },
                "check the host in the URL; a proxy or firewall may be answering in the server's place".into(),
            ),
            Refusal::Revoked => (
                "the server's certificate was revoked".into(),
                "the server must get a new certificate; do not work around this".into(),
            ),
            Refusal::NotForServers => (
                "the server's certificate is not made for a TLS server (its extended key usage does not include server authentication)".into(),
                "the server must use a certificate made for TLS servers; trusting another authority here does not help".into(),
            ),
            Refusal::Untrusted => (
                "the server's certificate is not signed by an authority this system trusts".into(),
                if cfg!(windows) {
                    // Windows checks against its own store; SSL_CERT_FILE is not read there.
                    "behind a proxy or firewall with its own certificate authority, add that authority's certificate to the Windows store (`certutil -user -addstore Root ca.crt`)".into()
                } else {
                    "behind a proxy or firewall with its own certificate authority, point SSL_CERT_FILE at that authority's certificate (PEM)".into()
                },
            ),
        }
    }
}

impl From<&CertificateError> for Refusal {
    fn from(c: &CertificateError) -> Refusal {
        let at =
            |t: &rustls::pki_types::UnixTime| Some(UNIX_EPOCH + Duration::from_secs(t.as_secs()));
        match c {
            CertificateError::Expired => Refusal::Expired(None),
            CertificateError::ExpiredContext { not_after, .. } => Refusal::Expired(at(not_after)),
            CertificateError::NotValidYet => Refusal::NotYetValid(None),
            CertificateError::NotValidYetContext { not_before, .. } => {
                Refusal::NotYetValid(at(not_before))
            }
            CertificateError::NotValidForName => Refusal::OtherHost(Vec::new()),
            CertificateError::NotValidForNameContext { presented, .. } => {
                Refusal::OtherHost(presented.iter().map(|n| bare_name(n)).collect())
            }
            CertificateError::Revoked => Refusal::Revoked,
            CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
                Refusal::NotForServers
            }
            // rustls-platform-verifier turns webpki's "required EKU not found" into an error of
            // a private type, which only its words tell ("certificate had invalid extensions").
            CertificateError::Other(other) if other.to_string().contains("invalid extensions") => {
                Refusal::NotForServers
            }
            _ => Refusal::Untrusted,
        }
    }
}

/// A name as rustls hands it over, `DnsName("api.example")`, without the wrapping; an IP
/// address's is already bare.
fn bare_name(name: &str) -> String {
    match (name.find('"'), name.rfind('"')) {
        (Some(a), Some(b)) if a < b => name[a + 1..b].to_string(),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::pki_types::{ServerName, UnixTime};

    fn wrapped(c: CertificateError) -> std::io::Error {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(c),
        )
    }

    #[test]
    fn refusals_are_read_from_the_typed_error_inside_an_io_error() {
        let e = wrapped(CertificateError::ExpiredContext {
            time: UnixTime::since_unix_epoch(Duration::from_secs(1_800_000_000)),
            not_after: UnixTime::since_unix_epoch(Duration::from_secs(1_609_459_200)),
        });
        let r = Refusal::of(&e).unwrap();
        assert_eq!(
            r.words("h").0,
            "the server's certificate has expired (valid until 2021-01-01 00:00 UTC)"
        );
        assert!(r.words("h").1.contains("clock"));
        let e = wrapped(CertificateError::NotValidForNameContext {
            expected: ServerName::try_from("api.example").unwrap(),
            presented: vec!["DnsName(\"other.example\")".into()],
        });
        assert_eq!(
            Refusal::of(&e).unwrap().words("api.example").0,
            "the server's certificate is not made out for api.example: it names other.example"
        );
        assert_eq!(
            Refusal::of(&wrapped(CertificateError::UnknownIssuer)),
            Some(Refusal::Untrusted)
        );
        assert_eq!(
            Refusal::of(&wrapped(CertificateError::InvalidPurpose)),
            Some(Refusal::NotForServers)
        );
        assert_eq!(Refusal::of(&std::io::Error::other("reset")), None);
    }
}
