//! Agencies and provider organisations (each tied to an organisation of the directory).

use super::*;

impl Organisations<'_> {
    /// Agencies with their active member counts (directory admins).
    pub fn agencies(&self, actor: &Actor) -> Result<Vec<(Agency, u64)>, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.list", String::new()));
        }
        Ok(self.directory.store.agencies()?)
    }
    /// Creates an agency.
    pub fn create_agency(&self, actor: &Actor, name: &str) -> Result<AgencyId, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.create", String::new()));
        }
        let agency = Agency {
            id: AgencyId::random(),
            name: staff::name(name)?,
        };
        let entry = self.audit(
            Some(&actor.user),
            Some(&agency.id),
            "agency.create",
            format!("agency:{}", agency.id),
            true,
        );
        match self
            .directory
            .store
            .create_agency(&agency, &entry, self.clock.now())
        {
            Err(StoreError::Conflict(_)) => Err(StaffError::Invalid {
                field: "name",
                key: "staff-error-agency-exists",
            }),
            other => Ok(other.map(|()| agency.id)?),
        }
    }
    /// Provider organisations and the directory organisations that have none yet.
    #[expect(clippy::type_complexity, reason = "two plain lists")]
    pub fn providers(
        &self,
        actor: &Actor,
    ) -> Result<(Vec<(Provider, String, u64)>, Vec<(String, String)>), StaffError> {
        if !policy::allows(actor, Action::ManageProviders) {
            return Err(self.deny(actor, "provider.list", String::new()));
        }
        let store = &self.directory.store;
        let mut providers = Vec::new();
        for (p, n) in store.providers()? {
            let org = store.organization_name(&p.organization_id)?.unwrap_or_default();
            providers.push((p, org, n));
        }
        Ok((providers, store.organizations_without_provider()?))
    }
    /// Creates the provider organisation of a directory organisation.
    pub fn create_provider(&self, actor: &Actor, organization_id: &str) -> Result<ProviderId, StaffError> {
        if !policy::allows(actor, Action::ManageProviders) {
            return Err(self.deny(actor, "provider.create", String::new()));
        }
        let bad = StaffError::Invalid {
            field: "organization",
            key: "staff-error-organization",
        };
        let Some(name) = self.directory.store.organization_name(organization_id)? else {
            return Err(bad);
        };
        let provider = Provider {
            id: ProviderId::random(),
            name,
            organization_id: organization_id.to_owned(),
        };
        let entry = self.audit(
            Some(&actor.user),
            None,
            "provider.create",
            format!("provider:{}", provider.id),
            true,
        );
        match self
            .directory
            .store
            .create_provider(&provider, &entry, self.clock.now())
        {
            Ok(true) => Ok(provider.id),
            Ok(false) | Err(StoreError::Conflict(_)) => Err(bad),
            Err(e) => Err(e.into()),
        }
    }
}
