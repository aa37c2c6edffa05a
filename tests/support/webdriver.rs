//! A small W3C WebDriver client for the browser tests: JSON over HTTP/1.1 to a local
//! chromedriver, with the standard library's `TcpStream` (the commands these tests need are
//! a dozen; a client crate would add dozens of crates to the build).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key WebDriver sends for Shift.
pub const SHIFT: &str = "\u{E008}";

/// What the browser tests need from the machine.
pub struct Browser {
    /// `chromium`.
    pub chromium: PathBuf,
    /// `chromedriver`.
    pub chromedriver: PathBuf,
    /// axe-core's `axe.min.js`.
    pub axe: PathBuf,
}

impl Browser {
    /// Finds Chromium, ChromeDriver and axe-core; `Err` names what is missing.
    pub fn find(repo: &Path) -> Result<Browser, String> {
        let which = |env: &str, names: &[&str]| -> Option<PathBuf> {
            if let Ok(p) = std::env::var(env) {
                return Some(PathBuf::from(p));
            }
            let path = std::env::var_os("PATH")?;
            std::env::split_paths(&path)
                .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
                .find(|p| p.is_file())
        };
        let chromium = which("CHROMIUM", &["chromium", "chromium-browser", "google-chrome"])
            .ok_or("chromium is not installed (Debian package chromium)")?;
        let chromedriver = which("CHROMEDRIVER", &["chromedriver"])
            .ok_or("chromedriver is not installed (Debian package chromium-driver)")?;
        let axe = std::env::var("AXE_CORE_JS")
            .map(PathBuf::from)
            .unwrap_or_else(|_| repo.join("node_modules/axe-core/axe.min.js"));
        if !axe.is_file() {
            return Err(format!("{} is missing (npm install axe-core)", axe.display()));
        }
        Ok(Browser {
            chromium,
            chromedriver,
            axe,
        })
    }
}

/// A running chromedriver, stopped on drop.
pub struct Driver {
    port: u16,
    process: Child,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it is ready.
    pub fn start(browser: &Browser) -> Driver {
        let port = super::free_port();
        let process = Command::new(&browser.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver { port, process };
        let deadline = Instant::now() + Duration::from_secs(30);
        while call(port, "GET", "/status", None)
            .ok()
            .is_none_or(|v| v["value"]["ready"] != true)
        {
            assert!(Instant::now() < deadline, "chromedriver not ready in 30 s");
            std::thread::sleep(Duration::from_millis(100));
        }
        driver
    }

    /// A new headless browser with a fresh profile; `javascript: false` turns scripts off.
    pub fn session(&self, browser: &Browser, profile: &Path, javascript: bool) -> Session {
        let options = json!({
            "binary": browser.chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1280,800",
                format!("--user-data-dir={}", profile.display())],
        });
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}});
        let reply = call(self.port, "POST", "/session", Some(caps)).expect("a browser session");
        let id = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_owned();
        let session = Session { port: self.port, id };
        session.cmd("POST", "/timeouts", json!({"script": 60_000, "pageLoad": 30_000}));
        if !javascript {
            // Through the DevTools protocol: holds for every page this tab loads.
            session.cmd(
                "POST",
                "/goog/cdp/execute",
                json!({"cmd": "Emulation.setScriptExecutionDisabled", "params": {"value": true}}),
            );
        }
        session
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// A browser session, closed on drop.
pub struct Session {
    port: u16,
    id: String,
}

