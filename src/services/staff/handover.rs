//! Continuity: handing a survivor over to another advocate of the agency (with a note),
//! co-advocates, a new primary advocate named by an admin when the primary left (AC-7), and
//! the plan's timeline in words.
//!
//! The timeline is read from the plan's own tables, not from the audit log alone: the audit
//! log is content-free by rule (LOG-1) and outlives an erasure, so it cannot say to which
//! service a referral went, which groups a consent shares or what a hand-over note says.
//! Referral events and consents are already rows of the plan; hand-overs are kept in
//! `plan_history`, their detail sealed with the survivor's key, so all of it is erased
//! (crypto-shredded) with the survivor. Actions nothing else tells (a need added, a plan
//! closed) come from the audit log.

use serde::{Deserialize, Serialize};

use super::*;
use crate::domain::ids::SurvivorId;
use crate::store::HistoryRow;

/// One line of a plan's timeline: when, who, what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    /// Unix second.
    pub at: i64,
    /// Who (name).
    pub actor: String,
    /// What happened.
    pub event: TimelineEvent,
}

/// What happened, in terms a page puts into words: never anything the survivor said (a
/// hand-over's note is the advocates' own, and only the survivor's advocates see a plan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimelineEvent {
    /// An action the audit log alone tells (`plan.need.add`, `survivor.close`, …).
    Action(String),
    /// A referral reached a status; `from` is `None` when it was made.
    Referral {
        /// Its opaque reference.
        reference: String,
        /// The service's name.
        service: String,
        /// The status it left.
        from: Option<String>,
        /// The status it reached.
        to: String,
        /// A decline's reason code.
        reason: Option<String>,
    },
    /// Consent given to an organisation for field groups (codes).
    ConsentGiven {
        /// The organisation's name.
        organisation: String,
        /// Field group codes.
        groups: Vec<String>,
    },
    /// Consent taken back.
    ConsentRevoked {
        /// The organisation's name.
        organisation: String,
    },
    /// Another advocate became primary.
    HandOver {
        /// The previous primary (empty if unknown).
        from: String,
        /// The new primary.
        to: String,
        /// The note for the new advocate (may be empty).
        note: String,
    },
    /// A co-advocate joined.
    CoAdvocate {
        /// Who.
        added: String,
    },
    /// A need was added to the plan.
    NeedAdded {
        /// Its code.
        code: String,
    },
    /// A need changed: its status and priority (from, to), a new follow-up date, and
    /// whether their words or the goal changed (never what they say).
    NeedChanged {
        /// Its code.
        code: String,
        /// Status codes (from, to).
        status: Option<(String, String)>,
        /// Priority codes (from, to).
        priority: Option<(String, String)>,
        /// The new follow-up date.
        follow_up: Option<String>,
        /// Whether their words or the goal changed.
        words: bool,
    },
    /// An admin named a new primary advocate when the primary had left (AC-7).
    NewPrimary {
        /// The primary who left.
        from: String,
        /// The new primary.
        to: String,
    },
}

/// A hand-over as `plan_history` keeps it (sealed): account ids, named when shown.
#[derive(Debug, Default, Serialize, Deserialize)]
struct HandOverDetail {
    #[serde(default)]
    from: Option<String>,
    to: String,
    #[serde(default)]
    note: String,
}

/// A change of a need as `plan_history` keeps it (sealed): its code and what changed —
/// never the survivor's words, only whether they changed.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct NeedDetail {
    pub(super) code: String,
    #[serde(default)]
    pub(super) status: Option<(String, String)>,
    #[serde(default)]
    pub(super) priority: Option<(String, String)>,
    #[serde(default)]
    pub(super) follow_up: Option<String>,
    #[serde(default)]
    pub(super) words: bool,
}

/// Longest hand-over note.
const NOTE_MAX: usize = 2000;

fn history_place(id: &str) -> Place<'_> {
    Place {
        table: "plan_history",
        column: "detail",
        row: id,
    }
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
        let from = self
            .directory
            .store
            .survivor(id)?
            .and_then(|s| s.primary().cloned());
        let history = self.history_row(
            actor,
            id,
            "new_primary",
            &HandOverDetail {
                from: from.map(|u| u.0),
                to: to.0.clone(),
                note: String::new(),
            },
        )?;
        self.directory
            .store
            .set_advocates(id, &advocates, &history, &entry, self.clock.now())?;
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
    /// Hands the survivor to another advocate of the agency (their primary advocate does it)
    /// with a note for them (sealed); the previous one stays on as co-advocate when `stay`.
    /// With `co_only`, adds a co-advocate.
    pub fn assign(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        to: &str,
        stay: bool,
        co_only: bool,
        note: &str,
    ) -> Result<(), StaffError> {
        let record = format!("survivor:{id}");
        let s = self.as_primary(actor, id, "survivor.assign")?;
        let note = crate::domain::plan::text(note, NOTE_MAX, "note")?;
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
        let detail = HandOverDetail {
            from: (!co_only).then(|| actor.user.0.clone()),
            to: advocates[if co_only { advocates.len() - 1 } else { 0 }]
                .0
                .0
                .clone(),
            note,
        };
        let kind = if co_only { "co_advocate" } else { "hand_over" };
        let history = self.history_row(actor, id, kind, &detail)?;
        let entry = self.audit(Some(&actor.user), Some(&s.agency), action, record, true);
        self.directory
            .store
            .set_advocates(id, &advocates, &history, &entry, self.clock.now())?;
        Ok(())
    }
}

