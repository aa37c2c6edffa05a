//! The unmet-need tallies (issue 13): the planner's counts by calendar month (UTC), kept in
//! step with its rows in the same transaction as every write to a survivor's needs,
//! referrals or county, so that a network's table reads a few thousand tallies instead of a
//! million rows. A tally holds codes and counts only — (scope, month, axis, key) → counts —
//! and no survivor id.
//!
//! Every write that can change a survivor's counts runs inside [`around`]: their
//! contribution is computed from their rows before and after the write and only the
//! difference is applied. The tallies therefore equal a recount by construction, whatever the
//! write was; [`Store::tallies_match_rows`] checks that they do.

use std::collections::BTreeMap;

use crate::store::sql::{OptionalExtension as _, Sql, params};

use super::{Store, StoreError, UnmetBy, UnmetRow};
use crate::domain::month::Month;

/// The scope of the network's tallies (the agencies that share their counts); every other
/// scope is an agency's id.
pub const NETWORK: &str = "";

/// Whose rows a contribution is computed from.
#[derive(Clone, Copy, Debug)]
pub(super) enum Whose<'a> {
    /// One survivor's.
    Survivor(&'a str),
    /// Every survivor of one agency.
    Agency(&'a str),
    /// Everyone's.
    Everyone,
}

/// The counts of one (scope, month, axis, key).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tally {
    identified: i64,
    sent: i64,
    accepted: i64,
    no_capacity: i64,
    not_eligible: i64,
    unreachable: i64,
    /// Days from a need identified to its service started → how many.
    started: BTreeMap<i64, i64>,
}

impl Tally {
    fn counts(&self) -> [i64; 6] {
        [
            self.identified,
            self.sent,
            self.accepted,
            self.no_capacity,
            self.not_eligible,
            self.unreachable,
        ]
    }

    fn is_empty(&self) -> bool {
        self.counts() == [0; 6] && self.started.values().all(|n| *n == 0)
    }

    /// Adds `other` times `sign` (1 or -1).
    fn add(&mut self, other: &Tally, sign: i64) {
        for (mine, theirs) in [
            (&mut self.identified, other.identified),
            (&mut self.sent, other.sent),
            (&mut self.accepted, other.accepted),
            (&mut self.no_capacity, other.no_capacity),
            (&mut self.not_eligible, other.not_eligible),
            (&mut self.unreachable, other.unreachable),
        ] {
            *mine += sign * theirs;
        }
        for (days, n) in &other.started {
            *self.started.entry(*days).or_default() += sign * n;
        }
        self.started.retain(|_, n| *n != 0);
    }
}

/// (scope, month, axis, key).
type Key = (String, i64, &'static str, String);

fn month_of(second: i64) -> i64 {
    Month::of_second(second).0
}

fn axis(by: UnmetBy) -> &'static str {
    match by {
        UnmetBy::Need => "need",
        UnmetBy::County => "county",
    }
}

