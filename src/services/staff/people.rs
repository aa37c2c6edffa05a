//! People and memberships: who an admin sees, invitations, roles added and ended, accounts
//! disabled and re-enabled, invitations revoked (resets: `resets.rs`).

use super::*;

impl People<'_> {
    /// The organisation name of a scope (empty for the directory).
    pub fn scope_name(&self, scope: &Scope) -> Result<String, StaffError> {
        Ok(self.names()?.of(scope))
    }
    /// The people the actor may see, with what they may do to each.
    pub fn visible_to(&self, actor: &Actor) -> Result<Vec<PersonView>, StaffError> {
        if !policy::allows(actor, Action::ViewPeople) {
            return Err(self.deny(actor, "people.list", String::new()));
        }
        let names = self.names()?;
        let choices = self.invite_choices(actor)?;
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .filter(|(_, ms)| policy::allows(actor, Action::ViewPerson(ms)))
            .map(|(account, ms)| {
                let active: Vec<Membership> = ms.iter().filter(|m| m.ended.is_none()).cloned().collect();
                let can_manage = policy::allows(actor, Action::ManageAccount(&account.id, &active));
                let can_add_role = !account.disabled
                    && choices
                        .iter()
                        .any(|c| policy::allows(actor, Action::AddRole(&account.id, &active, &c.grant)));
                PersonView {
                    memberships: ms
                        .iter()
                        .map(|m| {
                            let can_end =
                                !account.disabled && policy::allows(actor, Action::EndMembership(m));
                            (m.clone(), names.of(&m.scope), can_end)
                        })
                        .collect(),
                    can_manage,
                    can_add_role,
                    account,
                }
            })
            .collect())
    }
    /// Invitations waiting, in scopes the actor may invite into.
    pub fn pending_invitations(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(crate::store::Invitation, String)>, StaffError> {
        let names = self.names()?;
        Ok(self
            .directory
            .store
            .pending_invitations(self.clock.now())?
            .into_iter()
            .filter(|i| policy::allows(actor, Action::Invite(&i.grant)))
            .map(|i| {
                let org = names.of(&i.grant.scope);
                (i, org)
            })
            .collect())
    }
    /// The roles and organisations the actor may invite into.
    pub fn invite_choices(&self, actor: &Actor) -> Result<Vec<InviteChoice>, StaffError> {
        let mut all = vec![Grant {
            role: Role::DirectoryAdmin,
            scope: Scope::Directory,
        }];
        let agencies = self.directory.store.agencies()?;
        let providers = self.directory.store.providers()?;
        for (a, _) in &agencies {
            for role in [Role::Advocate, Role::AgencyAdmin] {
                all.push(Grant {
                    role,
                    scope: Scope::Agency(a.id.clone()),
                });
            }
        }
        for (p, _) in &providers {
            all.push(Grant {
                role: Role::ProviderStaff,
                scope: Scope::Provider(p.id.clone()),
            });
        }
        let names = self.names()?;
        Ok(all
            .into_iter()
            .filter(|g| policy::allows(actor, Action::Invite(g)))
            .map(|grant| {
                let id = match &grant.scope {
                    Scope::Directory => "",
                    Scope::Agency(a) => a.as_str(),
                    Scope::Provider(p) => p.as_str(),
                };
                InviteChoice {
                    value: format!("{}:{id}", grant.role.code()),
                    organisation: names.of(&grant.scope),
                    grant,
                }
            })
            .collect())
    }
    /// AC-5: a single-use invitation link into one of the actor's invite choices, valid 24 h.
    pub fn invite(&self, actor: &Actor, email: &str, choice: &str) -> Result<InvitationLink, StaffError> {
        if !policy::allows(actor, Action::ViewPeople) {
            return Err(self.deny(actor, "invitation.create", String::new()));
        }
        let email = staff::email(email)?;
        let Some(choice) = self
            .invite_choices(actor)?
            .into_iter()
            .find(|c| c.value == choice)
        else {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-grant",
            });
        };
        if self.directory.store.account_by_email(&email)?.is_some() {
            return Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            });
        }
        let now = self.clock.now();
        let token = Token::generate()?;
        let id = InvitationId::random();
        let expires_at = now + INVITATION_SECONDS;
        let entry = self.audit(
            Some(&actor.user),
            choice.grant.scope.agency(),
            "invitation.create",
            format!("invitation:{id}"),
            true,
        );
        self.directory.store.create_invitation(
            &NewInvitation {
                id: &id,
                token_hash: &token.hash(),
                email: &email,
                grant: &choice.grant,
                invited_by: &actor.user,
                expires_at,
            },
            &entry,
            now,
        )?;
        Ok(InvitationLink {
            link: self.link("/staff/invitations/", &token),
            expires_at,
        })
    }
    /// Ends a membership the actor may end (and the member's sessions: SES-4).
    pub fn end_membership(&self, actor: &Actor, id: &MembershipId) -> Result<(), StaffError> {
        let record = format!("membership:{id}");
        let Some(m) = self.directory.store.membership(id)? else {
            return Err(self.deny(actor, "membership.end", record));
        };
        if !policy::allows(actor, Action::EndMembership(&m)) {
            return Err(self.deny(actor, "membership.end", record));
        }
        let entry = self.audit(
            Some(&actor.user),
            m.scope.agency(),
            "membership.end",
            record,
            true,
        );
        self.directory
            .store
            .end_membership(id, &entry, self.clock.now())?;
        Ok(())
    }
    /// Disables an account the actor may manage (and kills its sessions: SES-4).
    pub fn disable(&self, actor: &Actor, user: &UserId) -> Result<(), StaffError> {
        let (account, agency) = self.managed(actor, user, "user.disable")?;
        if account.disabled {
            return Err(self.deny(actor, "user.disable", format!("user:{user}")));
        }
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "user.disable",
            format!("user:{user}"),
            true,
        );
        self.directory
            .store
            .disable_user(user, &entry, self.clock.now())?;
        Ok(())
    }
    /// Re-enables a disabled account the actor may manage. Its owner signs in again as before.
    pub fn enable(&self, actor: &Actor, user: &UserId) -> Result<(), StaffError> {
        let (account, agency) = self.managed(actor, user, "user.enable")?;
        if !account.disabled {
            return Err(self.deny(actor, "user.enable", format!("user:{user}")));
        }
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "user.enable",
            format!("user:{user}"),
            true,
        );
        self.directory.store.enable_user(user, &entry, self.clock.now())?;
        Ok(())
    }
    /// Gives a person the actor may see another role the actor may grant (their sessions end:
    /// SES-2, they sign in again with it).
    pub fn add_role(&self, actor: &Actor, user: &UserId, choice: &str) -> Result<(), StaffError> {
        let record = format!("user:{user}");
        let people = self.directory.store.people()?;
        let Some((account, ms)) = people.into_iter().find(|(a, _)| &a.id == user) else {
            return Err(self.deny(actor, "membership.add", record));
        };
        // Someone the actor may not see answers like no one (AC-3), before the form is judged.
        if !policy::allows(actor, Action::ViewPerson(&ms)) {
            return Err(self.deny(actor, "membership.add", record));
        }
        let Some(choice) = self
            .invite_choices(actor)?
            .into_iter()
            .find(|c| c.value == choice)
        else {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-grant",
            });
        };
        let active: Vec<Membership> = ms.iter().filter(|m| m.ended.is_none()).cloned().collect();
        if account.disabled || !policy::allows(actor, Action::AddRole(user, &active, &choice.grant)) {
            return Err(self.deny(actor, "membership.add", record));
        }
        let holds = ms
            .iter()
            .any(|m| m.ended.is_none() && m.role == choice.grant.role && m.scope == choice.grant.scope);
        if holds {
            return Err(StaffError::Invalid {
                field: "grant",
                key: "staff-error-role-held",
            });
        }
        let entry = self.audit(
            Some(&actor.user),
            choice.grant.scope.agency(),
            "membership.add",
            record,
            true,
        );
        self.directory
            .store
            .add_membership(user, &choice.grant, &entry, self.clock.now())?;
        Ok(())
    }
    /// Revokes a pending invitation the actor could have made.
    pub fn revoke_invitation(&self, actor: &Actor, id: &InvitationId) -> Result<(), StaffError> {
        let record = format!("invitation:{id}");
        let pending = self.directory.store.pending_invitations(self.clock.now())?;
        let Some(inv) = pending.into_iter().find(|i| &i.id == id) else {
            return Err(self.deny(actor, "invitation.revoke", record));
        };
        if !policy::allows(actor, Action::RevokeInvitation(&inv.grant)) {
            return Err(self.deny(actor, "invitation.revoke", record));
        }
        let entry = self.audit(
            Some(&actor.user),
            inv.grant.scope.agency(),
            "invitation.revoke",
            record,
            true,
        );
        self.directory
            .store
            .revoke_invitation(id, &entry, self.clock.now())?;
        Ok(())
    }
}

