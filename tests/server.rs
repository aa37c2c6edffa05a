//! The real binary: first start imports `--directory` and builds the index, serves HTTP on
//! the given address, restarts without re-importing, and stops cleanly on SIGTERM.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{TestDir, free_port, needs, service};

fn start(dir: &TestDir, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("PATHWAYS_DIRECTORY", dir.tmp.path().join("listings"))
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

fn wait_for(port: u16, child: &mut Child) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(r) = get(port, "/api/v1/search?q=pantry") {
            return r;
        }
        assert!(child.try_wait().unwrap().is_none(), "the server exited early");
        assert!(Instant::now() < deadline, "the server did not answer within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn stop(child: &mut Child) -> String {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "no exit within 20 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(exit.success(), "exit {exit:?}: {log}");
    log
}

#[test]
fn first_start_imports_serves_and_stops_cleanly_on_sigterm() {
    let dir = TestDir::new();
    std::fs::create_dir_all(dir.tmp.path().join("listings")).unwrap();
    let canary = "zebracanary";
    dir.write(
        "listings/sample.json",
        &json!([service(
            "Harbor Food Pantry",
            "Groceries weekly.",
            json!({"attributes": needs(&["basic.food"])})
        )]),
    );
    let port = free_port();
    let mut server = start(&dir, port);
    let answer = wait_for(port, &mut server);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("Harbor Food Pantry"));
    assert!(!answer.to_ascii_lowercase().contains("set-cookie"));
    // ANON-3: what people search for never reaches the log.
    get(port, &format!("/api/v1/search?q={canary}&place=77002")).unwrap();
    let log = stop(&mut server);
    assert!(
        log.contains("/api/v1/search"),
        "the route pattern is logged: {log}"
    );
    assert!(
        !log.contains(canary) && !log.contains("77002"),
        "query text in the log: {log}"
    );
    assert!(log.contains("stopped"));
    for (what, bytes) in [
        ("database", crate::support::all_bytes(&dir.data())),
        ("index", crate::support::all_bytes(&dir.index())),
    ] {
        assert!(
            !crate::support::contains(&bytes, canary),
            "query text in the {what}"
        );
    }

    // A second start finds listings in the database and does not import again: a listing
    // added to the folder now is not picked up.
    dir.write(
        "listings/more.json",
        &json!([service(
            "Later Listing",
            "Added afterwards.",
            json!({"attributes": needs(&["employment"])})
        )]),
    );
    let mut server = start(&dir, port);
    wait_for(port, &mut server);
    let r = get(port, "/api/v1/search?q=later%20listing").unwrap();
    assert!(!r.contains("Later Listing"), "{r}");
    stop(&mut server);
}

#[test]
fn the_import_command_names_what_is_wrong_and_fails() {
    let dir = TestDir::new();
    let mut bad = service("Drop-in", "Coffee.", json!({}));
    bad["status"] = json!("open");
    let id = bad["id"].as_str().unwrap().to_owned();
    let file = dir.write("bad.json", &json!([bad]));
    let out = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .env("PATHWAYS_DATA_DIR", dir.data())
        .env("PATHWAYS_KEY_FILE", dir.keys())
        .env("PATHWAYS_INDEX_DIR", dir.index())
        .env("RUST_BACKTRACE", "1")
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.json") && stderr.contains(&id) && stderr.contains("/status"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("backtrace"),
        "a user error is a message, not a crash: {stderr}"
    );
}
