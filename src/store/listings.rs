//! Listings as providers keep them: one service's stored HSDS record and listing replaced
//! together, the change sequence advanced (the index follows it), and the change recorded in
//! the listing's history — or kept pending for review — in the same transaction as its
//! audit entry.

use crate::store::sql::{OptionalExtension, Sql, params};

use super::{Store, StoreError, decode};
use crate::domain::Listing;
use crate::domain::audit::Entry;
use crate::domain::records::OrganizationRecord;
use crate::domain::staff::UserId;

/// A service-at-location as stored: its service's HSDS record and listing, and its place in
/// the record's `service_at_locations`.
pub type StoredOffice = (String, Listing, usize);

/// A service as stored: its HSDS record (as JSON text) and the listing made from it.
#[derive(Clone, Debug)]
pub struct StoredService {
    /// The HSDS service record.
    pub hsds: String,
    /// The public listing.
    pub listing: Listing,
}

/// One recorded change of a listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredChange {
    /// Id.
    pub id: String,
    /// The service.
    pub service_id: String,
    /// Its HSDS organisation.
    pub organization_id: String,
    /// Who made it.
    pub actor: UserId,
    /// Unix second.
    pub at: i64,
    /// The fields, as JSON: `[{"field", "old", "new"}]`.
    pub fields: String,
    /// `live`, `pending`, `approved` or `sent_back`.
    pub state: String,
    /// What a pending change proposes (JSON), until decided.
    pub proposal: Option<String>,
    /// The reviewer's note.
    pub note: Option<String>,
    /// Who decided.
    pub decided_by: Option<UserId>,
    /// When.
    pub decided_at: Option<i64>,
}

const CHANGE_COLUMNS: &str =
    "id, service_id, organization_id, actor, at, fields, state, proposal, note, decided_by, decided_at";

fn change_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredChange> {
    Ok(StoredChange {
        id: r.get(0)?,
        service_id: r.get(1)?,
        organization_id: r.get(2)?,
        actor: UserId(r.get(3)?),
        at: r.get(4)?,
        fields: r.get(5)?,
        state: r.get(6)?,
        proposal: r.get(7)?,
        note: r.get(8)?,
        decided_by: r.get::<_, Option<String>>(9)?.map(UserId),
        decided_at: r.get(10)?,
    })
}

