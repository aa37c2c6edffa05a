//! Webhooks and their delivery queue (PRV-3). A referral's change of status queues one
//! delivery per live webhook of the provider organisation it was sent to and of the
//! survivor's agency, in the same transaction as the change: nothing announced is lost, and
//! nothing is announced that did not happen. Bodies hold ids, the reference, the need code
//! and the status — never a survivor field.

use crate::store::sql::{OptionalExtension, Sql, Transaction, params};

use super::{Store, StoreError};
use crate::domain::audit::Entry;
use crate::domain::ids::ReferralId;
use crate::domain::staff::{AgencyId, ProviderId, UserId};

/// A webhook as stored (its secret sealed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredWebhook {
    /// Id.
    pub id: String,
    /// The provider organisation it is for, or
    pub provider: Option<ProviderId>,
    /// the agency it is for.
    pub agency: Option<AgencyId>,
    /// Where deliveries are POSTed.
    pub url: String,
    /// The signing secret, sealed.
    pub secret: Vec<u8>,
    /// Who registered it.
    pub created_by: UserId,
    /// When.
    pub created_at: i64,
}

/// One delivery of an event to a webhook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredDelivery {
    /// Id.
    pub id: String,
    /// The webhook.
    pub webhook_id: String,
    /// The JSON body.
    pub body: String,
    /// Unix second it was queued.
    pub created_at: i64,
    /// Attempts so far.
    pub attempts: u32,
    /// When it is due next.
    pub next_at: i64,
    /// `pending`, `delivered` or `failed`.
    pub state: String,
    /// What the last failed attempt met.
    pub last_error: Option<String>,
}

const HOOK: &str = "id, provider_id, agency_id, url, secret, created_by, created_at";
const DELIVERY: &str = "id, webhook_id, body, created_at, attempts, next_at, state, last_error";

fn hook_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredWebhook> {
    Ok(StoredWebhook {
        id: r.get(0)?,
        provider: r.get::<_, Option<String>>(1)?.map(ProviderId),
        agency: r.get::<_, Option<String>>(2)?.map(AgencyId),
        url: r.get(3)?,
        secret: r.get(4)?,
        created_by: UserId(r.get(5)?),
        created_at: r.get(6)?,
    })
}

fn delivery_row(r: &crate::store::sql::Row<'_>) -> crate::store::sql::Result<StoredDelivery> {
    Ok(StoredDelivery {
        id: r.get(0)?,
        webhook_id: r.get(1)?,
        body: r.get(2)?,
        created_at: r.get(3)?,
        attempts: r.get(4)?,
        next_at: r.get(5)?,
        state: r.get(6)?,
        last_error: r.get(7)?,
    })
}

impl Store {
    /// Deliveries by state (for metrics): (state, count).
    pub fn webhook_deliveries_by_state(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let conn = self.read()?;
        let mut stmt =
            conn.prepare("SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state ORDER BY state")?;
        let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Registers a webhook, with its audit entry.
    pub fn create_webhook(&self, w: &StoredWebhook, entry: &Entry) -> Result<(), StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        tx.execute(
            &format!("INSERT INTO webhooks ({HOOK}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![
                w.id,
                w.provider.as_ref().map(ProviderId::as_str),
                w.agency.as_ref().map(AgencyId::as_str),
                w.url,
                w.secret,
                w.created_by.as_str(),
                w.created_at
            ],
        )?;
        self.append(&tx, entry, w.created_at)?;
        tx.commit()?;
        Ok(())
    }

    /// The live webhooks of a provider organisation or an agency.
    pub fn webhooks_of(
        &self,
        provider: Option<&ProviderId>,
        agency: Option<&AgencyId>,
    ) -> Result<Vec<StoredWebhook>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {HOOK} FROM webhooks WHERE removed_at IS NULL
               AND (provider_id = ?1 OR agency_id = ?2) ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map(
            params![provider.map(ProviderId::as_str), agency.map(AgencyId::as_str)],
            hook_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One live webhook.
    pub fn webhook(&self, id: &str) -> Result<Option<StoredWebhook>, StoreError> {
        Ok(self
            .read()?
            .query_row(
                &format!("SELECT {HOOK} FROM webhooks WHERE id = ?1 AND removed_at IS NULL"),
                [id],
                hook_row,
            )
            .optional()?)
    }

    /// Removes a webhook: its pending deliveries are dropped with it.
    pub fn remove_webhook(&self, id: &str, entry: &Entry, now: i64) -> Result<bool, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let n = tx.execute(
            "UPDATE webhooks SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL",
            params![id, now],
        )?;
        if n == 1 {
            tx.execute(
                "UPDATE webhook_deliveries SET state = 'failed', last_error = 'webhook removed', done_at = ?2
                 WHERE webhook_id = ?1 AND state = 'pending'",
                params![id, now],
            )?;
            self.append(&tx, entry, now)?;
        }
        tx.commit()?;
        Ok(n == 1)
    }