impl Staff {
    pub(super) fn names(&self) -> Result<Names, StaffError> {
        Ok(Names {
            agencies: self
                .directory
                .store
                .agencies()?
                .into_iter()
                .map(|(a, _)| (a.id.0, a.name))
                .collect(),
            providers: self
                .directory
                .store
                .providers()?
                .into_iter()
                .map(|(p, _)| (p.id.0, p.name))
                .collect(),
        })
    }
    /// An account the actor may manage (disable, re-enable, reset), with the agency its
    /// audit entries belong to; a missing or forbidden one is denied and audited (AC-3).
    pub(super) fn managed(
        &self,
        actor: &Actor,
        user: &UserId,
        action: &'static str,
    ) -> Result<(Account, Option<AgencyId>), StaffError> {
        let record = format!("user:{user}");
        let people = self.directory.store.people()?;
        let Some((account, ms)) = people.into_iter().find(|(a, _)| &a.id == user) else {
            return Err(self.deny(actor, action, record));
        };
        let active: Vec<Membership> = ms.into_iter().filter(|m| m.ended.is_none()).collect();
        if !policy::allows(actor, Action::ManageAccount(user, &active)) {
            return Err(self.deny(actor, action, record));
        }
        let agency = active.iter().find_map(|m| m.scope.agency()).cloned();
        Ok((account, agency))
    }
}
