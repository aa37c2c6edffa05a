//! `pathways bench-auth`: what signing in costs. Sign-in latency at the chosen argon2id
//! cost (the whole use-case: password, TOTP, session row, audit entry), the process's memory
//! ceiling while 32 sign-ins arrive at once (hashing is bounded to one per core), and the
//! microseconds the session check and the CSRF check add to each staff request.

use std::sync::Arc;
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::percentile;
use crate::crypto::Token;
use crate::crypto::password::Cost;
use crate::crypto::totp::{STEP, TotpSecret};
use crate::services::Directory;
use crate::services::clock::Clock;
use crate::services::policy::Actor;
use crate::services::staff::{EnrolForm, EnrolPass, SessionCheck, Staff, StaffSettings};

/// One enrolled account: email, password and TOTP secret.
struct Account {
    email: String,
    password: SecretString,
    secret: TotpSecret,
}

/// Enrols account `n`: the first through a setup link, the others invited by the first.
fn enrol(staff: &Staff, n: usize, inviter: Option<&Actor>) -> anyhow::Result<Account> {
    let secret = TotpSecret::generate()?;
    let email = format!("bench{n}@example.org");
    let password = format!("bench password {n}");
    let code = format!("{:06}", secret.code(staff.clock().now().div_euclid(STEP)));
    let form = EnrolForm {
        email: email.clone(),
        name: format!("Bench {n}"),
        password: SecretString::from(password.clone()),
        password_again: SecretString::from(password.clone()),
        totp_secret: SecretString::from(secret.base32()),
        code,
    };
    match inviter {
        None => {
            let link = staff
                .accounts()
                .setup_link_if_needed()?
                .ok_or_else(|| anyhow::anyhow!("a fresh database has no admin"))?;
            let token = link_token(&link)?;
            staff.accounts().enrol(EnrolPass::Setup(&token), &form)?;
        }
        Some(actor) => {
            let link = staff.people().invite(actor, &email, "directory_admin:")?.link;
            let token = link_token(&link)?;
            staff.accounts().enrol(EnrolPass::Invitation(&token), &form)?;
        }
    }
    Ok(Account {
        email,
        password: SecretString::from(password),
        secret,
    })
}

/// The token at the end of a setup or invitation link.
fn link_token(link: &SecretString) -> anyhow::Result<Token> {
    use secrecy::ExposeSecret;
    link.expose_secret()
        .rsplit('/')
        .next()
        .and_then(Token::parse)
        .ok_or_else(|| anyhow::anyhow!("a link without a token"))
}

