//! `pathways demo`: a fictional agency a newcomer can open in a minute — a directory admin,
//! an agency admin, two advocates and a provider's staff member (their passwords and
//! authenticator secrets printed once), and fictional survivors whose plans show what the
//! planner does: their words and goals, priorities, referrals in every status, follow-ups
//! overdue and due today, a hand-over with a note, a consent in force and one taken back,
//! and one survivor erased (only its audit entry remains).
//! Everything here is made up; it runs against its own data folder, never a real one.

use crate::domain::ids::{ReferralId, SurvivorId};
use secrecy::{ExposeSecret, SecretString};

use super::policy::Actor;
use super::staff::{EnrolForm, EnrolPass, NeedForm, Staff, StaffError, SurvivorForm};
use crate::crypto::Token;
use crate::crypto::totp::{STEP, TotpSecret};

/// A demo account, as printed for the newcomer.
#[derive(Debug)]
pub struct DemoAccount {
    /// Role, in words.
    pub role: &'static str,
    /// Email.
    pub email: String,
    /// Password.
    pub password: SecretString,
    /// The TOTP secret (base32), to add to an authenticator app.
    pub totp: String,
}

fn password() -> Result<SecretString, StaffError> {
    let t = Token::generate()?;
    Ok(SecretString::from(t.expose()[..16].to_owned()))
}

fn enrol(
    staff: &Staff,
    pass: EnrolPass<'_>,
    email: &str,
    name: &str,
    role: &'static str,
) -> Result<DemoAccount, StaffError> {
    let secret = TotpSecret::generate()?;
    let password = password()?;
    let code = format!("{:06}", secret.code(staff.clock().now().div_euclid(STEP)));
    staff.accounts().enrol(
        pass,
        &EnrolForm {
            email: email.to_owned(),
            name: name.to_owned(),
            password: password.clone(),
            password_again: password.clone(),
            totp_secret: SecretString::from(secret.base32()),
            code,
        },
    )?;
    Ok(DemoAccount {
        role,
        email: email.to_owned(),
        password,
        totp: secret.base32(),
    })
}

fn actor(staff: &Staff, email: &str) -> Result<Actor, StaffError> {
    let store = &staff.directory().store;
    let a = store.account_by_email(email)?.ok_or(StaffError::NotFound)?;
    Ok(Actor {
        grants: store.grants_of(&a.id)?,
        user: a.id,
        name: a.name,
    })
}

fn token_of(link: &SecretString) -> Result<Token, StaffError> {
    link.expose_secret()
        .rsplit('/')
        .next()
        .and_then(Token::parse)
        .ok_or(StaffError::LinkGone)
}

fn survivor(
    staff: &Staff,
    by: &Actor,
    pseudonym: &str,
    template: &str,
    languages: &str,
) -> Result<SurvivorId, StaffError> {
    staff.survivors().create(
        by,
        &SurvivorForm {
            pseudonym: pseudonym.to_owned(),
            age_band: if template == "minor" { "minor" } else { "adult" }.to_owned(),
            languages: languages.to_owned(),
            place: "Houston, TX".to_owned(),
            call: true,
            text: true,
            safe_hours: "Weekdays after 6 pm".to_owned(),
            template: template.to_owned(),
            notes: "Fictional demo record.".to_owned(),
            phones: [
                ("555-0142".to_owned(), "safe_times".to_owned()),
                (String::new(), String::new()),
            ],
            ..SurvivorForm::default()
        },
    )
}

/// What the advocate and the survivor said of one need.
struct Work<'a> {
    code: &'a str,
    status: &'a str,
    priority: &'a str,
    their_words: &'a str,
    goal: &'a str,
    /// Days from today to the follow-up (negative: overdue), if any.
    follow_up: Option<i64>,
}

/// Sets a need of the plan as `w` says.
fn work_on(staff: &Staff, by: &Actor, id: &SurvivorId, w: &Work<'_>) -> Result<(), StaffError> {
    let Some(need) = staff
        .directory()
        .store
        .plan_needs(id)?
        .into_iter()
        .find(|n| n.code == w.code)
    else {
        return Ok(());
    };
    let day = |offset: i64| {
        super::staff::local_time::local_date(staff.clock().now() + offset * 86_400, "America/Chicago")
    };
    staff.needs().update(
        by,
        id,
        &need.id,
        &NeedForm {
            status: w.status.to_owned(),
            priority: w.priority.to_owned(),
            their_words: w.their_words.to_owned(),
            goal: w.goal.to_owned(),
            follow_up: w.follow_up.map(day).unwrap_or_default(),
            target_date: String::new(),
        },
    )
}

