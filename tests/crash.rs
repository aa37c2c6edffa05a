//! REL-1 on the real binary: SIGKILL during staff writes and during an import, ten rounds
//! (the bench command runs hundreds); after each, every acknowledged write is read back from
//! the files, and integrity, the audit chain and the index are checked.

use std::time::Duration;

use pathways::bench::crash::{Options, describe, rounds_of};

use crate::support::TestDir;

fn options(dir: &TestDir, rounds: usize) -> Options {
    Options {
        rounds,
        binary: env!("CARGO_BIN_EXE_pathways").into(),
        // Small enough for a debug build: an import of it takes about half a second.
        import_size: 300,
        max_write: Duration::from_millis(600),
        seed: None,
        work_dir: Some(dir.tmp.path().join("crash")),
        verbose: false,
        lose_one: false,
    }
}

#[test]
fn every_acknowledged_write_survives_sigkill_and_the_files_stay_sound() {
    let dir = TestDir::new();
    let s = rounds_of(&options(&dir, 10)).unwrap();
    let report = describe(&s);
    assert!(s.lost.is_empty(), "{report}");
    assert!(s.failures.is_empty(), "{report}");
    assert_eq!((s.rounds, s.import_rounds), (10, 2), "{report}");
    let (records, needs, capacity) = s.acknowledged;
    assert!(records > 0 && needs > 0 && capacity > 0, "{report}");
}

/// The check reads the database after the kill: a record acknowledged and then removed from
/// the file (a lost write, made by hand) is reported.
#[test]
fn a_lost_write_is_reported() {
    let dir = TestDir::new();
    let s = rounds_of(&Options {
        lose_one: true,
        ..options(&dir, 1)
    })
    .unwrap();
    assert!(!s.lost.is_empty(), "{}", describe(&s));
    // The record, and the need added to it with it.
    assert!(s.lost.iter().any(|l| l.starts_with("Record(")), "{:?}", s.lost);
}
