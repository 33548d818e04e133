//! What the API client and the upload transport share: the retry policy, the rate-limit gate
//! and the outage every call waits on, the rate limiter, which authorities TLS trusts, proxies,
//! and failures named as a person would.

pub mod certificate;
pub mod failure;
pub mod gate;
pub mod limit;
pub mod proxy;
pub mod reach;
pub mod retry;
pub mod trust;
