//! Agencies, provider organisations, and the directory organisations they stand for.

use super::*;

impl Store {
    /// Creates an agency. [`StoreError::Conflict`] when the name is taken.
    pub fn create_agency(&self, agency: &Agency, entry: &Entry, now: i64) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        match tx.execute(
            "INSERT INTO agencies (id, name, created_at) VALUES (?1, ?2, ?3)",
            params![agency.id.as_str(), agency.name, now],
        ) {
            Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("name")),
            other => other?,
        };
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// An agency's settings (all unset for an agency that does not exist).
    pub fn agency_settings(&self, id: &AgencyId) -> Result<AgencySettings, StoreError> {
        let conn = self.read()?;
        let row = conn
            .query_row(
                "SELECT time_zone, phone FROM agencies WHERE id = ?1",
                [id.as_str()],
                |r| {
                    Ok(AgencySettings {
                        time_zone: r.get(0)?,
                        phone: r.get(1)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Sets an agency's settings.
    pub fn set_agency_settings(
        &self,
        id: &AgencyId,
        settings: &AgencySettings,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            "UPDATE agencies SET time_zone = ?2, phone = ?3 WHERE id = ?1",
            params![id.as_str(), settings.time_zone, settings.phone],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Agencies by name with their count of active members.
    pub fn agencies(&self) -> Result<Vec<(Agency, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT a.id, a.name, (SELECT COUNT(*) FROM memberships m WHERE m.agency_id = a.id AND m.ended_at IS NULL)
             FROM agencies a ORDER BY a.name",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                Agency {
                    id: AgencyId(r.get(0)?),
                    name: r.get(1)?,
                },
                r.get::<_, i64>(2)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Creates a provider organisation for a directory organisation. [`StoreError::Conflict`]
    /// when that organisation has one already; `Ok(false)` when it is not in the directory.
    pub fn create_provider(&self, provider: &Provider, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM organizations WHERE id = ?1)",
            [&provider.organization_id],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(false);
        }
        match tx.execute(
            "INSERT INTO providers (id, name, organization_id, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![provider.id.as_str(), provider.name, provider.organization_id, now],
        ) {
            Err(e) if is_unique_violation(&e) => return Err(StoreError::Conflict("organization")),
            other => other?,
        };
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(true)
    }

    /// Provider organisations by name with their count of active members.
    pub fn providers(&self) -> Result<Vec<(Provider, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT p.id, p.name, p.organization_id,
                    (SELECT COUNT(*) FROM memberships m WHERE m.provider_id = p.id AND m.ended_at IS NULL)
             FROM providers p ORDER BY p.name",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                Provider {
                    id: ProviderId(r.get(0)?),
                    name: r.get(1)?,
                    organization_id: r.get(2)?,
                },
                r.get::<_, i64>(3)? as u64,
            ))
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Directory organisations (id, name) that have no provider account yet, by name.
    pub fn organizations_without_provider(&self) -> Result<Vec<(String, String)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT o.id, o.name FROM organizations o
             WHERE NOT EXISTS (SELECT 1 FROM providers p WHERE p.organization_id = o.id) ORDER BY o.name, o.id",
        )?;
        let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A directory organisation's name.
    pub fn organization_name(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .read()?
            .query_row("SELECT name FROM organizations WHERE id = ?1", [id], |r| r.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{NOW, admin, advocate, agency, entry};
    use super::*;
    use crate::domain::audit::Filter;
    use crate::hsds::{Document, OrganizationRecord};
    use crate::store::tests::temp_store;

    fn audited(store: &Store) -> usize {
        store
            .audit_entries(&Filter {
                limit: 1_000,
                ..Filter::default()
            })
            .unwrap()
            .len()
    }

    #[test]
    fn an_agency_name_is_taken_once_and_a_refused_one_audits_nothing() {
        let (_dir, store) = temp_store();
        let admin = admin(&store);
        let (_, grant) = advocate(&store, &admin, "ana@example.org");
        let before = audited(&store);
        let twin = Agency {
            id: AgencyId::random(),
            name: "Agency of ana@example.org".into(),
        };
        let result = store.create_agency(&twin, &entry("agency.create"), NOW);
        assert!(matches!(result, Err(StoreError::Conflict("name"))), "{result:?}");
        assert_eq!(audited(&store), before);
        agency(&store, "Another Agency");
        assert_eq!(audited(&store), before + 1);

        let ana_agency = grant.scope.agency().cloned();
        let listed: Vec<(Option<AgencyId>, String, u64)> = store
            .agencies()
            .unwrap()
            .into_iter()
            .map(|(a, members)| (Some(a.id), a.name, members))
            .collect();
        assert_eq!(listed[0], (ana_agency, "Agency of ana@example.org".to_owned(), 1));
        assert_eq!((listed[1].1.as_str(), listed[1].2), ("Another Agency", 0));
    }

    #[test]
    fn a_provider_needs_a_directory_organisation_and_one_per_organisation() {
        let (_dir, store) = temp_store();
        let doc = Document {
            organizations: ["org-1", "org-2"]
                .map(|id| OrganizationRecord {
                    id: id.into(),
                    name: format!("Name {id}"),
                    hsds: serde_json::json!({}),
                })
                .to_vec(),
            ..Document::default()
        };
        store.import(&[doc], "test").unwrap();
        let provider = |org: &str| Provider {
            id: ProviderId::random(),
            name: "Harbor Staff".into(),
            organization_id: org.into(),
        };
        assert!(
            !store
                .create_provider(&provider("org-9"), &entry("provider.create"), NOW)
                .unwrap()
        );
        assert!(
            store
                .create_provider(&provider("org-1"), &entry("provider.create"), NOW)
                .unwrap()
        );
        let again = store.create_provider(&provider("org-1"), &entry("provider.create"), NOW);
        assert!(
            matches!(again, Err(StoreError::Conflict("organization"))),
            "{again:?}"
        );
        assert_eq!(store.providers().unwrap().len(), 1);
        assert_eq!(
            store.organizations_without_provider().unwrap(),
            [("org-2".to_owned(), "Name org-2".to_owned())]
        );
    }
}