impl Store {
    /// A service's record and listing.
    pub fn service(&self, id: &str) -> Result<Option<StoredService>, StoreError> {
        let row: Option<(String, String)> = self
            .read()?
            .query_row("SELECT hsds, listing FROM services WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(hsds, listing)| {
            Ok(StoredService {
                hsds,
                listing: decode(id, &listing)?,
            })
        })
        .transpose()
    }

    /// Every organisation's HSDS record with its services' records and listings, by
    /// organisation id then service id (for an export).
    #[allow(clippy::type_complexity)]
    pub fn hsds_by_organization(&self) -> Result<Vec<(String, Vec<(String, Listing)>)>, StoreError> {
        let conn = self.read()?;
        let mut orgs: Vec<(String, String, Vec<(String, Listing)>)> = Vec::new();
        {
            let mut stmt = conn.prepare("SELECT id, hsds FROM organizations ORDER BY id")?;
            let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (id, hsds) = row?;
                orgs.push((id, hsds, Vec::new()));
            }
        }
        let mut stmt = conn.prepare(
            "SELECT organization_id, id, hsds, listing FROM services ORDER BY organization_id, id",
        )?;
        let rows = stmt.query_map((), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let at: std::collections::HashMap<String, usize> = orgs
            .iter()
            .enumerate()
            .map(|(i, (id, _, _))| (id.clone(), i))
            .collect();
        for row in rows {
            let (org, id, hsds, listing) = row?;
            let listing = decode(&id, &listing)?;
            if let Some(&i) = at.get(&org) {
                orgs[i].2.push((hsds, listing));
            }
        }
        Ok(orgs
            .into_iter()
            .map(|(_, hsds, services)| (hsds, services))
            .collect())
    }

    /// One page of services' records and listings by id, of one organisation or all, and
    /// only those changed at or after `modified_after` when given; and how many there are.
    pub fn service_records(
        &self,
        organization_id: Option<&str>,
        modified_after: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<(String, Listing)>), StoreError> {
        let conn = self.read()?;
        // Only the filters given: `(?1 IS NULL OR …)` kept SQLite from walking the id index,
        // and it read and sorted every record for each page (12 ms a page at 10k).
        // `modified_after` is compared as text: both sides are `YYYY-MM-DDTHH:MM:SS.SSSZ`.
        let (filter, args) = service_filter(organization_id, modified_after);
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) FROM services {filter}"),
            crate::store::sql::params_from_iter(&args),
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(&format!(
            "SELECT id, hsds, listing FROM services {filter} ORDER BY id LIMIT {limit} OFFSET {offset}"
        ))?;
        let rows = stmt.query_map(crate::store::sql::params_from_iter(&args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, hsds, listing) = row?;
            out.push((hsds, decode(&id, &listing)?));
        }
        Ok((total as usize, out))
    }

    /// One page of service-at-locations by id, of one organisation or all, and only those
    /// whose service changed at or after `modified_after` when given: each as its service's
    /// record and listing and its place in the record's `service_at_locations`; and how
    /// many there are.
    pub fn service_location_records(
        &self,
        organization_id: Option<&str>,
        modified_after: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<StoredOffice>), StoreError> {
        let conn = self.read()?;
        let (filter, args) = service_filter(organization_id, modified_after);
        let filter = filter
            .replace("organization_id", "s.organization_id")
            .replace("modified_at", "s.modified_at");
        let from = format!("FROM service_locations sl JOIN services s ON s.id = sl.service_id {filter}");
        let total: i64 = conn.query_row(
            &format!("SELECT COUNT(*) {from}"),
            crate::store::sql::params_from_iter(&args),
            |r| r.get(0),
        )?;
        let mut stmt = conn.prepare(&format!(
            "SELECT s.id, s.hsds, s.listing, sl.position {from} ORDER BY sl.id LIMIT {limit} OFFSET {offset}"
        ))?;
        let rows = stmt.query_map(crate::store::sql::params_from_iter(&args), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, hsds, listing, position) = row?;
            out.push((hsds, decode(&id, &listing)?, position.max(0) as usize));
        }
        Ok((total as usize, out))
    }

    /// One service-at-location by id: its service's record and listing and its place in the
    /// record's `service_at_locations`.
    pub fn service_location_record(&self, id: &str) -> Result<Option<StoredOffice>, StoreError> {
        let conn = self.read()?;
        let row: Option<(String, String, String, i64)> = conn
            .query_row(
                "SELECT s.id, s.hsds, s.listing, sl.position
                 FROM service_locations sl JOIN services s ON s.id = sl.service_id WHERE sl.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        row.map(|(id, hsds, listing, position)| Ok((hsds, decode(&id, &listing)?, position.max(0) as usize)))
            .transpose()
    }

    /// One page of organisations' records by id, and how many there are in all.
    pub fn organization_records(
        &self,
        offset: usize,
        limit: usize,
    ) -> Result<(usize, Vec<String>), StoreError> {
        let conn = self.read()?;
        let total: i64 = conn.query_row("SELECT COUNT(*) FROM organizations", (), |r| r.get(0))?;
        let mut stmt = conn.prepare("SELECT hsds FROM organizations ORDER BY id LIMIT ?1 OFFSET ?2")?;
        let rows = stmt.query_map(crate::store::sql::params![limit as i64, offset as i64], |r| {
            r.get::<_, String>(0)
        })?;
        Ok((total as usize, rows.collect::<Result<_, _>>()?))
    }

    /// A directory organisation's record, for mapping its services.
    pub fn organization(&self, id: &str) -> Result<Option<OrganizationRecord>, StoreError> {
        let row: Option<(String, String)> = self
            .read()?
            .query_row("SELECT name, hsds FROM organizations WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(name, hsds)| {
            Ok(OrganizationRecord {
                id: id.to_owned(),
                name,
                hsds: serde_json::from_str(&hsds).map_err(|e| StoreError::Corrupt {
                    id: id.to_owned(),
                    message: e.to_string(),
                })?,
            })
        })
        .transpose()
    }

    /// The listings of one HSDS organisation, by name.
    pub fn listings_of(&self, organization_id: &str) -> Result<Vec<Listing>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT id, listing FROM services WHERE organization_id = ?1")?;
        let rows = stmt.query_map([organization_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, json) = row?;
            out.push(decode(&id, &json)?);
        }
        out.sort_by(|a: &Listing, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Replaces a service's record and listing (when `replace` is given), records `change`,
    /// and appends `entry`, in one transaction. Returns the change sequence the service now
    /// carries (the index is stamped with it), or `None` when the service is gone.
    pub fn change_service(
        &self,
        replace: Option<(&str, &Listing)>,
        change: &StoredChange,
        entry: &Entry,
    ) -> Result<Option<u64>, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT changed_seq FROM services WHERE id = ?1",
                [&change.service_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(mut seq) = exists else {
            return Ok(None);
        };
        if let Some((hsds, listing)) = replace {
            let json = serde_json::to_string(listing).map_err(|e| StoreError::Corrupt {
                id: listing.id.clone(),
                message: e.to_string(),
            })?;
            seq = tx.query_row("SELECT value + 1 FROM change_seq", (), |r| r.get(0))?;
            tx.execute(
                "UPDATE services SET hsds = ?2, listing = ?3, changed_seq = ?4 WHERE id = ?1",
                params![change.service_id, hsds, json, seq],
            )?;
            tx.execute("UPDATE change_seq SET value = ?1", [seq])?;
        }
        tx.execute(
            &format!("INSERT INTO listing_changes ({CHANGE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
            params![
                change.id,
                change.service_id,
                change.organization_id,
                change.actor.as_str(),
                change.at,
                change.fields,
                change.state,
                change.proposal,
                change.note,
                change.decided_by.as_ref().map(UserId::as_str),
                change.decided_at
            ],
        )?;
        self.append(&tx, entry, change.at)?;
        tx.commit()?;
        Ok(Some(seq as u64))
    }

    /// Records a change that touches no stored service yet (a proposed new service), with
    /// its audit entry.
    pub fn record_change(&self, change: &StoredChange, entry: &Entry) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            &format!(
                "INSERT INTO listing_changes ({CHANGE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, NULL, NULL)"
            ),
            params![
                change.id,
                change.service_id,
                change.organization_id,
                change.actor.as_str(),
                change.at,
                change.fields,
                change.state,
                change.proposal
            ],
        )?;
        self.append(&tx, entry, change.at)?;
        tx.commit()?;
        Ok(())
    }

    /// Decides a pending change (`approved` or `sent_back`), replacing the service's record
    /// and listing when given (adding the service when it is a new one), in one transaction with `entry`. `None` when the change was no
    /// longer pending (someone else decided it meanwhile: nothing changes).
    #[expect(
        clippy::too_many_arguments,
        reason = "one decision, its context and its audit entry"
    )]
    pub fn decide_change(
        &self,
        id: &str,
        state: &str,
        by: &UserId,
        note: Option<&str>,
        replace: Option<(&str, &Listing)>,
        entry: &Entry,
        now: i64,
    ) -> Result<Option<u64>, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE listing_changes SET state = ?2, note = ?3, decided_by = ?4, decided_at = ?5
             WHERE id = ?1 AND state = 'pending'",
            params![id, state, note, by.as_str(), now],
        )?;
        if n != 1 {
            return Ok(None);
        }
        let (service, organization): (String, String) = tx.query_row(
            "SELECT service_id, organization_id FROM listing_changes WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut seq: i64 = tx.query_row("SELECT value FROM change_seq", (), |r| r.get(0))?;
        if let Some((hsds, listing)) = replace {
            let json = serde_json::to_string(listing).map_err(|e| StoreError::Corrupt {
                id: listing.id.clone(),
                message: e.to_string(),
            })?;
            seq += 1;
            tx.execute(
                "INSERT INTO services (id, organization_id, hsds, listing, source, changed_seq)
                 VALUES (?1, ?5, ?2, ?3, 'provider', ?4)
                 ON CONFLICT (id) DO UPDATE SET hsds = excluded.hsds, listing = excluded.listing,
                   changed_seq = excluded.changed_seq",
                params![service, hsds, json, seq, organization],
            )?;
            tx.execute("UPDATE change_seq SET value = ?1", [seq])?;
        }
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(Some(seq as u64))
    }

    /// A listing's history, newest first.
    pub fn listing_changes(&self, service_id: &str) -> Result<Vec<StoredChange>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {CHANGE_COLUMNS} FROM listing_changes WHERE service_id = ?1 ORDER BY at DESC, rowid DESC"
        ))?;
        let rows = stmt.query_map([service_id], change_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One recorded change.
    pub fn listing_change(&self, id: &str) -> Result<Option<StoredChange>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {CHANGE_COLUMNS} FROM listing_changes WHERE id = ?1"),
                [id],
                change_row,
            )
            .optional()?)
    }

    /// Every change waiting for review, oldest first.
    pub fn pending_changes(&self) -> Result<Vec<StoredChange>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {CHANGE_COLUMNS} FROM listing_changes WHERE state = 'pending' ORDER BY at, rowid"
        ))?;
        let rows = stmt.query_map((), change_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The `WHERE` clause of a services listing and its arguments, with only the filters given.
fn service_filter(organization_id: Option<&str>, modified_after: Option<&str>) -> (String, Vec<String>) {
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    if let Some(org) = organization_id {
        args.push(org.to_owned());
        clauses.push(format!("organization_id = ?{}", args.len()));
    }
    if let Some(after) = modified_after {
        args.push(after.to_owned());
        clauses.push(format!("modified_at >= ?{}", args.len()));
    }
    if clauses.is_empty() {
        (String::new(), args)
    } else {
        (format!("WHERE {}", clauses.join(" AND ")), args)
    }
}

impl Store {
    /// The database's latest change and every listing changed after change `after`, with
    /// the change that last wrote it, read in one snapshot (see `SearchIndex::catch_up`).
    pub fn listings_changed_since(&self, after: u64) -> Result<(u64, Vec<(u64, Listing)>), StoreError> {
        let conn = self.read()?;
        let tx = conn.unchecked_transaction()?;
        let seq: i64 = tx.query_row("SELECT value FROM change_seq", (), |r| r.get(0))?;
        let mut changed = Vec::new();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT id, listing, changed_seq FROM services WHERE changed_seq > ?1 ORDER BY changed_seq",
            )?;
            let mut rows = stmt.query([after as i64])?;
            while let Some(row) = rows.next()? {
                let id: String = row.get(0)?;
                let json: String = row.get(1)?;
                changed.push((row.get::<_, i64>(2)? as u64, super::decode(&id, &json)?));
            }
        }
        tx.commit()?;
        Ok((seq as u64, changed))
    }
}
