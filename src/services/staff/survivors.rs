//! Survivors' records and plans: the caseload, a new record, the plan page, the survivor's
//! own copy, closing, erasing and the retention purge. Every survivor field is sealed with the
//! survivor's own data key before it reaches the store (CRY-1/2); every read and change is
//! audited (LOG-1) without its content; only assigned advocates of the survivor's agency get
//! in (AC-1), and anyone else gets the same answer as for a survivor who does not exist.

use super::*;
use crate::domain::ids::{NeedId, ReferralId, SurvivorId};
use crate::domain::plan::{
    self, AgeBand, ContactPrefs, NeedStatus, NeedWords, PlanInvalid, Priority, SurvivorRecord, WayKind,
};
use crate::domain::referral::ReferralStatus;
use crate::store::{StoredNeed, StoredReferral, StoredSurvivor};

/// What the new-survivor form sent.
#[derive(Debug, Default)]
pub struct SurvivorForm {
    /// Pseudonym or initials.
    pub pseudonym: String,
    /// Age band code.
    pub age_band: String,
    /// Languages ("en, es").
    pub languages: String,
    /// City or ZIP.
    pub place: String,
    /// May we call?
    pub call: bool,
    /// May we text?
    pub text: bool,
    /// May we leave a voicemail?
    pub voicemail: bool,
    /// Safe hours.
    pub safe_hours: String,
    /// Code word.
    pub code_word: String,
    /// Notes.
    pub notes: String,
    /// Plan template code (or empty for none).
    pub template: String,
    /// Up to two phones: (number, safe-to-use code).
    pub phones: [(String, String); 2],
    /// An email: (address, safe-to-use code).
    pub email: (String, String),
}

/// The record a form describes, every field checked (for a new record and an edit alike).
fn record_of(form: &SurvivorForm) -> Result<SurvivorRecord, PlanInvalid> {
    let mut ways = Vec::new();
    for (i, (number, safe)) in form.phones.iter().enumerate() {
        let field = if i == 0 { "phone_1" } else { "phone_2" };
        ways.extend(plan::way(WayKind::Phone, number, safe, field)?);
    }
    ways.extend(plan::way(WayKind::Email, &form.email.0, &form.email.1, "email")?);
    Ok(SurvivorRecord {
        pseudonym: plan::pseudonym(&form.pseudonym)?,
        age_band: AgeBand::from_code(&form.age_band).ok_or(PlanInvalid::AgeBand)?,
        languages: plan::languages(&form.languages)?,
        place: plan::text(&form.place, 100, "place")?,
        contact: ContactPrefs {
            call: form.call,
            text: form.text,
            voicemail: form.voicemail,
            safe_hours: plan::text(&form.safe_hours, 200, "safe_hours")?,
            code_word: plan::text(&form.code_word, 50, "code_word")?,
        },
        notes: plan::text(&form.notes, 5000, "notes")?,
        ways,
    })
}

/// A survivor in an advocate's list, with what asks for attention.
#[derive(Clone, Debug)]
pub struct SurvivorSummary {
    /// Id.
    pub id: SurvivorId,
    /// Pseudonym.
    pub pseudonym: String,
    /// Needs still open.
    pub open_needs: usize,
    /// Follow-ups (needs and referrals) whose date has passed.
    pub overdue: usize,
    /// Follow-ups in the next seven days.
    pub upcoming: usize,
    /// Referrals in one status for over 14 days (not ended).
    pub stuck: usize,
    /// Open needs with no live referral: no provider found yet.
    pub unprovided: usize,
    /// Follow-ups due today.
    pub due_today: usize,
    /// Referrals waiting on the provider (sent or received, no answer) for over
    /// [`WAITING_DAYS`].
    pub waiting: usize,
    /// Referral steps a provider took in the last [`ANSWER_DAYS`].
    pub answers: usize,
}