/// Refers a need (by code) to the first service search finds for it and moves the referral
/// through `steps` (`status` or `declined:reason`); the referral and its organisation.
fn refer(
    staff: &Staff,
    by: &Actor,
    id: &SurvivorId,
    code: &str,
    skip: usize,
    steps: &[&str],
) -> Result<Option<(ReferralId, String)>, StaffError> {
    let Some(need) = staff
        .directory()
        .store
        .plan_needs(id)?
        .into_iter()
        .find(|n| n.code == code)
    else {
        return Ok(None);
    };
    let found = staff.needs().candidates(by, id, &need.id)?;
    let Some(hit) = found.local.iter().chain(&found.lines).nth(skip) else {
        return Ok(None);
    };
    let referral = staff.referrals().refer(by, id, &need.id, &hit.listing.id)?;
    for step in steps {
        let (to, reason) = step.split_once(':').unwrap_or((step, ""));
        staff.referrals().advance(by, &referral, to, reason, "")?;
    }
    Ok(Some((referral, hit.listing.organization_id.clone())))
}

/// Fills an empty staff side with the demo agency; returns the accounts to print. Does
/// nothing (and returns none) when an admin exists already.
pub fn seed(staff: &Staff) -> Result<Vec<DemoAccount>, StaffError> {
    let Some(link) = staff.accounts().setup_link_if_needed()? else {
        return Ok(Vec::new());
    };
    let mut accounts = vec![enrol(
        staff,
        EnrolPass::Setup(&token_of(&link)?),
        "dana.admin@example.org",
        "Dana",
        "directory admin",
    )?];
    let dana = actor(staff, "dana.admin@example.org")?;
    let agency =
        staff
            .organisations()
            .create_agency(&dana, "Harbor Light Advocacy (fictional)", "Houston, TX")?;
    for (email, name, role, grant) in [
        ("alex.admin@example.org", "Alex", "agency admin", "agency_admin"),
        ("ben.advocate@example.org", "Ben", "advocate", "advocate"),
        ("cleo.advocate@example.org", "Cleo", "advocate", "advocate"),
    ] {
        let link = staff
            .people()
            .invite(&dana, email, &format!("{grant}:{agency}"))?
            .link;
        accounts.push(enrol(
            staff,
            EnrolPass::Invitation(&token_of(&link)?),
            email,
            name,
            role,
        )?);
    }
    let alex = actor(staff, "alex.admin@example.org")?;
    staff
        .organisations()
        .set_settings(&alex, &agency, "America/Chicago", "555-0100")?;
    let ben = actor(staff, "ben.advocate@example.org")?;
    let cleo = actor(staff, "cleo.advocate@example.org")?;
    let w = |code, status, priority, their_words, goal, follow_up| Work {
        code,
        status,
        priority,
        their_words,
        goal,
        follow_up,
    };

    // R.: a plan opened today, in the survivor's words, nothing referred yet.
    let r = survivor(staff, &ben, "R. (demo)", "adult", "en")?;
    for work in [
        w(
            "shelter.emergency",
            "identified",
            "high",
            "I can't go back there tonight.",
            "A safe bed tonight.",
            Some(0),
        ),
        w(
            "safety.planning",
            "identified",
            "high",
            "He knows where my sister lives.",
            "A safety plan she agrees with.",
            Some(1),
        ),
        w(
            "legal.id_documents",
            "identified",
            "medium",
            "They kept my ID and my birth certificate.",
            "A state ID.",
            None,
        ),
        w(
            "employment",
            "identified",
            "low",
            "I want a job where I keep my own pay.",
            "",
            None,
        ),
    ] {
        work_on(staff, &ben, &r, &work)?;
    }

    // M.: papers and work; a referral waiting on the provider, a follow-up overdue, and a
    // consent in force so the provider sees her name.
    let m = survivor(staff, &ben, "M. (demo)", "foreign_national", "es, en")?;
    for work in [
        w(
            "legal.immigration",
            "being_arranged",
            "high",
            "Necesito papeles para poder trabajar.",
            "A T visa application filed.",
            Some(-3),
        ),
        w(
            "shelter.emergency",
            "in_service",
            "high",
            "",
            "Stay until the T visa is filed.",
            None,
        ),
        w(
            "health.medical",
            "identified",
            "medium",
            "Me duele la espalda desde hace meses.",
            "A clinic visit.",
            Some(7),
        ),
    ] {
        work_on(staff, &ben, &m, &work)?;
    }
    if let Some((_, org)) = refer(staff, &ben, &m, "legal.immigration", 0, &["sent", "received"])? {
        let expires =
            super::staff::local_time::local_date(staff.clock().now() + 90 * 86_400, "America/Chicago");
        staff.consents().give(
            &ben,
            &m,
            &super::staff::ConsentForm {
                organization: org,
                groups: vec!["identity".to_owned(), "needs".to_owned()],
                purpose: "Intake for the T visa application (fictional).".to_owned(),
                expires,
            },
        )?;
    }
    refer(staff, &ben, &m, "health.medical", 0, &[])?; // a draft, not sent yet

    // J.: services under way — one started, one completed, one declined for lack of room
    // and another waitlisted in its place, one accepted; a consent given then taken back.
    let j = survivor(staff, &ben, "J. (demo)", "adult", "en")?;
    for work in [
        w(
            "shelter.emergency",
            "in_service",
            "high",
            "Somewhere safe to sleep where no one knows me.",
            "A safe bed this week.",
            None,
        ),
        w("health.medical", "met", "medium", "", "A check-up.", None),
        w(
            "health.therapy",
            "being_arranged",
            "high",
            "I can't sleep; I keep seeing it.",
            "A therapist she trusts.",
            Some(2),
        ),
        w(
            "employment",
            "being_arranged",
            "medium",
            "",
            "Work with fair pay.",
            Some(-1),
        ),
        w(
            "housing.long_term",
            "identified",
            "medium",
            "A place of my own, not a shelter.",
            "",
            None,
        ),
    ] {
        work_on(staff, &ben, &j, &work)?;
    }
    let started = refer(
        staff,
        &ben,
        &j,
        "shelter.emergency",
        0,
        &["sent", "accepted", "started"],
    )?;
    refer(
        staff,
        &ben,
        &j,
        "health.medical",
        0,
        &["sent", "accepted", "started", "completed"],
    )?;
    refer(
        staff,
        &ben,
        &j,
        "health.therapy",
        0,
        &["sent", "declined:no_capacity"],
    )?;
    refer(staff, &ben, &j, "health.therapy", 1, &["sent", "waitlisted"])?;
    refer(staff, &ben, &j, "employment", 0, &["sent", "accepted"])?;
    if let Some((_, org)) = &started {
        let expires =
            super::staff::local_time::local_date(staff.clock().now() + 30 * 86_400, "America/Chicago");
        staff.consents().give(
            &ben,
            &j,
            &super::staff::ConsentForm {
                organization: org.clone(),
                groups: vec!["contact".to_owned()],
                purpose: "Bed check-in calls (fictional).".to_owned(),
                expires,
            },
        )?;
        if let Some(c) = staff.directory().store.consents_of(&j)?.first() {
            staff.consents().revoke(&ben, &c.id)?;
        }
    }

    // T.: handed over from Ben to Cleo with a note, Ben staying on; one referral withdrawn,
    // one closed by the survivor, one received.
    let t = survivor(staff, &ben, "T. (demo)", "minor", "en")?;
    for work in [
        w(
            "safety.planning",
            "being_arranged",
            "high",
            "I don't want my uncle to find me.",
            "A plan for getting to school safely.",
            Some(0),
        ),
        w(
            "education",
            "identified",
            "medium",
            "I want to finish school.",
            "Back in school this term.",
            None,
        ),
    ] {
        work_on(staff, &ben, &t, &work)?;
    }
    refer(staff, &ben, &t, "safety.planning", 0, &["sent", "received"])?;
    refer(staff, &ben, &t, "education", 0, &["withdrawn"])?;
    refer(
        staff,
        &ben,
        &t,
        "health.therapy",
        0,
        &["sent", "closed_by_survivor"],
    )?;
    staff.hand_over().assign(
        &ben,
        &t,
        cleo.user.as_str(),
        true,
        false,
        "Fictional demo note: prefers calls after 6 pm; school starts Monday.",
    )?;

    // The organisation of J.'s shelter answers its referrals: its staff can sign in.
    if let Some((_, org)) = started {
        let provider = staff.organisations().create_provider(&dana, &org)?;
        let link = staff
            .people()
            .invite(
                &dana,
                "pia.provider@example.org",
                &format!("provider_staff:{provider}"),
            )?
            .link;
        accounts.push(enrol(
            staff,
            EnrolPass::Invitation(&token_of(&link)?),
            "pia.provider@example.org",
            "Pia",
            "provider staff",
        )?);
    }

    // Erased at the survivor's request: only the audit entry remains.
    let e = survivor(staff, &cleo, "E. (demo)", "", "en")?;
    staff.survivors().erase(&cleo, &e)?;
    Ok(accounts)
}
