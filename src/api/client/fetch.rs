//! A result's file, fetched from the storage: a GET with no key (its URL is its own
//! credential), whose body the caller reads, each read bounded by `--timeout`.

use super::Client;
use super::answer::{read_bounded, status_error};
use crate::error::{Error, Result};
use crate::net::failure::transport_error;
use reqwest::Method;
use std::time::Instant;

impl Client {
    /// `GET url` for a result's bytes: the answer when it is a 200; the error, named, else.
    pub fn fetch(&self, url: &str) -> Result<reqwest::blocking::Response> {
        let started = Instant::now();
        let resp = self
            .http
            .request(Method::GET, url)
            .send()
            .map_err(|e| transport_error(&e, url, self.timeout))?;
        let status = resp.status().as_u16();
        self.log(&Method::GET, url, &status.to_string(), started);
        if status == 200 {
            return Ok(resp);
        }
        let body = read_bounded(resp)
            .ok()
            .and_then(std::result::Result::ok)
            .unwrap_or_default();
        Err(self.named_fetch(status_error(status, &body, url)))
    }

    fn named_fetch(&self, mut e: Error) -> Error {
        if e.http_status == Some(403) || e.http_status == Some(404) {
            e.hint = Some(
                "a result's URL is valid for 24 hours after its task ended, less once the task is deleted; after that, run the job again".into(),
            );
        }
        e
    }
}
