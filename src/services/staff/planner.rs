//! The planner: survivors' records and plans. Every survivor field is sealed with the
//! survivor's own data key before it reaches the store (CRY-1/2); every read and change is
//! audited (LOG-1) without its content; only assigned advocates of the survivor's agency get
//! in (AC-1), and anyone else gets the same answer as for a survivor who does not exist.

use super::*;
use crate::domain::plan::{
    self, AgeBand, ContactPrefs, NeedStatus, NeedWords, PlanInvalid, Priority, SurvivorRecord,
};
use crate::domain::referral::{self, ReferralStatus, TransitionError};
use crate::search::Filters;
use crate::services::find::{Find, FindError, Whereabouts};
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
}

/// What a need's form sent.
#[derive(Debug, Default)]
pub struct NeedForm {
    /// Status code.
    pub status: String,
    /// Priority code.
    pub priority: String,
    /// Target date or empty.
    pub target_date: String,
    /// Their words.
    pub their_words: String,
    /// Goal.
    pub goal: String,
    /// Follow-up date or empty.
    pub follow_up: String,
}

/// A survivor in an advocate's list, with what asks for attention.
#[derive(Clone, Debug)]
pub struct SurvivorSummary {
    /// Id.
    pub id: String,
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
}

/// Days a referral may sit in one status before the dashboard says it is stuck.
pub const STUCK_DAYS: i64 = 14;

/// A need of a plan, opened.
#[derive(Clone, Debug)]
pub struct NeedView {
    /// Id.
    pub id: String,
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
    pub id: String,
    /// Opaque reference.
    pub reference: String,
    /// The need it is for.
    pub need: String,
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
    pub id: String,
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
}

/// Services found for a need of a plan, unconditional ones first.
#[derive(Clone, Debug)]
pub struct Candidates {
    /// The need's code.
    pub need: String,
    /// The survivor's place as resolved, if it was.
    pub place: Option<String>,
    /// The services, with their distance in km.
    pub hits: Vec<crate::search::Hit>,
}

pub(super) fn owner(survivor: &str) -> String {
    format!("survivors/{survivor}")
}

fn record_place(survivor: &str) -> Place<'_> {
    Place {
        table: "survivors",
        column: "record",
        row: survivor,
    }
}

pub(super) fn words_place(need: &str) -> Place<'_> {
    Place {
        table: "plan_needs",
        column: "words",
        row: need,
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
        };
        StaffError::Invalid {
            field: e.field(),
            key,
        }
    }
}

impl Staff {
    /// The survivor behind `id` if the actor may work on their plan; otherwise a denial,
    /// audited, answered like a missing survivor (AC-3).
    pub(super) fn assigned(
        &self,
        actor: &Actor,
        id: &str,
        action: &'static str,
    ) -> Result<StoredSurvivor, StaffError> {
        let record = format!("survivor:{id}");
        let found = self.directory.store.survivor(id)?;
        let Some(s) = found else {
            return Err(self.deny(actor, action, record));
        };
        let advocates: Vec<UserId> = s.advocates.iter().map(|(u, _)| u.clone()).collect();
        if !policy::allows(actor, Action::WorkOnPlan(&s.agency, &advocates)) {
            return Err(self.deny(actor, action, record));
        }
        Ok(s)
    }

