//! The audit log as admins read it: entries filtered by person, dates and record, within
//! what the policy lets each admin see; and its daily anchor in the key store.

use super::*;

impl AuditLog<'_> {
    /// Audit entries the actor may read, filtered.
    pub fn entries(&self, actor: &Actor, mut filter: audit::Filter) -> Result<Vec<Recorded>, StaffError> {
        if !policy::allows(actor, Action::ReadAudit) {
            return Err(self.deny(actor, "audit.read", String::new()));
        }
        filter.agencies = policy::audit_agencies(actor);
        Ok(self.directory.store.audit_entries(&filter)?)
    }
    /// Account names by id (for the audit page's actor column and filter).
    pub fn account_names(&self) -> Result<HashMap<String, String>, StaffError> {
        Ok(self
            .directory
            .store
            .people()?
            .into_iter()
            .map(|(a, _)| (a.id.0, a.name))
            .collect())
    }
}

impl Staff {
    /// Anchors the audit chain's head for today (UTC) in the key store, once a day: a chain
    /// cut short later no longer reaches its anchor, and `audit verify` says so. Returns the
    /// sequence number anchored, if a new anchor was written.
    pub fn anchor_audit(&self) -> Result<Option<u64>, StaffError> {
        let now = self.clock.now();
        let Some((seq, hash)) = self.directory.store.audit_head()? else {
            return Ok(None);
        };
        let day = super::listings::day_of(now);
        Ok(self.vault.anchor_audit(&day, seq, &hash, now)?.then_some(seq))
    }
}
