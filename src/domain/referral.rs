//! Referrals: a need of a plan sent to a provider's service, and the closed loop of what
//! became of it. A referral carries an opaque reference and no personal data (LEG-2); every
//! change of status is kept with who made it and when.

/// Where a referral stands: the union of the closed-loop statuses referral platforms use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferralStatus {
    /// Being prepared; the provider knows nothing yet.
    Draft,
    /// Sent to the provider.
    Sent,
    /// The provider has it.
    Received,
    /// The provider will serve them.
    Accepted,
    /// On the provider's waiting list.
    Waitlisted,
    /// The provider said no (with a reason).
    Declined,
    /// The service began.
    Started,
    /// The service was completed.
    Completed,
    /// The survivor closed it (their choice, always respected).
    ClosedBySurvivor,
    /// The advocate withdrew it.
    Withdrawn,
}

/// Why a provider declined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclineReason {
    /// No room.
    NoCapacity,
    /// Outside who they serve.
    NotEligible,
    /// Could not reach the survivor.
    Unreachable,
    /// Anything else.
    Other,
}

impl DeclineReason {
    /// Every reason.
    pub const ALL: [DeclineReason; 4] = [
        DeclineReason::NoCapacity,
        DeclineReason::NotEligible,
        DeclineReason::Unreachable,
        DeclineReason::Other,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            DeclineReason::NoCapacity => "no_capacity",
            DeclineReason::NotEligible => "not_eligible",
            DeclineReason::Unreachable => "unreachable",
            DeclineReason::Other => "other",
        }
    }

    /// The reason of a code.
    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

impl ReferralStatus {
    /// Every status.
    pub const ALL: [ReferralStatus; 10] = [
        ReferralStatus::Draft,
        ReferralStatus::Sent,
        ReferralStatus::Received,
        ReferralStatus::Accepted,
        ReferralStatus::Waitlisted,
        ReferralStatus::Declined,
        ReferralStatus::Started,
        ReferralStatus::Completed,
        ReferralStatus::ClosedBySurvivor,
        ReferralStatus::Withdrawn,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            ReferralStatus::Draft => "draft",
            ReferralStatus::Sent => "sent",
            ReferralStatus::Received => "received",
            ReferralStatus::Accepted => "accepted",
            ReferralStatus::Waitlisted => "waitlisted",
            ReferralStatus::Declined => "declined",
            ReferralStatus::Started => "started",
            ReferralStatus::Completed => "completed",
            ReferralStatus::ClosedBySurvivor => "closed_by_survivor",
            ReferralStatus::Withdrawn => "withdrawn",
        }
    }

    /// The status of a code.
    pub fn from_code(code: &str) -> Option<ReferralStatus> {
        ReferralStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The statuses a referral may move to from this one. Ended referrals move no more; the
    /// survivor may close, and the advocate withdraw, anything not ended.
    pub fn next(self) -> &'static [ReferralStatus] {
        use ReferralStatus::*;
        match self {
            Draft => &[Sent, Withdrawn],
            Sent => &[
                Received,
                Accepted,
                Waitlisted,
                Declined,
                ClosedBySurvivor,
                Withdrawn,
            ],
            Received => &[Accepted, Waitlisted, Declined, ClosedBySurvivor, Withdrawn],
            Waitlisted => &[Accepted, Declined, ClosedBySurvivor, Withdrawn],
            Accepted => &[Started, Declined, ClosedBySurvivor, Withdrawn],
            Started => &[Completed, ClosedBySurvivor, Withdrawn],
            Declined | Completed | ClosedBySurvivor | Withdrawn => &[],
        }
    }

    /// Whether the referral has ended.
    pub fn is_ended(self) -> bool {
        self.next().is_empty()
    }
}

/// Why a change of status was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// Not a status.
    #[error("status: not a status")]
    Unknown,
    /// Not reachable from the current status.
    #[error("status: cannot go from {from} to {to}")]
    NotAllowed {
        /// Current status code.
        from: &'static str,
        /// Asked status code.
        to: &'static str,
    },
    /// Declined without a reason, or a reason given for another status.
    #[error("reason: a decline needs a reason, and only a decline")]
    Reason,
}

/// Checks a change of status: the status must follow the current one, and a decline (only)
/// needs a reason.
pub fn transition(
    from: ReferralStatus,
    to: &str,
    reason: &str,
) -> Result<(ReferralStatus, Option<DeclineReason>), TransitionError> {
    let to = ReferralStatus::from_code(to).ok_or(TransitionError::Unknown)?;
    if !from.next().contains(&to) {
        return Err(TransitionError::NotAllowed {
            from: from.code(),
            to: to.code(),
        });
    }
    let reason = match (to, reason.trim()) {
        (ReferralStatus::Declined, r) => Some(DeclineReason::from_code(r).ok_or(TransitionError::Reason)?),
        (_, "") => None,
        _ => return Err(TransitionError::Reason),
    };
    Ok((to, reason))
}

/// An opaque reference for a referral: what a provider sees instead of a name (LEG-2).
/// Eight characters from an alphabet without look-alikes, from 40 random bits.
pub fn reference(random: [u8; 5]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let n = random.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    (0..8)
        .map(|i| char::from(ALPHABET[((n >> (35 - 5 * i)) & 31) as usize]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closed_loop() {
        use ReferralStatus::*;
        assert_eq!(transition(Draft, "sent", ""), Ok((Sent, None)));
        assert!(matches!(
            transition(Draft, "completed", ""),
            Err(TransitionError::NotAllowed { .. })
        ));
        assert_eq!(transition(Sent, "declined", ""), Err(TransitionError::Reason));
        assert_eq!(
            transition(Sent, "declined", "no_capacity"),
            Ok((Declined, Some(DeclineReason::NoCapacity)))
        );
        assert_eq!(
            transition(Sent, "accepted", "no_capacity"),
            Err(TransitionError::Reason)
        );
        assert_eq!(transition(Sent, "lost", ""), Err(TransitionError::Unknown));
        for ended in [Declined, Completed, ClosedBySurvivor, Withdrawn] {
            assert!(ended.is_ended());
            for to in ReferralStatus::ALL {
                assert!(
                    transition(ended, to.code(), "other").is_err(),
                    "{ended:?} → {to:?}"
                );
            }
        }
        // The survivor can close, and the advocate withdraw, anything still open.
        for open in ReferralStatus::ALL
            .into_iter()
            .filter(|s| !s.is_ended() && *s != Draft)
        {
            assert!(open.next().contains(&ClosedBySurvivor), "{open:?}");
            assert!(open.next().contains(&Withdrawn), "{open:?}");
        }
    }

    #[test]
    fn references_are_eight_unambiguous_characters() {
        let r = reference([1, 2, 3, 4, 5]);
        assert_eq!(r.len(), 8);
        assert!(r.chars().all(|c| !"01IO".contains(c)));
        assert_ne!(r, reference([1, 2, 3, 4, 6]));
    }
}