impl Staff {
    /// A history entry with its detail sealed with the survivor's key.
    pub(super) fn history_row(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        kind: &str,
        detail: &impl Serialize,
    ) -> Result<HistoryRow, StaffError> {
        let row = crate::domain::ids::ConsentId::random().0;
        let json = serde_json::to_vec(detail)
            .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
        Ok(HistoryRow {
            detail: self
                .vault
                .seal(&survivors::owner(id), history_place(&row), &json)?,
            id: row,
            kind: kind.to_owned(),
            actor: actor.user.clone(),
            at: self.clock.now(),
        })
    }

    /// The plan's timeline, oldest first, in words (for `plan`, which has checked access):
    /// the audit log's entries in their order, each told with what the plan's own tables
    /// know of it — the referral event, the consent, the sealed hand-over.
    pub(super) fn timeline_of(
        &self,
        id: &SurvivorId,
        referrals: &[ReferralView],
        consents: &[ConsentView],
        names: &std::collections::HashMap<String, String>,
    ) -> Result<Vec<TimelineEntry>, StaffError> {
        let name = |u: &str| names.get(u).cloned().unwrap_or_default();
        let mut records = vec![format!("survivor:{id}")];
        records.extend(referrals.iter().map(|r| format!("referral:{}", r.id)));
        records.extend(consents.iter().map(|c| format!("consent:{}", c.id)));
        // Each referral step and hand-over was written with its audit entry, in one
        // transaction: the n-th entry of a referral is its n-th event.
        let mut events = self.directory.store.referral_events_of(id)?.into_iter();
        let mut pending_events: Vec<crate::store::ReferralEvent> = Vec::new();
        let mut history = self.directory.store.plan_history(id)?;
        // The first history entry left of one of `kinds`, opened.
        let mut take = |kinds: &[&str]| -> Result<Option<(HistoryRow, Vec<u8>)>, StaffError> {
            let Some(at) = history.iter().position(|h| kinds.contains(&h.kind.as_str())) else {
                return Ok(None);
            };
            let h = history.remove(at);
            let bytes = self
                .vault
                .open_field(&survivors::owner(id), history_place(&h.id), &h.detail)?;
            Ok(Some((h, bytes)))
        };
        let broken = || StaffError::Vault(VaultError::Crypto(CryptoError::Open));
        let mut last_status: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut out = Vec::new();
        for e in self.directory.store.audit_of(&records)? {
            let event = match e.action.as_str() {
                // Reads are not events of the plan.
                "survivor.read" | "survivor.print" | "plan.need.find" => continue,
                "referral.create" | "referral.status" | "referral.answer" => {
                    let Some(r) = referrals
                        .iter()
                        .find(|r| e.record == format!("referral:{}", r.id))
                    else {
                        continue;
                    };
                    let at = pending_events.iter().position(|x| x.referral == r.id);
                    let found = match at {
                        Some(i) => Some(pending_events.remove(i)),
                        None => loop {
                            match events.next() {
                                Some(x) if x.referral == r.id => break Some(x),
                                Some(x) => pending_events.push(x),
                                None => break None,
                            }
                        },
                    };
                    let Some(step) = found else { continue };
                    TimelineEvent::Referral {
                        reference: r.reference.clone(),
                        service: r.service.clone(),
                        from: last_status.insert(r.id.0.clone(), step.status.clone()),
                        to: step.status,
                        reason: step.reason,
                    }
                }
                "consent.give" | "consent.revoke" => {
                    let Some(c) = consents.iter().find(|c| e.record == format!("consent:{}", c.id)) else {
                        continue;
                    };
                    let organisation = c.organisation.clone();
                    if e.action == "consent.give" {
                        TimelineEvent::ConsentGiven {
                            organisation,
                            groups: c.groups.iter().map(|g| g.code().to_owned()).collect(),
                        }
                    } else {
                        TimelineEvent::ConsentRevoked { organisation }
                    }
                }
                "plan.need.add" | "plan.need.update" => {
                    let kind = if e.action == "plan.need.add" {
                        "need_added"
                    } else {
                        "need"
                    };
                    match take(&[kind])? {
                        // Needs changed before their history was kept say only that.
                        None => TimelineEvent::Action(e.action.clone()),
                        Some((_, bytes)) => {
                            let d: NeedDetail = serde_json::from_slice(&bytes).map_err(|_| broken())?;
                            if kind == "need_added" {
                                TimelineEvent::NeedAdded { code: d.code }
                            } else {
                                TimelineEvent::NeedChanged {
                                    code: d.code,
                                    status: d.status,
                                    priority: d.priority,
                                    follow_up: d.follow_up,
                                    words: d.words,
                                }
                            }
                        }
                    }
                }
                "survivor.transfer" | "survivor.co_advocate" | "survivor.new_primary" => {
                    let Some((h, bytes)) = take(&["hand_over", "co_advocate", "new_primary"])? else {
                        continue;
                    };
                    let d: HandOverDetail = serde_json::from_slice(&bytes).map_err(|_| broken())?;
                    let (from, to) = (d.from.as_deref().map(name).unwrap_or_default(), name(&d.to));
                    match h.kind.as_str() {
                        "co_advocate" => TimelineEvent::CoAdvocate { added: to },
                        "new_primary" => TimelineEvent::NewPrimary { from, to },
                        _ => TimelineEvent::HandOver {
                            from,
                            to,
                            note: d.note,
                        },
                    }
                }
                action => TimelineEvent::Action(action.to_owned()),
            };
            out.push(TimelineEntry {
                at: e.at,
                actor: e.actor.as_deref().map(name).unwrap_or_default(),
                event,
            });
        }
        Ok(out)
    }
}
