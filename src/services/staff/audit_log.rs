//! The audit log as admins read it: entries filtered by person, dates and record, within
//! what the policy lets each admin see.

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
