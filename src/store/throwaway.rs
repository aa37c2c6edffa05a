//! A throwaway PostgreSQL server for the tests and the benchmarks (issue 14): Debian's
//! `postgresql` binaries, a cluster in a temporary folder, reached by a Unix socket only,
//! one fresh database per caller, and gone with this process (the server is told to stop
//! when the thread that started it dies, and that thread lives as long as the process).
//!
//! `PATHWAYS_TEST_STORE=postgres` makes the tests' stores PostgreSQL ones (see
//! [`wanted`]); `cargo test` re-runs the store and planner tests that way itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::sql::{Connection, Sql};

/// The environment variable that picks the tests' store: `postgres`, or SQLite otherwise.
pub const TEST_STORE: &str = "PATHWAYS_TEST_STORE";

/// Whether the tests' stores should be PostgreSQL ones.
pub fn wanted() -> bool {
    std::env::var(TEST_STORE).is_ok_and(|v| v == "postgres")
}

/// Whether a test on PostgreSQL can run here: yes once the server is up; no (saying the
/// test is skipped, on the terminal itself: the test harness would hide a print from a test
/// that passes) when it cannot start; an error naming why under `CI=true`, where a skipped
/// PostgreSQL test would pass unseen.
pub fn available(what: &str) -> Result<bool, String> {
    match server() {
        Ok(_) => Ok(true),
        Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
            Err(format!("PostgreSQL is needed under CI: {why}"))
        }
        Err(why) => {
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "SKIPPED {what} on PostgreSQL: {why}");
            Ok(false)
        }
    }
}

/// Runs this test binary again with `args` (filters) and its stores on PostgreSQL; how
/// many tests passed, or the report of a failure.
pub fn run_again_on_postgres(args: &[&str]) -> Result<usize, String> {
    let out = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .args(args)
        .env(TEST_STORE, "postgres")
        .output()
        .map_err(|e| e.to_string())?;
    let report = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("{report}\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(report
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum())
}

/// A running throwaway server.
pub struct Server {
    socket_dir: PathBuf,
    port: u16,
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The process's throwaway server, started on first use (a few seconds); why not, if the
/// PostgreSQL binaries are missing or it would not start.
pub fn server() -> Result<&'static Server, String> {
    SERVER.get_or_init(start).as_ref().map_err(Clone::clone)
}

impl Server {
    /// A new, empty database on this server; its connection string.
    pub fn fresh_database(&self) -> Result<String, String> {
        let name = format!("pathways_{}", DATABASES.fetch_add(1, Ordering::SeqCst));
        // Through the store's connection (its own thread): callers may be async tests.
        let admin = Connection::postgres(&self.url("postgres"))
            .map_err(|e| format!("connecting to the throwaway server: {e}"))?;
        admin
            .execute_batch(&format!("CREATE DATABASE {name}"))
            .map_err(|e| format!("creating {name}: {e}"))?;
        Ok(self.url(&name))
    }

    /// The connection string of `database` on this server.
    pub fn url(&self, database: &str) -> String {
        format!(
            "host={} port={} user=pathways dbname={database}",
            self.socket_dir.display(),
            self.port
        )
    }
}

fn start() -> Result<Server, String> {
    let bin = binaries().ok_or("PostgreSQL's binaries (Debian's postgresql package) are not installed")?;
    remove_stale_clusters();
    let root = std::env::temp_dir().join(format!("pathways-postgres-{}", std::process::id()));
    let (data, socket_dir) = (root.join("data"), root.join("socket"));
    for dir in [&data, &socket_dir] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
    let as_root = is_root();
    if as_root {
        run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&root))?;
    }
    run(user_command(as_root, &bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "pathways",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ]))?;
    let port = free_port()?;
    let (sender, receiver) = std::sync::mpsc::channel();
    let postgres = bin.join("postgres");
    let (data_arg, socket_arg) = (data.clone(), socket_dir.clone());
    // The server is told to stop when the thread that started it dies (PR_SET_PDEATHSIG, by
    // setpriv): this thread, parked for the life of the process.
    std::thread::spawn(move || {
        let mut command = user_command(as_root, &postgres);
        command
            .arg("-D")
            .arg(&data_arg)
            .arg("-k")
            .arg(&socket_arg)
            .args([
                "-p",
                &port.to_string(),
                "-c",
                "listen_addresses=",
                "-c",
                "max_connections=200",
            ])
            // Throwaway data: no flush to disk (the benchmarks that compare engines start
            // their own durable server, see bench).
            .args([
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let _ = sender.send(command.spawn().map(|_child| ()).map_err(|e| e.to_string()));
        loop {
            std::thread::park();
        }
    });
    receiver
        .recv()
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("starting postgres: {e}"))?;
    let server = Server { socket_dir, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match Connection::postgres(&server.url("postgres")) {
            Ok(_) => return Ok(server),
            Err(e) if Instant::now() > deadline => {
                return Err(format!("the throwaway server did not start: {e}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Where `initdb` and `postgres` are: `PATHWAYS_POSTGRES_BIN`, else Debian's newest.
fn binaries() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("PATHWAYS_POSTGRES_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("postgres").exists())
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn user_command(as_root: bool, program: &Path) -> Command {
    let mut command = Command::new("setpriv");
    if as_root {
        command.args(["--reuid=postgres", "--regid=postgres", "--init-groups"]);
    }
    command.arg("--pdeathsig=INT").arg("--").arg(program);
    command
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

fn run(command: &mut Command) -> Result<(), String> {
    let out = command.output().map_err(|e| format!("{command:?}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{command:?}: {}", String::from_utf8_lossy(&out.stderr)))
    }
}

fn free_port() -> Result<u16, String> {
    // Only the socket's name carries the port (no TCP listener), but a free one keeps a
    // reader of `ps` from mistaking it for a real server's.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

/// Clusters left by earlier processes (their server stopped with them) are removed.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix("pathways-postgres-")) else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
