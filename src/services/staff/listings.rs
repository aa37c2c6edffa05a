//! Listings kept true by their providers (PRV-1): a provider's staff see and edit their own
//! organisation's services; what changes who a service is for waits for a directory admin,
//! the rest goes live at once — in the database and in the search index before the answer
//! returns (one listing updated, the reader reloaded; no rebuild). Every change is kept in
//! the listing's history with who, when, which fields, old and new values.

use super::*;
use crate::domain::Listing;
use crate::domain::listing_edit::{self, EditInvalid, FieldChange, FieldGroup, ListingEdit, ListingForm};
use crate::hsds::{self, Context};
use crate::store::{StoredChange, StoredService};

/// Days after which a listing not confirmed by its provider is a to-do on their home.
pub const CONFIRM_DAYS: i64 = 183;

/// A listing in its provider's list.
#[derive(Clone, Debug)]
pub struct ListingSummary {
    /// The listing.
    pub listing: Listing,
    /// Whether it was not confirmed in the last [`CONFIRM_DAYS`].
    pub needs_confirming: bool,
    /// Changes waiting for review.
    pub pending: usize,
}

/// A listing opened for editing: its form as it stands, its history.
#[derive(Clone, Debug)]
pub struct ListingView {
    /// The listing.
    pub listing: Listing,
    /// The form filled in from it.
    pub form: ListingForm,
    /// Its history, newest first.
    pub history: Vec<ChangeView>,
    /// Whether the actor may edit it (a directory admin reads only).
    pub editable: bool,
}

/// One change as the history and the review queue show it.
#[derive(Clone, Debug)]
pub struct ChangeView {
    /// Id.
    pub id: String,
    /// Unix second.
    pub at: i64,
    /// Who (their name).
    pub actor: String,
    /// `live`, `pending`, `approved`, `sent_back`.
    pub state: String,
    /// The fields, old and new.
    pub fields: Vec<FieldChange>,
    /// The reviewer's note.
    pub note: Option<String>,
}

/// A change waiting for review, with the listing it is for.
#[derive(Clone, Debug)]
pub struct ReviewItem {
    /// The change.
    pub change: ChangeView,
    /// The listing's name.
    pub listing: String,
    /// The listing's id.
    pub service_id: String,
    /// Its organisation's name.
    pub organisation: String,
}

/// What a save did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Fields now live.
    pub live: usize,
    /// Fields waiting for review.
    pub pending: usize,
}

/// Freshness of one organisation's listings: confirmed in the last [`CONFIRM_DAYS`] / all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// The organisation's name.
    pub organisation: String,
    /// Listings confirmed recently.
    pub confirmed: usize,
    /// All its listings.
    pub total: usize,
}

impl From<EditInvalid> for StaffError {
    fn from(e: EditInvalid) -> StaffError {
        StaffError::Invalid {
            field: e.field,
            key: e.key,
        }
    }
}

