//! Continuity: handing a survivor over to another advocate of the agency, co-advocates, and
//! the plan's timeline (who and when, never what).

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

impl HandOver<'_> {
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