    /// The survivor behind `id` if the actor is their primary advocate (`ManageSurvivor`);
    /// otherwise a denial, audited, answered like a missing survivor.
    fn as_primary(
        &self,
        actor: &Actor,
        id: &str,
        action: &'static str,
    ) -> Result<StoredSurvivor, StaffError> {
        let s = self.assigned(actor, id, action)?;
        if !s
            .primary()
            .is_some_and(|p| policy::allows(actor, Action::ManageSurvivor(&s.agency, p)))
        {
            return Err(self.deny(actor, action, format!("survivor:{id}")));
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

    fn seal_words(&self, survivor: &str, need: &str, words: &NeedWords) -> Result<Vec<u8>, StaffError> {
        let json = serde_json::to_vec(words)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
        Ok(self.vault.seal(&owner(survivor), words_place(need), &json)?)
    }

    /// The survivors the actor is assigned to, with their open needs.
    pub fn my_survivors(&self, actor: &Actor) -> Result<Vec<SurvivorSummary>, StaffError> {
        if !policy::allows(actor, Action::UsePlanner) {
            return Err(self.deny(actor, "survivor.list", String::new()));
        }
        let now = self.clock.now();
        let day = |t: i64| {
            jiff::Timestamp::from_second(t)
                .map(|t| t.strftime("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let (today, week) = (day(now), day(now + 7 * 86_400));
        let mut out = Vec::new();
        for id in self.directory.store.survivors_of(&actor.user)? {
            // One record the actor may no longer open (denied and audited in `assigned`), or
            // whose key is gone, must not hide the rest of the caseload.
            let Ok(s) = self.assigned(actor, &id, "survivor.list") else {
                continue;
            };
            let Ok(record) = self.open_record(&s) else {
                tracing::warn!(target: "pathways::planner", "a survivor record did not open; left off the caseload");
                continue;
            };
            let needs = self.directory.store.plan_needs(&id)?;
            let referrals = self.directory.store.referrals_of(&id)?;
            let open = |n: &StoredNeed| NeedStatus::from_code(&n.status).is_some_and(NeedStatus::is_open);
            let live =
                |r: &StoredReferral| ReferralStatus::from_code(&r.status).is_some_and(|s| !s.is_ended());
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
            let unprovided = needs
                .iter()
                .filter(|n| {
                    matches!(
                        NeedStatus::from_code(&n.status),
                        Some(NeedStatus::Identified | NeedStatus::BeingArranged)
                    )
                })
                .filter(|n| !referrals.iter().any(|r| r.need == n.id && live(r)))
                .count();
            out.push(SurvivorSummary {
                id,
                pseudonym: record.pseudonym,
                open_needs,
                overdue,
                upcoming,
                stuck,
                unprovided,
            });
        }
        // What asks for attention first: overdue, stuck, then the rest.
        out.sort_by_key(|s| (std::cmp::Reverse(s.overdue), std::cmp::Reverse(s.stuck)));
        let entry = self.audit(Some(&actor.user), None, "survivor.list", String::new(), true);
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(out)
    }

    /// Opens a survivor's record in the actor's agency, with the actor as primary advocate and
    /// the needs of the chosen template.
    pub fn create_survivor(&self, actor: &Actor, form: &SurvivorForm) -> Result<String, StaffError> {
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
        let record = SurvivorRecord {
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
        };
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
        let id = uuid::Uuid::new_v4().to_string();
        let key = self.vault.create_key(&owner(&id))?;
        let sealed = serde_json::to_vec(&record)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))
            .and_then(|json| Ok(key.seal(record_place(&id), &json)?))?;
        let mut needs = Vec::new();
        for code in template_needs {
            let need_id = uuid::Uuid::new_v4().to_string();
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
    pub fn plan(&self, actor: &Actor, id: &str) -> Result<PlanView, StaffError> {
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
        let referral_ids: Vec<String> = stored_referrals.iter().map(|r| r.id.clone()).collect();
        Ok(PlanView {
            id: id.to_owned(),
            record,
            needs,
            referrals,
            advocates,
            hand_over_to,
            recipients,
            consents: self.consents_of(id, &names)?,
            timeline: self.timeline_of(id, &referral_ids, &names)?,
        })
    }

    /// Adds a need of the taxonomy to a plan.
    pub fn add_need(&self, actor: &Actor, id: &str, code: &str) -> Result<(), StaffError> {
        let s = self.assigned(actor, id, "plan.need.add")?;
        let code = plan::need(code)?;
        let need_id = uuid::Uuid::new_v4().to_string();
        let need = StoredNeed {
            words: self.seal_words(id, &need_id, &NeedWords::default())?,
            id: need_id,
            code,
            status: NeedStatus::Identified.code().to_owned(),
            priority: Priority::Medium.code().to_owned(),
            target_date: None,
            follow_up: None,
            updated_at: 0,
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "plan.need.add",
            format!("survivor:{id}"),
            true,
        );
        self.directory
            .store
            .add_need(id, &need, &entry, self.clock.now())?;
        Ok(())
    }

    /// Changes a need of a plan: status, the survivor's priority, target date, their words, goal.
    pub fn update_need(
        &self,
        actor: &Actor,
        id: &str,
        need_id: &str,
        form: &NeedForm,
    ) -> Result<(), StaffError> {
        let s = self.assigned(actor, id, "plan.need.update")?;
        let status = NeedStatus::from_code(&form.status).ok_or(PlanInvalid::Status)?;
        let priority = Priority::from_code(&form.priority).ok_or(PlanInvalid::Priority)?;
        let words = NeedWords {
            their_words: plan::text(&form.their_words, 2000, "their_words")?,
            goal: plan::text(&form.goal, 2000, "goal")?,
        };
        let need = StoredNeed {
            id: need_id.to_owned(),
            code: String::new(),
            status: status.code().to_owned(),
            priority: priority.code().to_owned(),
            target_date: plan::date(&form.target_date, "target_date")?,
            follow_up: plan::date(&form.follow_up, "follow_up")?,
            words: self.seal_words(id, need_id, &words)?,
            updated_at: 0,
        };
        let record = format!("survivor:{id}");
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "plan.need.update",
            record.clone(),
            true,
        );
        if self
            .directory
            .store
            .update_need(id, &need, &entry, self.clock.now())?
        {
            Ok(())
        } else {
            Err(self.deny(actor, "plan.need.update", record))
        }
    }

    fn need_of(&self, survivor: &str, need_id: &str) -> Result<Option<StoredNeed>, StaffError> {
        Ok(self
            .directory
            .store
            .plan_needs(survivor)?
            .into_iter()
            .find(|n| n.id == need_id))
    }

    /// Services for a need of a plan: the directory search filtered by the need, around the
    /// survivor's place, for their age and first language, unconditional services first.
    pub fn candidates(&self, actor: &Actor, id: &str, need_id: &str) -> Result<Candidates, StaffError> {
        let s = self.assigned(actor, id, "plan.need.find")?;
        let Some(need) = self.need_of(id, need_id)? else {
            return Err(self.deny(actor, "plan.need.find", format!("survivor:{id}")));
        };
        let record = self.open_record(&s)?;
        let age = match record.age_band {
            AgeBand::Minor => 16,
            AgeBand::Youth => 21,
            AgeBand::Adult => 30,
        };
        // A language filter only for a first language other than English: nearly every
        // service speaks English, and the filter would hide the rest for nothing.
        let language = record.languages.first().filter(|l| *l != "en").cloned();
        let mut find = Find {
            text: String::new(),
            place: if record.place.trim().is_empty() {
                Whereabouts::Anywhere
            } else {
                Whereabouts::Typed(record.place.clone())
            },
            radius_km: None,
            filters: Filters {
                needs: vec![need.code.clone()],
                age: Some(age),
                language,
                ..Filters::default()
            },
            page: 1,
            limit: 30,
            now: jiff::Timestamp::from_second(self.clock.now()).unwrap_or_else(|_| jiff::Timestamp::now()),
        };
        // A place the gazetteer does not know is searched as anywhere rather than refused.
        let found = match self.directory.find(&find) {
            Err(FindError::Place(_)) => {
                find.place = Whereabouts::Anywhere;
                self.directory.find(&find)
            }
            other => other,
        };
        let found = found.map_err(|e| match e {
            FindError::Search(s) => StaffError::App(AppError::Search(s)),
            FindError::Place(p) => StaffError::App(AppError::Search(crate::search::SearchError::Document(
                p.to_string(),
            ))),
        })?;
        let mut hits = found.results.hits;
        hits.sort_by_key(|h| !h.listing.is_unconditional());
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "plan.need.find",
            format!("survivor:{id}"),
            true,
        );
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(Candidates {
            need: need.code,
            place: found.place.map(|p| p.label),
            hits,
        })
    }

    /// Refers a need of a plan to a service: a draft referral with an opaque reference.
    pub fn refer(
        &self,
        actor: &Actor,
        id: &str,
        need_id: &str,
        service_id: &str,
    ) -> Result<String, StaffError> {
        let s = self.assigned(actor, id, "referral.create")?;
        if self.need_of(id, need_id)?.is_none() {
            return Err(self.deny(actor, "referral.create", format!("survivor:{id}")));
        }
        let Some(listing) = self.directory.store.listing(service_id)? else {
            return Err(StaffError::Invalid {
                field: "service",
                key: "referral-error-service",
            });
        };
        let referral = StoredReferral {
            id: uuid::Uuid::new_v4().to_string(),
            reference: referral::reference(crate::crypto::random::<5>()?),
            survivor: id.to_owned(),
            need: need_id.to_owned(),
            service: listing.id,
            organization: listing.organization_id,
            status: ReferralStatus::Draft.code().to_owned(),
            reason: None,
            updated_at: 0,
            follow_up: None,
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "referral.create",
            format!("referral:{}", referral.id),
            true,
        );
        self.directory
            .store
            .create_referral(&referral, &actor.user, &entry, self.clock.now())?;
        Ok(referral.id)
    }

    /// The survivor a referral belongs to: an id only, to show their plan again after a
    /// refused step (showing the plan checks access).
    pub fn referral_survivor(&self, referral_id: &str) -> Result<Option<String>, StaffError> {
        Ok(self.directory.store.referral(referral_id)?.map(|r| r.survivor))
    }

    /// Moves a referral along its closed loop; returns its survivor's id. An invalid step is
    /// refused with a clear message and changes nothing.
    pub fn move_referral(
        &self,
        actor: &Actor,
        referral_id: &str,
        to: &str,
        reason: &str,
        follow_up: &str,
    ) -> Result<String, StaffError> {
        let record = format!("referral:{referral_id}");
        let Some(r) = self.directory.store.referral(referral_id)? else {
            return Err(self.deny(actor, "referral.status", record));
        };
        let s = self.assigned(actor, &r.survivor, "referral.status")?;
        // Everything is checked before anything is written: a refused step changes nothing.
        let follow_up = plan::date(follow_up, "follow_up")?;
        let from = ReferralStatus::from_code(&r.status).unwrap_or(ReferralStatus::Draft);
        let step = if to.is_empty() {
            None
        } else {
            Some(referral::transition(from, to, reason).map_err(|e| match e {
                TransitionError::Reason => StaffError::Invalid {
                    field: "reason",
                    key: "referral-error-reason",
                },
                _ => StaffError::Invalid {
                    field: "status",
                    key: "referral-error-transition",
                },
            })?)
        };
        let now = self.clock.now();
        if let Some((to, reason)) = step {
            let entry = self.audit(
                Some(&actor.user),
                Some(&s.agency),
                "referral.status",
                record.clone(),
                true,
            );
            let moved = self.directory.store.move_referral(
                referral_id,
                from.code(),
                to.code(),
                reason.map(|r| r.code()),
                &actor.user,
                &entry,
                now,
            )?;
            if !moved {
                return Err(StaffError::Invalid {
                    field: "status",
                    key: "referral-error-transition",
                });
            }
        }
        if follow_up != r.follow_up {
            let entry = self.audit(
                Some(&actor.user),
                Some(&s.agency),
                "referral.follow_up",
                record,
                true,
            );
            self.directory
                .store
                .set_referral_follow_up(referral_id, follow_up.as_deref(), &entry, now)?;
        }
        Ok(r.survivor)
    }
}

impl Staff {
    /// Erases a survivor (their primary advocate, with them): their rows, then their data key
    /// (crypto-shredding, CRY-3: every copy of their fields, backups included, becomes
    /// unreadable); the audit keeps one content-free entry.
    pub fn erase_survivor(&self, actor: &Actor, id: &str) -> Result<(), StaffError> {
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
}

/// What the survivor's own copy shows.
#[derive(Clone, Debug)]
pub struct CopyView {
    /// The plan.
    pub plan: PlanView,
    /// Phones of each referred service, by service name.
    pub phones: Vec<(String, Vec<String>)>,
    /// Their primary advocate: (name, email).
    pub advocate: (String, String),
}

impl Staff {
    /// The survivor's copy of their plan (the read is audited like any other).
    pub fn survivor_copy(&self, actor: &Actor, id: &str) -> Result<CopyView, StaffError> {
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
        let mut phones = Vec::new();
        for r in self.directory.store.referrals_of(id)? {
            if let Some(l) = self.directory.store.listing(&r.service)? {
                phones.push((
                    l.name.clone(),
                    l.phones.iter().map(|p| p.number.clone()).collect(),
                ));
            }
        }
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
            phones,
            advocate,
        })
    }
}

/// One line of a plan's timeline: when, who, what (never the content).
#[derive(Clone, Debug)]
pub struct TimelineEntry {
    /// Unix second.
    pub at: i64,
    /// Who (name).
    pub actor: String,
    /// Action code (`plan.need.update`, `referral.status`, `survivor.transfer`, …).
    pub action: String,
}

impl Staff {
    /// The active advocates of the survivor's agency not yet assigned to them: (id, name).
    pub fn other_advocates(&self, actor: &Actor, id: &str) -> Result<Vec<(UserId, String)>, StaffError> {
        let s = self.assigned(actor, id, "survivor.read")?;
        Ok(available(&s, self.directory.store.people()?))
    }

    /// Hands the survivor to another advocate of the agency (their primary advocate does it);
    /// the previous one stays on as co-advocate when `stay`. With `co_only`, adds a co-advocate.
    pub fn assign(
        &self,
        actor: &Actor,
        id: &str,
        to: &str,
        stay: bool,
        co_only: bool,
    ) -> Result<(), StaffError> {
        let record = format!("survivor:{id}");
        let s = self.as_primary(actor, id, "survivor.assign")?;
        let choices = self.other_advocates(actor, id)?;
        let Some((to, _)) = choices.into_iter().find(|(u, _)| u.as_str() == to) else {
            return Err(StaffError::Invalid {
                field: "advocate",
                key: "plan-error-advocate",
            });
        };
        let mut advocates: Vec<(UserId, bool)> = if co_only {
            let mut all = s.advocates.clone();
            all.push((to, false));
            all
        } else {
            let mut all: Vec<(UserId, bool)> = s
                .advocates
                .iter()
                .filter(|(u, p)| !*p || stay || *u != actor.user)
                .map(|(u, _)| (u.clone(), false))
                .collect();
            all.insert(0, (to, true));
            all
        };
        advocates.dedup_by(|a, b| a.0 == b.0);
        let action = if co_only {
            "survivor.co_advocate"
        } else {
            "survivor.transfer"
        };
        let entry = self.audit(Some(&actor.user), Some(&s.agency), action, record, true);
        self.directory
            .store
            .set_advocates(id, &advocates, &entry, self.clock.now())?;
        Ok(())
    }

    /// The plan's timeline, oldest first: needs, referrals, statuses, hand-overs — who and
    /// when, never what (for `plan`, which has checked access).
    fn timeline_of(
        &self,
        id: &str,
        referrals: &[String],
        names: &std::collections::HashMap<String, String>,
    ) -> Result<Vec<TimelineEntry>, StaffError> {
        let mut records = vec![format!("survivor:{id}")];
        records.extend(referrals.iter().map(|r| format!("referral:{r}")));
        Ok(self
            .directory
            .store
            .audit_of(&records)?
            .into_iter()
            .filter(|e| {
                !matches!(
                    e.action.as_str(),
                    "survivor.read" | "survivor.print" | "plan.need.find"
                )
            })
            .map(|e| TimelineEntry {
                at: e.at,
                actor: e.actor.and_then(|a| names.get(&a).cloned()).unwrap_or_default(),
                action: e.action,
            })
            .collect())
    }
}

/// Counts below this are shown as "<5" (LEG-3: small cells could point at a person).
pub const SMALL_CELL: u64 = 5;

/// A count as a report shows it: small cells suppressed.
pub fn suppressed(n: u64) -> String {
    if n > 0 && n < SMALL_CELL {
        format!("<{SMALL_CELL}")
    } else {
        n.to_string()
    }
}

/// An agency's report: counts only, as text with small cells suppressed.
#[derive(Clone, Debug)]
pub struct AgencyReport {
    /// The agency's name.
    pub agency: String,
    /// Open needs: (need code, status code, count).
    pub needs: Vec<(String, String, String)>,
    /// Referral outcomes: (need code, status code, count).
    pub referrals: Vec<(String, String, String)>,
    /// Needs with no provider found: (need code, count).
    pub unprovided: Vec<(String, String)>,
}

impl Staff {
    /// The reports of the agencies the actor administers (agency admins: counts only).
    pub fn reports(&self, actor: &Actor) -> Result<Vec<AgencyReport>, StaffError> {
        let agencies: Vec<AgencyId> = actor.administered_agencies().into_iter().cloned().collect();
        if agencies.is_empty() {
            return Err(self.deny(actor, "report.read", String::new()));
        }
        let names = self.names()?;
        let mut out = Vec::new();
        for agency in agencies {
            if !policy::allows(actor, Action::ReadReports(&agency)) {
                return Err(self.deny(actor, "report.read", format!("agency:{agency}")));
            }
            let (needs, referrals, unprovided) = self.directory.store.agency_counts(agency.as_str())?;
            let cell = |v: Vec<(String, String, u64)>| {
                v.into_iter().map(|(a, b, n)| (a, b, suppressed(n))).collect()
            };
            out.push(AgencyReport {
                agency: names.of(&Scope::Agency(agency.clone())),
                needs: cell(needs.clone()),
                referrals: cell(referrals),
                unprovided: unprovided
                    .into_iter()
                    .map(|(code, n)| {
                        // Secondary suppression: the early-stage needs of this kind minus these
                        // would give the ones with a provider; if that is a small number, this
                        // cell is hidden too, so it cannot be worked out.
                        let early: u64 = needs
                            .iter()
                            .filter(|(c, st, _)| *c == code && (st == "identified" || st == "being_arranged"))
                            .map(|(_, _, k)| *k)
                            .sum();
                        let rest = early.saturating_sub(n);
                        let shown = if rest > 0 && rest < SMALL_CELL {
                            "*".to_owned()
                        } else {
                            suppressed(n)
                        };
                        (code, shown)
                    })
                    .collect(),
            });
            let entry = self.audit(
                Some(&actor.user),
                Some(&agency),
                "report.read",
                format!("agency:{agency}"),
                true,
            );
            self.directory.store.audit_read(&entry, self.clock.now())?;
        }
        Ok(out)
    }
}

impl Staff {
    /// Closes a survivor's plan (their primary advocate): it leaves the caseload and waits
    /// for the retention purge.
    pub fn close_plan(&self, actor: &Actor, id: &str) -> Result<(), StaffError> {
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
                Some(&AgencyId(agency.clone())),
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
            let id = key_owner.trim_start_matches("survivors/");
            if !self.directory.store.survivor_exists(id)? {
                self.vault.shred(&key_owner)?;
            }
        }
        Ok(closed.len())
    }
}

/// The active advocates of the survivor's agency not yet assigned to them: (id, name).
fn available(
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
