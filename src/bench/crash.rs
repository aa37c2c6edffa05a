//! `pathways bench-crash` (REL-1): the real server killed with SIGKILL while staff write, and
//! `pathways import` killed mid-way, round after round; after every kill the work folder is
//! checked as the next start would find it.
//!
//! A write counts as acknowledged once its whole answer was read (a 303 to the new record, a
//! 200 from the capacity API): the server answers after the commit, so each must be there
//! afterwards. The check reads the files anew after each kill: `PRAGMA integrity_check` on
//! the database and the key store, `pathways audit verify`, the index as a start leaves it
//! (opened and synced) equal to the database listing by listing, and every acknowledged
//! write through the library (records decrypted). A record never written is checked with
//! them each round and must be reported missing, so a check that cannot see a loss fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::Rng;
use super::child::{ADVOCATE, Fixture, csrf, post_form, put_capacity};
use crate::domain::ids::SurvivorId;
use crate::services::staff::Staff;

/// Writers that open records and add needs, as advocates in a browser.
const ADVOCATE_WRITERS: usize = 2;
/// Writers that update capacity through the API (one service each: their updates reach
/// the index concurrently).
const CAPACITY_WRITERS: usize = 3;
/// Every how many rounds one kills an import instead of the server.
const IMPORT_EVERY: usize = 4;

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Rounds (one kill each).
    pub rounds: usize,
    /// The `pathways` binary to start.
    pub binary: PathBuf,
    /// Services each import round replaces (its size sets how long an import runs).
    pub import_size: usize,
    /// Longest time a round's writers run before the kill.
    pub max_write: Duration,
    /// Seed of the kill moments (`None`: a random one, printed).
    pub seed: Option<u64>,
    /// Work folder (`None`: a temporary one, removed afterwards when all went well).
    pub work_dir: Option<PathBuf>,
    /// Print a line per round.
    pub verbose: bool,
    /// Deletes one acknowledged record behind the server's back after each kill, as a lost
    /// write would: for the test that shows the check reports a loss.
    pub lose_one: bool,
}

/// What the rounds found.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rounds run.
    pub rounds: usize,
    /// Of them, rounds that killed an import.
    pub import_rounds: usize,
    /// Writes acknowledged: (records opened, needs added, capacity updates).
    pub acknowledged: (usize, usize, usize),
    /// Acknowledged writes not found after the kill (must be empty).
    pub lost: Vec<String>,
    /// Anything else wrong: a refused write while serving, a failed integrity check or audit
    /// verification, an index unlike the database, a half import (must be empty).
    pub failures: Vec<String>,
    /// Kills after which the start rebuilt the index (the rest found it in step).
    pub index_rebuilt: usize,
    /// Killed imports that left the old directory, and that left the new one.
    pub imports: (usize, usize),
    /// Audit entries at the end.
    pub audit_entries: u64,
    /// Capacity updates the API refused for its rate limit (not writes, not errors).
    pub throttled: usize,
    /// The seed used.
    pub seed: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// `pathways bench-crash --rounds N`: runs the rounds with this binary and prints the summary;
/// fails when anything was lost or broken.
pub fn run(rounds: usize, seed: Option<u64>, work_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let options = Options {
        rounds,
        binary: std::env::current_exe()?,
        import_size: 3000,
        max_write: Duration::from_millis(800),
        seed,
        work_dir,
        verbose: true,
        lose_one: false,
    };
    let s = rounds_of(&options)?;
    print!("{}", describe(&s));
    anyhow::ensure!(
        s.lost.is_empty() && s.failures.is_empty(),
        "{} acknowledged write(s) lost, {} failure(s)",
        s.lost.len(),
        s.failures.len()
    );
    Ok(())
}

