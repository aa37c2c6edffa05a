//! Signing in (argon2id, TOTP or a recovery code, backoff; the same answer for every
//! refusal) and sessions (timeouts, sign-out, one's own list).

use std::net::IpAddr;

use super::*;
use crate::store::{AddressTag, Backoff, SignIn};

impl Sessions<'_> {
    /// AUTH-1/3/4: checks the password (argon2id), then the TOTP code or a recovery code,
    /// and opens a session. Every refusal is the same [`StaffError::NotAccepted`], with one
    /// password hash's work whether the account exists or not.
    ///
    /// Failures are counted per account and client `address` (issue 12): from the fifth, that
    /// pair backs off; only [`ACCOUNT_CEILING`] failures from everywhere make the whole
    /// account back off, so a stranger cannot lock a staff member out from elsewhere.
    pub fn sign_in(
        &self,
        email: &str,
        password: &SecretString,
        code: &str,
        address: Option<IpAddr>,
    ) -> Result<(Token, SessionId), StaffError> {
        let now = self.clock.now();
        let store = &self.directory.store;
        let tag = store.address_tag(address)?;
        let creds = match staff::email(email) {
            Ok(e) => store.credentials(&e)?,
            Err(_) => None,
        };
        let creds = match creds {
            Some(c)
                if !c.disabled && c.locked_until <= now && store.pair_locked_until(&c.id, &tag)? <= now =>
            {
                c
            }
            other => {
                self.passwords.check_decoy(password);
                // Every refusal writes one audit entry, so an unknown account costs the same
                // database write as a known one (AUTH-4: similar timing).
                let (actor, record) = match &other {
                    Some(c) => (Some(&c.id), format!("user:{}", c.id)),
                    None => (None, String::new()),
                };
                let entry = self.audit(actor, None, "login.refused", record, false);
                // A disabled or backing-off account is recorded, not counted as a failure.
                self.directory.store.audit(&entry, now)?;
                return Err(StaffError::NotAccepted);
            }
        };
        let rehash = match self.passwords.check(password, &creds.password_hash) {
            Check::Mismatch => return self.fail(&creds, &tag, now),
            Check::Match { rehash } => rehash,
        };
        let secret = self.totp_secret(&creds)?;
        let (step, recovery) = match secret.verify(code, now, creds.totp_last_step) {
            Some(step) => (Some(step), None),
            None if code.chars().filter(char::is_ascii_alphanumeric).count() == 16 => {
                (None, Some(token::recovery_hash(code)))
            }
            None => return self.fail(&creds, &tag, now),
        };
        let new_hash = if rehash {
            Some(self.passwords.hash(password)?)
        } else {
            None
        };
        let token = Token::generate()?;
        let id = SessionId::random();
        let outcome = self.directory.store.login_succeeded(
            &creds.id,
            &tag,
            step,
            recovery.as_ref(),
            new_hash.as_deref(),
            &NewSession {
                id: &id,
                token_hash: &token.hash(),
            },
            now,
        )?;
        match outcome {
            SignIn::Opened => Ok((token, id)),
            SignIn::NoSuchRecoveryCode => self.fail(&creds, &tag, now),
            // Lost a race with a concurrent sign-in using the same code, or locked meanwhile:
            // refused, recorded, but not this person's failure (issue 12).
            SignIn::CodeSpentMeanwhile | SignIn::Closed => {
                let entry = self.audit(
                    Some(&creds.id),
                    None,
                    "login.refused",
                    format!("user:{}", creds.id),
                    false,
                );
                self.directory.store.audit(&entry, now)?;
                Err(StaffError::NotAccepted)
            }
        }
    }
    /// The session behind a cookie's token, checked against the timeouts (SES-3) and the
    /// account's state, with its grants read afresh (AC-2, SES-4).
    pub fn session(&self, token: &Token) -> Result<SessionCheck, StaffError> {
        let now = self.clock.now();
        let Some(s) = self.directory.store.session(&token.hash())? else {
            return Ok(SessionCheck::Unknown);
        };
        let idle = now - s.last_seen_at > self.settings.idle_seconds;
        let old = now - s.created_at > self.settings.absolute_seconds;
        if s.disabled || idle || old {
            self.directory.store.expire_session(&s.id)?;
            return Ok(SessionCheck::Ended);
        }
        let grants = self.directory.store.grants_of(&s.user)?;
        if now - s.last_seen_at >= TOUCH_EVERY {
            self.directory.store.touch_session(&s.id, now)?;
        }
        let time_zone = self.time_zone_of_grants(&grants)?;
        Ok(SessionCheck::Valid(Session {
            time_zone,
            id: s.id,
            actor: Actor {
                user: s.user,
                name: s.name,
                grants,
            },
            csrf: token.derive("csrf"),
        }))
    }
    /// SES-4: signs this session out (deleted on the server).
    pub fn sign_out(&self, session: &Session) -> Result<(), StaffError> {
        let entry = self.audit(
            Some(&session.actor.user),
            None,
            "logout",
            format!("session:{}", session.id),
            true,
        );
        self.directory
            .store
            .end_session(&session.actor.user, &session.id, &entry, self.clock.now())?;
        Ok(())
    }
    /// One's own sessions, newest first.
    pub fn list(&self, actor: &Actor) -> Result<Vec<StoredSession>, StaffError> {
        Ok(self.directory.store.sessions_of(&actor.user)?)
    }
    /// Ends one of one's own sessions; another person's answers like a missing one.
    pub fn end_session(&self, actor: &Actor, id: &SessionId) -> Result<(), StaffError> {
        let entry = self.audit(
            Some(&actor.user),
            None,
            "session.end",
            format!("session:{id}"),
            true,
        );
        if self
            .directory
            .store
            .end_session(&actor.user, id, &entry, self.clock.now())?
        {
            Ok(())
        } else {
            Err(self.deny(actor, "session.end", format!("session:{id}")))
        }
    }
    /// "Sign out everywhere": every session of the actor, this one included.
    pub fn end_all_sessions(&self, actor: &Actor) -> Result<usize, StaffError> {
        let entry = self.audit(
            Some(&actor.user),
            None,
            "session.end_all",
            format!("user:{}", actor.user),
            true,
        );
        Ok(self
            .directory
            .store
            .end_sessions_of(&actor.user, &entry, self.clock.now())?)
    }
}

