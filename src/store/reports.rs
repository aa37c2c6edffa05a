//! The counts behind an agency's reports (LEG-3): aggregates only, never a row.

use crate::store::sql::{OptionalExtension as _, Sql};

use super::{Store, StoreError};

impl Store {
    /// Counts for an agency's report (no survivor field: codes and statuses only):
    /// needs by (need, status), referrals by (need, status), open needs with no live referral
    /// by need.
    #[expect(clippy::type_complexity, reason = "three plain tables")]
    pub fn agency_counts(
        &self,
        agency: &str,
    ) -> Result<
        (
            Vec<(String, String, u64)>,
            Vec<(String, String, u64)>,
            Vec<(String, u64)>,
        ),
        StoreError,
    > {
        let conn = self.read()?;
        let triples = |sql: &str| -> Result<Vec<(String, String, u64)>, StoreError> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([agency], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? as u64))
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let needs = triples(
            "SELECT n.need_code, n.status, COUNT(*) FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id
             WHERE s.agency_id = ?1 AND s.closed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let referrals = triples(
            "SELECT n.need_code, r.status, COUNT(*) FROM referrals r JOIN plan_needs n ON n.id = r.need_id
             JOIN survivors s ON s.id = r.survivor_id WHERE s.agency_id = ?1 AND s.closed_at IS NULL
             GROUP BY 1, 2 ORDER BY 1, 2",
        )?;
        let mut stmt = conn.prepare(
            "SELECT n.need_code, COUNT(*) FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id
             WHERE s.agency_id = ?1 AND s.closed_at IS NULL AND n.status IN ('identified', 'being_arranged')
               AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.need_id = n.id
                               AND r.status NOT IN ('declined', 'completed', 'closed_by_survivor', 'withdrawn'))
             GROUP BY 1 ORDER BY 1",
        )?;
        let unprovided = stmt
            .query_map([agency], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<Result<_, _>>()?;
        Ok((needs, referrals, unprovided))
    }
}

/// What the unmet-need counts are grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnmetBy {
    /// The need's code.
    Need,
    /// The survivor's county (FIPS; empty when unknown).
    County,
}

/// One row of the unmet-need counts (issue 13): codes and counts only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UnmetRow {
    /// The need code or the county's FIPS code.
    pub key: String,
    /// Needs identified in the period.
    pub identified: u64,
    /// Referrals sent in the period (every one past its draft).
    pub sent: u64,
    /// Of those, accepted by the provider (accepted, started or completed).
    pub accepted: u64,
    /// Declined for lack of room.
    pub no_capacity: u64,
    /// Declined as outside who the provider serves.
    pub not_eligible: u64,
    /// Declined because the survivor could not be reached.
    pub unreachable: u64,
    /// For the needs identified in the period whose service has started: (days it took,
    /// how many took that long).
    pub days_to_start: Vec<(i64, u64)>,
}

impl Store {
    /// The agencies that count in the network's view (they opted in).
    pub fn network_agencies(&self) -> Result<Vec<String>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare("SELECT id FROM agencies WHERE network_reports = 1 ORDER BY id")?;
        let ids = stmt.query_map((), |r| r.get(0))?.collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Whether an agency counts in the network's view.
    pub fn network_reports(&self, agency: &str) -> Result<bool, StoreError> {
        let conn = self.read()?;
        let on: Option<i64> = conn
            .query_row(
                "SELECT network_reports FROM agencies WHERE id = ?1",
                [agency],
                |r| r.get(0),
            )
            .optional()?;
        Ok(on == Some(1))
    }

    /// Opts an agency in or out of the network's view, with its audit entry.
    pub fn set_network_reports(
        &self,
        agency: &str,
        on: bool,
        entry: &crate::domain::audit::Entry,
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        // Sharing adds the agency's counts to the network's tallies; withdrawing takes them out.
        let n = super::tallies::around(&tx, &[super::tallies::Whose::Agency(agency)], || {
            Ok(tx.execute(
                "UPDATE agencies SET network_reports = ?2 WHERE id = ?1",
                crate::store::sql::params![agency, on],
            )?)
        })?;
        if n == 1 {
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }
}

/// One (county, need) cell of the planner's counts, for the gap report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CountyNeed {
    /// County FIPS ("" when unknown).
    pub county: String,
    /// Need code.
    pub need: String,
    /// Needs identified in the period.
    pub identified: u64,
    /// Referrals accepted (accepted, started or completed).
    pub accepted: u64,
    /// Referrals declined for lack of room.
    pub no_capacity: u64,
}

