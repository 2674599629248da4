//! A JSON body for the answers hyper writes by itself.
//!
//! When a request's head cannot be parsed (a bad method, a URI over 64 KiB, too many or too
//! large headers), hyper answers 400, 414 or 431 before any of our code runs, with an empty
//! body, and hyper has no hook to change it. Every other error of this server is JSON
//! (`{"error": …}`), so a client would have to handle two shapes. This wrapper around the
//! socket recognises such an answer as hyper writes it (status line, `content-length: 0`, no
//! body) and sends it with a JSON body instead. The server itself never answers these statuses
//! with an empty body, so nothing else is touched.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The statuses hyper answers by itself, with the sentence each gets.
const ANSWERS: [(&[u8], &str); 3] = [
    (b"HTTP/1.1 400 ", "the request could not be read"),
    (b"HTTP/1.1 414 ", "the address is too long"),
    (b"HTTP/1.1 431 ", "the request's headers are too large"),
];

const EMPTY: &[u8] = b"content-length: 0\r\n";

/// A socket whose hyper-written error answers get a JSON body.
pub struct JsonParseErrors<S> {
    inner: S,
    /// A rewritten answer not yet fully sent.
    pending: Vec<u8>,
    sent: usize,
}

impl<S> JsonParseErrors<S> {
    pub fn new(inner: S) -> Self {
        JsonParseErrors {
            inner,
            pending: Vec::new(),
            sent: 0,
        }
    }
}

/// `bytes` with a JSON body if they are, whole, one of hyper's own error answers.
fn rewrite(bytes: &[u8]) -> Option<Vec<u8>> {
    let (_, sentence) = ANSWERS.iter().find(|(status, _)| bytes.starts_with(status))?;
    // The whole head and nothing after it: hyper writes its answer in one piece.
    let head_end = bytes.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    if head_end != bytes.len() {
        return None;
    }
    let at = bytes[..head_end].windows(EMPTY.len()).position(|w| w == EMPTY)?;
    let body = serde_json::json!({ "error": sentence }).to_string();
    let mut out = Vec::with_capacity(bytes.len() + body.len() + 64);
    out.extend_from_slice(&bytes[..at]);
    out.extend_from_slice(b"content-type: application/json\r\n");
    out.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    out.extend_from_slice(&bytes[at + EMPTY.len()..]);
    out.extend_from_slice(body.as_bytes());
    Some(out)
}

impl<S: AsyncWrite + Unpin> JsonParseErrors<S> {
    /// Sends what is left of a rewritten answer.
    fn poll_pending(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            let n = ready!(Pin::new(&mut self.inner).poll_write(cx, &self.pending[self.sent..]))?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            self.sent += n;
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for JsonParseErrors<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for JsonParseErrors<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        match rewrite(buf) {
            Some(answer) => {
                // Taken whole: the rewritten bytes are sent before anything else.
                this.pending = answer;
                let _ = this.poll_pending(cx)?;
                Poll::Ready(Ok(buf.len()))
            }
            None => Pin::new(&mut this.inner).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        match bufs.iter().find(|b| !b.is_empty()) {
            Some(first) if rewrite(first).is_some() => Pin::new(this).poll_write(cx, first),
            _ => Pin::new(&mut this.inner).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        ready!(this.poll_pending(cx))?;
        Pin::new(&mut this.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HYPER_400: &[u8] =
        b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\ndate: Wed, 02 Dec 2026 02:30:00 GMT\r\n\r\n";

    #[test]
    fn hypers_empty_answer_gets_a_json_body_of_the_length_it_says() {
        let out = String::from_utf8(rewrite(HYPER_400).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 400 Bad Request\r\n"));
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("date: Wed"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"], "the request could not be read");
    }

    #[test]
    fn answers_of_the_server_itself_are_left_alone() {
        let with_body = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 2\r\n\r\n{}";
        assert!(rewrite(with_body).is_none());
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n";
        assert!(rewrite(ok).is_none());
        let head_then_more = [HYPER_400, b"HTTP/1.1 200 OK\r\n"].concat();
        assert!(rewrite(&head_then_more).is_none());
    }
}
