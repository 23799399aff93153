//! A small static file server for `dist/`, used by `serve` and by the end-to-end tests.
//! It binds to 127.0.0.1 only and never serves anything outside the folder. The bench's mobile
//! profile starts it with gzip ([`Server::start_gzip`]), as a static host serves its files.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::SystemTime;

use crate::Result;

/// A running server.
pub struct Server {
    addr: std::net::SocketAddr,
    thread: thread::JoinHandle<()>,
}

impl Server {
    /// Serves `dir` on 127.0.0.1:`port` (0 picks a free port) in a background thread.
    pub fn start(dir: &Path, port: u16) -> Result<Server> {
        Server::start_with(dir, port, None)
    }

    /// Serves `dir` as [`Server::start`] does, but sends text files and WebAssembly gzipped
    /// (`Content-Encoding: gzip`) when the request accepts gzip, as static hosts do. Each file
    /// is compressed once, at level 9 as the size table measures, and kept until it changes on
    /// disk, so compressing never delays a response after the first.
    pub fn start_gzip(dir: &Path, port: u16) -> Result<Server> {
        Server::start_with(dir, port, Some(Arc::new(Mutex::new(HashMap::new()))))
    }

    fn start_with(dir: &Path, port: u16, gzip: Option<Gzipped>) -> Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            format!("cannot listen on 127.0.0.1:{port} ({e}); is another server using that port?")
        })?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let dir = Arc::new(dir.to_path_buf());
        let thread = thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let dir = dir.clone();
                let gzip = gzip.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &dir, gzip.as_ref());
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

/// Gzipped copies of served files by path, with the modification time and length they were
/// made from.
type Gzipped = Arc<Mutex<HashMap<PathBuf, (Option<SystemTime>, u64, Arc<Vec<u8>>)>>>;

fn handle(stream: TcpStream, dir: &Path, gzip: Option<&Gzipped>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read the headers, keeping those the server uses.
    let mut line = String::new();
    let mut accepts_gzip = false;
    let mut user_agent = String::new();
    while reader.read_line(&mut line)? > 2 {
        accepts_gzip |= accepts(&line, "gzip");
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("user-agent") {
                user_agent = value.trim().to_owned();
            }
        }
        line.clear();
    }
    log_request(&request_line, &user_agent);
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
        Some((p, body)) if accepts_gzip && compressible(&p) => match gzip {
            Some(cache) => {
                let body = gzipped(cache, &p, body)?;
                respond_with(&mut out, "200 OK", content_type(&p), &body, method == "HEAD", GZIP_HEADERS)
            }
            None => respond(&mut out, "200 OK", content_type(&p), &body, method == "HEAD"),
        },
        Some((p, body)) => respond(&mut out, "200 OK", content_type(&p), &body, method == "HEAD"),
        None => {
            respond(&mut out, "404 Not Found", "text/plain; charset=utf-8", b"not found", method == "HEAD")
        }
    }
}

/// Where [`log_requests`] asked for every request to be written.
static REQUEST_LOG: std::sync::OnceLock<Mutex<std::fs::File>> = std::sync::OnceLock::new();

/// From now on, every server of this process appends each request it receives to the file
/// `path` (created anew): its request line and its User-Agent, separated by a tab. The
/// end-to-end tests read it to prove that a page requests nothing after start-up.
pub fn log_requests(path: &Path) -> Result {
    let file = std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    REQUEST_LOG.set(Mutex::new(file)).map_err(|_| "requests are already logged".to_owned())
}

