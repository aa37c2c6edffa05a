//! The real server as a child process, for the crash and soak benches: a work folder with a
//! directory and staff accounts made through the library, the `pathways` binary started on
//! it on a free loopback port, and a small HTTP/1.1 client that signs in as a browser does
//! (pre-session cookie, CSRF token, same-origin header).
//!
//! Nothing here reaches into the server: what it knows of it comes over HTTP, from its exit
//! and from `/proc`. It must not be used on real data: the accounts it makes are throwaway.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use serde_json::json;

use super::planner::{actor, enrol, token};
use crate::crypto::password::Cost;
use crate::crypto::totp::{STEP, TotpSecret};
use crate::services::Directory;
use crate::services::clock::Clock;
use crate::services::staff::{EnrolPass, Staff, StaffSettings};

/// The advocate who signs in over HTTP.
pub const ADVOCATE: &str = "advocate@example.org";
/// The password every bench account has.
const PASSWORD: &str = "bench password";
/// The organisation whose services take capacity updates through the API.
const SHELTER_ORG: &str = "c0000000-0000-4000-8000-000000000001";
/// The organisation whose services the import rounds replace.
const IMPORT_ORG: &str = "c0000000-0000-4000-8000-000000000002";

/// The id of bench service `n` (`kind` 1: capacity, 2: import); never one of the shipped ids.
fn service_id(kind: u8, n: usize) -> String {
    format!("c{kind}000000-0000-4000-8000-{n:012x}")
}

/// A valid HSDS 3.1 service of `org`.
pub fn service(id: &str, org: (&str, &str), name: &str, description: &str) -> serde_json::Value {
    json!({"id": id, "name": name, "description": description, "status": "active",
        "organization": {"id": org.0, "name": org.1, "description": "Fictional bench organisation."}})
}

/// The services an import round writes: the same ids each time, its round in each description.
pub fn import_services(count: usize, round: usize) -> serde_json::Value {
    (0..count)
        .map(|n| {
            service(
                &service_id(2, n),
                (IMPORT_ORG, "Crash Import Org"),
                &format!("Import bench service {n}"),
                &format!("Counselling and groceries. Import round {round}."),
            )
        })
        .collect()
}

/// A prepared work folder: database, index and key file, the advocate's sign-in details and
/// one API token per capacity service.
pub struct Fixture {
    /// The work folder.
    pub work: PathBuf,
    /// The `pathways` binary.
    pub binary: PathBuf,
    /// The advocate's authenticator secret.
    pub totp: TotpSecret,
    /// (service id, bearer token) for capacity updates.
    pub capacity: Vec<(String, String)>,
    /// Ids of the services the import rounds replace.
    pub imported: Vec<String>,
}