impl Store {
    /// The planner's counts of `agencies` by county and need for the period (see
    /// [`Store::unmet_counts`]).
    pub fn county_need_counts(
        &self,
        agencies: &[String],
        from: i64,
        to: i64,
    ) -> Result<Vec<CountyNeed>, StoreError> {
        if agencies.is_empty() {
            return Ok(Vec::new());
        }
        let conn = self.read()?;
        // The agencies are ?1..?n, the period ?(n+1) and ?(n+2).
        let n = agencies.len();
        let list = (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
        let (from_at, to_at) = (n + 1, n + 2);
        let args = || {
            let mut args = crate::store::sql::params_from_iter(agencies);
            args.extend([from.into(), to.into()]);
            args
        };
        let mut cells: std::collections::BTreeMap<(String, String), CountyNeed> =
            std::collections::BTreeMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT COALESCE(s.county, ''), n.need_code, COUNT(*) FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id
             WHERE s.agency_id IN ({list}) AND n.created_at BETWEEN ?{from_at} AND ?{to_at} GROUP BY 1, 2"
        ))?;
        let rows = stmt.query_map(args(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (county, need, n) = row?;
            cells_entry(&mut cells, county, need).identified = n as u64;
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT COALESCE(s.county, ''), n.need_code,
                    SUM(CASE WHEN r.status IN ('accepted', 'started', 'completed') THEN 1 ELSE 0 END),
                    SUM(CASE WHEN r.status = 'declined' AND r.reason = 'no_capacity' THEN 1 ELSE 0 END)
             FROM referrals r JOIN plan_needs n ON n.id = r.need_id JOIN survivors s ON s.id = r.survivor_id
             WHERE s.agency_id IN ({list}) AND r.created_at BETWEEN ?{from_at} AND ?{to_at}
               AND r.status != 'draft'
             GROUP BY 1, 2"
        ))?;
        let rows = stmt.query_map(args(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            let (county, need, accepted, no_capacity) = row?;
            let e = cells_entry(&mut cells, county, need);
            e.accepted = accepted as u64;
            e.no_capacity = no_capacity as u64;
        }
        Ok(cells.into_values().collect())
    }
}

/// The cell of (county, need), made empty when new.
fn cells_entry(
    cells: &mut std::collections::BTreeMap<(String, String), CountyNeed>,
    county: String,
    need: String,
) -> &mut CountyNeed {
    cells
        .entry((county.clone(), need.clone()))
        .or_insert_with(|| CountyNeed {
            county,
            need,
            ..CountyNeed::default()
        })
}

impl Store {
    /// Fills the planner's tables with synthetic rows for `pathways bench-unmet`: `agencies`
    /// agencies sharing their counts, each with `per_agency` survivors (a placeholder
    /// record: nobody's data) in `counties`, three needs each from `needs`, and a referral
    /// for two needs in three. Deterministic from `seed`. Never called by the application.
    pub fn fill_synthetic_planner(
        &self,
        agencies: usize,
        per_agency: usize,
        counties: &[String],
        needs: &[String],
        now: i64,
        seed: u64,
    ) -> Result<(), StoreError> {
        let mut state = seed | 1;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n.max(1)
        };
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let year = 365 * 86_400;
        for a in 0..agencies {
            let agency = format!("bench-agency-{a}");
            tx.execute(
                "INSERT INTO agencies (id, name, created_at, network_reports) VALUES (?1, ?1, ?2, 1)",
                crate::store::sql::params![agency, now],
            )?;
            let mut survivor = tx.prepare_cached(
                "INSERT INTO survivors (id, agency_id, record, created_at, county) VALUES (?1, ?2, x'00', ?3, ?4)",
            )?;
            let mut need = tx.prepare_cached(
                "INSERT INTO plan_needs (id, survivor_id, need_code, status, priority, words, created_at, updated_at, started_at)
                 VALUES (?1, ?2, ?3, ?4, 'medium', x'00', ?5, ?5, ?6)",
            )?;
            let mut referral = tx.prepare_cached(
                "INSERT INTO referrals (id, reference, survivor_id, need_id, service_id, organization_id, status, reason, created_at, updated_at)
                 VALUES (?1, ?1, ?2, ?3, 'bench-service', 'bench-org', ?4, ?5, ?6, ?6)",
            )?;
            for s in 0..per_agency {
                let id = format!("bench-survivor-{a}-{s}");
                let county = &counties[next(counties.len() as u64) as usize];
                let opened = now - next(year) as i64;
                survivor.execute(crate::store::sql::params![id, agency, opened, county])?;
                for k in 0..3 {
                    let need_id = format!("{id}-need-{k}");
                    let code = &needs[next(needs.len() as u64) as usize];
                    let identified = opened + next(30 * 86_400) as i64;
                    let started = (next(2) == 0).then(|| identified + next(60 * 86_400) as i64);
                    let status = if started.is_some() {
                        "in_service"
                    } else {
                        "identified"
                    };
                    need.execute(crate::store::sql::params![
                        need_id, id, code, status, identified, started
                    ])?;
                    if next(3) < 2 {
                        let (status, reason) = match next(5) {
                            0 => ("declined", Some("no_capacity")),
                            1 => ("declined", Some("not_eligible")),
                            2 => ("declined", Some("unreachable")),
                            3 => ("accepted", None),
                            _ => ("sent", None),
                        };
                        referral.execute(crate::store::sql::params![
                            format!("{need_id}-referral"),
                            id,
                            need_id,
                            status,
                            reason,
                            identified + 86_400
                        ])?;
                    }
                }
            }
        }
        // Written around the tallies' bookkeeping (for speed): counted once, at the end.
        super::tallies::rebuild(&tx)?;
        tx.commit()?;
        Ok(())
    }
}