/// What `whose` rows add to the tallies.
fn contributions(conn: &impl Sql, whose: Whose<'_>) -> Result<BTreeMap<Key, Tally>, StoreError> {
    let (filter, arg) = match whose {
        Whose::Survivor(id) => ("s.id = ?1", id),
        Whose::Agency(id) => ("s.agency_id = ?1", id),
        Whose::Everyone => ("?1 = ?1", ""),
    };
    let mut out = BTreeMap::new();
    let mut add =
        |agency: String, shared: bool, county: String, need: String, month: i64, f: &dyn Fn(&mut Tally)| {
            let scopes = [Some(agency), shared.then(|| NETWORK.to_owned())];
            for scope in scopes.into_iter().flatten() {
                for (axis, key) in [("need", &need), ("county", &county)] {
                    f(out.entry((scope.clone(), month, axis, key.clone())).or_default());
                }
            }
        };
    let mut needs = conn.prepare_cached(&format!(
        "SELECT s.agency_id, COALESCE(a.network_reports, 0), COALESCE(s.county, ''), n.need_code,
                n.created_at, n.started_at
         FROM plan_needs n JOIN survivors s ON s.id = n.survivor_id LEFT JOIN agencies a ON a.id = s.agency_id
         WHERE {filter}"
    ))?;
    let mut rows = needs.query([arg])?;
    while let Some(r) = rows.next()? {
        let created: i64 = r.get(4)?;
        let started: Option<i64> = r.get(5)?;
        add(
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            month_of(created),
            &|t| {
                t.identified += 1;
                if let Some(s) = started {
                    *t.started.entry((s - created).max(0) / 86_400).or_default() += 1;
                }
            },
        );
    }
    let mut referrals = conn.prepare_cached(&format!(
        "SELECT s.agency_id, COALESCE(a.network_reports, 0), COALESCE(s.county, ''), n.need_code,
                r.created_at, r.status, COALESCE(r.reason, '')
         FROM referrals r JOIN plan_needs n ON n.id = r.need_id JOIN survivors s ON s.id = r.survivor_id
         LEFT JOIN agencies a ON a.id = s.agency_id
         WHERE {filter} AND r.status != 'draft'"
    ))?;
    let mut rows = referrals.query([arg])?;
    while let Some(r) = rows.next()? {
        let (status, reason): (String, String) = (r.get(5)?, r.get(6)?);
        let month = month_of(r.get(4)?);
        add(r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, month, &|t| {
            t.sent += 1;
            match (status.as_str(), reason.as_str()) {
                ("accepted" | "started" | "completed", _) => t.accepted += 1,
                ("declined", "no_capacity") => t.no_capacity += 1,
                ("declined", "not_eligible") => t.not_eligible += 1,
                ("declined", "unreachable") => t.unreachable += 1,
                _ => {}
            }
        });
    }
    Ok(out)
}

/// Runs `write` and brings the tallies of `whose` rows up to date with what it did.
pub(super) fn around<T>(
    conn: &impl Sql,
    whose: &[Whose<'_>],
    write: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    let before = merged(conn, whose)?;
    let out = write()?;
    let after = merged(conn, whose)?;
    apply(conn, &before, &after)?;
    Ok(out)
}

fn merged(conn: &impl Sql, whose: &[Whose<'_>]) -> Result<BTreeMap<Key, Tally>, StoreError> {
    let mut all: BTreeMap<Key, Tally> = BTreeMap::new();
    for w in whose {
        for (key, tally) in contributions(conn, *w)? {
            all.entry(key).or_default().add(&tally, 1);
        }
    }
    Ok(all)
}

/// Adds `after - before` to the stored tallies.
fn apply(
    conn: &impl Sql,
    before: &BTreeMap<Key, Tally>,
    after: &BTreeMap<Key, Tally>,
) -> Result<(), StoreError> {
    let empty = Tally::default();
    let keys: std::collections::BTreeSet<&Key> = before.keys().chain(after.keys()).collect();
    let mut read = conn.prepare_cached(
        "SELECT identified, sent, accepted, no_capacity, not_eligible, unreachable, started
         FROM unmet_tallies WHERE scope = ?1 AND month = ?2 AND axis = ?3 AND key = ?4",
    )?;
    let mut write = conn.prepare_cached(
        "INSERT INTO unmet_tallies
           (scope, month, axis, key, identified, sent, accepted, no_capacity, not_eligible, unreachable, started)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (scope, axis, month, key) DO UPDATE SET identified = excluded.identified,
           sent = excluded.sent, accepted = excluded.accepted, no_capacity = excluded.no_capacity,
           not_eligible = excluded.not_eligible, unreachable = excluded.unreachable,
           started = excluded.started",
    )?;
    let mut delete = conn.prepare_cached(
        "DELETE FROM unmet_tallies WHERE scope = ?1 AND month = ?2 AND axis = ?3 AND key = ?4",
    )?;
    for key in keys {
        let (old, new) = (
            before.get(key).unwrap_or(&empty),
            after.get(key).unwrap_or(&empty),
        );
        if old == new {
            continue;
        }
        let (scope, month, axis, k) = key;
        let mut stored = read
            .query_row(params![scope, month, axis, k], tally_row)
            .optional()?
            .unwrap_or_default();
        stored.add(new, 1);
        stored.add(old, -1);
        if stored.is_empty() {
            delete.execute(params![scope, month, axis, k])?;
        } else {
            let [identified, sent, accepted, no_capacity, not_eligible, unreachable] = stored.counts();
            write.execute(params![
                scope,
                month,
                axis,
                k,
                identified,
                sent,
                accepted,
                no_capacity,
                not_eligible,
                unreachable,
                started_text(&stored.started)
            ])?;
        }
    }
    Ok(())
}

fn started_text(started: &BTreeMap<i64, i64>) -> String {
    serde_json::to_string(started).unwrap_or_else(|_| "{}".to_owned())
}

fn tally_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<Tally> {
    let started: String = r.get(6)?;
    Ok(Tally {
        identified: r.get(0)?,
        sent: r.get(1)?,
        accepted: r.get(2)?,
        no_capacity: r.get(3)?,
        not_eligible: r.get(4)?,
        unreachable: r.get(5)?,
        started: serde_json::from_str(&started).unwrap_or_default(),
    })
}

/// Counts every row again into fresh tallies (after the migration that made them, and after
/// a bulk fill that bypassed [`around`]).
pub(super) fn rebuild(conn: &impl Sql) -> Result<(), StoreError> {
    conn.execute("DELETE FROM unmet_tallies", ())?;
    apply(conn, &BTreeMap::new(), &contributions(conn, Whose::Everyone)?)
}

/// Every stored tally.
fn stored(conn: &impl Sql) -> Result<BTreeMap<Key, Tally>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT identified, sent, accepted, no_capacity, not_eligible, unreachable, started, scope, month, axis, key
         FROM unmet_tallies",
    )?;
    let mut rows = stmt.query(())?;
    let mut out = BTreeMap::new();
    while let Some(r) = rows.next()? {
        let axis: String = r.get(9)?;
        let axis = if axis == "need" { "need" } else { "county" };
        out.insert((r.get(7)?, r.get(8)?, axis, r.get(10)?), tally_row(&r)?);
    }
    Ok(out)
}

