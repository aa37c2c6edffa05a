//! Notifications by webhook (PRV-3). A provider organisation — or an agency, for its
//! providers' answers — registers an HTTPS endpoint (plain http only on this machine, for
//! tests); every step of a referral after the draft is POSTed to it as JSON with ids, the
//! reference, the need code and the status, never a survivor field, signed with
//! HMAC-SHA256 over the timestamp and the body:
//!
//! `Pathways-Signature: t=<unix seconds>,v1=<hex of HMAC-SHA256(secret, "<t>.<body>")>`
//!
//! Deliveries wait in the database (queued with the change they announce), are sent by a
//! background task that never holds up a request, are retried with backoff and end
//! `delivered` or `failed`, and survive a restart.

use hmac::{Hmac, KeyInit, Mac};

use super::*;
use crate::store::{StoredDelivery, StoredWebhook};

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: u32 = 6;
/// The wait before the second attempt; it doubles each time (30 s, 1, 2, 4, 8 min).
pub const FIRST_RETRY_SECONDS: i64 = 30;

/// A webhook as its page shows it, with its latest deliveries.
#[derive(Clone, Debug)]
pub struct WebhookView {
    /// Id.
    pub id: String,
    /// Where deliveries go.
    pub url: String,
    /// When it was registered.
    pub created_at: i64,
    /// Latest deliveries, newest first.
    pub deliveries: Vec<StoredDelivery>,
}

/// A webhook just registered: its signing secret, shown once.
#[derive(Debug)]
pub struct NewWebhook {
    /// Where deliveries go.
    pub url: String,
    /// The secret (hex), to verify signatures with.
    pub secret: SecretString,
}

/// A delivery ready to send: where, what, and its signature header.
#[derive(Debug)]
pub struct Outgoing {
    /// Delivery id.
    pub id: String,
    /// Where.
    pub url: String,
    /// The JSON body.
    pub body: String,
    /// `Pathways-Signature`'s value.
    pub signature: String,
    /// Attempts made before this one.
    pub attempts: u32,
}

/// The signature header value of `body` sent at `t` with `secret`.
pub fn signature(secret: &[u8], t: i64, body: &str) -> String {
    let hex = <Hmac<sha2::Sha256> as KeyInit>::new_from_slice(secret)
        .map(|mut mac| {
            mac.update(format!("{t}.{body}").as_bytes());
            mac.finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        })
        .unwrap_or_default();
    format!("t={t},v1={hex}")
}

/// Whether a webhook may be sent to `url`: https, or http on this machine only.
fn acceptable(url: &str) -> bool {
    let ok_chars = !url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<');
    let loopback = [
        "http://127.0.0.1:",
        "http://127.0.0.1/",
        "http://localhost:",
        "http://localhost/",
        "http://[::1]:",
    ];
    ok_chars
        && url.len() <= 500
        && (url
            .strip_prefix("https://")
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
            || loopback.iter().any(|p| url.starts_with(p)))
}

fn owner(id: &str) -> String {
    format!("webhooks/{id}")
}

fn secret_place(id: &str) -> Place<'_> {
    Place {
        table: "webhooks",
        column: "secret",
        row: id,
    }
}

impl Staff {
    /// The organisations whose webhooks the actor manages: their provider organisation, or
    /// the agencies they administer.
    fn webhook_owners(&self, actor: &Actor) -> (Option<ProviderId>, Vec<AgencyId>) {
        let provider = self.provider_of(actor);
        let agencies = actor.administered_agencies().into_iter().cloned().collect();
        (provider, agencies)
    }
}