/// Days a referral may sit in one status before the dashboard says it is stuck.
pub const STUCK_DAYS: i64 = 14;
/// Days a sent referral may wait for the provider's answer before the advocate's day says so
/// (the catalogues' `day-waiting` says the number).
pub const WAITING_DAYS: i64 = 5;
/// Days a provider's answer counts as new on the advocate's day.
pub const ANSWER_DAYS: i64 = 7;

/// An advocate's day across their caseload: each count is of survivors' items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AdvocateDay {
    /// Survivors on the caseload.
    pub survivors: usize,
    /// Follow-ups overdue.
    pub overdue: usize,
    /// Follow-ups due today.
    pub due_today: usize,
    /// Referrals waiting on a provider for over [`WAITING_DAYS`].
    pub waiting: usize,
    /// Provider answers in the last [`ANSWER_DAYS`].
    pub answers: usize,
    /// Open needs with no provider yet.
    pub unprovided: usize,
}

/// A need of a plan, opened.
#[derive(Clone, Debug)]
pub struct NeedView {
    /// Id.
    pub id: NeedId,
    /// Need code.
    pub code: String,
    /// Status.
    pub status: NeedStatus,
    /// Priority.
    pub priority: Priority,
    /// Target date.
    pub target_date: Option<String>,
    /// Their words and the goal.
    pub words: NeedWords,
    /// Follow-up date.
    pub follow_up: Option<String>,
}

/// A referral of a plan.
#[derive(Clone, Debug)]
pub struct ReferralView {
    /// Id.
    pub id: ReferralId,
    /// Opaque reference.
    pub reference: String,
    /// The need it is for.
    pub need: NeedId,
    /// The service's name (or its id if no longer listed).
    pub service: String,
    /// The organisation's name.
    pub organisation: String,
    /// Status.
    pub status: ReferralStatus,
    /// Decline reason code.
    pub reason: Option<String>,
    /// Unix second of the last change.
    pub updated_at: i64,
    /// Follow-up date.
    pub follow_up: Option<String>,
}

/// A survivor's plan, opened.
#[derive(Clone, Debug)]
pub struct PlanView {
    /// Id.
    pub id: SurvivorId,
    /// The record.
    pub record: SurvivorRecord,
    /// The needs.
    pub needs: Vec<NeedView>,
    /// The referrals.
    pub referrals: Vec<ReferralView>,
    /// Their advocates: (name, primary).
    pub advocates: Vec<(String, bool)>,
    /// Advocates of the agency the viewer may hand over to: empty unless the viewer is
    /// their primary advocate.
    pub hand_over_to: Vec<(UserId, String)>,
    /// Organisations referred to (HSDS id, name): who a consent may name.
    pub recipients: Vec<(String, String)>,
    /// Consents, newest first.
    pub consents: Vec<super::ConsentView>,
    /// The timeline, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Today's date (YYYY-MM-DD), for what is overdue.
    pub today: String,
}

pub(super) fn owner(survivor: &SurvivorId) -> String {
    format!("survivors/{survivor}")
}

fn record_place(survivor: &SurvivorId) -> Place<'_> {
    Place {
        table: "survivors",
        column: "record",
        row: survivor.as_str(),
    }
}

pub(super) fn words_place(need: &NeedId) -> Place<'_> {
    Place {
        table: "plan_needs",
        column: "words",
        row: need.as_str(),
    }
}

impl From<PlanInvalid> for StaffError {
    fn from(e: PlanInvalid) -> StaffError {
        let key = match e {
            PlanInvalid::Pseudonym => "plan-error-pseudonym",
            PlanInvalid::AgeBand => "plan-error-age-band",
            PlanInvalid::Languages => "plan-error-languages",
            PlanInvalid::TooLong(_) => "plan-error-too-long",
            PlanInvalid::Need => "plan-error-need",
            PlanInvalid::Template => "plan-error-template",
            PlanInvalid::Status => "plan-error-status",
            PlanInvalid::Priority => "plan-error-priority",
            PlanInvalid::Date(_) => "plan-error-date",
            PlanInvalid::Way(_) => "plan-error-way",
        };
        StaffError::Invalid {
            field: e.field(),
            key,
        }
    }
}

