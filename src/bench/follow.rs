//! `pathways bench-follow --database … --key-database …`: two servers' directories on one
//! PostgreSQL database (issue 14). One writes a listing change; the other follows the
//! change sequence as `serve` does (every 200 ms) — the time from the write's commit until
//! the second one's search finds it, median and p99.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::percentile;
use crate::services::{Database, Directory};

/// Runs the figures: `edits` changes, one at a time.
pub fn run(database: &Database, edits: usize, directory_dir: &std::path::Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        matches!(database, Database::Postgres { .. }),
        "bench-follow needs --database and --key-database (PostgreSQL)"
    );
    let work = std::env::temp_dir().join(format!("pathways-bench-follow-{}", std::process::id()));
    let result = measure(database, edits, directory_dir, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn measure(
    database: &Database,
    edits: usize,
    directory_dir: &std::path::Path,
    work: &std::path::Path,
) -> anyhow::Result<()> {
    let (writer, _) = Directory::open_at(database, &work.join("a"))?;
    // The bench edits listings: never in a database somebody uses (it may come from
    // PATHWAYS_DATABASE). It fills the empty one with the shipped directory.
    anyhow::ensure!(
        writer.store.is_empty()?,
        "bench-follow edits listings: name empty databases, not ones in use"
    );
    writer.import_if_empty(directory_dir)?;
    writer.sync_index()?;
    let (follower, _) = Directory::open_at(database, &work.join("b"))?;
    follower.sync_index()?;
    let follower = Arc::new(follower);
    let done = Arc::new(AtomicBool::new(false));
    let following = {
        let (follower, done) = (follower.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let _ = follower.follow_database();
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let ids = writer.store.listing_ids()?;
    let version = writer.store.mapping_version()?;
    let mut waits = Vec::with_capacity(edits);
    for n in 0..edits {
        let Some(mut listing) = writer.store.listing(&ids[n % ids.len()])? else {
            continue;
        };
        // A word no listing has (this run's and this edit's), in letters.
        // Edits come at any moment of the other's 200 ms cycle, not just after one.
        std::thread::sleep(Duration::from_millis((n as u64 * 7919) % 200));
        let word: String = format!("zephyr{}x{n:04}", std::process::id())
            .chars()
            .map(|c| c.to_digit(10).map_or(c, |d| char::from(b'a' + d as u8)))
            .collect();
        listing.description = format!("{} {word}", listing.description);
        writer
            .store
            .replace_listings(std::slice::from_ref(&listing), version)?;
        let committed = Instant::now();
        // Found: the other server's search finds the listing by its new word.
        let shows_edit = || -> anyhow::Result<bool> {
            let found = follower
                .index
                .search(&crate::search::SearchRequest::text(&word))?;
            Ok(found.hits.iter().any(|h| h.listing.id == listing.id))
        };
        while !shows_edit()? {
            anyhow::ensure!(
                committed.elapsed() < Duration::from_secs(10),
                "not followed in 10 s: the database is at change {}, the index at {:?}",
                follower.store.change_seq()?,
                follower.index.indexed_seq(&follower.store.identity()?)
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        waits.push(committed.elapsed());
    }
    done.store(true, Ordering::Relaxed);
    let _ = following.join();
    waits.sort();
    println!(
        "an edit through one server in the other's search index ({} edits at random moments, following every 200 ms): median {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        waits.len(),
        percentile(&waits, 0.5).as_secs_f64() * 1000.0,
        percentile(&waits, 0.99).as_secs_f64() * 1000.0,
        waits.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    Ok(())
}
