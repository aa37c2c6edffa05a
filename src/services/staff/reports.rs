//! An agency's reports: counts only, small cells suppressed (LEG-3).

use super::*;
use crate::domain::month::Month;

/// Counts below this are shown as "<5" (LEG-3: small cells could point at a person).
pub const SMALL_CELL: u64 = 5;

/// A count as a report shows it: small cells suppressed.
pub fn suppressed(n: u64) -> String {
    if n > 0 && n < SMALL_CELL {
        format!("<{SMALL_CELL}")
    } else {
        n.to_string()
    }
}

/// An agency's report: counts only, as text with small cells suppressed.
#[derive(Clone, Debug)]
pub struct AgencyReport {
    /// The agency's name.
    pub agency: String,
    /// Open needs: (need code, status code, count).
    pub needs: Vec<(String, String, String)>,
    /// Referral outcomes: (need code, status code, count).
    pub referrals: Vec<(String, String, String)>,
    /// Needs with no provider found: (need code, count).
    pub unprovided: Vec<(String, String)>,
}

impl Reports<'_> {
    /// The reports of the agencies the actor administers (agency admins: counts only).
    pub fn visible_to(&self, actor: &Actor) -> Result<Vec<AgencyReport>, StaffError> {
        let agencies: Vec<AgencyId> = actor.administered_agencies().into_iter().cloned().collect();
        if agencies.is_empty() {
            return Err(self.deny(actor, "report.read", String::new()));
        }
        let names = self.names()?;
        let mut out = Vec::new();
        for agency in agencies {
            if !policy::allows(actor, Action::ReadReports(&agency)) {
                return Err(self.deny(actor, "report.read", format!("agency:{agency}")));
            }
            let (needs, referrals, unprovided) = self.directory.store.agency_counts(agency.as_str())?;
            out.push(AgencyReport {
                agency: names.of(&Scope::Agency(agency.clone())),
                needs: by_key_knowing_totals(&needs),
                referrals: by_key_knowing_totals(&referrals),
                unprovided: unprovided
                    .into_iter()
                    .map(|(code, n)| {
                        // Secondary suppression: the early-stage needs of this kind minus these
                        // would give the ones with a provider; if that is a small number, this
                        // cell is hidden too, so it cannot be worked out.
                        let early: u64 = needs
                            .iter()
                            .filter(|(c, st, _)| *c == code && (st == "identified" || st == "being_arranged"))
                            .map(|(_, _, k)| *k)
                            .sum();
                        let rest = early.saturating_sub(n);
                        let shown = if rest > 0 && rest < SMALL_CELL {
                            "*".to_owned()
                        } else {
                            suppressed(n)
                        };
                        (code, shown)
                    })
                    .collect(),
            });
            let entry = self.audit(
                Some(&actor.user),
                Some(&agency),
                "report.read",
                format!("agency:{agency}"),
                true,
            );
            self.directory.store.audit_read(&entry, self.clock.now())?;
        }
        Ok(out)
    }
}

/// (key, status, count) cells as published when a reader knows each key's total from
/// elsewhere — the unmet-need table shows how many needs of a kind were identified and how
/// many referrals were sent, and a plan template gives every survivor the same needs — so
/// `<5` for 1–4 and `*` for the partners withheld so that no small cell is the total minus
/// the shown ones. `cells` come sorted by key.
fn by_key_knowing_totals(cells: &[(String, String, u64)]) -> Vec<(String, String, String)> {
    use crate::domain::suppression::{Group, Shown, publish_knowing};
    let mut counts: Vec<u64> = cells.iter().map(|c| c.2).collect();
    let (mut groups, mut known) = (Vec::new(), Vec::new());
    let mut start = 0;
    while start < cells.len() {
        let end = start
            + cells[start..]
                .iter()
                .take_while(|c| c.0 == cells[start].0)
                .count();
        known.push(counts.len());
        groups.push(Group {
            total: counts.len(),
            parts: (start..end).collect(),
            exact: true,
        });
        counts.push(cells[start..end].iter().map(|c| c.2).sum());
        start = end;
    }
    let shown = publish_knowing(&counts, &groups, &known);
    cells
        .iter()
        .zip(&shown)
        .map(|((key, status, _), shown)| {
            let text = match shown {
                Shown::Count(n) => n.to_string(),
                Shown::UnderFive => format!("<{SMALL_CELL}"),
                Shown::Withheld | Shown::Hidden => "*".to_owned(),
            };
            (key.clone(), status.clone(), text)
        })
        .collect()
}

/// The columns of the unmet-need table, in order.
pub const UNMET_COLUMNS: [&str; 6] = [
    "identified",
    "sent",
    "accepted",
    "no_capacity",
    "not_eligible",
    "unreachable",
];

/// Whose counts an unmet-need table holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnmetScope {
    /// Every agency that shares its counts with the network (directory admins).
    Network,
    /// One agency (its admins).
    Agency(AgencyId),
}

