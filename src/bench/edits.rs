//! `pathways bench-edits`: providers' edits on a large directory (100,000 listings by
//! default) while the public search runs. Two figures: how long an edit takes to be found by
//! the search (the save use-case returns after the index has the listing and the reader is
//! reloaded; each edit is then searched for by a word only it contains), and the public
//! search's latency with and without ten edits a second going on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::{percentile, requests};
use crate::crypto::password::Cost;
use crate::crypto::totp::{STEP, TotpSecret};
use crate::services::Directory;
use crate::services::clock::Clock;
use crate::services::policy::Actor;
use crate::services::staff::{EnrolForm, EnrolPass, Staff, StaffSettings};

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the figures on `size` synthetic listings, with `seconds` of load per phase.
pub fn run(size: usize, seconds: u64) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-edits-{}", std::process::id()));
    let result = measure(&work, size, seconds.max(1));
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Search threads running the query mix until `stop`; their latencies. `pace`: one search
/// per thread every so often (a steady load below saturation), or back to back (`None`: the
/// two cores saturated, the worst case).
fn search_load(
    directory: &Arc<Directory>,
    threads: usize,
    pace: Option<Duration>,
    stop: &Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<Vec<Duration>>> {
    (0..threads)
        .map(|k| {
            let (directory, stop) = (directory.clone(), stop.clone());
            std::thread::spawn(move || {
                let mix = requests(500, 11 + k as u64, 10);
                let mut times = Vec::new();
                let mut i = 0;
                let mut next = Instant::now();
                while !stop.load(Ordering::Relaxed) {
                    if let Some(p) = pace {
                        std::thread::sleep(next.saturating_duration_since(Instant::now()));
                        next += p;
                    }
                    let t = Instant::now();
                    // A failed search would be a fast one: it must not count as a figure.
                    if directory.index.search(&mix[i % mix.len()]).is_err() {
                        return Vec::new();
                    }
                    times.push(t.elapsed());
                    i += 1;
                }
                times
            })
        })
        .collect()
}

fn joined(handles: Vec<std::thread::JoinHandle<Vec<Duration>>>) -> anyhow::Result<Vec<Duration>> {
    let mut all = Vec::new();
    for h in handles {
        let times = h
            .join()
            .map_err(|_| anyhow::anyhow!("a search thread panicked"))?;
        anyhow::ensure!(!times.is_empty(), "a search failed");
        all.extend(times);
    }
    all.sort();
    Ok(all)
}

fn measure(work: &std::path::Path, size: usize, seconds: u64) -> anyhow::Result<()> {
    let started = Instant::now();
    let files = super::generate(&work.join("listings"), size, 7)?;
    let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
    for f in &files {
        directory.import_paths(std::slice::from_ref(f))?;
    }
    directory.reindex()?;
    let directory = Arc::new(directory);
    println!(
        "synthetic directory: {} listings imported and indexed in {:.1?}",
        directory.listing_count(),
        started.elapsed()
    );
    let clock = Clock::manual(jiff::Timestamp::now().as_second());
    let (staff, _) = Staff::open(
        directory.clone(),
        &work.join("keys/pathways.keys"),
        Cost::FLOOR,
        clock.clone(),
        StaffSettings::default(),
    )?;
    // A provider for the organisation of the first listing, and one of its staff.
    let (organisation, _) = directory
        .store
        .organizations_without_provider()?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no organisation"))?;
    let link = staff
        .accounts()
        .setup_link_if_needed()?
        .ok_or_else(|| anyhow::anyhow!("a fresh database has an admin"))?;
    let admin = enrol(&staff, &link, "admin@example.org", true)?;
    staff.organisations().create_provider(&admin, &organisation)?;
    let provider = directory.store.providers()?[0].0.id.clone();
    let invitation = staff
        .people()
        .invite(&admin, "pia@example.org", &format!("provider_staff:{provider}"))?
        .link;
    let pia = enrol(&staff, &invitation, "pia@example.org", false)?;
    let listing = directory.store.listings_of(&organisation)?[0].clone();
    // The form as the provider's page fills it in (the office's address included).
    let base = staff.listings().open(&pia, &listing.id)?.form;
    let mut n = 0u64;

    for (label, pace) in [
        ("2 threads back to back (both cores saturated)", None),
        (
            "2 threads, 250 searches a second each",
            Some(Duration::from_millis(4)),
        ),
    ] {
        // The search alone, then the same search with ten edits a second; each edit is
        // searched for by its own word right after the save.
        let stop = Arc::new(AtomicBool::new(false));
        let load = search_load(&directory, 2, pace, &stop);
        std::thread::sleep(Duration::from_secs(seconds));
        stop.store(true, Ordering::Relaxed);
        let quiet = joined(load)?;
        let stop = Arc::new(AtomicBool::new(false));
        let load = search_load(&directory, 2, pace, &stop);
        let mut edits = Vec::new();
        let mut missed = 0;
        let end = Instant::now() + Duration::from_secs(seconds);
        while Instant::now() < end {
            let tick = Instant::now();
            n += 1;
            let word = format!("benchword{n}");
            let mut form = base.clone();
            form.fields.retain(|(k, _)| k != "description");
            form.fields.push((
                "description".to_owned(),
                format!("{} {word}", listing.description),
            ));
            let t = Instant::now();
            staff.listings().save(&pia, &listing.id, &form)?;
            let found = directory
                .index
                .search(&crate::search::SearchRequest::text(&word))?
                .hits
                .iter()
                .any(|h| h.listing.id == listing.id);
            edits.push(t.elapsed());
            if !found {
                missed += 1;
            }
            std::thread::sleep(Duration::from_millis(100).saturating_sub(tick.elapsed()));
        }
        stop.store(true, Ordering::Relaxed);
        let busy = joined(load)?;
        edits.sort();
        println!("search load: {label}");
        println!(
            "  edit to searchable ({} edits, 10 a second): median {}, p99 {}, max {}; found right after the save: {} of {}",
            edits.len(),
            ms(percentile(&edits, 0.5)),
            ms(percentile(&edits, 0.99)),
            ms(percentile(&edits, 1.0)),
            edits.len() - missed,
            edits.len()
        );
        println!(
            "  public search without edits p50 {} p99 {} ({} searches); with edits p50 {} p99 {} ({} searches): p99 {:+.0}%",
            ms(percentile(&quiet, 0.5)),
            ms(percentile(&quiet, 0.99)),
            quiet.len(),
            ms(percentile(&busy, 0.5)),
            ms(percentile(&busy, 0.99)),
            busy.len(),
            (percentile(&busy, 0.99).as_secs_f64() / percentile(&quiet, 0.99).as_secs_f64().max(1e-9) - 1.0)
                * 100.0
        );
    }
    let index_bytes = super::folder_size(&work.join("index"));
    println!("index after the edits {:.1} MB", index_bytes as f64 / 1e6);
    Ok(())
}

/// Enrols an account through `link`; returns it as an actor.
fn enrol(staff: &Staff, link: &SecretString, email: &str, setup: bool) -> anyhow::Result<Actor> {
    use secrecy::ExposeSecret;
    let token = link
        .expose_secret()
        .rsplit('/')
        .next()
        .and_then(crate::crypto::Token::parse)
        .ok_or_else(|| anyhow::anyhow!("a link without a token"))?;
    let secret = TotpSecret::generate()?;
    let password = SecretString::from("bench password".to_owned());
    let form = EnrolForm {
        email: email.to_owned(),
        name: email.to_owned(),
        password: password.clone(),
        password_again: password,
        totp_secret: SecretString::from(secret.base32()),
        code: format!("{:06}", secret.code(staff.clock().now().div_euclid(STEP))),
    };
    let pass = if setup {
        EnrolPass::Setup(&token)
    } else {
        EnrolPass::Invitation(&token)
    };
    staff.accounts().enrol(pass, &form)?;
    let store = &staff.directory().store;
    let a = store
        .account_by_email(email)?
        .ok_or_else(|| anyhow::anyhow!("no account {email}"))?;
    Ok(Actor {
        grants: store.grants_of(&a.id)?,
        user: a.id,
        name: a.name,
    })
}
