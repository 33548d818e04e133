//! The upload's body: the envelope's head, the file's bytes as a reader thread hands them
//! over, the tail. The file is read (and its MD5 taken, on a thread of its own) off the runtime
//! worker that sends every job's bytes, through a small channel, so memory stays flat.

use super::Digest;
use crate::net::limit::Limiter;
use bytes::Bytes;
use http_body::{Frame, SizeHint};
use std::fs::File;
use std::io::Read;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// One read from the file: large, so that reading costs little per byte.
const READ: usize = 1 << 20;
/// One frame of the body, a slice of a read (no copy). Measured: 64 KiB frames cost a third of
/// the speed, 128 KiB none.
const CHUNK: usize = 128 << 10;
/// Reads waiting in the channel between the reader and the body: enough to keep the socket fed
/// while the next is read and hashed, little enough that memory stays flat.
pub const AHEAD: usize = 2;

/// How the reader ended.
pub enum Fed {
    /// Every byte went into the body; its MD5 if one was asked for.
    Whole(Digest),
    /// The body was dropped (the attempt failed) before it took every byte.
    Stopped,
    /// The file could not be read.
    Failed(std::io::Error),
}

/// Reads the file into the body's channel, keeping to `--limit-rate`. Runs on its own thread,
/// so that reading holds up neither the worker that sends every job's bytes nor the MD5: each
/// read goes, without a copy (`Bytes` shares it), both to the body and to a hashing thread of
/// its own, so that reading, hashing and sending overlap and a verified upload takes what the
/// hash alone takes.
pub fn feed(
    file: File,
    len: u64,
    tx: mpsc::Sender<std::io::Result<Bytes>>,
    hash: bool,
    limit: Option<&Limiter>,
    throttled: &AtomicBool,
) -> Fed {
    if !hash {
        return read_into(file, len, &tx, None, limit, throttled)
            .map_or_else(|f| f, |()| Fed::Whole(Digest::Off));
    }
    let (to_hash, hasher) = crate::md5::beside::<Bytes>(AHEAD);
    let read = read_into(file, len, &tx, Some(to_hash), limit, throttled);
    // The sender was dropped with `read_into`: the hasher has every piece.
    let digest = hasher.join();
    match (read, digest) {
        (Ok(()), Ok(md5)) => Fed::Whole(Digest::Md5(md5)),
        (Err(fed), _) => fed,
        (Ok(()), Err(_)) => Fed::Stopped,
    }
}

/// Reads `len` bytes of the file in pieces, each to the body (and to the hasher when there is
/// one); how the reading stopped early, if it did.
fn read_into(
    mut file: File,
    len: u64,
    tx: &mpsc::Sender<std::io::Result<Bytes>>,
    to_hash: Option<std::sync::mpsc::SyncSender<Bytes>>,
    limit: Option<&Limiter>,
    throttled: &AtomicBool,
) -> Result<(), Fed> {
    let piece = limit.map_or(READ, |l| l.piece(READ));
    let mut left = len;
    while left > 0 {
        // `left` may exceed usize on a 32-bit target; a read never does.
        let want = usize::try_from(left).map_or(piece, |l| l.min(piece));
        // Read into spare capacity: no zeroing of a buffer the read fills anyway.
        let mut buf = Vec::with_capacity(want);
        let n = match (&mut file).take(want as u64).read_to_end(&mut buf) {
            Ok(0) => {
                let _ = tx.blocking_send(Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "the file got shorter",
                )));
                return Err(Fed::Stopped);
            }
            Ok(n) => n,
            Err(e) => {
                let _ = tx.blocking_send(Err(std::io::Error::new(e.kind(), e.to_string())));
                return Err(Fed::Failed(e));
            }
        };
        if let Some(l) = limit {
            throttled.store(true, Ordering::Relaxed);
            // A failed attempt drops the body: its reader gives up its slot at once.
            let slot = l.take_unless(n, || tx.is_closed());
            throttled.store(false, Ordering::Relaxed);
            if !slot {
                return Err(Fed::Stopped);
            }
        }
        let bytes = Bytes::from(buf);
        if let Some(h) = &to_hash
            && h.send(bytes.clone()).is_err()
        {
            return Err(Fed::Stopped);
        }
        if tx.blocking_send(Ok(bytes)).is_err() {
            return Err(Fed::Stopped);
        }
        left -= n as u64;
    }
    Ok(())
}

