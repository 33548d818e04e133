//! Connections to storages kept for the next file to the same origin.

use super::body::FileBody;
use super::socket::{Probe, Route};
use hyper::client::conn::http1::SendRequest;
use std::sync::{Arc, Mutex};

/// Idle connections kept for the next file to the same storage.
const MAX_IDLE: usize = 16;

/// A connection whose last upload ended cleanly, for the next file to the same origin.
pub struct Idle {
    pub origin: String,
    pub sender: SendRequest<FileBody>,
    pub probe: Arc<Probe>,
    pub route: Route,
    pub conn: Conn,
}

/// The idle connections.
#[derive(Default)]
pub struct Pool(Mutex<Vec<Idle>>);

/// The connection's task, ended when dropped (unless kept idle for the next file).
pub struct Conn(pub tokio::task::JoinHandle<()>);

impl Drop for Conn {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Pool {
    /// An idle connection to `origin` that is still open.
    pub async fn take(&self, origin: &str) -> Option<Idle> {
        loop {
            let mut found = {
                let mut idle = self.0.lock().unwrap_or_else(|e| e.into_inner());
                let i = idle.iter().position(|c| c.origin == origin)?;
                idle.swap_remove(i)
            };
            if !found.sender.is_closed() && found.sender.ready().await.is_ok() {
                return Some(found);
            }
        }
    }

    /// Keeps a connection whose upload ended cleanly, while there is room.
    pub fn give_back(&self, idle: Idle) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if kept.len() < MAX_IDLE {
            kept.push(idle);
        }
    }
}
