//! Credential resets (a lost phone or a forgotten password) and the two-person rule (AC-6).
//!
//! A reset link lets whoever holds it choose the account's new password and authenticator.
//! For an account that reads survivors' records (an advocate), one admin alone could use that
//! to take the advocate's access, so such a reset is only *asked for* by one admin and the
//! link is made when a second admin, who may also manage the account, approves it. The
//! account's owner is told at their next sign-ins who reset it and when.

use super::*;
use crate::domain::staff::ResetId;
use crate::store::{ResetNotice, ResetRequest};

/// What asking for a reset gives.
pub enum ResetAnswer {
    /// The link, at once: the account reads no survivor's record.
    Link(InvitationLink, Account),
    /// Recorded; the link waits for a second admin's approval.
    AwaitingApproval(Account),
}

/// A reset waiting for a second admin, as an admin who may manage its account sees it.
#[derive(Clone, Debug)]
pub struct ResetRequestView {
    /// The request.
    pub request: ResetRequest,
    /// Whose sign-in (name and email).
    pub person: Account,
    /// Who asked (name).
    pub asked_by: String,
    /// Whether the viewer may approve it (someone else asked).
    pub can_approve: bool,
}

impl People<'_> {
    /// A reset of an account the actor may manage: its link at once, or — for an account
    /// that reads survivors (AC-6) — a request that waits for a second admin.
    pub fn reset(&self, actor: &Actor, user: &UserId) -> Result<ResetAnswer, StaffError> {
        let (account, agency) = self.managed(actor, user, "credentials.reset_link")?;
        if account.disabled {
            return Err(self.deny(actor, "credentials.reset_link", format!("user:{user}")));
        }
        let now = self.clock.now();
        if !reads_survivors(&self.active_memberships(user)?) {
            let token = Token::generate()?;
            let expires_at = now + INVITATION_SECONDS;
            let entry = self.audit(
                Some(&actor.user),
                agency.as_ref(),
                "credentials.reset_link",
                format!("user:{user}"),
                true,
            );
            self.directory
                .store
                .create_reset(&token.hash(), user, &actor.user, expires_at, &entry, now)?;
            return Ok(ResetAnswer::Link(self.reset_link(&token, expires_at), account));
        }
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "credentials.reset_request",
            format!("user:{user}"),
            true,
        );
        let request = ResetRequest {
            id: ResetId::random(),
            user: user.clone(),
            requested_by: actor.user.clone(),
            requested_at: now,
            expires_at: now + RESET_REQUEST_SECONDS,
        };
        self.directory.store.request_reset(&request, &entry, now)?;
        Ok(ResetAnswer::AwaitingApproval(account))
    }

    /// The resets waiting for a second admin, for accounts the actor may manage.
    pub fn reset_requests(&self, actor: &Actor) -> Result<Vec<ResetRequestView>, StaffError> {
        let names = self.audit_log().account_names()?;
        let mut views = Vec::new();
        for request in self.directory.store.reset_requests(self.clock.now())? {
            let active = self.active_memberships(&request.user)?;
            if !policy::allows(actor, Action::ManageAccount(&request.user, &active)) {
                continue;
            }
            let Some(person) = self.directory.store.account_by_id(&request.user)? else {
                continue;
            };
            views.push(ResetRequestView {
                asked_by: names
                    .get(request.requested_by.as_str())
                    .cloned()
                    .unwrap_or_default(),
                can_approve: request.requested_by != actor.user,
                person,
                request,
            });
        }
        Ok(views)
    }

    /// A second admin approves a waiting reset: its link, shown once to them.
    pub fn approve_reset(
        &self,
        actor: &Actor,
        id: &ResetId,
    ) -> Result<(InvitationLink, Account), StaffError> {
        let (view, agency) = self.waiting(actor, id, "credentials.reset_approve")?;
        if !view.can_approve {
            // The two-person rule: whoever asked cannot approve.
            return Err(self.deny(actor, "credentials.reset_approve", format!("reset:{id}")));
        }
        let now = self.clock.now();
        let token = Token::generate()?;
        let expires_at = now + INVITATION_SECONDS;
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "credentials.reset_approve",
            format!("user:{}", view.person.id),
            true,
        );
        let store = &self.directory.store;
        if !store.approve_reset(&view.request, &actor.user, &token.hash(), expires_at, &entry, now)? {
            return Err(StaffError::LinkGone);
        }
        Ok((self.reset_link(&token, expires_at), view.person))
    }

    /// Refuses a waiting reset (a second admin), or withdraws it (whoever asked).
    pub fn refuse_reset(&self, actor: &Actor, id: &ResetId) -> Result<(), StaffError> {
        let (view, agency) = self.waiting(actor, id, "credentials.reset_refuse")?;
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "credentials.reset_refuse",
            format!("user:{}", view.person.id),
            true,
        );
        if !self
            .directory
            .store
            .refuse_reset(id, &actor.user, &entry, self.clock.now())?
        {
            return Err(StaffError::LinkGone);
        }
        Ok(())
    }

    /// What the actor is told of a recent reset of their own sign-in.
    pub fn own_reset_notice(&self, actor: &Actor) -> Result<Option<ResetNotice>, StaffError> {
        let since = self.clock.now() - RESET_NOTICE_SECONDS;
        Ok(self.directory.store.reset_notice(&actor.user, since)?)
    }

    /// A waiting reset the actor may decide on, with the agency its audit entries go to;
    /// anything else is denied like a missing record (AC-3).
    fn waiting(
        &self,
        actor: &Actor,
        id: &ResetId,
        action: &'static str,
    ) -> Result<(ResetRequestView, Option<AgencyId>), StaffError> {
        let Some(view) = self
            .reset_requests(actor)?
            .into_iter()
            .find(|v| &v.request.id == id)
        else {
            return Err(self.deny(actor, action, format!("reset:{id}")));
        };
        let agency = self
            .active_memberships(&view.person.id)?
            .iter()
            .find_map(|m| m.scope.agency().cloned());
        Ok((view, agency))
    }

    fn reset_link(&self, token: &Token, expires_at: i64) -> InvitationLink {
        InvitationLink {
            link: self.link("/staff/reset/", token),
            expires_at,
        }
    }
}

/// Whether active memberships let an account read survivors' records (advocates do).
fn reads_survivors(active: &[Membership]) -> bool {
    active.iter().any(|m| m.role == Role::Advocate)
}