/// The multipart body: the envelope's head, the file's bytes as the reader hands them over,
/// the tail.
pub struct FileBody {
    pub head: Option<Bytes>,
    pub tail: Option<Bytes>,
    /// Read from the file but not yet handed out as frames.
    pub pending: Bytes,
    pub rx: mpsc::Receiver<std::io::Result<Bytes>>,
    pub remaining: u64,
    /// File bytes handed to the connection.
    pub handed: Arc<AtomicU64>,
    pub shrank: Arc<AtomicBool>,
    /// Told when the last frame (the envelope's tail) was handed to the connection.
    pub attempt: Arc<crate::run::Attempt>,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let this = &mut *self;
        if let Some(head) = this.head.take() {
            return Poll::Ready(Some(Ok(Frame::data(head))));
        }
        if this.pending.is_empty() && this.remaining > 0 {
            match this.rx.poll_recv(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(mut data))) => {
                    // Never more than the length announced, whatever the reader does.
                    data.truncate(usize::try_from(this.remaining).unwrap_or(usize::MAX));
                    this.remaining -= data.len() as u64;
                    this.pending = data;
                }
                Poll::Ready(Some(Err(e))) => {
                    if e.kind() == std::io::ErrorKind::UnexpectedEof {
                        this.shrank.store(true, Ordering::Relaxed);
                    }
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => {
                    return Poll::Ready(Some(Err(std::io::Error::other(
                        "the file's reader stopped",
                    ))));
                }
            }
        }
        if !this.pending.is_empty() {
            let frame = this.pending.split_to(CHUNK.min(this.pending.len()));
            this.handed.fetch_add(frame.len() as u64, Ordering::Relaxed);
            return Poll::Ready(Some(Ok(Frame::data(frame))));
        }
        let tail = this.tail.take();
        if tail.is_some() {
            this.attempt.whole.store(true, Ordering::SeqCst);
        }
        Poll::Ready(tail.map(|t| Ok(Frame::data(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.head.is_none() && self.pending.is_empty() && self.remaining == 0 && self.tail.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        let pending = |b: &Option<Bytes>| b.as_ref().map_or(0, |b| b.len() as u64);
        SizeHint::with_exact(
            pending(&self.head) + self.pending.len() as u64 + self.remaining + pending(&self.tail),
        )
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use http_body::Body;
    use std::io::Write;

    /// The body of a file of `len` bytes, fed by `feed` on a thread; its bytes (or the first
    /// error) and what the reader reported.
    fn send(file: File, len: u64, hash: bool) -> (std::io::Result<Vec<u8>>, Fed) {
        let (tx, rx) = mpsc::channel(AHEAD);
        let mut body = FileBody {
            head: Some(Bytes::from_static(b"HE")),
            tail: Some(Bytes::from_static(b"AD")),
            pending: Bytes::new(),
            rx,
            remaining: len,
            handed: Arc::new(AtomicU64::new(0)),
            shrank: Arc::new(AtomicBool::new(false)),
            attempt: Arc::new(crate::run::Attempt::default()),
        };
        assert_eq!(body.size_hint().exact(), Some(len + 4));
        let reader =
            std::thread::spawn(move || feed(file, len, tx, hash, None, &AtomicBool::new(false)));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let out = runtime.block_on(async {
            let mut out = Vec::new();
            while let Some(frame) =
                std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
            {
                let data = frame?.into_data().unwrap();
                assert!(data.len() <= CHUNK, "a frame of {} bytes", data.len());
                out.extend_from_slice(&data);
            }
            assert!(body.is_end_stream());
            assert_eq!(body.handed.load(Ordering::Relaxed), len);
            assert!(body.attempt.whole.load(Ordering::Relaxed));
            Ok(out)
        });
        drop(body);
        (out, reader.join().unwrap())
    }

    #[test]
    fn sends_exactly_the_length_taken_even_if_the_file_grows_and_hashes_it() {
        let mut f = tempfile::tempfile().unwrap();
        let data = vec![1u8; 3 * READ + 5];
        f.write_all(&data).unwrap();
        let len = f.metadata().unwrap().len();
        f.write_all(b"appended later").unwrap();
        std::io::Seek::rewind(&mut f).unwrap();
        let (out, fed) = send(f, len, true);
        let out = out.unwrap();
        assert_eq!(out.len() as u64, len + 4);
        assert!(out.starts_with(b"HE") && out.ends_with(b"\x01AD"));
        let Fed::Whole(Digest::Md5(md5)) = fed else {
            panic!("the file was read whole")
        };
        let mut want = crate::md5::Md5::new();
        want.update(&data);
        assert_eq!(md5, crate::md5::hex(&want.finish()));
    }

    #[test]
    fn a_file_that_shrinks_is_an_error() {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(b"short").unwrap();
        std::io::Seek::rewind(&mut f).unwrap();
        let (out, fed) = send(f, 10, false);
        assert_eq!(out.unwrap_err().kind(), std::io::ErrorKind::UnexpectedEof);
        assert!(matches!(fed, Fed::Stopped));
    }
}
