//! `pathways bench-unmet` (issue 13): what the network's unmet-need tables cost. Fills a
//! throwaway database with synthetic agencies that share their counts (survivors with a
//! placeholder record, needs and referrals: nobody's data), then counts and suppresses the
//! tables by need and by county over the last twelve months (from the monthly tallies), round after round, and prints the median
//! and p99 (the same counting and suppression as the staff page).

use std::time::{Duration, Instant};

use crate::domain::Taxonomy;
use crate::domain::month::Month;
use crate::geo::Counties;
use crate::services::Directory;
use crate::store::{NETWORK, UnmetBy};

/// Rounds per table.
const ROUNDS: usize = 20;

/// The command.
pub fn run(agencies: usize, per_agency: usize) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-unmet-{}", std::process::id()));
    let result = (|| {
        let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
        // Survivors in the counties of five states, as a regional network would have them.
        let counties: Vec<String> = ["TX", "LA", "OK", "AR", "NM"]
            .iter()
            .flat_map(|s| Counties::builtin().in_state(s).map(|c| c.fips.clone()))
            .collect();
        let needs: Vec<String> = Taxonomy::builtin().needs.iter().map(|n| n.code.clone()).collect();
        let now = jiff::Timestamp::now().as_second();
        let started = Instant::now();
        directory
            .store
            .fill_synthetic_planner(agencies, per_agency, &counties, &needs, now, 7)?;
        println!(
            "filled {agencies} agencies x {per_agency} survivors ({} needs) in {:.1?}",
            agencies * per_agency * 3,
            started.elapsed()
        );
        let this = Month::of_second(now);
        // The network's tables, and one agency's (sparse: its 5,000 survivors over 500
        // counties, so most of its cells are small and suppression does the most work).
        let tables = [
            (NETWORK, UnmetBy::Need, "network table by need"),
            (NETWORK, UnmetBy::County, "network table by county"),
            ("bench-agency-0", UnmetBy::Need, "one agency's table by need"),
            ("bench-agency-0", UnmetBy::County, "one agency's table by county"),
        ];
        for (scope, by, name) in tables {
            let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
            let mut lines = 0;
            for _ in 0..ROUNDS {
                let t = Instant::now();
                let rows = directory.store.unmet_counts(scope, by, this.plus(-11), this)?;
                let shown = crate::services::staff::publish_unmet(&rows);
                lines = rows.len();
                std::hint::black_box(shown);
                times.push(t.elapsed());
            }
            times.sort();
            println!(
                "{name}: {lines} lines, p50 {:.1?} p99 {:.1?} ({ROUNDS} rounds)",
                times[times.len() / 2],
                times[(times.len() * 99 / 100).min(times.len() - 1)]
            );
        }
        // The gap report's counts by (county, need) still read the rows (no target; a task
        // force reads it once a month): timed so a regression shows.
        let shared = directory.store.network_agencies()?;
        let t = Instant::now();
        let cells =
            directory
                .store
                .county_need_counts(&shared, this.plus(-11).first_second(), this.last_second())?;
        println!(
            "gap report's counts, network (rows, not tallies): {} cells in {:.1?}",
            cells.len(),
            t.elapsed()
        );
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}