impl Fixture {
    /// Fills `work` (which must not hold a database): the shipped listings under `shipped`
    /// if given, `capacity` shelter services with a token each, `imports` import-round
    /// services (round 0), a directory admin, an agency with the advocate, a provider.
    pub fn prepare(
        work: &Path,
        binary: &Path,
        shipped: Option<&Path>,
        capacity: usize,
        imports: usize,
    ) -> anyhow::Result<Fixture> {
        std::fs::create_dir_all(work.join("listings"))?;
        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        if let Some(dir) = shipped {
            directory.import_paths(&[dir.to_owned()])?;
        }
        let shelters: Vec<_> = (0..capacity)
            .map(|n| {
                service(
                    &service_id(1, n),
                    (SHELTER_ORG, "Crash Shelter Org"),
                    &format!("Bench shelter {n}"),
                    "Emergency beds tonight.",
                )
            })
            .collect();
        let base = work.join("listings/base.json");
        std::fs::write(&base, serde_json::to_vec(&shelters)?)?;
        let mut files = vec![base];
        if imports > 0 {
            let first = work.join("listings/round-0.json");
            std::fs::write(&first, serde_json::to_vec(&import_services(imports, 0))?)?;
            files.push(first);
        }
        directory.import_paths(&files)?;
        directory.sync_index()?;
        let (staff, _) = Staff::open(
            Arc::new(directory),
            &work.join("keys/pathways.keys"),
            Cost::FLOOR,
            Clock::system(),
            StaffSettings::default(),
        )?;
        let link = staff
            .accounts()
            .setup_link_if_needed()?
            .ok_or_else(|| anyhow::anyhow!("{} already has an admin", work.display()))?;
        enrol(&staff, EnrolPass::Setup(&token(&link)?), "admin@example.org")?;
        let admin = actor(&staff, "admin@example.org")?;
        let agency = staff.organisations().create_agency(&admin, "Bench agency", "")?;
        let invite = |email: &str, grant: String| -> anyhow::Result<TotpSecret> {
            let link = staff.people().invite(&admin, email, &grant)?.link;
            enrol(&staff, EnrolPass::Invitation(&token(&link)?), email)
        };
        let totp = invite(ADVOCATE, format!("advocate:{agency}"))?;
        let provider = staff.organisations().create_provider(&admin, SHELTER_ORG)?;
        invite("provider@example.org", format!("provider_staff:{provider}"))?;
        let provider = actor(&staff, "provider@example.org")?;
        let mut tokens = Vec::new();
        for n in 0..capacity {
            use secrecy::ExposeSecret;
            let t = staff.api_tokens().create(&provider, &format!("bench {n}"))?;
            tokens.push((service_id(1, n), t.secret.expose_secret().to_owned()));
        }
        Ok(Fixture {
            work: work.to_owned(),
            binary: binary.to_owned(),
            totp,
            capacity: tokens,
            imported: (0..imports).map(|n| service_id(2, n)).collect(),
        })
    }

    /// The database file.
    pub fn database(&self) -> PathBuf {
        self.work.join("data").join(crate::services::DATABASE_FILE)
    }

    /// The key file.
    pub fn key_file(&self) -> PathBuf {
        self.work.join("keys/pathways.keys")
    }

    /// A `pathways` command on the work folder (`--data-dir`, `--index-dir`, `--key-file`).
    pub fn command(&self) -> Command {
        let mut c = Command::new(&self.binary);
        c.arg("--data-dir")
            .arg(self.work.join("data"))
            .arg("--index-dir")
            .arg(self.work.join("index"))
            .arg("--key-file")
            .arg(self.key_file())
            .arg("--directory")
            .arg(self.work.join("listings"))
            .env("PATHWAYS_LOG", "warn");
        c
    }

    /// The directory and the staff side opened in this process (no server may run).
    pub fn open_staff(&self) -> anyhow::Result<(Staff, crate::services::OpenState)> {
        let (directory, state) = Directory::open(&self.work.join("data"), &self.work.join("index"))?;
        let (staff, _) = Staff::open(
            Arc::new(directory),
            &self.key_file(),
            Cost::FLOOR,
            Clock::system(),
            StaffSettings::default(),
        )?;
        Ok((staff, state))
    }

    /// Starts `pathways serve` on a free loopback port, without rate limits, and waits until
    /// it answers. Its log goes to `server.log` in the work folder.
    pub fn serve(&self) -> anyhow::Result<Server> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.work.join("server.log"))?;
        let child = self
            .command()
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--rate-limit", "0", "--login-rate-limit", "0", "serve"])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", self.binary.display()))?;
        let mut server = Server { child, port };
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Ok(r) = request(port, "GET", "/api/v1/needs", &[], None)
                && r.status == 200
            {
                return Ok(server);
            }
            if let Some(exit) = server.child.try_wait()? {
                anyhow::bail!(
                    "the server exited at start ({exit}); see {}",
                    self.work.join("server.log").display()
                );
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "the server did not answer within 120 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Signs the advocate in over HTTP as a browser does; returns the session cookie. The
    /// next step's code: enrolment spent this one, and the server allows one step of drift.
    pub fn sign_in(&self, port: u16) -> anyhow::Result<String> {
        let page = request(port, "GET", "/staff/login", &[], None)?;
        let pre = page
            .cookie("__Host-pre")
            .ok_or_else(|| anyhow::anyhow!("no pre-session cookie: {}", page.head))?;
        let now = jiff::Timestamp::now().as_second();
        let code = format!("{:06}", self.totp.code(now.div_euclid(STEP) + 1));
        let r = post_form(
            port,
            "/staff/login",
            &pre,
            &[
                ("csrf", &field(&page.body, "csrf")?),
                ("email", ADVOCATE),
                ("password", PASSWORD),
                ("code", &code),
            ],
        )?;
        anyhow::ensure!(r.status == 303, "sign-in refused: {}", r.head);
        r.cookie("__Host-sid")
            .ok_or_else(|| anyhow::anyhow!("no session cookie: {}", r.head))
    }
}

