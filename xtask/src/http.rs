//! A small static file server for `dist/`, used by `serve` and by the end-to-end tests.
//! It binds to 127.0.0.1 only and never serves anything outside the folder.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

use crate::Result;

/// A running server.
pub struct Server {
    addr: std::net::SocketAddr,
    thread: thread::JoinHandle<()>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port` (0 picks a free port) in a background thread.
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            format!("cannot listen on 127.0.0.1:{port} ({e}); is another server using that port?")
        })?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let dir = Arc::new(dir.to_path_buf());
        let thread = thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &dir);
                });
            }
        });
        Ok(Server { addr, thread })
    }

    /// The base URL, ending with `/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks for as long as the server runs.
    pub fn wait(self) {
        let _ = self.thread.join();
    }
}

fn handle(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and drop the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed",
            method == "HEAD",
        );
    }
    match resolve(dir, path).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b))) {
        Some((p, body)) => respond(&mut out, "200 OK", content_type(&p), &body, method == "HEAD"),
        None => {
            respond(&mut out, "404 Not Found", "text/plain; charset=utf-8", b"not found", method == "HEAD")
        }
    }
}

/// Maps a URL path to a file under `dir`, refusing anything that would leave it.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = dir.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // One write for the header and the body, sent at once: with the header alone in a first
    // small packet, Nagle's algorithm and the client's delayed acknowledgement can hold the body
    // back for tens of milliseconds, a delay no real web server adds.
    let mut response = header.into_bytes();
    if !head {
        response.extend_from_slice(body);
    }
    out.set_nodelay(true)?;
    out.write_all(&response)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let dir = std::env::temp_dir();
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/a/../../b"), None);
    }
}