/// One line of an unmet-need table as published.
#[derive(Clone, Debug, PartialEq)]
pub struct UnmetLine {
    /// The need code or county FIPS ("" for survivors whose county is unknown; "total").
    pub key: String,
    /// The [`UNMET_COLUMNS`], suppressed.
    pub cells: Vec<crate::domain::suppression::Shown>,
    /// Median days from a need identified to its service started, when at least five
    /// started (a median of fewer could point at a person).
    pub median_days: Option<i64>,
}

/// An unmet-need table (issue 13): counts only, small cells and their partners hidden.
#[derive(Clone, Debug, PartialEq)]
pub struct UnmetTable {
    /// How many agencies' counts it holds.
    pub agencies: usize,
    /// Its lines, by key.
    pub lines: Vec<UnmetLine>,
    /// The totals line.
    pub total: UnmetLine,
}

/// The median of (value, how many) pairs; none under [`SMALL_CELL`] values.
fn median(days: &mut [(i64, u64)]) -> Option<i64> {
    let total: u64 = days.iter().map(|(_, n)| n).sum();
    if total < SMALL_CELL {
        return None;
    }
    days.sort_unstable();
    let mut seen = 0;
    days.iter().find_map(|&(d, n)| {
        seen += n;
        (seen > total / 2).then_some(d)
    })
}

/// The unmet-need counts of `rows` with a totals line after them, as published: row by row,
/// [`UNMET_COLUMNS`] each, small cells and their partners hidden (acceptances and declines
/// are parts of the referrals sent).
pub fn publish_unmet(rows: &[crate::store::UnmetRow]) -> Vec<crate::domain::suppression::Shown> {
    use crate::domain::suppression::{publish, table_groups};
    let values = |r: &crate::store::UnmetRow| {
        [
            r.identified,
            r.sent,
            r.accepted,
            r.no_capacity,
            r.not_eligible,
            r.unreachable,
        ]
    };
    let mut counts: Vec<u64> = rows.iter().flat_map(values).collect();
    for c in 0..UNMET_COLUMNS.len() {
        counts.push(rows.iter().map(|r| values(r)[c]).sum());
    }
    publish(
        &counts,
        &table_groups(rows.len(), UNMET_COLUMNS.len(), &[(1, vec![2, 3, 4, 5])]),
    )
}

impl Reports<'_> {
    /// The agencies whose counts `scope` holds, and the audit's name for it; refused
    /// (audited as `action`) when `actor` may not read it.
    fn agencies_in(
        &self,
        actor: &Actor,
        scope: &UnmetScope,
        action: &'static str,
    ) -> Result<(Vec<String>, String), StaffError> {
        match scope {
            UnmetScope::Network => {
                if !policy::allows(actor, Action::ReadNetworkReports) {
                    return Err(self.deny(actor, action, "network".to_owned()));
                }
                Ok((self.directory.store.network_agencies()?, "network".to_owned()))
            }
            UnmetScope::Agency(agency) => {
                if !policy::allows(actor, Action::ReadReports(agency)) {
                    return Err(self.deny(actor, action, format!("agency:{agency}")));
                }
                Ok((vec![agency.as_str().to_owned()], format!("agency:{agency}")))
            }
        }
    }

    /// The unmet-need table of `scope` for needs identified and referrals made in the months
    /// `from` to `to` (inclusive), by need or by county. Read audited.
    pub fn unmet(
        &self,
        actor: &Actor,
        scope: &UnmetScope,
        by: crate::store::UnmetBy,
        from: Month,
        to: Month,
    ) -> Result<UnmetTable, StaffError> {
        let (agencies, target) = self.agencies_in(actor, scope, "report.unmet")?;
        // Read from the monthly tallies: the network's are kept apart, so its table reads a
        // few thousand of them whatever the number of agencies.
        let tallies = match scope {
            UnmetScope::Network => crate::store::NETWORK,
            UnmetScope::Agency(agency) => agency.as_str(),
        };
        let mut rows = self.directory.store.unmet_counts(tallies, by, from, to)?;
        let columns = UNMET_COLUMNS.len();
        let shown = publish_unmet(&rows);
        let mut all_days: Vec<(i64, u64)> = rows
            .iter()
            .flat_map(|r| r.days_to_start.iter().copied())
            .collect();
        let lines = rows
            .iter_mut()
            .enumerate()
            .map(|(i, r)| UnmetLine {
                key: r.key.clone(),
                cells: shown[i * columns..(i + 1) * columns].to_vec(),
                median_days: median(&mut r.days_to_start),
            })
            .collect();
        let total = UnmetLine {
            key: "total".to_owned(),
            cells: shown[rows.len() * columns..].to_vec(),
            median_days: median(&mut all_days),
        };
        let entry = self.audit(Some(&actor.user), None, "report.unmet", target, true);
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(UnmetTable {
            agencies: agencies.len(),
            lines,
            total,
        })
    }

    /// Whether `agency` shares its counts with the network's view.
    pub fn shares_with_network(&self, actor: &Actor, agency: &AgencyId) -> Result<bool, StaffError> {
        if !policy::allows(actor, Action::ShareWithNetwork(agency)) {
            return Err(self.deny(actor, "agency.network_reports", format!("agency:{agency}")));
        }
        Ok(self.directory.store.network_reports(agency.as_str())?)
    }

    /// Opts `agency` in to (or out of) the network's view; audited.
    pub fn share_with_network(&self, actor: &Actor, agency: &AgencyId, on: bool) -> Result<(), StaffError> {
        if !policy::allows(actor, Action::ShareWithNetwork(agency)) {
            return Err(self.deny(actor, "agency.network_reports", format!("agency:{agency}")));
        }
        let entry = self.audit(
            Some(&actor.user),
            Some(agency),
            "agency.network_reports",
            format!("agency:{agency} {}", if on { "on" } else { "off" }),
            true,
        );
        self.directory
            .store
            .set_network_reports(agency.as_str(), on, &entry, self.clock.now())?;
        Ok(())
    }
}