impl Store {
    /// The unmet-need counts of `scope` ([`NETWORK`] or an agency's id) for needs identified
    /// and referrals made in the months `from` to `to`, inclusive, grouped `by` need or county.
    pub fn unmet_counts(
        &self,
        scope: &str,
        by: UnmetBy,
        from: Month,
        to: Month,
    ) -> Result<Vec<UnmetRow>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare_cached(
            "SELECT identified, sent, accepted, no_capacity, not_eligible, unreachable, started, key
             FROM unmet_tallies WHERE scope = ?1 AND axis = ?2 AND month BETWEEN ?3 AND ?4",
        )?;
        let mut rows = stmt.query(params![scope, axis(by), from.0, to.0])?;
        let mut sums: BTreeMap<String, Tally> = BTreeMap::new();
        while let Some(r) = rows.next()? {
            let tally = tally_row(&r)?;
            sums.entry(r.get(7)?).or_default().add(&tally, 1);
        }
        Ok(sums
            .into_iter()
            .map(|(key, t)| {
                let n = |v: i64| v.max(0) as u64;
                UnmetRow {
                    key,
                    identified: n(t.identified),
                    sent: n(t.sent),
                    accepted: n(t.accepted),
                    no_capacity: n(t.no_capacity),
                    not_eligible: n(t.not_eligible),
                    unreachable: n(t.unreachable),
                    days_to_start: t.started.into_iter().map(|(d, k)| (d, n(k))).collect(),
                }
            })
            .collect())
    }

    /// Whether the stored tallies equal a recount of every row (they always should: a check
    /// for tests and for an operator who suspects them).
    pub fn tallies_match_rows(&self) -> Result<bool, StoreError> {
        let conn = self.read()?;
        Ok(stored(&*conn)? == contributions(&*conn, Whose::Everyone)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_difference_applied_and_taken_back_leaves_nothing() {
        let conn = crate::store::sql::Connection::open_in_memory().unwrap();
        super::super::migrations::run(&conn).unwrap();
        let key: Key = ("a".into(), 5, "need", "shelter.emergency".into());
        let mut t = Tally {
            identified: 2,
            sent: 1,
            ..Tally::default()
        };
        t.started.insert(3, 1);
        let one = BTreeMap::from([(key.clone(), t)]);
        apply(&conn, &BTreeMap::new(), &one).unwrap();
        assert_eq!(stored(&conn).unwrap(), one);
        apply(&conn, &one, &BTreeMap::new()).unwrap();
        assert!(stored(&conn).unwrap().is_empty());
    }
}
