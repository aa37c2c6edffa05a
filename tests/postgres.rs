//! PostgreSQL as the shared system of record (issue 14): the use-case tests again on a
//! throwaway PostgreSQL server, and two real servers on one database.

use std::process::Command;

use pathways::store::throwaway;

/// Whether the PostgreSQL tests can run here; under CI they must.
fn postgres_here() -> bool {
    match throwaway::server() {
        Ok(_) => true,
        Err(why) => {
            assert!(
                std::env::var("CI").is_err(),
                "PostgreSQL is needed under CI: {why}"
            );
            eprintln!("SKIPPED the PostgreSQL tests: {why}");
            false
        }
    }
}

/// Every use-case test that goes through the store runs a second time with its stores on
/// PostgreSQL: this test runs this binary again with `PATHWAYS_TEST_STORE=postgres`. Left
/// out: what never touches the store (the browser, search relevance, the shipped
/// directory's texts), and the tests of the real binary on its SQLite folder (crash,
/// server), which this module's two-server test stands for.
#[test]
fn the_use_case_tests_pass_on_postgres_too() {
    if throwaway::wanted() || !postgres_here() {
        return;
    }
    let mut command = Command::new(std::env::current_exe().unwrap());
    for skipped in [
        "postgres::",
        "browser::",
        "crash::",
        "fuzzing::",
        "relevance::",
        "semantic::",
        "server::",
        "shipped_directory::",
        "translations::",
    ] {
        command.args(["--skip", skipped]);
    }
    let out = command.env(throwaway::TEST_STORE, "postgres").output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let passed: usize = report
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(passed > 100, "only {passed} tests ran on PostgreSQL:\n{report}");
}
