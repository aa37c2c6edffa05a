//! An agency's reports: counts only, small cells suppressed (LEG-3).

use super::*;

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
            let cell = |v: Vec<(String, String, u64)>| {
                v.into_iter().map(|(a, b, n)| (a, b, suppressed(n))).collect()
            };
            out.push(AgencyReport {
                agency: names.of(&Scope::Agency(agency.clone())),
                needs: cell(needs.clone()),
                referrals: cell(referrals),
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
