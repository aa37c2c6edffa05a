//! Record ids: a newtype per kind of record over a UUID's text, so that a survivor's id can
//! never be passed where a referral's is expected. [`RecordId`] lets the web layer parse any
//! of them from a path in one place.

use std::fmt;

/// An id parsed from text typed in a path or a form.
pub trait RecordId: Sized {
    /// Parses a UUID; `None` for anything else.
    fn parse(text: &str) -> Option<Self>;
}

/// Declares an id newtype over a UUID's text, so ids of different things cannot be swapped.
macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub String);

        impl $name {
            /// A new random id (UUID v4: AC-3, ids reveal neither order nor count).
            pub fn random() -> $name {
                $name(uuid::Uuid::new_v4().to_string())
            }

            /// Parses a UUID typed in a path or form; `None` for anything else.
            pub fn parse(text: &str) -> Option<$name> {
                uuid::Uuid::try_parse(text).ok().map(|u| $name(u.to_string()))
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl RecordId for $name {
            fn parse(text: &str) -> Option<$name> {
                $name::parse(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id!(
    /// A staff account.
    UserId
);
id!(
    /// An advocate organisation.
    AgencyId
);
id!(
    /// A provider organisation with staff accounts (linked to a directory organisation).
    ProviderId
);
id!(
    /// A membership: one role of one person in one organisation.
    MembershipId
);
id!(
    /// A signed-in session (not its secret).
    SessionId
);
id!(
    /// An invitation (not its secret).
    InvitationId
);
id!(
    /// A credential reset waiting for a second admin's approval (AC-6).
    ResetId
);

id!(
    /// A survivor's record (and their plan).
    SurvivorId
);
id!(
    /// One need in a survivor's plan.
    NeedId
);
id!(
    /// A referral of one need to one service.
    ReferralId
);
id!(
    /// A survivor's consent to share fields with one organisation.
    ConsentId
);
id!(
    /// A recorded change of a listing (its history, the review queue).
    ListingChangeId
);
