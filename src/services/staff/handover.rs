//! Continuity: handing a survivor over to another advocate of the agency, co-advocates, a
//! new primary advocate named by an admin when the primary left (AC-7), and the plan's
//! timeline (who and when, never what).

use super::*;
use crate::domain::ids::{ReferralId, SurvivorId};

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

/// A survivor whose primary advocate left (membership ended or account disabled), as an admin
/// sees them: nothing of the record.
#[derive(Clone, Debug)]
pub struct Orphan {
    /// The survivor's id.
    pub id: SurvivorId,
    /// Their agency and its name.
    pub agency: (AgencyId, String),
    /// When the record was opened.
    pub opened: i64,
    /// The primary advocate who left (name; empty when there was none).
    pub former: String,
    /// Who may become primary: active advocates of the agency (id, name, already a
    /// co-advocate), co-advocates first.
    pub candidates: Vec<(UserId, String, bool)>,
}

impl HandOver<'_> {
    /// AC-7: the survivors of the agencies the actor runs whose primary advocate left.
    pub fn orphans(&self, actor: &Actor) -> Result<Vec<Orphan>, StaffError> {
        let people = self.directory.store.people()?;
        let names = self.names()?;
        let advocate_of = |user: &UserId, agency: &AgencyId| {
            people.iter().any(|(a, ms)| {
                &a.id == user
                    && !a.disabled
                    && ms.iter().any(|m| {
                        m.ended.is_none()
                            && m.role == Role::Advocate
                            && m.scope == Scope::Agency(agency.clone())
                    })
            })
        };
        let name_of = |user: &UserId| {
            people
                .iter()
                .find(|(a, _)| &a.id == user)
                .map(|(a, _)| a.name.clone())
                .unwrap_or_default()
        };
        let mut orphans = Vec::new();
        for crate::store::Assignment {
            id,
            agency,
            opened,
            advocates,
        } in self.directory.store.survivor_assignments()?
        {
            if !policy::allows(actor, Action::AssignPrimary(&agency)) {
                continue;
            }
            let primary = advocates.iter().find(|(_, p)| *p).map(|(u, _)| u);
            if primary.is_some_and(|p| advocate_of(p, &agency)) {
                continue;
            }
            let mut candidates: Vec<(UserId, String, bool)> = people
                .iter()
                .filter(|(a, _)| a.id != actor.user && advocate_of(&a.id, &agency))
                .map(|(a, _)| {
                    (
                        a.id.clone(),
                        a.name.clone(),
                        advocates.iter().any(|(u, _)| u == &a.id),
                    )
                })
                .collect();
            candidates.sort_by_key(|(_, _, co)| !co);
            orphans.push(Orphan {
                former: primary.map(name_of).unwrap_or_default(),
                agency: (agency.clone(), names.of(&Scope::Agency(agency))),
                id,
                opened,
                candidates,
            });
        }
        Ok(orphans)
    }

    /// AC-7: names `to` primary advocate of a survivor whose primary left; the co-advocates
    /// who are still advocates of the agency stay. Audited; the admin sees nothing of the
    /// record, and cannot name themselves.
    pub fn assign_primary(&self, actor: &Actor, id: &SurvivorId, to: &str) -> Result<(), StaffError> {
        let record = format!("survivor:{id}");
        let Some(orphan) = self.orphans(actor)?.into_iter().find(|o| &o.id == id) else {
            // Not one of theirs, not orphaned, or missing: all answer alike (AC-3).
            let owner = self.directory.store.survivor(id)?.map(|s| s.agency);
            return Err(self.deny_in(actor, owner.as_ref(), "survivor.new_primary", record));
        };
        let Some((to, _, _)) = orphan.candidates.iter().find(|(u, _, _)| u.as_str() == to) else {
            return Err(StaffError::Invalid {
                field: "advocate",
                key: "plan-error-advocate",
            });
        };
        let mut advocates = vec![(to.clone(), true)];
        advocates.extend(
            orphan
                .candidates
                .iter()
                .filter(|(u, _, co)| *co && u != to)
                .map(|(u, _, _)| (u.clone(), false)),
        );
        let agency = orphan.agency.0;
        let entry = self.audit(
            Some(&actor.user),
            Some(&agency),
            "survivor.new_primary",
            record,
            true,
        );
        self.directory
            .store
            .set_advocates(id, &advocates, &entry, self.clock.now())?;
        Ok(())
    }
    /// The active advocates of the survivor's agency not yet assigned to them: (id, name).
    pub fn other_advocates(
        &self,
        actor: &Actor,
        id: &SurvivorId,
    ) -> Result<Vec<(UserId, String)>, StaffError> {
        let s = self.assigned(actor, id, "survivor.read")?;
        Ok(super::survivors::available(&s, self.directory.store.people()?))
    }
    /// Hands the survivor to another advocate of the agency (their primary advocate does it);
    /// the previous one stays on as co-advocate when `stay`. With `co_only`, adds a co-advocate.
    pub fn assign(
        &self,
        actor: &Actor,
        id: &SurvivorId,
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
}

impl Staff {
    /// The plan's timeline, oldest first: needs, referrals, statuses, hand-overs — who and
    /// when, never what (for `plan`, which has checked access).
    pub(super) fn timeline_of(
        &self,
        id: &SurvivorId,
        referrals: &[ReferralId],
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