impl Webhooks<'_> {
    /// The actor's organisations' webhooks with their latest deliveries.
    pub fn list(&self, actor: &Actor) -> Result<Vec<WebhookView>, StaffError> {
        let (provider, agencies) = self.webhook_owners(actor);
        if provider.is_none() && agencies.is_empty() {
            return Err(self.deny(actor, "webhook.list", "webhooks".to_owned()));
        }
        let mut hooks = Vec::new();
        if let Some(p) = &provider {
            hooks.extend(self.directory.store.webhooks_of(Some(p), None)?);
        }
        for a in &agencies {
            hooks.extend(self.directory.store.webhooks_of(None, Some(a))?);
        }
        hooks
            .into_iter()
            .map(|h| {
                Ok(WebhookView {
                    deliveries: self.directory.store.deliveries_of(&h.id, 20)?,
                    id: h.id,
                    url: h.url,
                    created_at: h.created_at,
                })
            })
            .collect()
    }

    /// Registers an endpoint for the actor's organisation; its secret is shown once.
    pub fn register(&self, actor: &Actor, url: &str) -> Result<NewWebhook, StaffError> {
        let (provider, agencies) = self.webhook_owners(actor);
        let agency = if provider.is_none() {
            agencies.first().cloned()
        } else {
            None
        };
        if provider.is_none() && agency.is_none() {
            return Err(self.deny(actor, "webhook.create", "webhooks".to_owned()));
        }
        let url = url.trim();
        if !acceptable(url) {
            return Err(StaffError::Invalid {
                field: "url",
                key: "webhooks-error-url",
            });
        }
        let id = uuid::Uuid::new_v4().to_string();
        let secret: String = crate::crypto::random::<32>()?
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let key = self.vault.create_key(&owner(&id))?;
        let sealed = key.seal(secret_place(&id), secret.as_bytes())?;
        let now = self.clock.now();
        let hook = StoredWebhook {
            id: id.clone(),
            provider,
            agency: agency.clone(),
            url: url.to_owned(),
            secret: sealed,
            created_by: actor.user.clone(),
            created_at: now,
        };
        let entry = self.audit(
            Some(&actor.user),
            agency.as_ref(),
            "webhook.create",
            format!("webhook:{id}"),
            true,
        );
        self.directory.store.create_webhook(&hook, &entry)?;
        Ok(NewWebhook {
            url: hook.url,
            secret: SecretString::from(secret),
        })
    }

    /// Removes one of the actor's organisations' webhooks; what it still had to send is
    /// dropped, and its secret destroyed.
    pub fn remove(&self, actor: &Actor, id: &str) -> Result<(), StaffError> {
        let record = format!("webhook:{id}");
        let (provider, agencies) = self.webhook_owners(actor);
        let mine = self.directory.store.webhook(id)?.filter(|h| {
            (h.provider.is_some() && h.provider == provider)
                || h.agency.as_ref().is_some_and(|a| agencies.contains(a))
        });
        let Some(hook) = mine else {
            return Err(self.deny(actor, "webhook.remove", record));
        };
        let entry = self.audit(
            Some(&actor.user),
            hook.agency.as_ref(),
            "webhook.remove",
            record.clone(),
            true,
        );
        if !self
            .directory
            .store
            .remove_webhook(id, &entry, self.clock.now())?
        {
            return Err(self.deny(actor, "webhook.remove", record));
        }
        self.vault.shred(&owner(id))?;
        Ok(())
    }

    /// The deliveries due now, signed and ready to send.
    pub fn due(&self) -> Result<Vec<Outgoing>, StaffError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        // A claim outlives the sends it covers (100 at 10 s each at most).
        let lease_until = now + 100 * 10 + 60;
        for (d, h) in self.directory.store.due_deliveries(now, 100, lease_until)? {
            let secret = self
                .vault
                .open_field(&owner(&h.id), secret_place(&h.id), &h.secret)?;
            out.push(Outgoing {
                signature: signature(&secret, now, &d.body),
                id: d.id,
                url: h.url,
                body: d.body,
                attempts: d.attempts,
            });
        }
        Ok(out)
    }

    /// Records what an attempt met: delivered (a 2xx), or failed — tried again after a
    /// doubling wait, or given up after [`MAX_ATTEMPTS`].
    pub fn record(&self, sent: &Outgoing, outcome: Result<(), String>) -> Result<(), StaffError> {
        let now = self.clock.now();
        let attempt = sent.attempts + 1;
        let retry_at =
            (attempt < MAX_ATTEMPTS).then(|| now + FIRST_RETRY_SECONDS * (1 << (attempt - 1).min(10)));
        let outcome = outcome.as_ref().map(|_| ()).map_err(String::as_str);
        Ok(self
            .directory
            .store
            .record_delivery(&sent.id, outcome, retry_at, now)?)
    }
}

/// Sends every delivery due now, one after another; returns how many were attempted. The
/// database work runs on the blocking pool; the requests are async (10 s timeout each).
pub async fn deliver_due(
    staff: &std::sync::Arc<Staff>,
    client: &reqwest::Client,
) -> Result<usize, StaffError> {
    let s = staff.clone();
    let due = tokio::task::spawn_blocking(move || s.webhooks().due())
        .await
        .map_err(|_| StaffError::NotFound)??;
    let n = due.len();
    for d in due {
        let answer = client
            .post(&d.url)
            .header("content-type", "application/json")
            .header("pathways-signature", &d.signature)
            .header("pathways-delivery", &d.id)
            .body(d.body.clone())
            .send()
            .await;
        let outcome = match answer {
            Ok(r) if r.status().is_success() => Ok(()),
            Ok(r) => Err(format!("HTTP {}", r.status().as_u16())),
            Err(e) if e.is_timeout() => Err("timed out".to_owned()),
            Err(_) => Err("could not connect".to_owned()),
        };
        let s = staff.clone();
        tokio::task::spawn_blocking(move || s.webhooks().record(&d, outcome))
            .await
            .map_err(|_| StaffError::NotFound)??;
    }
    Ok(n)
}

/// The HTTP client deliveries go out with: rustls (ring), 10 s timeout, no redirects (a
/// delivery goes where it was registered, nowhere else).
pub fn client() -> Result<reqwest::Client, StaffError> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| StaffError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine_is_accepted() {
        assert!(acceptable("https://provider.example/hooks/pathways"));
        assert!(acceptable("http://127.0.0.1:8099/hook"));
        assert!(!acceptable("http://provider.example/hook"));
        assert!(!acceptable("https:///nohost"));
        assert!(!acceptable("ftp://x"));
        assert!(!acceptable("https://a.example/<script>"));
    }

    #[test]
    fn the_signature_is_an_hmac_of_the_time_and_the_body() {
        let s = signature(b"key", 1_700_000_000, "{\"a\":1}");
        assert!(s.starts_with("t=1700000000,v1="));
        assert_eq!(s.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(s, signature(b"key", 1_700_000_000, "{\"a\":2}"));
        assert_ne!(s, signature(b"other", 1_700_000_000, "{\"a\":1}"));
    }
}