/// The summary as printed.
pub fn describe(s: &Summary) -> String {
    let (records, needs, capacity) = s.acknowledged;
    let mut out = format!(
        "crash bench: {} rounds ({} killing the server during staff writes, {} killing an import) in {:.1?}, seed {}\n\
         acknowledged writes: {} ({records} records opened, {needs} needs added, {capacity} capacity updates); lost: {}\n\
         after every kill: integrity_check of the database and key store, audit verify ({} entries at the end), \
         index equal to the database listing by listing (rebuilt at start after {} kills, in step after {})\n\
         killed imports: {} left the old directory, {} the new one, none half; {} capacity updates rate-limited (429)\n\
         failures: {}\n",
        s.rounds,
        s.rounds - s.import_rounds,
        s.import_rounds,
        s.elapsed,
        s.seed,
        records + needs + capacity,
        s.lost.len(),
        s.audit_entries,
        s.index_rebuilt,
        s.rounds - s.index_rebuilt,
        s.imports.0,
        s.imports.1,
        s.throttled,
        s.failures.len()
    );
    for line in s.lost.iter().chain(&s.failures).take(20) {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// Runs the rounds and returns what they found (an `Err` only when the bench itself could
/// not run: a server that does not start, a work folder that cannot be made).
pub fn rounds_of(options: &Options) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let seed = match options.seed {
        Some(s) => s,
        None => u64::from_le_bytes(crate::crypto::random::<8>()?),
    };
    let work = options.work_dir.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("pathways-bench-crash-{}-{seed}", std::process::id()))
    });
    anyhow::ensure!(
        !work.join("data").exists(),
        "{} already holds a database: choose a new work folder",
        work.display()
    );
    let fixture = Fixture::prepare(
        &work,
        &options.binary,
        None,
        CAPACITY_WRITERS,
        options.import_size,
    )?;
    let mut s = Summary {
        seed,
        ..Summary::default()
    };
    let mut rng = Rng(seed);
    let mut round = Round {
        fixture: &fixture,
        cookie: None,
        next_capacity: vec![1; CAPACITY_WRITERS],
        import_round: 0,
        import_time: calibrate_import(&fixture)?,
    };
    for r in 1..=options.rounds {
        let before = (s.lost.len(), s.failures.len());
        let what = if r.is_multiple_of(IMPORT_EVERY) {
            s.import_rounds += 1;
            round.kill_import(r, &mut rng, &mut s)?
        } else {
            round.kill_server(options, &mut rng, &mut s)?
        };
        round.check(&mut s)?;
        s.rounds = r;
        if options.verbose {
            println!(
                "round {r}: {what}; lost {}, failures {}",
                s.lost.len() - before.0,
                s.failures.len() - before.1
            );
        }
    }
    s.elapsed = started.elapsed();
    if s.lost.is_empty() && s.failures.is_empty() && options.work_dir.is_none() {
        let _ = std::fs::remove_dir_all(&work);
    } else if options.verbose {
        println!("work folder kept: {}", work.display());
    }
    Ok(s)
}

/// One acknowledged write.
#[derive(Clone, Debug)]
enum Ack {
    /// A record opened: its id and pseudonym.
    Record(String, String),
    /// A need added to a record.
    Need(String, String),
    /// A capacity set: the service and the number (later ones are higher).
    Capacity(String, u32),
}

/// What the rounds carry from one to the next.
struct Round<'a> {
    fixture: &'a Fixture,
    /// The advocate's session: signed in once, it must survive every kill.
    cookie: Option<String>,
    /// Per capacity writer, the next number to send (above every one sent before).
    next_capacity: Vec<u32>,
    /// The import round whose services the database holds.
    import_round: usize,
    /// How long an import takes when left alone.
    import_time: Duration,
}