/// What the survivor's own copy shows.
#[derive(Clone, Debug)]
pub struct CopyView {
    /// The plan.
    pub plan: PlanView,
    /// How to reach each referred service, by service name.
    pub contacts: Vec<(String, ServiceContact)>,
    /// Their primary advocate: (name, email).
    pub advocate: (String, String),
    /// The advocate's agency.
    pub agency: String,
    /// The agency's phone, if it gave one.
    pub agency_phone: Option<String>,
}

/// How a survivor reaches a service they were referred to: its phones, and its address
/// unless its location is confidential.
#[derive(Clone, Debug, Default)]
pub struct ServiceContact {
    /// Phone numbers.
    pub phones: Vec<String>,
    /// The address lines (empty for a confidential location).
    pub address: Vec<String>,
}

/// The active advocates of the survivor's agency not yet assigned to them: (id, name).
pub(super) fn available(
    s: &StoredSurvivor,
    people: Vec<(
        crate::domain::staff::Account,
        Vec<crate::domain::staff::Membership>,
    )>,
) -> Vec<(UserId, String)> {
    let assigned: Vec<&UserId> = s.advocates.iter().map(|(u, _)| u).collect();
    people
        .into_iter()
        .filter(|(a, ms)| {
            !a.disabled
                && !assigned.contains(&&a.id)
                && ms.iter().any(|m| {
                    m.ended.is_none()
                        && m.role == Role::Advocate
                        && m.scope == Scope::Agency(s.agency.clone())
                })
        })
        .map(|(a, _)| (a.id, a.name))
        .collect()
}

impl Staff {
    /// The survivor behind `id` if the actor may work on their plan; otherwise a denial,
    /// audited, answered like a missing survivor (AC-3).
    pub(super) fn assigned(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        action: &'static str,
    ) -> Result<StoredSurvivor, StaffError> {
        let record = format!("survivor:{id}");
        let found = self.directory.store.survivor(id)?;
        let Some(s) = found else {
            return Err(self.deny(actor, action, record));
        };
        let advocates: Vec<UserId> = s.advocates.iter().map(|(u, _)| u.clone()).collect();
        if !policy::allows(actor, Action::WorkOnPlan(&s.agency, &advocates)) {
            // The survivor's agency sees the attempt in its audit log (issue 12, defect 4).
            return Err(self.deny_in(actor, Some(&s.agency), action, record));
        }
        Ok(s)
    }
    /// The survivor behind `id` if the actor is their primary advocate (`ManageSurvivor`);
    /// otherwise a denial, audited, answered like a missing survivor.
    pub(super) fn as_primary(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        action: &'static str,
    ) -> Result<StoredSurvivor, StaffError> {
        let s = self.assigned(actor, id, action)?;
        if !s
            .primary()
            .is_some_and(|p| policy::allows(actor, Action::ManageSurvivor(&s.agency, p)))
        {
            return Err(self.deny_in(actor, Some(&s.agency), action, format!("survivor:{id}")));
        }
        Ok(s)
    }
    pub(super) fn open_record(&self, s: &StoredSurvivor) -> Result<SurvivorRecord, StaffError> {
        // REL-4: a record that does not open is an error, never shown half.
        let bytes = self
            .vault
            .open_field(&owner(&s.id), record_place(&s.id), &s.record)?;
        serde_json::from_slice(&bytes).map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))
    }
    pub(super) fn seal_words(
        &self,
        survivor: &SurvivorId,
        need: &NeedId,
        words: &NeedWords,
    ) -> Result<Vec<u8>, StaffError> {
        let json = serde_json::to_vec(words)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
        Ok(self.vault.seal(&owner(survivor), words_place(need), &json)?)
    }
}

