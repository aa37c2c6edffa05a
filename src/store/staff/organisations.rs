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

    /// Agencies by name with their count of active members.
    pub fn agencies(&self) -> Result<Vec<(Agency, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(
            "SELECT a.id, a.name, (SELECT COUNT(*) FROM memberships m WHERE m.agency_id = a.id AND m.ended_at IS NULL)
             FROM agencies a ORDER BY a.name",
        )?;
        let rows = stmt.query_map([], |r| {
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
        let rows = stmt.query_map([], |r| {
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
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
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