/// The first import round, left to finish: how long an import takes.
fn calibrate_import(fixture: &Fixture) -> anyhow::Result<Duration> {
    let file = import_file(fixture, 0)?;
    let started = Instant::now();
    let out = fixture.command().arg("import").arg(&file).output()?;
    anyhow::ensure!(
        out.status.success(),
        "import: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(started.elapsed())
}

fn import_file(fixture: &Fixture, round: usize) -> anyhow::Result<PathBuf> {
    let path = fixture.work.join(format!("import-{round}.json"));
    let services = super::child::import_services(fixture.imported.len(), round);
    std::fs::write(&path, serde_json::to_vec(&services)?)?;
    Ok(path)
}

impl Round<'_> {
    /// Starts the server, lets the writers run, kills it at a random moment.
    fn kill_server(&mut self, options: &Options, rng: &mut Rng, s: &mut Summary) -> anyhow::Result<String> {
        let (max_write, lose) = (options.max_write, options.lose_one);
        let server = self.fixture.serve()?;
        let port = server.port;
        let cookie = match &self.cookie {
            Some(c) => c.clone(),
            None => self.cookie.insert(self.fixture.sign_in(port)?).clone(),
        };
        let token = csrf(port, &cookie)?;
        // The first capacity update compiles the HSDS schema (a second in a debug build):
        // made before the clock starts, so that every round kills updates in flight.
        let mut acks = Vec::new();
        if let Some((service, bearer)) = self.fixture.capacity.first() {
            let n = self.next_capacity[0];
            self.next_capacity[0] += 1;
            let r = put_capacity(port, service, bearer, n)?;
            anyhow::ensure!(r.status == 200, "capacity update refused: {}", r.head);
            acks.push(Ack::Capacity(service.clone(), n));
        }
        let stop = Arc::new(AtomicBool::new(false));
        let mut writers = Vec::new();
        for w in 0..ADVOCATE_WRITERS {
            let (stop, cookie, token) = (stop.clone(), cookie.clone(), token.clone());
            let tag = format!("{}w{w}", rng.next() % 1_000_000);
            writers.push(std::thread::spawn(move || {
                advocate_writes(port, &cookie, &token, &tag, &stop)
            }));
        }
        for (w, (service, bearer)) in self.fixture.capacity.iter().enumerate() {
            let (stop, service, bearer) = (stop.clone(), service.clone(), bearer.clone());
            let from = self.next_capacity[w];
            writers.push(std::thread::spawn(move || {
                capacity_writes(port, &service, &bearer, from, &stop)
            }));
        }
        let wait = if lose {
            // Long enough that there is a record to lose.
            max_write
        } else {
            Duration::from_millis(20 + rng.next() % max_write.as_millis().max(1) as u64)
        };
        std::thread::sleep(wait);
        let killed_at = Instant::now();
        server.kill()?;
        stop.store(true, Ordering::Relaxed);
        for (w, writer) in writers.into_iter().enumerate() {
            let out = writer.join().map_err(|_| anyhow::anyhow!("a writer panicked"))?;
            acks.extend(out.acks);
            s.throttled += out.throttled;
            // A refusal, or a connection failing before the kill, is the server's fault.
            s.failures.extend(
                out.faults
                    .into_iter()
                    .filter(|(at, _)| *at < killed_at)
                    .map(|(_, f)| f),
            );
            if let Some(w) = w.checked_sub(ADVOCATE_WRITERS) {
                self.next_capacity[w] = out.next;
            }
        }
        if lose && let Some(Ack::Record(id, _)) = acks.iter().find(|a| matches!(a, Ack::Record(..))) {
            let conn = rusqlite::Connection::open(self.fixture.database())?;
            for table in ["plan_history", "plan_needs", "survivor_advocates"] {
                conn.execute(&format!("DELETE FROM {table} WHERE survivor_id = ?1"), [id])?;
            }
            conn.execute("DELETE FROM survivors WHERE id = ?1", [id])?;
        }
        let n = acks.len();
        self.verify(acks, s)?;
        Ok(format!("server killed after {wait:.0?}, {n} writes acknowledged"))
    }

    /// Runs `pathways import` on a new round's file and kills it at a random moment.
    fn kill_import(&mut self, r: usize, rng: &mut Rng, s: &mut Summary) -> anyhow::Result<String> {
        let file = import_file(self.fixture, r)?;
        let mut child = self
            .fixture
            .command()
            .arg("import")
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()?;
        // Up to a fifth past a whole import: some kills land after the commit (and during
        // the index rebuild that follows it), most before.
        let span = self.import_time.as_millis() as u64 * 6 / 5;
        let wait = Duration::from_millis(rng.next() % span.max(1));
        std::thread::sleep(wait);
        let finished = child.try_wait()?;
        if finished.is_none() {
            child.kill()?;
        }
        child.wait()?;
        if let Some(exit) = finished.filter(|e| !e.success()) {
            s.failures
                .push(format!("import round {r}: the import failed ({exit})"));
        }
        let (staff, _) = self.fixture.open_staff()?;
        let store = &staff.directory().store;
        let marker = |round: usize| format!("Import round {round}.");
        let (mut new, mut old) = (0, 0);
        for id in &self.fixture.imported {
            let d = store.listing(id)?.map(|l| l.description).unwrap_or_default();
            new += usize::from(d.contains(&marker(r)));
            old += usize::from(d.contains(&marker(self.import_round)));
        }
        let all = self.fixture.imported.len();
        let outcome = if new == all {
            s.imports.1 += 1;
            self.import_round = r;
            "new"
        } else if old == all {
            s.imports.0 += 1;
            "old"
        } else {
            s.failures.push(format!(
                "import round {r}: {new} services of the new import and {old} of the old one out of {all}"
            ));
            "half"
        };
        Ok(format!(
            "import {} after {wait:.0?}: the {outcome} directory",
            if finished.is_some() { "finished" } else { "killed" }
        ))
    }

    /// Every acknowledged write is there; a record never written is not.
    fn verify(&mut self, acks: Vec<Ack>, s: &mut Summary) -> anyhow::Result<()> {
        let (staff, _) = self.fixture.open_staff()?;
        let control = SurvivorId::random().to_string();
        let mut all = acks.clone();
        all.push(Ack::Record(control.clone(), "never written".to_owned()));
        let missing = missing(&staff, &all)?;
        anyhow::ensure!(
            missing.iter().any(|m| m.contains(&control)),
            "the check did not notice a record that was never written: it cannot see a loss"
        );
        s.lost
            .extend(missing.into_iter().filter(|m| !m.contains(&control)));
        for a in &acks {
            match a {
                Ack::Record(..) => s.acknowledged.0 += 1,
                Ack::Need(..) => s.acknowledged.1 += 1,
                Ack::Capacity(..) => s.acknowledged.2 += 1,
            }
        }
        Ok(())
    }

    /// What the next start finds: sound files, an intact audit chain, an index equal to the
    /// database once opened and synced as `serve` does.
    fn check(&self, s: &mut Summary) -> anyhow::Result<()> {
        let key_store = self
            .fixture
            .key_file()
            .with_file_name(crate::services::vault::KEY_STORE_FILE);
        for file in [self.fixture.database(), key_store] {
            if let Err(e) = integrity(&file) {
                s.failures.push(format!("{}: {e}", file.display()));
            }
        }
        let out = self.fixture.command().args(["audit", "verify"]).output()?;
        let said = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !said.contains("intact") {
            s.failures.push(format!(
                "audit verify: {said}{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let (staff, _) = self.fixture.open_staff()?;
        let directory = staff.directory();
        s.audit_entries = directory.store.audit_len()?;
        if directory.sync_index()?.is_some() {
            s.index_rebuilt += 1;
        }
        let indexed = directory.index.listings()?;
        let mut stored = Vec::new();
        directory.store.for_each_listing(|l| stored.push(l))?;
        let differ: Vec<&str> = stored
            .iter()
            .filter(|l| !indexed.iter().any(|i| i == *l))
            .map(|l| l.id.as_str())
            .collect();
        if indexed.len() != stored.len() || !differ.is_empty() {
            s.failures.push(format!(
                "the index ({} listings) is not the database ({}) after a start: {} differ, e.g. {:?}",
                indexed.len(),
                stored.len(),
                differ.len(),
                differ.first()
            ));
        }
        Ok(())
    }
}

/// `PRAGMA integrity_check` of a SQLite file, and its foreign keys.
fn integrity(file: &Path) -> anyhow::Result<()> {
    let conn = rusqlite::Connection::open(file)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    anyhow::ensure!(verdict == "ok", "integrity_check: {verdict}");
    let broken: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    anyhow::ensure!(broken == 0, "{broken} rows break a foreign key");
    Ok(())
}

/// The acknowledged writes the database does not hold, each described. Records are read as
/// the advocate reads them (decrypted with their key from the key store).
fn missing(staff: &Staff, acks: &[Ack]) -> anyhow::Result<Vec<String>> {
    let advocate = super::planner::actor(staff, ADVOCATE)?;
    let mut plans = HashMap::new();
    let mut plan = |id: &str| -> Option<crate::services::staff::PlanView> {
        plans
            .entry(id.to_owned())
            .or_insert_with(|| {
                SurvivorId::parse(id).and_then(|sid| staff.survivors().plan(&advocate, &sid).ok())
            })
            .clone()
    };
    let mut out = Vec::new();
    for a in acks {
        let there = match a {
            Ack::Record(id, pseudonym) => plan(id).is_some_and(|p| p.record.pseudonym == *pseudonym),
            Ack::Need(id, code) => plan(id).is_some_and(|p| p.needs.iter().any(|n| n.code == *code)),
            Ack::Capacity(service, n) => staff
                .directory()
                .store
                .listing(service)?
                .and_then(|l| l.capacity)
                .is_some_and(|c| c.available >= *n),
        };
        if !there {
            out.push(format!("{a:?}"));
        }
    }
    Ok(out)
}

/// What a writer did until the kill.
#[derive(Default)]
struct Written {
    acks: Vec<Ack>,
    /// (when, what) of answers that were not an acknowledgement: a refusal when its request
    /// started, a connection failure when it failed (only one before the kill is a fault).
    faults: Vec<(Instant, String)>,
    throttled: usize,
    /// The next number a capacity writer would send.
    next: u32,
}

/// Opens records and adds a need to each, until the connection fails or `stop`.
fn advocate_writes(port: u16, cookie: &str, csrf: &str, tag: &str, stop: &AtomicBool) -> Written {
    let mut w = Written::default();
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let pseudonym = format!("C{tag}n{n}");
        let at = Instant::now();
        let created = post_form(
            port,
            "/staff/survivors",
            cookie,
            &[
                ("csrf", csrf),
                ("pseudonym", &pseudonym),
                ("age_band", "adult"),
                ("language_1", "en"),
                ("place", "Houston, TX"),
                ("notes", "Crash bench record."),
                ("template", ""),
            ],
        );
        let id = match created {
            Ok(r) if r.status == 303 => r
                .header("location")
                .and_then(|l| l.strip_prefix("/staff/survivors/"))
                .map(str::to_owned),
            Ok(r) => {
                w.faults.push((at, format!("opening a record: {}", r.head)));
                None
            }
            Err(e) => {
                w.faults.push((Instant::now(), format!("opening a record: {e}")));
                break;
            }
        };
        let Some(id) = id else { continue };
        w.acks.push(Ack::Record(id.clone(), pseudonym));
        let at = Instant::now();
        match post_form(
            port,
            &format!("/staff/survivors/{id}/needs"),
            cookie,
            &[("csrf", csrf), ("need", "childcare")],
        ) {
            Ok(r) if r.status == 303 => w.acks.push(Ack::Need(id, "childcare".to_owned())),
            Ok(r) => w.faults.push((at, format!("adding a need: {}", r.head))),
            Err(e) => {
                w.faults.push((Instant::now(), format!("adding a need: {e}")));
                break;
            }
        }
    }
    w
}

/// Sets a service's capacity to `from`, `from + 1`, … until the connection fails or `stop`.
fn capacity_writes(port: u16, service: &str, bearer: &str, from: u32, stop: &AtomicBool) -> Written {
    let mut w = Written {
        next: from,
        ..Written::default()
    };
    while !stop.load(Ordering::Relaxed) {
        let n = w.next;
        // Above every number sent, answered or not: an unanswered one may be committed.
        w.next += 1;
        let at = Instant::now();
        match put_capacity(port, service, bearer, n) {
            Ok(r) if r.status == 200 => w.acks.push(Ack::Capacity(service.to_owned(), n)),
            Ok(r) if r.status == 429 => {
                w.throttled += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            Ok(r) => w.faults.push((at, format!("capacity: {}", r.head))),
            Err(e) => {
                w.faults.push((Instant::now(), format!("capacity: {e}")));
                break;
            }
        }
    }
    w
}
