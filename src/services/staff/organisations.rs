//! Agencies and provider organisations (each tied to an organisation of the directory).

use super::*;
use crate::domain::staff::AgencySettings;

impl Organisations<'_> {
    /// Agencies with their active member counts (directory admins).
    pub fn agencies(&self, actor: &Actor) -> Result<Vec<(Agency, u64)>, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.list", String::new()));
        }
        Ok(self.directory.store.agencies()?)
    }
    /// Creates an agency.
    pub fn create_agency(&self, actor: &Actor, name: &str, city: &str) -> Result<AgencyId, StaffError> {
        if !policy::allows(actor, Action::ManageAgencies) {
            return Err(self.deny(actor, "agency.create", String::new()));
        }
        let agency = Agency {
            id: AgencyId::random(),
            name: staff::name(name)?,
        };
        // Its time zone from its city (the admin can change it later); no city, none yet.
        let time_zone = if city.trim().is_empty() {
            None
        } else {
            let place = self
                .directory
                .gazetteer
                .resolve(city)
                .map_err(|_| StaffError::Invalid {
                    field: "city",
                    key: "staff-error-city",
                })?;
            self.directory
                .gazetteer
                .time_zone_at(place.point)
                .map(str::to_owned)
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
            Err(StoreError::Conflict(_)) => {
                return Err(StaffError::Invalid {
                    field: "name",
                    key: "staff-error-agency-exists",
                });
            }
            other => other?,
        }
        if time_zone.is_some() {
            let entry = self.audit(
                Some(&actor.user),
                Some(&agency.id),
                "agency.settings",
                format!("agency:{}", agency.id),
                true,
            );
            let settings = AgencySettings {
                time_zone,
                phone: None,
            };
            self.directory
                .store
                .set_agency_settings(&agency.id, &settings, &entry, self.clock.now())?;
        }
        Ok(agency.id)
    }

    /// An agency's settings, for its admins' form.
    pub fn settings(&self, actor: &Actor, agency: &AgencyId) -> Result<AgencySettings, StaffError> {
        if !policy::allows(actor, Action::ConfigureAgency(agency)) {
            return Err(self.deny(actor, "agency.settings", format!("agency:{agency}")));
        }
        Ok(self.directory.store.agency_settings(agency)?)
    }

    /// Sets an agency's time zone (one of [`staff::TIME_ZONES`]) and phone; audited.
    pub fn set_settings(
        &self,
        actor: &Actor,
        agency: &AgencyId,
        time_zone: &str,
        phone: &str,
    ) -> Result<(), StaffError> {
        let record = format!("agency:{agency}");
        if !policy::allows(actor, Action::ConfigureAgency(agency)) {
            return Err(self.deny(actor, "agency.settings", record));
        }
        let settings = AgencySettings {
            time_zone: Some(staff::time_zone(time_zone)?),
            phone: staff::phone(phone)?,
        };
        let entry = self.audit(Some(&actor.user), Some(agency), "agency.settings", record, true);
        self.directory
            .store
            .set_agency_settings(agency, &settings, &entry, self.clock.now())?;
        Ok(())
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