fn sign_in(staff: &Staff, a: &Account) -> anyhow::Result<Token> {
    let code = format!("{:06}", a.secret.code(staff.clock().now().div_euclid(STEP)));
    Ok(staff.sessions().sign_in(&a.email, &a.password, &code, None)?.0)
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the sign-in figures with `logins` sequential sign-ins.
pub fn run(logins: usize, cost: Cost) -> anyhow::Result<()> {
    let work = std::env::temp_dir().join(format!("pathways-bench-auth-{}", std::process::id()));
    let result = measure(&work, logins, cost);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn measure(work: &std::path::Path, logins: usize, cost: Cost) -> anyhow::Result<()> {
    let (directory, _) = Directory::open(&work.join("data"), &work.join("index"))?;
    let clock = Clock::manual(jiff::Timestamp::now().as_second());
    let (staff, _) = Staff::open(
        Arc::new(directory),
        &work.join("keys/pathways.keys"),
        cost,
        clock.clone(),
        StaffSettings::default(),
    )?;
    let staff = Arc::new(staff);
    println!(
        "argon2id m={} KiB, t={}, p={}; hashing bounded to {} at a time",
        cost.memory_kib,
        cost.iterations,
        cost.parallelism,
        std::thread::available_parallelism().map_or(2, usize::from)
    );
    let first = enrol(&staff, 0, None)?;
    let admin = staff
        .directory()
        .store
        .account_by_email(&first.email)?
        .ok_or_else(|| anyhow::anyhow!("the first account"))?;
    let actor = Actor {
        grants: staff.directory().store.grants_of(&admin.id)?,
        user: admin.id,
        name: admin.name,
    };
    let mut accounts = vec![first];
    for n in 1..32 {
        accounts.push(enrol(&staff, n, Some(&actor))?);
    }
    clock.advance(STEP);

    // Sequential sign-ins of one account (a new TOTP step each time).
    let mut times = Vec::with_capacity(logins);
    for _ in 0..logins {
        let started = Instant::now();
        sign_in(&staff, &accounts[0])?;
        times.push(started.elapsed());
        clock.advance(STEP);
    }
    times.sort();
    println!(
        "sign-in, one at a time ({logins}): median {}, p99 {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );

    // AUTH-4: a refusal takes as long for an account that does not exist as for a wrong
    // password (both one argon2id hash and one audit write).
    let refusal = |email: &str| -> anyhow::Result<Duration> {
        let mut t = Vec::new();
        for _ in 0..20 {
            let started = Instant::now();
            let refused = staff.sessions().sign_in(
                email,
                &SecretString::from("wrong password".to_owned()),
                "000000",
                None,
            );
            t.push(started.elapsed());
            anyhow::ensure!(refused.is_err(), "a wrong password was accepted");
        }
        t.sort();
        Ok(percentile(&t, 0.5))
    };
    let unknown = refusal("nobody@example.org")?;
    let known = refusal(&accounts[1].email)?;
    println!(
        "refused sign-in, median of 20: unknown account {}, known account with a wrong password {}",
        ms(unknown),
        ms(known)
    );
    // The known account is now backing off; the 32 below use the others and a fresh step.
    clock.advance(3600);

    // 32 at once. The peak is measured from here: Linux resets the high-water mark on "5".
    let before = status_kib("VmRSS:");
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let started = Instant::now();
    let handles: Vec<_> = (0..32)
        .map(|i| {
            let staff = staff.clone();
            let a = Account {
                email: accounts[i].email.clone(),
                password: accounts[i].password.clone(),
                secret: TotpSecret::from_bytes(accounts[i].secret.bytes())
                    .ok_or_else(|| anyhow::anyhow!("a TOTP secret"))?,
            };
            Ok(std::thread::spawn(move || {
                let t = Instant::now();
                sign_in(&staff, &a).map(|_| t.elapsed())
            }))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut waits = Vec::new();
    for h in handles {
        waits.push(
            h.join()
                .map_err(|_| anyhow::anyhow!("a sign-in thread panicked"))??,
        );
    }
    waits.sort();
    println!(
        "32 sign-ins at once: all done in {}, each waited median {} / max {}; RSS {} MiB before, peak {} MiB{}",
        ms(started.elapsed()),
        ms(percentile(&waits, 0.5)),
        ms(percentile(&waits, 1.0)),
        before / 1024,
        status_kib("VmHWM:") / 1024,
        if reset {
            ""
        } else {
            " (peak since start: this kernel cannot reset it)"
        }
    );

    // What each staff request pays: the session check (hash, row, grants) and the CSRF check.
    // A fresh session (the clock moved past the earlier ones' idle timeout).
    clock.advance(STEP);
    let token = sign_in(&staff, &accounts[2])?;
    let mut session_times = Vec::new();
    let mut csrf = String::new();
    for _ in 0..5000 {
        let started = Instant::now();
        match staff.sessions().session(&token)? {
            SessionCheck::Valid(s) => csrf = s.csrf,
            other => anyhow::bail!("the session was refused: {other:?}"),
        }
        session_times.push(started.elapsed());
    }
    session_times.sort();
    let mut csrf_times = Vec::new();
    for _ in 0..5000 {
        let started = Instant::now();
        let expected = token.derive("csrf");
        let ok = crate::crypto::constant_time_eq(expected.as_bytes(), csrf.as_bytes());
        csrf_times.push(started.elapsed());
        anyhow::ensure!(ok, "the CSRF token did not match");
    }
    csrf_times.sort();
    println!(
        "per staff request: session check median {:.1} µs (p99 {:.1} µs); CSRF check median {:.2} µs",
        percentile(&session_times, 0.5).as_secs_f64() * 1e6,
        percentile(&session_times, 0.99).as_secs_f64() * 1e6,
        percentile(&csrf_times, 0.5).as_secs_f64() * 1e6
    );
    Ok(())
}
