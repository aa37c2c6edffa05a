//! `pathways bench-follow --database … --key-database …`: two servers' directories on one
//! PostgreSQL database (issue 14). One writes a listing change; the other follows the
//! change sequence as `serve` does (every 200 ms) — the time from the write's commit until
//! the second one's search finds it, median and p99.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::percentile;
use crate::search::SearchRequest;
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
        let word = format!("zephyr{n}quail");
        listing.description = format!("{} {word}", listing.description);
        writer
            .store
            .replace_listings(std::slice::from_ref(&listing), version)?;
        let committed = Instant::now();
        let request = SearchRequest::text(&word);
        while follower.index.search(&request)?.hits.is_empty() {
            anyhow::ensure!(
                committed.elapsed() < Duration::from_secs(10),
                "not followed in 10 s"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        waits.push(committed.elapsed());
    }
    done.store(true, Ordering::Relaxed);
    let _ = following.join();
    waits.sort();
    println!(
        "an edit through one server found by search through the other ({} edits, following every 200 ms): median {:.0} ms, p99 {:.0} ms, max {:.0} ms",
        waits.len(),
        percentile(&waits, 0.5).as_secs_f64() * 1000.0,
        percentile(&waits, 0.99).as_secs_f64() * 1000.0,
        waits.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    Ok(())
}
