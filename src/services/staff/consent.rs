//! Consent (LEG-1): what a survivor agrees to share with one provider organisation — which
//! field groups, for what purpose, until when, witnessed by whom — revocable at once. And the
//! one function a provider's view will read a referral through, which shares nothing beyond a
//! consent in force (AC-4).

use super::survivors::{owner, words_place};
use super::*;
use crate::domain::consent::{FieldGroup, in_force};
use crate::domain::ids::{ConsentId, ReferralId, SurvivorId};
use crate::domain::plan::{self, ContactPrefs, PlanInvalid};
use crate::store::StoredConsent;

/// What the consent form sent.
#[derive(Debug, Default)]
pub struct ConsentForm {
    /// Recipient HSDS organisation id (one the survivor was referred to).
    pub organization: String,
    /// Field group codes.
    pub groups: Vec<String>,
    /// Purpose, in plain words.
    pub purpose: String,
    /// Expiry date.
    pub expires: String,
}

/// A consent on the plan page.
#[derive(Clone, Debug)]
pub struct ConsentView {
    /// Id.
    pub id: ConsentId,
    /// Recipient organisation's name.
    pub organisation: String,
    /// Groups shared.
    pub groups: Vec<FieldGroup>,
    /// Purpose.
    pub purpose: String,
    /// Expiry date.
    pub expires: String,
    /// Who witnessed it.
    pub witness: String,
    /// In force now.
    pub in_force: bool,
    /// Revoked.
    pub revoked: bool,
    /// Unix second it was given.
    pub given_at: i64,
}

/// What a provider organisation may see of a referral addressed to it, now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProviderView {
    /// The referral's opaque reference (always).
    pub reference: String,
    /// The need referred (always).
    pub need: String,
    /// Name or initials, age band code, languages — with consent to `identity`.
    pub identity: Option<(String, String, Vec<String>)>,
    /// Contact preferences and place — with consent to `contact`.
    pub contact: Option<(ContactPrefs, String)>,
    /// Their own words about the need — with consent to `needs`.
    pub their_words: Option<String>,
}

fn purpose_place(id: &ConsentId) -> Place<'_> {
    Place {
        table: "consents",
        column: "purpose",
        row: id.as_str(),
    }
}

fn groups_of(c: &StoredConsent) -> Vec<FieldGroup> {
    c.field_groups
        .split(',')
        .filter_map(FieldGroup::from_code)
        .collect()
}

