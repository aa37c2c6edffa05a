//! Failed sign-ins, counted per account *and* address (AUTH-4, issue 12): a stranger who
//! knows a staff member's email can only make that pair back off, never lock the person out
//! from their own address. The account's own count is a global ceiling against an attack
//! from many addresses. An address is stored only as a keyed hash (HMAC-SHA256 under the
//! audit key), so the table is no list of where staff sign in from.

use std::net::IpAddr;

use crate::store::sql::{OptionalExtension, Sql, params};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::staff::UserId;

/// An address as the failures table knows it.
pub type AddressTag = [u8; 32];

/// How a failure is counted: the backoff of the pair and of the account, given its count.
pub struct Backoff<'a> {
    /// Unix second the pair waits until, given the pair's failures so far.
    pub pair: &'a dyn Fn(i64) -> i64,
    /// Unix second the whole account waits until, given its failures from every address.
    pub account: &'a dyn Fn(i64) -> i64,
}

impl Store {
    /// The keyed hash of a client address (`None`, an address not known, is one tag of its
    /// own).
    pub fn address_tag(&self, address: Option<IpAddr>) -> Result<AddressTag, StoreError> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(self.audit_key()?)
            .map_err(|_| StoreError::NoAuditKey)?;
        mac.update(b"pathways sign-in address\0");
        match address {
            Some(IpAddr::V4(a)) => mac.update(&a.octets()),
            Some(IpAddr::V6(a)) => mac.update(&a.octets()),
            None => mac.update(b"unknown"),
        }
        Ok(mac.finalize().into_bytes().into())
    }

    /// Unix second before which `user` may not sign in from `address` (0: now).
    pub fn pair_locked_until(&self, user: &UserId, address: &AddressTag) -> Result<i64, StoreError> {
        Ok(self
            .read()?
            .query_row(
                "SELECT locked_until FROM sign_in_failures WHERE user_id = ?1 AND address = ?2",
                params![user.as_str(), address.as_slice()],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Records a failed sign-in of a known account from an address: the pair's count and
    /// backoff, the account's count and backoff (the ceiling), and its audit entry.
    pub fn login_failed(
        &self,
        user: &UserId,
        address: &AddressTag,
        backoff: Backoff<'_>,
        entry: &Entry,
        now: i64,
    ) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        // Counted inside the write transaction: concurrent failures each see the one before.
        let pair: i64 = tx.query_row(
            "INSERT INTO sign_in_failures (user_id, address, failures, locked_until, last_at)
             VALUES (?1, ?2, 1, 0, ?3)
             ON CONFLICT (user_id, address) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = ?3
             RETURNING failures",
            params![user.as_str(), address.as_slice(), now],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE sign_in_failures SET locked_until = CASE WHEN locked_until > ?3 THEN locked_until ELSE ?3 END
             WHERE user_id = ?1 AND address = ?2",
            params![user.as_str(), address.as_slice(), (backoff.pair)(pair)],
        )?;
        let account: i64 = tx.query_row(
            "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ?1 RETURNING failed_logins",
            [user.as_str()],
            |r| r.get(0),
        )?;
        tx.execute(
            "UPDATE users SET locked_until = CASE WHEN locked_until > ?2 THEN locked_until ELSE ?2 END WHERE id = ?1",
            params![user.as_str(), (backoff.account)(account)],
        )?;
        self.append(&tx, entry, now)?;
        tx.commit()?;
        Ok(())
    }
}