impl Reports<'_> {
    /// The unmet-need scopes `actor` may read, with their names: the network for directory
    /// admins, then each agency they administer; refused when there is none.
    pub fn unmet_scopes(&self, actor: &Actor) -> Result<Vec<(UnmetScope, String)>, StaffError> {
        let names = self.names()?;
        let mut scopes = Vec::new();
        if policy::allows(actor, Action::ReadNetworkReports) {
            scopes.push((UnmetScope::Network, String::new()));
        }
        for agency in actor.administered_agencies() {
            scopes.push((
                UnmetScope::Agency(agency.clone()),
                names.of(&Scope::Agency(agency.clone())),
            ));
        }
        if scopes.is_empty() {
            // Counts are for admins: anyone else is refused (audited) like a missing page.
            return Err(self.deny(actor, "report.unmet", String::new()));
        }
        Ok(scopes)
    }
}

/// One gap of the gap report (issue 13): a county and a need where survivors' needs were
/// identified but no unconditional service is within 25 miles of its median person, or
/// where providers declined for lack of room more often than they accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// County FIPS.
    pub county: String,
    /// "Harris County, TX".
    pub county_name: String,
    /// Need code.
    pub need: String,
    /// Needs identified, rounded so that it cannot be set against other tables: "<5", or
    /// to the nearest five.
    pub identified: String,
    /// Miles from the county's median person to the nearest unconditional service.
    pub median_miles: Option<f64>,
    /// Unconditional services for the need with an office in the county.
    pub listings_in_county: usize,
    /// No such service within 25 miles of the median person.
    pub far: bool,
    /// Declines for lack of room outnumbered acceptances.
    pub no_room: bool,
}

/// A count as the gap report shows it: "<5", or rounded to the nearest five.
pub fn rounded(n: u64) -> String {
    match n {
        0 => "0".to_owned(),
        1..SMALL_CELL => format!("<{SMALL_CELL}"),
        _ => (((n + 2) / 5) * 5).to_string(),
    }
}

impl Reports<'_> {
    /// The gap report of `scope` for the period: every (county, need) with needs identified
    /// and no unconditional service near, or more declines for room than acceptances; the
    /// farthest first. Read audited.
    pub fn gaps(
        &self,
        actor: &Actor,
        scope: &UnmetScope,
        from: Month,
        to: Month,
    ) -> Result<Vec<Gap>, StaffError> {
        let (agencies, target) = self.agencies_in(actor, scope, "report.gaps")?;
        let cells =
            self.directory
                .store
                .county_need_counts(&agencies, from.first_second(), to.last_second())?;
        let mut gaps = Vec::new();
        for c in cells.into_iter().filter(|c| c.identified > 0) {
            let Some(county) = crate::geo::Counties::builtin().get(&c.county) else {
                continue;
            };
            let coverage = match self.directory.coverage(&county.state, &c.need) {
                Ok(coverage) => coverage,
                Err(crate::services::coverage::CoverageError::App(e)) => return Err(e.into()),
                // A need code no longer in the taxonomy: nothing to measure it against.
                Err(_) => continue,
            };
            let Some(here) = coverage.counties.iter().find(|k| k.fips == c.county) else {
                continue;
            };
            let far = here
                .median_miles
                .is_none_or(|m| m > crate::domain::coverage::NEAR_MILES);
            let no_room = c.no_capacity > c.accepted;
            if far || no_room {
                gaps.push(Gap {
                    county: c.county.clone(),
                    county_name: format!("{}, {}", county.name, county.state),
                    need: c.need.clone(),
                    identified: rounded(c.identified),
                    median_miles: here.median_miles,
                    listings_in_county: here.offices_inside,
                    far,
                    no_room,
                });
            }
        }
        gaps.sort_by(|a, b| {
            let far = |g: &Gap| g.median_miles.unwrap_or(f64::INFINITY);
            far(b).total_cmp(&far(a)).then(a.county_name.cmp(&b.county_name))
        });
        let entry = self.audit(Some(&actor.user), None, "report.gaps", target, true);
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(gaps)
    }
}