impl Survivors<'_> {
    /// The survivors the actor is assigned to, with their open needs.
    pub fn caseload(&self, actor: &Actor) -> Result<Vec<SurvivorSummary>, StaffError> {
        if !policy::allows(actor, Action::UsePlanner) {
            return Err(self.deny(actor, "survivor.list", String::new()));
        }
        let now = self.clock.now();
        // "Today" is the advocate's agency's day, not UTC's.
        let zone = self.time_zone_of_grants(&actor.grants)?;
        let day = |t: i64| super::local_time::local_date(t, &zone);
        let (today, week) = (day(now), day(now + 7 * 86_400));
        let mut out = Vec::new();
        let ids = self.directory.store.survivors_of(&actor.user)?;
        // Every plan's needs and referrals in two reads, not two a survivor.
        let mut all_needs = self.directory.store.plan_needs_of(&ids)?;
        let mut all_referrals = self.directory.store.referrals_of_all(&ids)?;
        for id in ids {
            // One record the actor may no longer open (denied and audited in `assigned`), or
            // whose key is gone, must not hide the rest of the caseload.
            let Ok(s) = self.assigned(actor, &id, "survivor.list") else {
                continue;
            };
            let Ok(record) = self.open_record(&s) else {
                tracing::warn!(target: "pathways::planner", "a survivor record did not open; left off the caseload");
                continue;
            };
            let needs = all_needs.remove(&id).unwrap_or_default();
            let referrals = all_referrals.remove(&id).unwrap_or_default();
            let open = |n: &StoredNeed| NeedStatus::from_code(&n.status).is_some_and(NeedStatus::is_open);
            let live =
                |r: &StoredReferral| ReferralStatus::from_code(&r.status).is_some_and(|s| !s.is_ended());
            // A provider was found for a need once a referral of it is live or was completed;
            // declined, withdrawn or closed ones leave it to find.
            let provides = |r: &StoredReferral| {
                live(r) || ReferralStatus::from_code(&r.status) == Some(ReferralStatus::Completed)
            };
            let dates: Vec<&str> = needs
                .iter()
                .filter(|n| open(n))
                .filter_map(|n| n.follow_up.as_deref())
                .chain(
                    referrals
                        .iter()
                        .filter(|r| live(r))
                        .filter_map(|r| r.follow_up.as_deref()),
                )
                .collect();
            let open_needs = needs.iter().filter(|n| open(n)).count();
            let overdue = dates.iter().filter(|d| **d < today.as_str()).count();
            let upcoming = dates
                .iter()
                .filter(|d| **d >= today.as_str() && **d <= week.as_str())
                .count();
            let stuck = referrals
                .iter()
                .filter(|r| live(r) && now - r.updated_at > STUCK_DAYS * 86_400)
                .count();
            let due_today = dates.iter().filter(|d| **d == today.as_str()).count();
            let waiting = referrals
                .iter()
                .filter(|r| {
                    matches!(
                        ReferralStatus::from_code(&r.status),
                        Some(ReferralStatus::Sent | ReferralStatus::Received)
                    ) && now - r.updated_at > WAITING_DAYS * 86_400
                })
                .count();
            let advocates: Vec<&str> = s.advocates.iter().map(|(u, _)| u.as_str()).collect();
            let answers = self
                .directory
                .store
                .referral_events_of(&id)?
                .iter()
                .filter(|e| now - e.at <= ANSWER_DAYS * 86_400 && !advocates.contains(&e.actor.as_str()))
                .count();
            let unprovided = needs
                .iter()
                .filter(|n| {
                    matches!(
                        NeedStatus::from_code(&n.status),
                        Some(NeedStatus::Identified | NeedStatus::BeingArranged)
                    )
                })
                .filter(|n| !referrals.iter().any(|r| r.need == n.id && provides(r)))
                .count();
            out.push(SurvivorSummary {
                id,
                pseudonym: record.pseudonym,
                open_needs,
                overdue,
                upcoming,
                stuck,
                unprovided,
                due_today,
                waiting,
                answers,
            });
        }
        // What asks for attention first: overdue, stuck, then the rest.
        out.sort_by_key(|s| (std::cmp::Reverse(s.overdue), std::cmp::Reverse(s.stuck)));
        let entry = self.audit(Some(&actor.user), None, "survivor.list", String::new(), true);
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(out)
    }
    /// The actor's day across their caseload, or `None` for someone who does not use the
    /// planner (asked without a denial: the staff home asks everyone).
    pub fn day(&self, actor: &Actor) -> Result<Option<AdvocateDay>, StaffError> {
        if !policy::allows(actor, Action::UsePlanner) {
            return Ok(None);
        }
        let caseload = self.caseload(actor)?;
        let sum = |f: fn(&SurvivorSummary) -> usize| caseload.iter().map(f).sum();
        Ok(Some(AdvocateDay {
            survivors: caseload.len(),
            overdue: sum(|s| s.overdue),
            due_today: sum(|s| s.due_today),
            waiting: sum(|s| s.waiting),
            answers: sum(|s| s.answers),
            unprovided: sum(|s| s.unprovided),
        }))
    }
    /// Opens a survivor's record in the actor's agency, with the actor as primary advocate and
    /// the needs of the chosen template.
    pub fn create(&self, actor: &Actor, form: &SurvivorForm) -> Result<SurvivorId, StaffError> {
        let Some(agency) = actor
            .grants
            .iter()
            .filter(|g| g.role == Role::Advocate)
            .find_map(|g| g.scope.agency())
            .cloned()
        else {
            return Err(self.deny(actor, "survivor.create", String::new()));
        };
        if !policy::allows(actor, Action::CreateSurvivor(&agency)) {
            return Err(self.deny(actor, "survivor.create", String::new()));
        }
        let record = record_of(form)?;
        let template_needs: Vec<String> = if form.template.is_empty() {
            Vec::new()
        } else {
            plan::templates()
                .iter()
                .find(|t| t.code == form.template)
                .ok_or(PlanInvalid::Template)?
                .needs
                .clone()
        };
        let id = SurvivorId::random();
        let key = self.vault.create_key(&owner(&id))?;
        let sealed = serde_json::to_vec(&record)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))
            .and_then(|json| Ok(key.seal(record_place(&id), &json)?))?;
        let mut needs = Vec::new();
        for code in template_needs {
            let need_id = NeedId::random();
            let words = self.seal_words(&id, &need_id, &NeedWords::default())?;
            needs.push(StoredNeed {
                id: need_id,
                code,
                status: NeedStatus::Identified.code().to_owned(),
                priority: Priority::Medium.code().to_owned(),
                target_date: None,
                words,
                follow_up: None,
                updated_at: 0,
            });
        }
        let survivor = StoredSurvivor {
            id: id.clone(),
            agency: agency.clone(),
            record: sealed,
            created_at: 0,
            advocates: vec![(actor.user.clone(), true)],
            county: self.county_of(&record.place),
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&agency),
            "survivor.create",
            format!("survivor:{id}"),
            true,
        );
        if let Err(e) = self
            .directory
            .store
            .create_survivor(&survivor, &needs, &entry, self.clock.now())
        {
            let _ = self.vault.shred(&owner(&id));
            return Err(e.into());
        }
        Ok(id)
    }
    /// A survivor's plan, opened for an assigned advocate (the read is audited).
    pub fn plan(&self, actor: &Actor, id: &SurvivorId) -> Result<PlanView, StaffError> {
        let s = self.assigned(actor, id, "survivor.read")?;
        let record = self.open_record(&s)?;
        let mut needs = Vec::new();
        for n in self.directory.store.plan_needs(id)? {
            let bytes = self.vault.open_field(&owner(id), words_place(&n.id), &n.words)?;
            let words: NeedWords = serde_json::from_slice(&bytes)
                .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
            needs.push(NeedView {
                status: NeedStatus::from_code(&n.status).unwrap_or(NeedStatus::Identified),
                priority: Priority::from_code(&n.priority).unwrap_or(Priority::Medium),
                target_date: n.target_date,
                code: n.code,
                id: n.id,
                words,
                follow_up: n.follow_up,
            });
        }
        // The survivor's priority first, then what is still to be done (issue 17).
        needs.sort_by_key(|n| (n.priority, n.status.rank()));
        let mut referrals = Vec::new();
        let stored_referrals = self.directory.store.referrals_of(id)?;
        for r in stored_referrals.iter().cloned() {
            let listing = self.directory.store.listing(&r.service)?;
            referrals.push(ReferralView {
                service: listing
                    .as_ref()
                    .map_or_else(|| r.service.clone(), |l| l.name.clone()),
                organisation: listing.map(|l| l.organization).unwrap_or_default(),
                status: ReferralStatus::from_code(&r.status).unwrap_or(ReferralStatus::Draft),
                id: r.id,
                reference: r.reference,
                need: r.need,
                reason: r.reason,
                updated_at: r.updated_at,
                follow_up: r.follow_up,
            });
        }
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "survivor.read",
            format!("survivor:{id}"),
            true,
        );
        self.directory.store.audit_read(&entry, self.clock.now())?;
        // Everything the plan page shows, with one read of the people list.
        let people = self.directory.store.people()?;
        let names: std::collections::HashMap<String, String> = people
            .iter()
            .map(|(a, _)| (a.id.0.clone(), a.name.clone()))
            .collect();
        let advocates = s
            .advocates
            .iter()
            .map(|(u, p)| (names.get(u.as_str()).cloned().unwrap_or_default(), *p))
            .collect();
        let hand_over_to = if s.primary() == Some(&actor.user) {
            available(&s, people)
        } else {
            Vec::new()
        };
        let mut recipients: Vec<(String, String)> = Vec::new();
        for r in &stored_referrals {
            if !recipients.iter().any(|(o, _)| *o == r.organization) {
                let name = self.directory.store.organization_name(&r.organization)?;
                recipients.push((
                    r.organization.clone(),
                    name.unwrap_or_else(|| r.organization.clone()),
                ));
            }
        }
        let consents = self.consents_of(id, &names)?;
        let timeline = self.timeline_of(id, &referrals, &consents, &names)?;
        Ok(PlanView {
            id: id.to_owned(),
            record,
            needs,
            referrals,
            advocates,
            hand_over_to,
            recipients,
            consents,
            timeline,
            today: super::local_time::local_date(self.clock.now(), &self.agency_time_zone(&s.agency)?),
        })
    }
    /// The record as it stands, for its edit form (the read is audited like the plan's).
    pub fn record(&self, actor: &Actor, id: &SurvivorId) -> Result<SurvivorRecord, StaffError> {
        let s = self.assigned(actor, id, "survivor.read")?;
        let record = self.open_record(&s)?;
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "survivor.read",
            format!("survivor:{id}"),
            true,
        );
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(record)
    }
    /// Replaces the record with the form's (any assigned advocate): every field checked
    /// first, sealed again with the survivor's key, audited without its content. A refused
    /// form changes nothing.
    pub fn update_record(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        form: &SurvivorForm,
    ) -> Result<(), StaffError> {
        let s = self.assigned(actor, id, "survivor.edit")?;
        let record = record_of(form)?;
        let json = serde_json::to_vec(&record)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
        let sealed = self.vault.seal(&owner(id), record_place(id), &json)?;
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "survivor.edit",
            format!("survivor:{id}"),
            true,
        );
        self.directory.store.update_survivor_record(
            id,
            &sealed,
            self.county_of(&record.place).as_deref(),
            &entry,
            self.clock.now(),
        )?;
        Ok(())
    }
    /// The county (FIPS) of a survivor's place as typed ("Houston, TX", a ZIP code), for
    /// the counts by county; none when the gazetteer does not know it.
    fn county_of(&self, place: &str) -> Option<String> {
        let gazetteer = self.directory.gazetteer;
        let resolved = gazetteer.resolve(place).ok()?;
        gazetteer.county_of(&resolved).map(|c| c.fips.clone())
    }

    /// Erases a survivor (their primary advocate, with them): their rows, then their data key
    /// (crypto-shredding, CRY-3: every copy of their fields, backups included, becomes
    /// unreadable); the audit keeps one content-free entry.
    pub fn erase(&self, actor: &Actor, id: &SurvivorId) -> Result<(), StaffError> {
        let record = format!("survivor:{id}");
        let s = self.as_primary(actor, id, "survivor.erase")?;
        // Rows (with the audit entry) first, in one transaction; then the key. If destroying
        // the key fails, the rows are gone already and the purge's sweep destroys the key.
        let entry = self.audit(Some(&actor.user), Some(&s.agency), "survivor.erase", record, true);
        self.directory
            .store
            .erase_survivor(id, &entry, self.clock.now())?;
        self.vault.shred(&owner(id))?;
        Ok(())
    }
    /// The survivor's copy of their plan (the read is audited like any other).
    pub fn copy(&self, actor: &Actor, id: &SurvivorId) -> Result<CopyView, StaffError> {
        let plan = self.plan(actor, id)?;
        // `plan` checked access (and audited the read); this is the same survivor's row.
        let s = self.directory.store.survivor(id)?.ok_or(StaffError::NotFound)?;
        let advocate = match s.primary().cloned() {
            Some(u) => self
                .directory
                .store
                .account_by_id(&u)?
                .map(|a| (a.name, a.email))
                .unwrap_or_default(),
            None => Default::default(),
        };
        let mut contacts = Vec::new();
        for r in self.directory.store.referrals_of(id)? {
            if let Some(l) = self.directory.store.listing(&r.service)? {
                let address = match (&l.office, l.confidential) {
                    (Some(office), false) => office.address.clone(),
                    _ => Vec::new(),
                };
                contacts.push((
                    l.name.clone(),
                    ServiceContact {
                        phones: l.phones.iter().map(|p| p.number.clone()).collect(),
                        address,
                    },
                ));
            }
        }
        let agency = self
            .directory
            .store
            .agencies()?
            .into_iter()
            .find(|(a, _)| a.id == s.agency)
            .map(|(a, _)| a.name)
            .unwrap_or_default();
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "survivor.print",
            format!("survivor:{id}"),
            true,
        );
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(CopyView {
            plan,
            contacts,
            advocate,
            agency,
            agency_phone: self.directory.store.agency_settings(&s.agency)?.phone,
        })
    }
    /// Closes a survivor's plan (their primary advocate): it leaves the caseload and waits
    /// for the retention purge.
    pub fn close_plan(&self, actor: &Actor, id: &SurvivorId) -> Result<(), StaffError> {
        let record = format!("survivor:{id}");
        let s = self.as_primary(actor, id, "survivor.close")?;
        let entry = self.audit(Some(&actor.user), Some(&s.agency), "survivor.close", record, true);
        self.directory
            .store
            .close_survivor(id, &entry, self.clock.now())?;
        Ok(())
    }
    /// LEG-4 retention: erases every plan closed more than `months` months ago (30-day
    /// months), key first; returns how many. Run by `pathways purge`.
    pub fn purge_closed(&self, months: u32) -> Result<usize, StaffError> {
        let now = self.clock.now();
        let cutoff = now - i64::from(months) * 30 * 86_400;
        let closed = self.directory.store.closed_before(cutoff)?;
        for (id, agency) in &closed {
            let entry = self.audit(
                None,
                Some(agency),
                "survivor.purge",
                format!("survivor:{id}"),
                true,
            );
            self.directory.store.erase_survivor(id, &entry, now)?;
            self.vault.shred(&owner(id))?;
        }
        // The sweep: a key whose survivor is gone (an erasure interrupted between its two
        // steps) is destroyed now.
        for key_owner in self.vault.owners("survivors/")? {
            let id = SurvivorId(key_owner.trim_start_matches("survivors/").to_owned());
            if !self.directory.store.survivor_exists(&id)? {
                self.vault.shred(&key_owner)?;
            }
        }
        Ok(closed.len())
    }
}
