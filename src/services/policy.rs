//! The one place that decides who may do what to which staff record (AC-1). Deny by default:
//! an action is allowed only by a rule below that names it. Handlers never decide; they ask
//! through the use-cases in `services::staff`, which audit every denial and answer a denied
//! record exactly like a missing one (AC-3).

use crate::domain::staff::{AgencyId, Grant, Membership, ProviderId, Role, Scope, UserId};

/// Who is acting: an account and its active grants, read fresh on every request (AC-2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The account.
    pub user: UserId,
    /// Its name.
    pub name: String,
    /// Its active memberships.
    pub grants: Vec<Grant>,
}

/// Something a signed-in person may try.
#[derive(Clone, Copy, Debug)]
pub enum Action<'a> {
    /// See the staff home and their own sessions (any signed-in account).
    UseOwnAccount,
    /// See and create agencies.
    ManageAgencies,
    /// See and create provider organisations.
    ManageProviders,
    /// See the people page (the people shown are filtered by [`Action::ViewPerson`]).
    ViewPeople,
    /// See one person, given all their memberships (ended ones too).
    ViewPerson(&'a [Membership]),
    /// Invite someone into a role.
    Invite(&'a Grant),
    /// End a membership.
    EndMembership(&'a Membership),
    /// Disable or re-enable an account, or issue it a credential reset link, given the
    /// account and its active memberships.
    ManageAccount(&'a UserId, &'a [Membership]),
    /// Give a person (with their active memberships) another role.
    AddRole(&'a UserId, &'a [Membership], &'a Grant),
    /// Revoke a pending invitation into a role.
    RevokeInvitation(&'a Grant),
    /// Read the audit log (the entries shown are limited by [`audit_agencies`]).
    ReadAudit,
    /// Use the planner at all (advocates).
    UsePlanner,
    /// Open a survivor's record in an agency.
    CreateSurvivor(&'a AgencyId),
    /// See or change a survivor's plan, given their agency and assigned advocates.
    WorkOnPlan(&'a AgencyId, &'a [UserId]),
    /// Read an agency's counts (LEG-3: counts only, small cells hidden).
    ReadReports(&'a AgencyId),
    /// Change a listing of the provider organisation (its staff only: PRV-1).
    EditListing(&'a ProviderId),
    /// Read a listing's history: its provider's staff and directory admins.
    ReadListingHistory(&'a ProviderId),
    /// Review listing changes that wait (directory admins).
    ReviewListings,
    /// Download the whole directory as HSDS (directory admins).
    ExportDirectory,
    /// Read the unmet-need counts of every agency that shares them (directory admins).
    ReadNetworkReports,
    /// Share an agency's counts with the network's view, or stop (its admins).
    ShareWithNetwork(&'a AgencyId),
    /// Read and answer the referrals addressed to the provider organisation (its staff).
    AnswerReferrals(&'a ProviderId),
    /// Decide for a survivor's plan as a whole — hand it over, add a co-advocate, close it,
    /// erase it — given their agency and primary advocate.
    ManageSurvivor(&'a AgencyId, &'a UserId),
    /// Name a new primary advocate for a survivor of the agency whose primary advocate left
    /// (AC-7), without seeing the record.
    AssignPrimary(&'a AgencyId),
    /// Set an agency's time zone and phone: its admins, or a directory admin.
    ConfigureAgency(&'a AgencyId),
}

impl Actor {
    fn is(&self, role: Role, scope: &Scope) -> bool {
        self.grants.iter().any(|g| g.role == role && &g.scope == scope)
    }

    /// Whether they run the directory.
    pub fn is_directory_admin(&self) -> bool {
        self.is(Role::DirectoryAdmin, &Scope::Directory)
    }

    /// The agencies they administer.
    pub fn administered_agencies(&self) -> Vec<&AgencyId> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::AgencyAdmin)
            .filter_map(|g| g.scope.agency())
            .collect()
    }

    fn admin_of(&self, scope: &Scope) -> bool {
        matches!(scope, Scope::Agency(_)) && self.is(Role::AgencyAdmin, scope)
    }
}

/// Whether `actor` may do `action`.
pub fn allows(actor: &Actor, action: Action<'_>) -> bool {
    let directory = actor.is_directory_admin();
    match action {
        Action::UseOwnAccount => true,
        Action::ManageAgencies | Action::ManageProviders => directory,
        Action::ViewPeople | Action::ReadAudit => directory || !actor.administered_agencies().is_empty(),
        Action::ViewPerson(memberships) => directory || memberships.iter().any(|m| actor.admin_of(&m.scope)),
        Action::Invite(grant) => {
            directory
                || (matches!(grant.role, Role::AgencyAdmin | Role::Advocate) && actor.admin_of(&grant.scope))
        }
        Action::EndMembership(m) => {
            // Nobody ends their own membership: an admin cannot lock themselves out by mistake.
            m.ended.is_none() && m.user != actor.user && (directory || actor.admin_of(&m.scope))
        }
        Action::AddRole(user, active, grant) => {
            // Only to someone the actor manages (for an agency admin: someone who works for
            // their agency alone) and only into a role the actor may invite into.
            allows(actor, Action::ManageAccount(user, active)) && allows(actor, Action::Invite(grant))
        }
        Action::RevokeInvitation(grant) => allows(actor, Action::Invite(grant)),
        Action::UsePlanner => actor.grants.iter().any(|g| g.role == Role::Advocate),
        Action::CreateSurvivor(agency) => actor.is(Role::Advocate, &Scope::Agency((*agency).clone())),
        Action::WorkOnPlan(agency, advocates) => {
            // AC-1: only an advocate of the survivor's agency who is assigned to them. Admins of
            // any kind see counts, never a survivor.
            actor.is(Role::Advocate, &Scope::Agency((*agency).clone())) && advocates.contains(&actor.user)
        }
        Action::ReadReports(agency) => actor.admin_of(&Scope::Agency((*agency).clone())),
        Action::EditListing(provider) => actor.is(Role::ProviderStaff, &Scope::Provider((*provider).clone())),
        Action::ReadListingHistory(provider) => {
            directory || actor.is(Role::ProviderStaff, &Scope::Provider((*provider).clone()))
        }
        Action::ReviewListings | Action::ExportDirectory | Action::ReadNetworkReports => directory,
        Action::ShareWithNetwork(agency) => actor.admin_of(&Scope::Agency((*agency).clone())),
        Action::AnswerReferrals(provider) => {
            actor.is(Role::ProviderStaff, &Scope::Provider((*provider).clone()))
        }
        Action::ManageSurvivor(agency, primary) => {
            // Their primary advocate only: these cannot be undone, or change who sees them.
            actor.is(Role::Advocate, &Scope::Agency((*agency).clone())) && *primary == actor.user
        }
        Action::AssignPrimary(agency) | Action::ConfigureAgency(agency) => {
            directory || actor.admin_of(&Scope::Agency((*agency).clone()))
        }
        Action::ManageAccount(user, active) => {
            // An agency admin may disable only someone who works for their agency alone; for
            // anyone else they end the membership, and the other organisations keep theirs.
            *user != actor.user
                && (directory
                    || (!active.is_empty()
                        && active
                            .iter()
                            .all(|m| m.role != Role::DirectoryAdmin && actor.admin_of(&m.scope))))
        }
    }
}

/// The agencies whose audit entries `actor` may read: `None` for all (directory admins).
pub fn audit_agencies(actor: &Actor) -> Option<Vec<String>> {
    if actor.is_directory_admin() {
        None
    } else {
        Some(
            actor
                .administered_agencies()
                .into_iter()
                .map(ToString::to_string)
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::MembershipId;

    fn actor(grants: Vec<Grant>) -> Actor {
        Actor {
            user: UserId("me".into()),
            name: "Me".into(),
            grants,
        }
    }

    fn agency(a: &str) -> Scope {
        Scope::Agency(AgencyId(a.into()))
    }

    fn membership(user: &str, role: Role, scope: Scope) -> Membership {
        Membership {
            id: MembershipId("m".into()),
            user: UserId(user.into()),
            role,
            scope,
            since: 0,
            ended: None,
        }
    }

    #[test]
    fn nothing_is_allowed_without_a_grant_but_ones_own_account() {
        let nobody = actor(vec![]);
        let m = membership("x", Role::Advocate, agency("a"));
        let g = Grant {
            role: Role::Advocate,
            scope: agency("a"),
        };
        assert!(allows(&nobody, Action::UseOwnAccount));
        for action in [
            Action::ManageAgencies,
            Action::ManageProviders,
            Action::ViewPeople,
            Action::ReadAudit,
            Action::ViewPerson(std::slice::from_ref(&m)),
            Action::Invite(&g),
            Action::EndMembership(&m),
            Action::ManageAccount(&m.user, std::slice::from_ref(&m)),
        ] {
            assert!(!allows(&nobody, action), "{action:?}");
        }
    }

    #[test]
    fn agency_admins_act_in_their_agency_only() {
        let admin = actor(vec![Grant {
            role: Role::AgencyAdmin,
            scope: agency("a"),
        }]);
        let ours = membership("x", Role::Advocate, agency("a"));
        let theirs = membership("y", Role::Advocate, agency("b"));
        assert!(allows(&admin, Action::EndMembership(&ours)));
        assert!(!allows(&admin, Action::EndMembership(&theirs)));
        assert!(allows(&admin, Action::ViewPerson(std::slice::from_ref(&ours))));
        assert!(!allows(&admin, Action::ViewPerson(std::slice::from_ref(&theirs))));
        let invite = |role, scope| Grant { role, scope };
        assert!(allows(
            &admin,
            Action::Invite(&invite(Role::Advocate, agency("a")))
        ));
        assert!(!allows(
            &admin,
            Action::Invite(&invite(Role::Advocate, agency("b")))
        ));
        assert!(!allows(
            &admin,
            Action::Invite(&invite(Role::DirectoryAdmin, Scope::Directory))
        ));
        assert!(!allows(&admin, Action::ManageAgencies));
        assert_eq!(audit_agencies(&admin), Some(vec!["a".to_owned()]));
        // Someone who also works elsewhere: end the membership, do not disable the account.
        let both = [ours.clone(), membership("x", Role::Advocate, agency("b"))];
        assert!(!allows(&admin, Action::ManageAccount(&ours.user, &both)));
        assert!(allows(
            &admin,
            Action::ManageAccount(&ours.user, std::slice::from_ref(&ours))
        ));
        let me = membership("me", Role::AgencyAdmin, agency("a"));
        assert!(!allows(&admin, Action::EndMembership(&me)), "not one's own");
        assert!(!allows(
            &admin,
            Action::ManageAccount(&me.user, std::slice::from_ref(&me))
        ));
    }

    #[test]
    fn advocates_and_provider_staff_administer_nothing() {
        for role in [Role::Advocate, Role::ProviderStaff] {
            let a = actor(vec![Grant {
                role,
                scope: agency("a"),
            }]);
            assert!(!allows(&a, Action::ViewPeople));
            assert!(!allows(&a, Action::ReadAudit));
        }
    }
}
