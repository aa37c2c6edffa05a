//! API tokens of provider organisations (PRV-2) and the one thing they may do: report a
//! service's capacity without a browser. A token is 256 random bits, shown once, stored as
//! a hash, named, revocable, scoped to one organisation and to capacity updates.

use super::*;
use crate::domain::Listing;
use crate::domain::listing_edit::CapacityEdit;
use crate::store::{StoredChange, StoredToken};

/// Why the capacity API refused (nothing changed).
#[derive(Debug, thiserror::Error)]
pub enum TokenRefusal {
    /// No token, an unknown one or a revoked one.
    #[error("unauthorized")]
    Unauthorized,
    /// No such service — or not the token's organisation's (the same answer).
    #[error("not found")]
    NotFound,
    /// A failure or a refusal of the change itself.
    #[error(transparent)]
    Staff(#[from] StaffError),
}

impl From<StoreError> for TokenRefusal {
    fn from(e: StoreError) -> TokenRefusal {
        TokenRefusal::Staff(e.into())
    }
}

/// A token just made: its secret, shown once.
#[derive(Debug)]
pub struct NewToken {
    /// Its name.
    pub name: String,
    /// The secret.
    pub secret: SecretString,
}

impl Staff {
    /// The provider organisation the actor keeps listings for (the first, if several).
    pub(super) fn provider_of(&self, actor: &Actor) -> Option<ProviderId> {
        actor
            .grants
            .iter()
            .filter(|g| g.role == Role::ProviderStaff)
            .find_map(|g| match &g.scope {
                Scope::Provider(p) => Some(p.clone()),
                _ => None,
            })
    }
}

impl ApiTokens<'_> {
    /// The tokens of the actor's provider organisation, newest first.
    pub fn list(&self, actor: &Actor) -> Result<Vec<StoredToken>, StaffError> {
        match self.provider_of(actor) {
            Some(p) if policy::allows(actor, Action::EditListing(&p)) => {
                Ok(self.directory.store.api_tokens_of(&p)?)
            }
            _ => Err(self.deny(actor, "token.list", "tokens".to_owned())),
        }
    }

    /// Makes a token for the actor's provider organisation; its secret is shown once.
    pub fn create(&self, actor: &Actor, name: &str) -> Result<NewToken, StaffError> {
        let Some(provider) = self
            .provider_of(actor)
            .filter(|p| policy::allows(actor, Action::EditListing(p)))
        else {
            return Err(self.deny(actor, "token.create", "tokens".to_owned()));
        };
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(StaffError::Invalid {
                field: "name",
                key: "tokens-error-name",
            });
        }
        let token = Token::generate()?;
        let now = self.clock.now();
        let stored = StoredToken {
            id: uuid::Uuid::new_v4().to_string(),
            provider,
            name: name.to_owned(),
            created_by: actor.user.clone(),
            created_at: now,
            last_used_at: None,
            revoked_at: None,
        };
        let entry = self.audit(
            Some(&actor.user),
            None,
            "token.create",
            format!("token:{}", stored.id),
            true,
        );
        self.directory
            .store
            .create_api_token(&stored, &token.hash(), &entry)?;
        Ok(NewToken {
            name: stored.name,
            secret: SecretString::from(token.expose().to_owned()),
        })
    }

    /// Revokes one of the actor's organisation's tokens: refused at once from now on.
    pub fn revoke(&self, actor: &Actor, id: &str) -> Result<(), StaffError> {
        let record = format!("token:{id}");
        let mine =
            self.directory.store.api_token(id)?.filter(|t| {
                t.revoked_at.is_none() && policy::allows(actor, Action::EditListing(&t.provider))
            });
        if mine.is_none() {
            return Err(self.deny(actor, "token.revoke", record));
        }
        let entry = self.audit(Some(&actor.user), None, "token.revoke", record.clone(), true);
        if self
            .directory
            .store
            .revoke_api_token(id, &entry, self.clock.now())?
        {
            Ok(())
        } else {
            Err(self.deny(actor, "token.revoke", record))
        }
    }

    /// The capacity API: with a live token of the service's organisation, the capacity is
    /// set, kept in the listing's history and live in search before returning.
    pub fn set_capacity(
        &self,
        token: &Token,
        service_id: &str,
        capacity: &CapacityEdit,
    ) -> Result<Listing, TokenRefusal> {
        let now = self.clock.now();
        let found = self.directory.store.use_api_token(&token.hash(), now)?;
        let Some(token) = found else {
            return Err(TokenRefusal::Unauthorized);
        };
        let Some(service) = self.directory.store.service(service_id)? else {
            return Err(TokenRefusal::NotFound);
        };
        let organisation = service.listing.organization_id.clone();
        if self.provider_for(&organisation)?.as_ref() != Some(&token.provider) {
            return Err(TokenRefusal::NotFound);
        }
        let record: serde_json::Value =
            serde_json::from_str(&service.hsds).map_err(|_| StaffError::Invalid {
                field: "form",
                key: "listing-error-record",
            })?;
        let today = jiff::Timestamp::from_second(now)
            .map(|t| t.strftime("%Y-%m-%d").to_string())
            .unwrap_or_default();
        let changed = crate::hsds::edit::set_capacity(&record, capacity, &today);
        let listing = self.remap(&changed, &organisation)?;
        let text = |c: Option<&crate::domain::Capacity>| {
            c.map(|c| {
                format!(
                    "{} / {} {}",
                    c.available,
                    c.maximum.map_or("?".to_owned(), |m| m.to_string()),
                    c.unit
                )
            })
            .unwrap_or_default()
        };
        let change = StoredChange {
            id: uuid::Uuid::new_v4().to_string(),
            service_id: service_id.to_owned(),
            organization_id: organisation,
            actor: token.created_by.clone(),
            at: now,
            fields: serde_json::json!([{
                "field": "capacity",
                "old": text(service.listing.capacity.as_ref()),
                "new": text(listing.capacity.as_ref()),
            }])
            .to_string(),
            state: "live".to_owned(),
            proposal: None,
            note: Some(format!("API token: {}", token.name)),
            decided_by: None,
            decided_at: None,
        };
        let entry = self.audit(
            Some(&token.created_by),
            None,
            "listing.capacity",
            format!("listing:{service_id}"),
            true,
        );
        self.publish(Some((&changed, &listing)), &change, &entry)?;
        Ok(listing)
    }
}