impl Consents<'_> {
    /// Records a survivor's consent to share with an organisation they were referred to.
    pub fn give(&self, actor: &Actor, id: &SurvivorId, form: &ConsentForm) -> Result<(), StaffError> {
        let s = self.assigned(actor, id, "consent.give")?;
        let referred = self
            .directory
            .store
            .referrals_of(id)?
            .iter()
            .any(|r| r.organization == form.organization);
        if !referred {
            return Err(StaffError::Invalid {
                field: "organization",
                key: "consent-error-organization",
            });
        }
        let groups: Vec<FieldGroup> = form
            .groups
            .iter()
            .filter_map(|g| FieldGroup::from_code(g))
            .collect();
        if groups.is_empty() || groups.len() != form.groups.len() {
            return Err(StaffError::Invalid {
                field: "groups",
                key: "consent-error-groups",
            });
        }
        let purpose = plan::text(&form.purpose, 300, "purpose")?;
        if purpose.is_empty() {
            return Err(StaffError::Invalid {
                field: "purpose",
                key: "consent-error-purpose",
            });
        }
        let now = self.clock.now();
        let expires = plan::date(&form.expires, "expires")?.ok_or(PlanInvalid::Date("expires"))?;
        // Time-limited: from tomorrow to a year ahead.
        let year_ahead = now + 366 * 86_400;
        if !in_force(&expires, None, now + 1) || in_force(&expires, None, year_ahead) {
            return Err(StaffError::Invalid {
                field: "expires",
                key: "consent-error-expires",
            });
        }
        let consent_id = ConsentId::random();
        let consent = StoredConsent {
            purpose: self
                .vault
                .seal(&owner(id), purpose_place(&consent_id), purpose.as_bytes())?,
            id: consent_id.clone(),
            survivor: id.to_owned(),
            organization: form.organization.clone(),
            field_groups: groups.iter().map(|g| g.code()).collect::<Vec<_>>().join(","),
            expires,
            witness: actor.user.clone(),
            created_at: now,
            revoked_at: None,
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&s.agency),
            "consent.give",
            format!("consent:{consent_id}"),
            true,
        );
        self.directory.store.add_consent(&consent, &entry, now)?;
        Ok(())
    }
    /// Revokes a consent, with immediate effect; returns its survivor's id.
    pub fn revoke(&self, actor: &Actor, consent_id: &ConsentId) -> Result<SurvivorId, StaffError> {
        let record = format!("consent:{consent_id}");
        let Some(c) = self.directory.store.consent(consent_id)? else {
            return Err(self.deny(actor, "consent.revoke", record));
        };
        let s = self.assigned(actor, &c.survivor, "consent.revoke")?;
        let entry = self.audit(Some(&actor.user), Some(&s.agency), "consent.revoke", record, true);
        self.directory
            .store
            .revoke_consent(consent_id, &entry, self.clock.now())?;
        Ok(c.survivor)
    }
    /// What `organization` may see of a referral, now: `None` unless the referral is
    /// addressed to it (AC-1; the same as a missing referral, AC-3); beyond the reference and
    /// the need, only the field groups of a consent in force for it (LEG-1, AC-4).
    pub fn provider_view(
        &self,
        organization: &str,
        referral_id: &ReferralId,
    ) -> Result<Option<ProviderView>, StaffError> {
        let Some(r) = self.directory.store.referral(referral_id)? else {
            return Ok(None);
        };
        if r.organization != organization {
            return Ok(None);
        }
        // A draft is not sent yet, and an ended referral shares nothing more: as if it were
        // not there (AC-3).
        use crate::domain::referral::ReferralStatus;
        if ReferralStatus::from_code(&r.status).is_none_or(|s| s.is_ended() || s == ReferralStatus::Draft) {
            return Ok(None);
        }
        let need = self
            .directory
            .store
            .plan_needs(&r.survivor)?
            .into_iter()
            .find(|n| n.id == r.need);
        let now = self.clock.now();
        let granted: Vec<FieldGroup> = self
            .directory
            .store
            .consents_of(&r.survivor)?
            .iter()
            .filter(|c| c.organization == organization && in_force(&c.expires, c.revoked_at, now))
            .flat_map(groups_of)
            .collect();
        let mut view = ProviderView {
            reference: r.reference.clone(),
            need: need.as_ref().map(|n| n.code.clone()).unwrap_or_default(),
            ..ProviderView::default()
        };
        // LOG-1: what a provider was shown is on record (which groups, never their content).
        let mut groups: Vec<&str> = granted.iter().map(|g| g.code()).collect();
        groups.sort_unstable();
        groups.dedup();
        let entry = Entry {
            record: format!(
                "referral:{referral_id} org:{organization} groups:{}",
                groups.join(",")
            ),
            ..self.audit(None, None, "provider.view", String::new(), true)
        };
        self.directory.store.audit_read(&entry, now)?;
        if granted.is_empty() {
            return Ok(Some(view));
        }
        let survivor = self
            .directory
            .store
            .survivor(&r.survivor)?
            .ok_or(StaffError::NotFound)?;
        let record = self.open_record(&survivor)?;
        if granted.contains(&FieldGroup::Identity) {
            view.identity = Some((
                record.pseudonym,
                record.age_band.code().to_owned(),
                record.languages,
            ));
        }
        if granted.contains(&FieldGroup::Contact) {
            view.contact = Some((record.contact, record.place));
        }
        if granted.contains(&FieldGroup::Needs)
            && let Some(n) = need
        {
            let words = self
                .vault
                .open_field(&owner(&r.survivor), words_place(&n.id), &n.words)?;
            let words: plan::NeedWords = serde_json::from_slice(&words)
                .map_err(|_| StaffError::Vault(VaultError::Crypto(CryptoError::Open)))?;
            view.their_words = Some(words.their_words);
        }
        Ok(Some(view))
    }
}

impl Staff {
    /// A survivor's consents, newest first, with whether each is in force now (for the plan,
    /// whose caller has checked access). `names`: account names by id, for the witness.
    pub(super) fn consents_of(
        &self,
        id: &SurvivorId,
        names: &std::collections::HashMap<String, String>,
    ) -> Result<Vec<ConsentView>, StaffError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        for c in self.directory.store.consents_of(id)? {
            let purpose = self
                .vault
                .open_field(&owner(id), purpose_place(&c.id), &c.purpose)?;
            out.push(ConsentView {
                organisation: self
                    .directory
                    .store
                    .organization_name(&c.organization)?
                    .unwrap_or_else(|| c.organization.clone()),
                groups: groups_of(&c),
                purpose: String::from_utf8_lossy(&purpose).into_owned(),
                in_force: in_force(&c.expires, c.revoked_at, now),
                revoked: c.revoked_at.is_some(),
                given_at: c.created_at,
                witness: names.get(c.witness.as_str()).cloned().unwrap_or_default(),
                expires: c.expires,
                id: c.id,
            });
        }
        Ok(out)
    }
}