    /// The latest deliveries of a webhook, newest first.
    pub fn deliveries_of(&self, webhook: &str, limit: usize) -> Result<Vec<StoredDelivery>, StoreError> {
        let conn = self.read()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {DELIVERY} FROM webhook_deliveries WHERE webhook_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![webhook, limit as i64], delivery_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Pending deliveries due at `now`, oldest first, with their webhook — claimed until
    /// `lease_until`: their next attempt moves there, so no other server sharing the
    /// database sends them meanwhile; if this one stops before recording the attempt, they
    /// are sent again after it (at least once; the delivery id lets a receiver tell).
    pub fn due_deliveries(
        &self,
        now: i64,
        limit: usize,
        lease_until: i64,
    ) -> Result<Vec<(StoredDelivery, StoredWebhook)>, StoreError> {
        let mut conn = self.write()?;
        let tx = conn.transaction()?;
        let due: Vec<StoredDelivery> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT {DELIVERY} FROM webhook_deliveries WHERE state = 'pending' AND next_at <= ?1
                 ORDER BY next_at, rowid LIMIT ?2"
            ))?;
            stmt.query_map(params![now, limit as i64], delivery_row)?
                .collect::<Result<_, _>>()?
        };
        for d in &due {
            tx.execute(
                "UPDATE webhook_deliveries SET next_at = ?2 WHERE id = ?1",
                params![d.id, lease_until],
            )?;
        }
        let mut out = Vec::new();
        for d in due {
            let hook = tx
                .query_row(
                    &format!("SELECT {HOOK} FROM webhooks WHERE id = ?1"),
                    [&d.webhook_id],
                    hook_row,
                )
                .optional()?;
            if let Some(h) = hook {
                out.push((d, h));
            }
        }
        tx.commit()?;
        Ok(out)
    }

    /// Records an attempt: delivered, or failed — to be tried again at `retry_at`, or given
    /// up (`None`).
    pub fn record_delivery(
        &self,
        id: &str,
        outcome: Result<(), &str>,
        retry_at: Option<i64>,
        now: i64,
    ) -> Result<(), StoreError> {
        let conn = self.write()?;
        match (outcome, retry_at) {
            (Ok(()), _) => conn.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, state = 'delivered', last_error = NULL, done_at = ?2
                 WHERE id = ?1 AND state = 'pending'",
                params![id, now],
            )?,
            (Err(e), Some(at)) => conn.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = ?2, next_at = ?3
                 WHERE id = ?1 AND state = 'pending'",
                params![id, e, at],
            )?,
            (Err(e), None) => conn.execute(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, state = 'failed', last_error = ?2, done_at = ?3
                 WHERE id = ?1 AND state = 'pending'",
                params![id, e, now],
            )?,
        };
        Ok(())
    }
}

/// Queues, in `tx`, one delivery per live webhook of the referral's provider organisation and
/// of its survivor's agency, announcing the referral's new `status`.
pub(super) fn queue_referral_event(
    tx: &Transaction<'_>,
    referral: &ReferralId,
    status: &str,
    now: i64,
) -> Result<(), StoreError> {
    let row: Option<(String, String, String, String, String)> = tx
        .query_row(
            "SELECT r.reference, r.service_id, r.organization_id, s.agency_id, n.need_code
             FROM referrals r JOIN survivors s ON s.id = r.survivor_id JOIN plan_needs n ON n.id = r.need_id
             WHERE r.id = ?1",
            [referral.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((reference, service, organization, agency, need)) = row else {
        return Ok(());
    };
    let body = serde_json::json!({
        "event": "referral.status",
        "referral_id": referral.as_str(),
        "reference": reference,
        "service_id": service,
        "need": need,
        "status": status,
        "at": now,
    })
    .to_string();
    let mut stmt = tx.prepare(
        "SELECT w.id FROM webhooks w LEFT JOIN providers p ON p.id = w.provider_id
         WHERE w.removed_at IS NULL AND (p.organization_id = ?1 OR w.agency_id = ?2)",
    )?;
    let hooks: Vec<String> = stmt
        .query_map(params![organization, agency], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for hook in hooks {
        tx.execute(
            &format!(
                "INSERT INTO webhook_deliveries ({DELIVERY}) VALUES (?1, ?2, ?3, ?4, 0, ?4, 'pending', NULL)"
            ),
            params![uuid::Uuid::new_v4().to_string(), hook, body, now],
        )?;
    }
    Ok(())
}
