//! `pathways demo`: a fictional agency a newcomer can open in a minute — a directory admin,
//! an agency admin and two advocates (their passwords and authenticator secrets printed once),
//! and fictional survivors whose plans stand at different stages: new, referrals pending,
//! services started, handed over, and one erased (only its audit entry remains).
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
    place: &str,
) -> Result<SurvivorId, StaffError> {
    staff.survivors().create(
        by,
        &SurvivorForm {
            pseudonym: pseudonym.to_owned(),
            age_band: "adult".to_owned(),
            languages: "en, es".to_owned(),
            place: place.to_owned(),
            call: true,
            text: true,
            template: template.to_owned(),
            notes: "Fictional demo record.".to_owned(),
            ..SurvivorForm::default()
        },
    )
}

/// Refers the plan's first need for which the directory has a service; returns the referral.
fn refer_first(staff: &Staff, by: &Actor, id: &SurvivorId) -> Result<Option<ReferralId>, StaffError> {
    for need in staff.directory().store.plan_needs(id)? {
        let found = staff.needs().candidates(by, id, &need.id)?;
        if let Some(hit) = found.local.first().or(found.lines.first()) {
            return staff
                .referrals()
                .refer(by, id, &need.id, &hit.listing.id)
                .map(Some);
        }
    }
    Ok(None)
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
        "Dana (directory admin)",
        "directory admin",
    )?];
    let dana = actor(staff, "dana.admin@example.org")?;
    let agency =
        staff
            .organisations()
            .create_agency(&dana, "Harbor Light Advocacy (fictional)", "Houston, TX")?;
    for (email, name, role, grant) in [
        (
            "alex.admin@example.org",
            "Alex (agency admin)",
            "agency admin",
            "agency_admin",
        ),
        (
            "ben.advocate@example.org",
            "Ben (advocate)",
            "advocate",
            "advocate",
        ),
        (
            "cleo.advocate@example.org",
            "Cleo (advocate)",
            "advocate",
            "advocate",
        ),
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
    let ben = actor(staff, "ben.advocate@example.org")?;
    let cleo = actor(staff, "cleo.advocate@example.org")?;
    // New: a plan just opened.
    survivor(staff, &ben, "R. (demo)", "adult", "Houston, TX")?;
    // Referrals pending.
    let m = survivor(staff, &ben, "M. (demo)", "foreign_national", "Houston, TX")?;
    if let Some(r) = refer_first(staff, &ben, &m)? {
        staff.referrals().advance(&ben, &r, "sent", "", "")?;
    }
    // Services started.
    let j = survivor(staff, &ben, "J. (demo)", "adult", "Houston, TX")?;
    if let Some(r) = refer_first(staff, &ben, &j)? {
        for step in ["sent", "accepted", "started"] {
            staff.referrals().advance(&ben, &r, step, "", "")?;
        }
        if let Some(need) = staff.directory().store.plan_needs(&j)?.first() {
            staff.needs().update(
                &ben,
                &j,
                &need.id,
                &NeedForm {
                    status: "in_service".to_owned(),
                    priority: "high".to_owned(),
                    their_words: "Somewhere safe to sleep where no one knows me.".to_owned(),
                    goal: "A safe bed this week.".to_owned(),
                    ..NeedForm::default()
                },
            )?;
        }
    }
    // Handed over from Ben to Cleo, Ben staying on.
    let t = survivor(staff, &ben, "T. (demo)", "minor", "Houston, TX")?;
    staff.hand_over().assign(
        &ben,
        &t,
        cleo.user.as_str(),
        true,
        false,
        "Fictional demo note: prefers calls after 6 pm; school starts Monday.",
    )?;
    // Erased at the survivor's request: only the audit entry remains.
    let e = survivor(staff, &cleo, "E. (demo)", "", "")?;
    staff.survivors().erase(&cleo, &e)?;
    Ok(accounts)
}
