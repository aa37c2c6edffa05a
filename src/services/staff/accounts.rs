//! Making accounts: the first admin's setup link, invitations, enrolment (password and
//! TOTP, proven by a code; recovery codes shown once) and credential resets.

use super::*;

impl Accounts<'_> {
    /// AC-5: when no directory admin exists, a new one-time setup link (valid one hour);
    /// `None` otherwise. The caller prints it on the console, never to a log.
    pub fn setup_link_if_needed(&self) -> Result<Option<SecretString>, StaffError> {
        if self.directory.store.has_directory_admin()? {
            return Ok(None);
        }
        let token = Token::generate()?;
        self.directory
            .store
            .add_setup_token(&token.hash(), self.clock.now() + SETUP_SECONDS)?;
        Ok(Some(self.link("/staff/setup/", &token)))
    }
    /// Whether a setup link can still be used.
    pub fn setup_usable(&self, token: &Token) -> Result<bool, StaffError> {
        Ok(self
            .directory
            .store
            .setup_token_usable(&token.hash(), self.clock.now())?)
    }
    /// The invitation behind a link, if usable.
    pub fn invitation(&self, token: &Token) -> Result<Option<InvitationView>, StaffError> {
        let Some(inv) = self.directory.store.invitation(&token.hash(), self.clock.now())? else {
            return Ok(None);
        };
        let names = self.names()?;
        Ok(Some(InvitationView {
            email: inv.email,
            role: inv.grant.role,
            organisation: names.of(&inv.grant.scope),
        }))
    }
    /// Creates an account from a setup or invitation link: password (AUTH-1/2), TOTP
    /// (AUTH-3, proven by a code), recovery codes (returned once, stored hashed).
    pub fn enrol(&self, pass: EnrolPass<'_>, form: &EnrolForm) -> Result<Vec<SecretString>, StaffError> {
        let now = self.clock.now();
        let email = match pass {
            EnrolPass::Setup(t) => {
                if !self.setup_usable(t)? {
                    return Err(StaffError::LinkGone);
                }
                staff::email(&form.email)?
            }
            EnrolPass::Invitation(t) => self.invitation(t)?.ok_or(StaffError::LinkGone)?.email,
        };
        let name = staff::name(&form.name)?;
        let proven = self.prove(form, now)?;
        if self.directory.store.account_by_email(&email)?.is_some() {
            return Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            });
        }
        let id = UserId::random();
        let owner = user_owner(&id);
        let key = self.vault.create_key(&owner)?;
        let (new, codes) = self.credentials(&id, &key, form, proven)?;
        let account = NewAccount {
            password_hash: new.password_hash,
            totp_sealed: new.totp_sealed,
            totp_step: new.totp_step,
            recovery_hashes: new.recovery_hashes,
            id,
            email,
            name,
        };
        let hash;
        let pass = match pass {
            EnrolPass::Setup(t) => {
                hash = t.hash();
                Pass::Setup(&hash)
            }
            EnrolPass::Invitation(t) => {
                hash = t.hash();
                Pass::Invitation(&hash)
            }
        };
        let outcome = self.directory.store.enrol(pass, &account, now);
        if !matches!(outcome, Ok(Some(_))) {
            // Nothing was created: its key goes too.
            let _ = self.vault.shred(&owner);
        }
        match outcome {
            Ok(Some(_)) => Ok(codes),
            Ok(None) => Err(StaffError::LinkGone),
            Err(StoreError::Conflict(_)) => Err(StaffError::Invalid {
                field: "email",
                key: "staff-error-email-taken",
            }),
            Err(e) => Err(e.into()),
        }
    }
    /// The account a credential reset link is for, if the link is usable — and if whoever
    /// made it may still manage that account (a link outlives no change of either's roles).
    pub fn reset_target(&self, token: &Token) -> Result<Option<Account>, StaffError> {
        let store = &self.directory.store;
        let Some((account, creator)) = store.reset_target(&token.hash(), self.clock.now())? else {
            return Ok(None);
        };
        let creator_enabled = store.account_by_id(&creator)?.is_some_and(|a| !a.disabled);
        let actor = Actor {
            grants: store.grants_of(&creator)?,
            user: creator,
            name: String::new(),
        };
        let active = self.active_memberships(&account.id)?;
        let still_allowed =
            creator_enabled && policy::allows(&actor, Action::ManageAccount(&account.id, &active));
        Ok(still_allowed.then_some(account))
    }
    /// Spends a reset link: a new password, a new authenticator and new recovery codes (shown
    /// once); every session of the account ends.
    pub fn complete_reset(&self, token: &Token, form: &EnrolForm) -> Result<Vec<SecretString>, StaffError> {
        let now = self.clock.now();
        let account = self.reset_target(token)?.ok_or(StaffError::LinkGone)?;
        let proven = self.prove(form, now)?;
        let key = self.vault.key(&user_owner(&account.id))?;
        let (new, codes) = self.credentials(&account.id, &key, form, proven)?;
        let agency = self
            .active_memberships(&account.id)?
            .iter()
            .find_map(|m| m.scope.agency().cloned());
        let entry = self.audit(
            Some(&account.id),
            agency.as_ref(),
            "credentials.reset",
            format!("user:{}", account.id),
            true,
        );
        if self
            .directory
            .store
            .complete_reset(&token.hash(), &account.id, &new, &entry, now)?
        {
            Ok(codes)
        } else {
            Err(StaffError::LinkGone)
        }
    }
}

impl Staff {
    /// Checks a new password (AUTH-2) and proves the TOTP secret with a current code
    /// (AUTH-3); returns the secret and the step its code used.
    fn prove(&self, form: &EnrolForm, now: i64) -> Result<(TotpSecret, i64), StaffError> {
        staff::password(form.password.expose_secret(), form.password_again.expose_secret())?;
        let secret =
            TotpSecret::from_base32(form.totp_secret.expose_secret()).ok_or(StaffError::Invalid {
                field: "code",
                key: "staff-error-form",
            })?;
        let step = secret.verify(&form.code, now, 0).ok_or(StaffError::Invalid {
            field: "code",
            key: "staff-error-code",
        })?;
        Ok((secret, step))
    }
    /// The stored form of proven credentials: the password hashed (AUTH-1), the TOTP secret
    /// sealed with the account's data key (CRY-1), fresh recovery codes (shown once, stored
    /// hashed).
    fn credentials(
        &self,
        user: &UserId,
        key: &crate::crypto::DataKey,
        form: &EnrolForm,
        (secret, step): (TotpSecret, i64),
    ) -> Result<(NewCredentials, Vec<SecretString>), StaffError> {
        let mut codes = Vec::with_capacity(RECOVERY_CODES);
        for _ in 0..RECOVERY_CODES {
            codes.push(token::recovery_code()?);
        }
        let new = NewCredentials {
            password_hash: self.passwords.hash(&form.password)?,
            totp_sealed: key.seal(totp_place(user), secret.bytes())?,
            totp_step: step,
            recovery_hashes: codes
                .iter()
                .map(|c| token::recovery_hash(c.expose_secret()))
                .collect(),
        };
        Ok((new, codes))
    }
    pub(super) fn active_memberships(&self, user: &UserId) -> Result<Vec<Membership>, StaffError> {
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .find(|(a, _)| &a.id == user)
            .map(|(_, ms)| ms.into_iter().filter(|m| m.ended.is_none()).collect())
            .unwrap_or_default())
    }
}
