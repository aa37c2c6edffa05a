//! The audit log's entries (LOG-1): who did what to which record, when, and whether it was
//! allowed. Never the content of a record.

/// An entry to append.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The account acting; `None` for the system or someone not signed in.
    pub actor: Option<String>,
    /// The agency whose admins may read the entry, if any.
    pub agency: Option<String>,
    /// What was done, as a stable code (`membership.end`, `login.fail`, …).
    pub action: &'static str,
    /// The record acted on, as `kind:id` (`user:…`), or empty.
    pub record: String,
    /// Allowed (done) or denied.
    pub allowed: bool,
}

/// An entry as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// Position in the chain, from 1.
    pub seq: u64,
    /// Unix seconds.
    pub at: i64,
    /// Actor account id.
    pub actor: Option<String>,
    /// Agency.
    pub agency: Option<String>,
    /// Action code.
    pub action: String,
    /// Record.
    pub record: String,
    /// Allowed or denied.
    pub allowed: bool,
}

/// Which entries to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only entries of these agencies (`None`: every entry — directory admins).
    pub agencies: Option<Vec<String>>,
    /// Only this actor.
    pub actor: Option<String>,
    /// From this Unix second (inclusive).
    pub from: Option<i64>,
    /// Before this Unix second (exclusive).
    pub until: Option<i64>,
    /// Records containing this text.
    pub record: Option<String>,
    /// At most this many, newest first.
    pub limit: usize,
}

/// What checking the chain found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every entry links to the one before and its hash matches its content.
    Intact {
        /// Entries checked.
        entries: u64,
        /// The last entry's hash (hex): write it down elsewhere to notice, later, entries
        /// removed from the end (which a chain alone cannot show).
        head: String,
    },
    /// The first entry whose hash or link does not match.
    Broken {
        /// Its sequence number.
        seq: u64,
    },
    /// The chain is whole but shorter than it was when anchored: entries were cut from its
    /// end (or the database was replaced by an older one).
    Truncated {
        /// Entries there now.
        entries: u64,
        /// The anchored entry that is missing.
        anchored: u64,
        /// The day (UTC) it was anchored.
        day: String,
    },
}
