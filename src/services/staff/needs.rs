//! The needs of a plan: adding one from the taxonomy, updating its status, words, goal and
//! dates, and finding services for it near the survivor.

use super::*;
use crate::domain::finding::{Filters, Hit};
use crate::domain::ids::{NeedId, SurvivorId};
use crate::domain::plan::{self, AgeBand, NeedStatus, NeedWords, PlanInvalid, Priority};
use crate::services::find::{Find, FindError, Whereabouts};
use crate::store::StoredNeed;

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

/// Services found for a need of a plan, unconditional ones first.
#[derive(Clone, Debug)]
pub struct Candidates {
    /// The need's code.
    pub need: String,
    /// The survivor's place as resolved, if it was.
    pub place: Option<String>,
    /// Services near the place (or reaching it by their area), in search's order.
    pub local: Vec<Hit>,
    /// National and statewide lines, in search's order.
    pub lines: Vec<Hit>,
    /// The time the search read "open now" at.
    pub now: jiff::Timestamp,
}

impl Needs<'_> {
    /// Adds a need of the taxonomy to a plan.
    pub fn add(&self, actor: &Actor, id: &SurvivorId, code: &str) -> Result<(), StaffError> {
        let s = self.assigned(actor, id, "plan.need.add")?;
        let code = plan::need(code)?;
        let need_id = NeedId::random();
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
        let history = self.history_row(
            actor,
            id,
            "need_added",
            &super::handover::NeedDetail {
                code: need.code.clone(),
                ..Default::default()
            },
        )?;
        self.directory
            .store
            .add_need(id, &need, Some(&history), &entry, self.clock.now())?;
        Ok(())
    }
    /// Changes a need of a plan: status, the survivor's priority, target date, their words, goal.
    pub fn update(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        need_id: &NeedId,
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
        let Some(before) = self.need_of(id, need_id)? else {
            return Err(self.deny(actor, "plan.need.update", record));
        };
        // What changed, for the plan's history: codes and dates, and whether their words
        // changed — never the words.
        let old_words: NeedWords = serde_json::from_slice(&self.vault.open_field(
            &super::survivors::owner(id),
            super::survivors::words_place(need_id),
            &before.words,
        )?)
        .unwrap_or_default();
        let changed = |from: &str, to: &str| (from != to).then(|| (from.to_owned(), to.to_owned()));
        let detail = super::handover::NeedDetail {
            code: before.code.clone(),
            status: changed(&before.status, &need.status),
            priority: changed(&before.priority, &need.priority),
            follow_up: need
                .follow_up
                .clone()
                .filter(|f| before.follow_up.as_ref() != Some(f)),
            words: old_words != words,
        };
        let history = self.history_row(actor, id, "need", &detail)?;
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
            .update_need(id, &need, Some(&history), &entry, self.clock.now())?
        {
            Ok(())
        } else {
            Err(self.deny(actor, "plan.need.update", record))
        }
    }
    /// Services for a need of a plan: the directory search filtered by the need, around the
    /// survivor's place, for their age and first language, unconditional services first.
    pub fn candidates(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        need_id: &NeedId,
    ) -> Result<Candidates, StaffError> {
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
        let language = record
            .languages
            .first()
            .filter(|l| *l != "en" && *l != crate::domain::languages::OTHER)
            .cloned();
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
            // Never the place's text: it is the survivor's, and this error reaches the log.
            FindError::Place(_) => StaffError::App(AppError::Search(crate::search::SearchError::Document(
                "the survivor's place could not be read, even for a search anywhere".to_owned(),
            ))),
        })?;
        // Search's own order (`ranking.rs`: relevance, distance, access — unconditional,
        // space, open — and freshness); national and statewide lines in their own group
        // below, so they never push the local services down.
        let (lines, local): (Vec<_>, Vec<_>) = found.results.hits.into_iter().partition(|h| {
            h.listing.office.is_none() && (h.listing.area.national || !h.listing.area.states.is_empty())
        });
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
            local,
            lines,
            now: find.now,
        })
    }
}

impl Staff {
    pub(super) fn need_of(
        &self,
        survivor: &SurvivorId,
        need_id: &NeedId,
    ) -> Result<Option<StoredNeed>, StaffError> {
        Ok(self
            .directory
            .store
            .plan_needs(survivor)?
            .into_iter()
            .find(|n| n.id == *need_id))
    }
}
