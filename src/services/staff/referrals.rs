//! Referrals: a need referred to a service, and each step of the closed loop (the transition
//! table in `domain::referral`), kept with who and when.

use super::*;
use crate::domain::ids::{NeedId, ReferralId, SurvivorId};
use crate::domain::plan::{self};
use crate::domain::referral::{self, ReferralStatus, TransitionError};
use crate::store::StoredReferral;

impl Referrals<'_> {
    /// Refers a need of a plan to a service: a draft referral with an opaque reference.
    pub fn refer(
        &self,
        actor: &Actor,
        id: &SurvivorId,
        need_id: &NeedId,
        service_id: &str,
    ) -> Result<ReferralId, StaffError> {
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
            id: ReferralId::random(),
            reference: referral::reference(crate::crypto::random::<5>()?),
            survivor: id.clone(),
            need: need_id.clone(),
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
    pub fn survivor_of(&self, referral_id: &ReferralId) -> Result<Option<SurvivorId>, StaffError> {
        Ok(self.directory.store.referral(referral_id)?.map(|r| r.survivor))
    }
    /// Moves a referral along its closed loop; returns its survivor's id. An invalid step is
    /// refused with a clear message and changes nothing.
    pub fn advance(
        &self,
        actor: &Actor,
        referral_id: &ReferralId,
        to: &str,
        reason: &str,
        follow_up: &str,
    ) -> Result<SurvivorId, StaffError> {
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

    /// The inbox of the provider organisations the actor works for: referrals addressed to
    /// them that are live, each read only through `provider_view` (the reference, the need
    /// and exactly the consented field groups, LEG-1).
    pub fn inbox(&self, actor: &Actor) -> Result<Vec<InboxItem>, StaffError> {
        let providers: Vec<Provider> = self
            .directory
            .store
            .providers()?
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| policy::allows(actor, Action::AnswerReferrals(&p.id)))
            .collect();
        if providers.is_empty() {
            return Err(self.deny(actor, "referral.inbox", "referrals".to_owned()));
        }
        let mut out = Vec::new();
        for p in providers {
            for r in self.directory.store.referrals_to(&p.organization_id)? {
                let Some(view) = self.consents().provider_view(&p.organization_id, &r.id)? else {
                    continue;
                };
                let status = ReferralStatus::from_code(&r.status).unwrap_or(ReferralStatus::Sent);
                out.push(InboxItem {
                    id: r.id,
                    service: r.service,
                    status,
                    updated_at: r.updated_at,
                    view,
                });
            }
        }
        Ok(out)
    }

    /// A provider's answer to a referral addressed to their organisation: received,
    /// accepted, waitlisted, declined (with a reason), started, completed — a step of the
    /// same closed loop, audited, on the advocate's plan at once.
    pub fn answer(
        &self,
        actor: &Actor,
        referral_id: &ReferralId,
        to: &str,
        reason: &str,
    ) -> Result<(), StaffError> {
        let record = format!("referral:{referral_id}");
        let found = self.directory.store.referral(referral_id)?;
        let answerable = match &found {
            Some(r) => self.directory.store.providers()?.into_iter().any(|(p, _)| {
                p.organization_id == r.organization && policy::allows(actor, Action::AnswerReferrals(&p.id))
            }),
            None => false,
        };
        let (Some(r), true) = (found, answerable) else {
            return Err(self.deny(actor, "referral.answer", record));
        };
        let from = ReferralStatus::from_code(&r.status).unwrap_or(ReferralStatus::Draft);
        if from == ReferralStatus::Draft || from.is_ended() {
            return Err(self.deny(actor, "referral.answer", record));
        }
        use ReferralStatus::*;
        let providers_may = [Received, Accepted, Waitlisted, Declined, Started, Completed];
        if !ReferralStatus::from_code(to).is_some_and(|s| providers_may.contains(&s)) {
            return Err(StaffError::Invalid {
                field: "status",
                key: "referral-error-transition",
            });
        }
        let (to, reason) = referral::transition(from, to, reason).map_err(|e| match e {
            TransitionError::Reason => StaffError::Invalid {
                field: "reason",
                key: "referral-error-reason",
            },
            _ => StaffError::Invalid {
                field: "status",
                key: "referral-error-transition",
            },
        })?;
        let agency = self.directory.store.survivor(&r.survivor)?.map(|s| s.agency);
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "referral.answer",
            record,
            true,
        );
        let moved = self.directory.store.move_referral(
            referral_id,
            from.code(),
            to.code(),
            reason.map(|r| r.code()),
            &actor.user,
            &entry,
            self.clock.now(),
        )?;
        if moved {
            Ok(())
        } else {
            Err(StaffError::Invalid {
                field: "status",
                key: "referral-error-transition",
            })
        }
    }
}

/// A referral in a provider's inbox.
#[derive(Clone, Debug)]
pub struct InboxItem {
    /// The referral.
    pub id: ReferralId,
    /// The HSDS service it is for.
    pub service: String,
    /// Its status.
    pub status: ReferralStatus,
    /// Unix second of the last change of status.
    pub updated_at: i64,
    /// What the provider may see.
    pub view: super::consent::ProviderView,
}