/// The day (`YYYY-MM-DD`, UTC) of a Unix second.
pub(super) fn day_of(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Whether `verified` (`YYYY-MM-DD`) is older than `days` before `now`.
pub fn older_than(verified: Option<&str>, days: i64, now: i64) -> bool {
    let Some(v) = verified.and_then(|v| v.parse::<jiff::civil::Date>().ok()) else {
        return true;
    };
    let Ok(then) = v.to_zoned_datetime(jiff::tz::TimeZone::UTC) else {
        return true;
    };
    now - then.timestamp().as_second() > days * 86_400
}

fn changes_json(fields: &[FieldChange]) -> String {
    serde_json::Value::Array(
        fields
            .iter()
            .map(|f| serde_json::json!({"field": f.field, "old": f.old, "new": f.new}))
            .collect(),
    )
    .to_string()
}

fn fields_of(json: &str) -> Vec<FieldChange> {
    serde_json::from_str::<Vec<serde_json::Value>>(json)
        .unwrap_or_default()
        .iter()
        .map(|v| FieldChange {
            field: v["field"].as_str().unwrap_or_default().to_owned(),
            old: v["old"].as_str().unwrap_or_default().to_owned(),
            new: v["new"].as_str().unwrap_or_default().to_owned(),
        })
        .collect()
}

impl Staff {
    /// The directory organisation the actor may propose new services for.
    fn proposing_for(&self, actor: &Actor) -> Result<Option<String>, StaffError> {
        Ok(self
            .directory
            .store
            .providers()?
            .into_iter()
            .find(|(p, _)| policy::allows(actor, Action::EditListing(&p.id)))
            .map(|(p, _)| p.organization_id))
    }

    /// The provider organisation that speaks for a directory organisation, if any.
    pub(super) fn provider_for(&self, organization_id: &str) -> Result<Option<ProviderId>, StaffError> {
        Ok(self
            .directory
            .store
            .providers()?
            .into_iter()
            .find(|(p, _)| p.organization_id == organization_id)
            .map(|(p, _)| p.id))
    }

    /// The service behind `id` if `action` is allowed on it; otherwise a denial, audited,
    /// answered like a missing listing (AC-3).
    fn listing_for(
        &self,
        actor: &Actor,
        id: &str,
        action: &'static str,
        allowed: impl Fn(&ProviderId) -> bool,
    ) -> Result<(StoredService, ProviderId), StaffError> {
        let record = format!("listing:{id}");
        let Some(service) = self.directory.store.service(id)? else {
            return Err(self.deny(actor, action, record));
        };
        match self.provider_for(&service.listing.organization_id)? {
            Some(p) if allowed(&p) => Ok((service, p)),
            _ => Err(self.deny(actor, action, record)),
        }
    }

    /// Maps an HSDS service record into its listing, as an import would, and checks the
    /// record against the HSDS 3.1 schema.
    pub(super) fn remap(
        &self,
        record: &serde_json::Value,
        organization_id: &str,
    ) -> Result<Listing, StaffError> {
        let unusable = |_| StaffError::Invalid {
            field: "form",
            key: "listing-error-record",
        };
        hsds::validate::Validators::get()
            .service(record)
            .map_err(unusable)?;
        let org = self.directory.store.organization(organization_id)?;
        let cx = Context {
            gazetteer: self.directory.gazetteer,
            inference: self.directory.index.vocabulary(),
        };
        Ok(hsds::mapping::service(record.clone(), org.as_ref(), &cx)
            .map_err(unusable)?
            .listing)
    }

    /// Puts a changed listing in the database and, before returning, in the index.
    pub(super) fn publish(
        &self,
        replace: Option<(&serde_json::Value, &Listing)>,
        change: &StoredChange,
        entry: &Entry,
    ) -> Result<(), StaffError> {
        let text = replace.map(|(r, l)| (r.to_string(), l));
        let seq = self
            .directory
            .store
            .change_service(text.as_ref().map(|(r, l)| (r.as_str(), *l)), change, entry)?
            .ok_or(StaffError::NotFound)?;
        if let Some((_, listing)) = replace {
            self.index_one(seq, listing)?;
        }
        Ok(())
    }

    fn index_one(&self, seq: u64, listing: &Listing) -> Result<(), StaffError> {
        let database = self.directory.store.identity()?;
        self.directory
            .index
            .upsert(&database, seq, listing)
            .map_err(|e| StaffError::App(AppError::Search(e)))
    }

    fn change_view(&self, c: StoredChange, names: &HashMap<String, String>) -> ChangeView {
        ChangeView {
            actor: names.get(c.actor.as_str()).cloned().unwrap_or_default(),
            fields: fields_of(&c.fields),
            id: c.id,
            at: c.at,
            state: c.state,
            note: c.note,
        }
    }
}

impl Listings<'_> {
    /// The whole directory as HSDS in one zip (see `export::zip_of`), for directory
    /// admins; audited without content. Anyone else is refused (audited).
    pub fn export_zip(&self, actor: &Actor) -> Result<Vec<u8>, StaffError> {
        if !policy::allows(actor, Action::ExportDirectory) {
            return Err(self.deny(actor, "directory.export", "directory".to_owned()));
        }
        let organisations = self.directory.export_hsds()?;
        let tables = self.directory.export_tabular()?;
        let zip = crate::services::export::zip_of(&organisations, &tables)?;
        let entry = self.audit(
            Some(&actor.user),
            None,
            "directory.export",
            "directory".to_owned(),
            true,
        );
        self.directory.store.audit_read(&entry, self.clock.now())?;
        Ok(zip)
    }

    /// The listings page: the actor's own listings (provider staff) and, for directory
    /// admins, the freshness of every provider's. Anyone else is refused (audited).
    pub fn overview(&self, actor: &Actor) -> Result<(Vec<ListingSummary>, Vec<Freshness>), StaffError> {
        let provider = actor.grants.iter().any(|g| g.role == Role::ProviderStaff);
        if !provider && !policy::allows(actor, Action::ReviewListings) {
            return Err(self.deny(actor, "listing.list", "listings".to_owned()));
        }
        let freshness = if policy::allows(actor, Action::ReviewListings) {
            self.freshness(actor)?
        } else {
            Vec::new()
        };
        Ok((self.mine(actor)?, freshness))
    }

    /// The listings of the provider organisations the actor works for.
    pub fn mine(&self, actor: &Actor) -> Result<Vec<ListingSummary>, StaffError> {
        let now = self.clock.now();
        let mut out = Vec::new();
        // Read once: it was read again for every provider organisation.
        let pending = self.directory.store.pending_changes()?;
        for (provider, _) in self.directory.store.providers()? {
            if !policy::allows(actor, Action::EditListing(&provider.id)) {
                continue;
            }
            for listing in self.directory.store.listings_of(&provider.organization_id)? {
                out.push(ListingSummary {
                    needs_confirming: older_than(listing.verified.as_deref(), CONFIRM_DAYS, now),
                    pending: pending.iter().filter(|c| c.service_id == listing.id).count(),
                    listing,
                });
            }
        }
        Ok(out)
    }

    /// A listing with its form and history: its provider's staff, and directory admins (to
    /// read).
    pub fn open(&self, actor: &Actor, id: &str) -> Result<ListingView, StaffError> {
        let (service, provider) = self.listing_for(actor, id, "listing.read", |p| {
            policy::allows(actor, Action::ReadListingHistory(p))
        })?;
        let record: serde_json::Value =
            serde_json::from_str(&service.hsds).map_err(|_| StaffError::Invalid {
                field: "form",
                key: "listing-error-record",
            })?;
        let documents = hsds::edit::required_documents(&record);
        let names = self.audit_log().account_names()?;
        let history = self
            .directory
            .store
            .listing_changes(id)?
            .into_iter()
            .map(|c| self.change_view(c, &names))
            .collect();
        Ok(ListingView {
            form: ListingForm::of(&service.listing, &documents)
                .with_address(hsds::edit::address_of(&record).as_ref()),
            listing: service.listing,
            history,
            editable: policy::allows(actor, Action::EditListing(&provider)),
        })
    }

    /// Saves the form: fields that need no review go live at once (database and index),
    /// the others wait for a directory admin. A form with a mistake changes nothing.
    pub fn save(&self, actor: &Actor, id: &str, form: &ListingForm) -> Result<Saved, StaffError> {
        let (service, _) = self.listing_for(actor, id, "listing.edit", |p| {
            policy::allows(actor, Action::EditListing(p))
        })?;
        let edit = form.check()?;
        let now = self.clock.now();
        let today = day_of(now);
        let record: serde_json::Value =
            serde_json::from_str(&service.hsds).map_err(|_| StaffError::Invalid {
                field: "form",
                key: "listing-error-record",
            })?;
        let reviewed = &self.settings.reviewed;
        let live_groups: Vec<FieldGroup> = FieldGroup::ALL
            .into_iter()
            .filter(|g| !reviewed.contains(g))
            .collect();
        let org = service.listing.organization_id.clone();
        let old_documents = hsds::edit::required_documents(&record);
        let live_record = hsds::edit::apply(&record, &edit, &live_groups, &today);
        let live_listing = self.remap(&live_record, &org)?;
        // Only a form that changes a reviewed field is mapped a second time (the common edit —
        // hours, capacity, a description — is not).
        let before = ListingForm::of(&service.listing, &old_documents)
            .with_address(hsds::edit::address_of(&record).as_ref());
        let typed_reviewed = |f: &ListingForm| {
            listing_edit::field_texts_of(f)
                .into_iter()
                .filter(|(_, g, _)| reviewed.contains(g))
                .map(|(_, _, v)| v)
                .collect::<Vec<_>>()
        };
        let proposed_listing = if typed_reviewed(&before) == typed_reviewed(form) {
            service.listing.clone()
        } else {
            self.remap(&hsds::edit::apply(&record, &edit, reviewed, &today), &org)?
        };
        let live_changes: Vec<FieldChange> = listing_edit::differences(
            &service.listing,
            &old_documents,
            &live_listing,
            &hsds::edit::required_documents(&live_record),
        )
        .into_iter()
        .filter(|(g, _)| !reviewed.contains(g))
        .map(|(_, c)| c)
        .chain(address_change(&record, &edit, &live_groups))
        .collect();
        let pending_changes: Vec<FieldChange> = listing_edit::differences(
            &service.listing,
            &old_documents,
            &proposed_listing,
            &old_documents,
        )
        .into_iter()
        .filter(|(g, _)| reviewed.contains(g))
        .map(|(_, c)| c)
        .chain(address_change(&record, &edit, reviewed))
        .collect();
        let change = |fields: &[FieldChange], state: &str, proposal: Option<String>| StoredChange {
            id: uuid::Uuid::new_v4().to_string(),
            service_id: id.to_owned(),
            organization_id: org.clone(),
            actor: actor.user.clone(),
            at: now,
            fields: changes_json(fields),
            state: state.to_owned(),
            proposal,
            note: None,
            decided_by: None,
            decided_at: None,
        };
        let record_id = format!("listing:{id}");
        if !live_changes.is_empty() {
            let entry = self.audit(Some(&actor.user), None, "listing.edit", record_id.clone(), true);
            self.publish(
                Some((&live_record, &live_listing)),
                &change(&live_changes, "live", None),
                &entry,
            )?;
        }
        if !pending_changes.is_empty() {
            let proposal = serde_json::to_string(&form.fields).unwrap_or_default();
            let entry = self.audit(Some(&actor.user), None, "listing.propose", record_id, true);
            self.publish(None, &change(&pending_changes, "pending", Some(proposal)), &entry)?;
        }
        Ok(Saved {
            live: live_changes.len(),
            pending: pending_changes.len(),
        })
    }

    /// "Everything is still correct": the listing's verified date becomes today.
    pub fn confirm(&self, actor: &Actor, id: &str) -> Result<(), StaffError> {
        let (service, _) = self.listing_for(actor, id, "listing.confirm", |p| {
            policy::allows(actor, Action::EditListing(p))
        })?;
        let now = self.clock.now();
        let record: serde_json::Value =
            serde_json::from_str(&service.hsds).map_err(|_| StaffError::Invalid {
                field: "form",
                key: "listing-error-record",
            })?;
        let confirmed = hsds::edit::confirm(&record, &day_of(now));
        let listing = self.remap(&confirmed, &service.listing.organization_id)?;
        let change = StoredChange {
            id: uuid::Uuid::new_v4().to_string(),
            service_id: id.to_owned(),
            organization_id: service.listing.organization_id.clone(),
            actor: actor.user.clone(),
            at: now,
            fields: changes_json(&[FieldChange {
                field: "verified".to_owned(),
                old: service.listing.verified.clone().unwrap_or_default(),
                new: listing.verified.clone().unwrap_or_default(),
            }]),
            state: "live".to_owned(),
            proposal: None,
            note: None,
            decided_by: None,
            decided_at: None,
        };
        let entry = self.audit(
            Some(&actor.user),
            None,
            "listing.confirm",
            format!("listing:{id}"),
            true,
        );
        self.publish(Some((&confirmed, &listing)), &change, &entry)
    }

    /// Whether the actor may propose a new service (staff of a provider organisation); a
    /// refusal is audited.
    pub fn may_propose(&self, actor: &Actor) -> Result<(), StaffError> {
        match self.proposing_for(actor)? {
            Some(_) => Ok(()),
            None => Err(self.deny(actor, "listing.propose_new", "listings".to_owned())),
        }
    }

    /// Proposes a new service of the actor's organisation: checked like an edit, it waits
    /// for a directory admin's review and is public only once approved.
    pub fn propose(&self, actor: &Actor, form: &ListingForm) -> Result<(), StaffError> {
        let Some(organisation) = self.proposing_for(actor)? else {
            return Err(self.deny(actor, "listing.propose_new", "listings".to_owned()));
        };
        let edit = form.check()?;
        let now = self.clock.now();
        let id = uuid::Uuid::new_v4().to_string();
        let record = hsds::edit::apply(
            &new_record(&id, &organisation),
            &edit,
            &FieldGroup::ALL,
            &day_of(now),
        );
        let listing = self.remap(&record, &organisation)?;
        let fields: Vec<FieldChange> = listing_edit::field_texts(&listing, &edit.required_documents)
            .into_iter()
            .filter(|(_, _, v)| !v.is_empty())
            .map(|(field, _, new)| FieldChange {
                field: field.to_owned(),
                old: String::new(),
                new,
            })
            .collect();
        let change = StoredChange {
            id: uuid::Uuid::new_v4().to_string(),
            service_id: id.clone(),
            organization_id: organisation,
            actor: actor.user.clone(),
            at: now,
            fields: changes_json(&fields),
            state: "pending".to_owned(),
            proposal: Some(serde_json::to_string(&form.fields).unwrap_or_default()),
            note: None,
            decided_by: None,
            decided_at: None,
        };
        let entry = self.audit(
            Some(&actor.user),
            None,
            "listing.propose_new",
            format!("listing:{id}"),
            true,
        );
        Ok(self.directory.store.record_change(&change, &entry)?)
    }

    /// The changes waiting for review (directory admins), oldest first.
    pub fn review_queue(&self, actor: &Actor) -> Result<Vec<ReviewItem>, StaffError> {
        if !policy::allows(actor, Action::ReviewListings) {
            return Err(self.deny(actor, "listing.review", "listings".to_owned()));
        }
        let names = self.audit_log().account_names()?;
        let mut out = Vec::new();
        for c in self.directory.store.pending_changes()? {
            let (listing, organisation) = match self.directory.store.service(&c.service_id)? {
                Some(service) => (service.listing.name, service.listing.organization),
                // A proposed new service: its proposed name, its organisation's.
                None => {
                    let proposed = ListingForm {
                        fields: c
                            .proposal
                            .as_deref()
                            .and_then(|p| serde_json::from_str(p).ok())
                            .unwrap_or_default(),
                    };
                    let org = self.directory.store.organization(&c.organization_id)?;
                    (
                        proposed.get("name").to_owned(),
                        org.map(|o| o.name).unwrap_or_default(),
                    )
                }
            };
            out.push(ReviewItem {
                listing,
                service_id: c.service_id.clone(),
                organisation,
                change: self.change_view(c, &names),
            });
        }
        Ok(out)
    }

    /// Approves a pending change: its fields go live (database and index) as proposed,
    /// applied to the listing as it is now.
    pub fn approve(&self, actor: &Actor, change_id: &str) -> Result<(), StaffError> {
        let record = format!("listing_change:{change_id}");
        if !policy::allows(actor, Action::ReviewListings) {
            return Err(self.deny(actor, "listing.approve", record));
        }
        let Some(change) = self.directory.store.listing_change(change_id)? else {
            return Err(self.deny(actor, "listing.approve", record));
        };
        let Some(proposal) = &change.proposal else {
            return Err(StaffError::NotFound);
        };
        // A proposed new service starts from an empty record of its organisation.
        let (current_hsds, is_new) = match self.directory.store.service(&change.service_id)? {
            Some(s) => (s.hsds, false),
            None => (
                new_record(&change.service_id, &change.organization_id).to_string(),
                true,
            ),
        };
        let form = ListingForm {
            fields: serde_json::from_str(proposal).unwrap_or_default(),
        };
        let edit: ListingEdit = form.check()?;
        let now = self.clock.now();
        let current: serde_json::Value =
            serde_json::from_str(&current_hsds).map_err(|_| StaffError::Invalid {
                field: "form",
                key: "listing-error-record",
            })?;
        let groups: Vec<FieldGroup> = if is_new {
            FieldGroup::ALL.to_vec()
        } else {
            fields_of(&change.fields)
                .iter()
                .filter_map(|f| group_of(&f.field))
                .collect()
        };
        let approved = hsds::edit::apply(&current, &edit, &groups, &day_of(now));
        let listing = self.remap(&approved, &change.organization_id)?;
        let entry = self.audit(Some(&actor.user), None, "listing.approve", record, true);
        let seq = self
            .directory
            .store
            .decide_change(
                change_id,
                "approved",
                &actor.user,
                None,
                Some((&approved.to_string(), &listing)),
                &entry,
                now,
            )?
            .ok_or(StaffError::NotFound)?;
        self.index_one(seq, &listing)
    }

    /// Sends a pending change back with a note: nothing public changes.
    pub fn send_back(&self, actor: &Actor, change_id: &str, note: &str) -> Result<(), StaffError> {
        let record = format!("listing_change:{change_id}");
        if !policy::allows(actor, Action::ReviewListings) {
            return Err(self.deny(actor, "listing.send_back", record));
        }
        let note = note.trim();
        if note.is_empty() || note.chars().count() > 2000 {
            return Err(StaffError::Invalid {
                field: "note",
                key: "listing-error-note",
            });
        }
        let entry = self.audit(Some(&actor.user), None, "listing.send_back", record.clone(), true);
        self.directory
            .store
            .decide_change(
                change_id,
                "sent_back",
                &actor.user,
                Some(note),
                None,
                &entry,
                self.clock.now(),
            )?
            .map(|_| ())
            .ok_or_else(|| self.deny(actor, "listing.send_back", record))
    }

    /// Share of listings confirmed in the last [`CONFIRM_DAYS`], by organisation with a
    /// provider account (directory admins).
    pub fn freshness(&self, actor: &Actor) -> Result<Vec<Freshness>, StaffError> {
        if !policy::allows(actor, Action::ReviewListings) {
            return Err(self.deny(actor, "listing.freshness", "listings".to_owned()));
        }
        let now = self.clock.now();
        let mut out = Vec::new();
        for (provider, _) in self.directory.store.providers()? {
            let listings = self.directory.store.listings_of(&provider.organization_id)?;
            out.push(Freshness {
                organisation: provider.name,
                confirmed: listings
                    .iter()
                    .filter(|l| !older_than(l.verified.as_deref(), CONFIRM_DAYS, now))
                    .count(),
                total: listings.len(),
            });
        }
        Ok(out)
    }
}