fn log_request(request_line: &str, user_agent: &str) {
    if let Some(file) = REQUEST_LOG.get() {
        if let Ok(mut file) = file.lock() {
            let _ = writeln!(file, "{}\t{user_agent}", request_line.trim_end());
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
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Whether a request header line is an `Accept-Encoding` that lists `coding` with a weight
/// above zero.
fn accepts(header: &str, coding: &str) -> bool {
    let Some((name, value)) = header.split_once(':') else { return false };
    name.trim().eq_ignore_ascii_case("accept-encoding")
        && value.split(',').any(|item| {
            let mut parts = item.split(';');
            let named = parts.next().is_some_and(|c| c.trim().eq_ignore_ascii_case(coding));
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f64>().ok()))
                .unwrap_or(1.0);
            named && weight > 0.0
        })
}

/// Text and WebAssembly are worth compressing; images already are.
fn compressible(path: &Path) -> bool {
    let kind = content_type(path);
    kind.starts_with("text/")
        || kind == "application/wasm"
        || kind == "application/json"
        || kind == "image/svg+xml"
}

/// The gzipped body of `path`, compressed once and kept while the file is unchanged.
fn gzipped(cache: &Gzipped, path: &Path, body: Vec<u8>) -> std::io::Result<Arc<Vec<u8>>> {
    let meta = std::fs::metadata(path)?;
    let (modified, len) = (meta.modified().ok(), body.len() as u64);
    if let Some((m, l, z)) = cache.lock().map_err(|_| std::io::Error::other("gzip cache"))?.get(path) {
        if (*m, *l) == (modified, len) && modified.is_some() {
            return Ok(z.clone());
        }
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&body)?;
    let z = Arc::new(encoder.finish()?);
    cache
        .lock()
        .map_err(|_| std::io::Error::other("gzip cache"))?
        .insert(path.to_path_buf(), (modified, len, z.clone()));
    Ok(z)
}

/// Headers of a gzipped response: its coding, and that it depends on the request's.
const GZIP_HEADERS: &str = "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n";

fn respond(out: &mut TcpStream, status: &str, kind: &str, body: &[u8], head: bool) -> std::io::Result<()> {
    respond_with(out, status, kind, body, head, "")
}

/// Sends a response; `extra` holds further header lines, each ending with CRLF.
fn respond_with(
    out: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head: bool,
    extra: &str,
) -> std::io::Result<()> {
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{extra}Cache-Control: no-store\r\n\
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
    fn every_request_is_logged_with_its_user_agent() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("xtask-http-log-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "<p>hello</p>").unwrap();
        let log = dir.join("requests.log");
        log_requests(&log).unwrap();
        let server = Server::start(&dir, 0).unwrap();
        for (path, agent) in [("/", "first agent"), ("/missing.js?x=1", "second")] {
            let mut s = TcpStream::connect(server.addr).unwrap();
            write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nUser-Agent: {agent}\r\n\r\n").unwrap();
            s.read_to_end(&mut Vec::new()).unwrap();
        }
        let logged = std::fs::read_to_string(&log).unwrap();
        let mine: Vec<&str> =
            logged.lines().filter(|l| l.ends_with("agent") || l.ends_with("second")).collect();
        assert_eq!(mine, ["GET / HTTP/1.1\tfirst agent", "GET /missing.js?x=1 HTTP/1.1\tsecond"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let dir = std::env::temp_dir();
        assert_eq!(resolve(&dir, "/../etc/passwd"), None);
        assert_eq!(resolve(&dir, "/a/../../b"), None);
    }

    #[test]
    fn gzip_is_used_only_when_the_request_accepts_it() {
        assert!(accepts("Accept-Encoding: gzip, deflate, br, zstd\r\n", "gzip"));
        assert!(accepts("accept-encoding:br;q=1.0, GZIP;q=0.5\r\n", "gzip"));
        assert!(!accepts("Accept-Encoding: gzip;q=0\r\n", "gzip"));
        assert!(!accepts("Accept-Encoding: br, x-gzip\r\n", "gzip"));
        assert!(!accepts("Accept-Language: gzip\r\n", "gzip"));
        assert!(compressible(Path::new("a.wasm")) && compressible(Path::new("index.html")));
        assert!(!compressible(Path::new("icon.png")));
    }

    #[test]
    fn a_gzipped_file_reads_back_and_follows_changes() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("xtask-http-gzip-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("page.html");
        let cache: Gzipped = Arc::default();
        let unzip = |z: &[u8]| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(z).read_to_string(&mut text).unwrap();
            text
        };
        for text in ["<p>first</p>", "<p>the second, longer</p>"] {
            std::fs::write(&file, text).unwrap();
            let z = gzipped(&cache, &file, text.as_bytes().to_vec()).unwrap();
            assert_eq!(unzip(&z), text);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_gzip_server_compresses_for_clients_that_accept_it() {
        use std::io::Read;
        let dir = std::env::temp_dir().join(format!("xtask-http-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = "<p>hello</p>".repeat(100);
        std::fs::write(dir.join("index.html"), &page).unwrap();
        let server = Server::start_gzip(&dir, 0).unwrap();
        let get = |accept: &str| {
            let mut s = TcpStream::connect(server.addr).unwrap();
            write!(s, "GET /index.html HTTP/1.1\r\nHost: x\r\n{accept}\r\n").unwrap();
            let mut response = Vec::new();
            s.read_to_end(&mut response).unwrap();
            let at = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
            (String::from_utf8_lossy(&response[..at]).into_owned(), response[at..].to_vec())
        };
        let (head, body) = get("Accept-Encoding: gzip, deflate\r\n");
        assert!(head.contains("Content-Encoding: gzip\r\n"), "{head}");
        assert!(body.len() < page.len());
        let mut text = String::new();
        flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut text).unwrap();
        assert_eq!(text, page);
        let (head, body) = get("");
        assert!(!head.contains("Content-Encoding"), "{head}");
        assert_eq!(body, page.as_bytes());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