/// The CSRF token of a signed-in session (from the sessions page, as a form carries it).
pub fn csrf(port: u16, cookie: &str) -> anyhow::Result<String> {
    let page = request(port, "GET", "/staff/sessions", &[("Cookie", cookie)], None)?;
    anyhow::ensure!(page.status == 200, "the session did not survive: {}", page.head);
    field(&page.body, "csrf")
}

/// The value of a form field in a page.
fn field(html: &str, name: &str) -> anyhow::Result<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .ok_or_else(|| anyhow::anyhow!("no field {name} in the page"))?
        + marker.len();
    Ok(html[start..].split('"').next().unwrap_or_default().to_owned())
}

/// A running `pathways serve`; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    /// Its loopback port.
    pub port: u16,
}

impl Server {
    /// SIGKILL (what `Child::kill` sends on Unix), then reaps it.
    pub fn kill(mut self) -> anyhow::Result<()> {
        self.child.kill()?;
        self.child.wait()?;
        Ok(())
    }

    /// Its resident memory in kB, from `/proc/<pid>/status` (Linux).
    pub fn rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))?
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP reply: status, header block, body (as text).
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Status line and headers.
    pub head: String,
    /// Body.
    pub body: String,
}

impl Reply {
    /// `name=value` of a cookie the reply sets (not a clearing one).
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.head
            .lines()
            .filter_map(|l| {
                l.strip_prefix("set-cookie: ")
                    .or_else(|| l.strip_prefix("Set-Cookie: "))
            })
            .find(|c| c.starts_with(&format!("{name}=")) && !c.contains("Max-Age=0"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// One HTTP/1.1 exchange on a new connection (`Connection: close`); `body` is (content type,
/// bytes). Fails on a connection or read error (a server killed mid-request).
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &str)>,
) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some((kind, b)) = body {
        req.push_str(&format!(
            "Content-Type: {kind}\r\nContent-Length: {}\r\n",
            b.len()
        ));
    }
    req.push_str("\r\n");
    if let Some((_, b)) = body {
        req.push_str(b);
    }
    s.write_all(req.as_bytes())?;
    let mut out = Vec::new();
    s.read_to_end(&mut out)?;
    let out = String::from_utf8_lossy(&out);
    let (head, body) = out
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "an incomplete answer"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "no status line"))?;
    Ok(Reply {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}

/// A same-origin form POST, as a browser sends it.
pub fn post_form(port: u16, path: &str, cookie: &str, pairs: &[(&str, &str)]) -> std::io::Result<Reply> {
    let body = serde_urlencoded::to_string(pairs).map_err(std::io::Error::other)?;
    request(
        port,
        "POST",
        path,
        &[("Cookie", cookie), ("Sec-Fetch-Site", "same-origin")],
        Some(("application/x-www-form-urlencoded", &body)),
    )
}

/// A capacity update through the API with a bearer token.
pub fn put_capacity(port: u16, service: &str, bearer: &str, available: u32) -> std::io::Result<Reply> {
    let body = json!({"available": available, "maximum": 1_000_000_000, "unit": "beds"}).to_string();
    request(
        port,
        "PUT",
        &format!("/api/v1/services/{service}/capacity"),
        &[("Authorization", &format!("Bearer {bearer}"))],
        Some(("application/json", &body)),
    )
}