/// The office's address as a change (the listing shows it formatted; the record holds it),
/// when the edit changes it.
fn address_change(
    record: &serde_json::Value,
    edit: &ListingEdit,
    groups: &[FieldGroup],
) -> Option<FieldChange> {
    let old = hsds::edit::address_of(record);
    (groups.contains(&FieldGroup::Address) && old != edit.address).then(|| FieldChange {
        field: "address".to_owned(),
        old: old.map(|a| a.line()).unwrap_or_default(),
        new: edit.address.as_ref().map(|a| a.line()).unwrap_or_default(),
    })
}

/// The HSDS record a proposed new service starts from.
fn new_record(id: &str, organisation: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "organization_id": organisation, "name": "", "status": "active"})
}

/// The group of a form field named in a change.
fn group_of(field: &str) -> Option<FieldGroup> {
    match field {
        "need" => Some(FieldGroup::Needs),
        "condition" => Some(FieldGroup::Conditions),
        "area" => Some(FieldGroup::Area),
        "phones" => Some(FieldGroup::Phones),
        "address" => Some(FieldGroup::Address),
        "closures" => Some(FieldGroup::Hours),
        f if f.starts_with("hours_") => Some(FieldGroup::Hours),
        f if f.starts_with("capacity_") => Some(FieldGroup::Capacity),
        "verified" => None,
        _ => Some(FieldGroup::Description),
    }
}
