//! The counts behind an agency's reports (LEG-3): aggregates only, never a row.

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