impl Staff {
    fn totp_secret(&self, creds: &Credentials) -> Result<TotpSecret, StaffError> {
        let bytes =
            self.vault
                .open_field(&user_owner(&creds.id), totp_place(&creds.id), &creds.totp_sealed)?;
        TotpSecret::from_bytes(&bytes).ok_or(StaffError::Vault(VaultError::Crypto(CryptoError::Open)))
    }
    /// AUTH-4: a failure counts for the account and its address: from the fifth from one
    /// address, that pair backs off 1, 2, 4 … minutes (at most an hour) before another
    /// attempt is even checked; from the [`ACCOUNT_CEILING`]th from anywhere, the account.
    fn fail<T>(&self, creds: &Credentials, address: &AddressTag, now: i64) -> Result<T, StaffError> {
        let after = |free: i64| {
            move |failures: i64| {
                if failures >= free {
                    now + (60i64 << (failures - free).min(6)).min(3600)
                } else {
                    0
                }
            }
        };
        let (pair, account) = (after(FREE_FAILURES), after(ACCOUNT_CEILING));
        let entry = self.audit(
            Some(&creds.id),
            None,
            "login.fail",
            format!("user:{}", creds.id),
            false,
        );
        self.directory.store.login_failed(
            &creds.id,
            address,
            Backoff {
                pair: &pair,
                account: &account,
            },
            &entry,
            now,
        )?;
        Err(StaffError::NotAccepted)
    }
}