impl Session {
    /// Every later request of this tab asks for `lang` (an `Accept-Language` header), as a
    /// browser set to that language would; empty goes back to the browser's own.
    pub fn accept_language(&self, lang: &str) {
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({"cmd": "Network.enable", "params": {}}),
        );
        let headers = if lang.is_empty() {
            json!({})
        } else {
            json!({"Accept-Language": lang})
        };
        self.cmd(
            "POST",
            "/goog/cdp/execute",
            json!({"cmd": "Network.setExtraHTTPHeaders", "params": {"headers": headers}}),
        );
    }

    /// A command of this session; panics with the driver's message on an error.
    pub fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// A command of this session; `Err` carries the driver's message.
    pub fn try_cmd(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let body = (method == "POST").then_some(body);
        let reply = call(self.port, method, &format!("/session/{}{path}", self.id), body)?;
        if reply["value"]["error"].is_string() {
            return Err(reply["value"].to_string());
        }
        Ok(reply["value"].clone())
    }

    /// Opens a URL.
    pub fn go(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    /// The address in the address bar.
    pub fn url(&self) -> String {
        self.cmd("GET", "/url", Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Waits (up to 10 s) until the address satisfies `ok`; returns it.
    pub fn wait_url(&self, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let url = self.url();
            if ok(&url) || Instant::now() > deadline {
                return url;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> String {
        let v = self.cmd("POST", "/element", json!({"using": "css selector", "value": css}));
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_owned()
    }

    /// Clicks the first element matching `css`.
    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), json!({}));
    }

    /// Types into the first element matching `css`.
    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/value"), json!({ "text": text }));
    }

    /// Runs a script in the page and returns its value.
    pub fn run(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", json!({"script": script, "args": []}))
    }

    /// Runs an asynchronous script (it calls its last argument with the result).
    pub fn run_async(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/async", json!({"script": script, "args": []}))
    }

    /// Cookies the browser holds for the page.
    pub fn cookies(&self) -> Vec<Value> {
        self.cmd("GET", "/cookie", Value::Null)
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Key presses: `keys` is a list of (key, pause in ms before it).
    pub fn press(&self, keys: &[(&str, u64)]) {
        let mut actions = Vec::new();
        for (key, pause) in keys {
            if *pause > 0 {
                actions.push(json!({"type": "pause", "duration": pause}));
            }
            actions.push(json!({"type": "keyDown", "value": key}));
            actions.push(json!({"type": "keyUp", "value": key}));
        }
        self.cmd(
            "POST",
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        );
    }

    /// Resizes the window.
    pub fn resize(&self, width: u32, height: u32) {
        self.cmd("POST", "/window/rect", json!({"width": width, "height": height}));
    }

    /// Prints the page (W3C print, US Letter) and returns how many sheets it takes.
    pub fn printed_pages(&self) -> usize {
        // Headless Chromium now and then answers "Printing failed" right after a page
        // loads; a later try prints.
        let args = json!({"page": {"width": 21.59, "height": 27.94}});
        let mut reply = self.try_cmd("POST", "/print", args.clone());
        for _ in 0..4 {
            if reply.is_ok() {
                break;
            }
            std::thread::sleep(Duration::from_millis(500));
            reply = self.try_cmd("POST", "/print", args.clone());
        }
        let b64 = reply.unwrap_or_else(|e| panic!("POST /print: {e}"));
        let pdf = base64(b64.as_str().unwrap_or_default());
        let text = String::from_utf8_lossy(&pdf);
        text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let b64 = self.cmd("GET", "/screenshot", Value::Null);
        let png = base64(b64.as_str().unwrap_or_default());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = call(self.port, "DELETE", &format!("/session/{}", self.id), None);
    }
}

/// One WebDriver call.
fn call(port: u16, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(120))).ok();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| e.to_string())?;
    // Read the header, then exactly Content-Length bytes: chromedriver may keep the
    // connection open whatever we ask.
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed before a header".into());
        }
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
    let length = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok());
    let mut payload = raw[split + 4..].to_vec();
    match length {
        Some(length) => {
            while payload.len() < length {
                let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
                if n == 0 {
                    break;
                }
                payload.extend_from_slice(&buf[..n]);
            }
        }
        None => {
            stream.read_to_end(&mut payload).map_err(|e| e.to_string())?;
        }
    }
    if head.contains("transfer-encoding: chunked") {
        payload = dechunk(&payload);
    }
    serde_json::from_slice(&payload).map_err(|e| format!("{e}: {}", String::from_utf8_lossy(&payload)))
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    digits
        .chunks(4)
        .flat_map(|c| {
            let n = c
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, d)| n | (u32::from(*d) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(c.len().saturating_sub(1))
        })
        .collect()
}

#[test]
fn base64_decodes() {
    assert_eq!(base64("aGVsbG8="), b"hello");
    assert_eq!(base64("aGk="), b"hi");
}
