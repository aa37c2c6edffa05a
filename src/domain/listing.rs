//! A listing: one service of the directory as Pathways understands it — its needs,
//! conditions, hours, place and freshness — normalised from HSDS at import.
//!
//! A listing holds only what may be shown publicly. For a confidential location the office
//! address and coordinates are dropped when the listing is built, so no page, JSON answer or
//! index document made from a listing can reveal them.

use serde::{Deserialize, Serialize};

use crate::domain::{Condition, WeeklyHours};
use crate::geo::{Point, ServiceArea};

/// A phone number of a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phone {
    /// The number as published.
    pub number: String,
    /// `voice`, `text`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// e.g. "24-hour intake".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A public office where people can go.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Office {
    /// Location name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Address lines, ready to print.
    pub address: Vec<String>,
    /// Its city and state ("Houston, TX"), shown on result cards so a list from many cities
    /// says which is where. (A confidential listing has no office, so never a city.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// Where it is, when the record gives usable coordinates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
}

/// Places available, as the provider last reported them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    /// Openings now.
    pub available: u32,
    /// Total places, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<u32>,
    /// What is counted ("beds").
    pub unit: String,
    /// When it was reported (`YYYY-MM-DD`).
    pub updated: String,
}

/// Days the service is closed despite its weekly hours (a holiday, a move).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    /// First day closed (`YYYY-MM-DD`).
    pub from: String,
    /// Last day closed (`YYYY-MM-DD`), `from` itself for one day.
    pub to: String,
    /// Why, in the provider's words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Closure {
    /// Whether `day` (`YYYY-MM-DD`, or any ISO date) falls in it.
    pub fn covers(&self, day: &str) -> bool {
        self.from.as_str() <= day && day <= self.to.as_str()
    }
}

/// One service of the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Listing {
    /// The HSDS service id.
    pub id: String,
    /// Service name.
    pub name: String,
    /// HSDS organisation id.
    pub organization_id: String,
    /// Organisation name.
    pub organization: String,
    /// Description.
    pub description: String,
    /// Who it is for, in the provider's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<String>,
    /// How to get it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_process: Option<String>,
    /// What it costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<String>,
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Need codes served.
    pub needs: Vec<String>,
    /// True when the needs were inferred from the text (the record carried no terms).
    pub needs_inferred: bool,
    /// Conditions placed on help; empty means unconditional.
    pub conditions: Vec<Condition>,
    /// Youngest age served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u32>,
    /// Oldest age served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u32>,
    /// ISO 639-1 codes of languages staff speak.
    pub languages: Vec<String>,
    /// Genders served, as the provider states them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub genders: Option<String>,
    /// Culturally specific, for whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub culturally_specific: Option<String>,
    /// Walk-ins welcome.
    pub walk_in: bool,
    /// Open around the clock.
    pub open_24_7: bool,
    /// By phone, text or online only.
    pub phone_only: bool,
    /// Wheelchair accessible.
    pub wheelchair_accessible: bool,
    /// Led by survivors.
    pub survivor_led: bool,
    /// LGBTQ+ affirming.
    pub lgbtq_affirming: bool,
    /// The address is withheld for safety.
    pub confidential: bool,
    /// A fictional sample listing.
    pub sample: bool,
    /// HSDS status (`active`, `temporarily closed`, …).
    pub status: String,
    /// Phones.
    pub phones: Vec<Phone>,
    /// The public office; always `None` for a confidential location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<Office>,
    /// Its other public offices, in the record's order (a search near one of them finds the
    /// service; a result shows the nearest as `office`). Never any for a confidential one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_offices: Vec<Office>,
    /// Where the service reaches.
    pub area: ServiceArea,
    /// Opening hours in `time_zone`.
    pub hours: WeeklyHours,
    /// Days closed despite the hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closures: Vec<Closure>,
    /// IANA time zone of the hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Capacity, when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<Capacity>,
    /// Date the listing was last verified (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
}

/// Days after its last check when a listing tells the public it may be out of date (its
/// rank has been falling since six months: `search::ranking`'s freshness).
pub const MAY_BE_OUTDATED_DAYS: i64 = 365;

impl Listing {
    /// Whether the public should be told it may be out of date on `today`: never checked, or
    /// checked more than [`MAY_BE_OUTDATED_DAYS`] ago.
    pub fn may_be_outdated(&self, today: jiff::civil::Date) -> bool {
        match self
            .verified
            .as_deref()
            .and_then(|v| v.parse::<jiff::civil::Date>().ok())
        {
            None => true,
            Some(d) => d
                .until(today)
                .is_ok_and(|span| i64::from(span.get_days()) > MAY_BE_OUTDATED_DAYS),
        }
    }

    /// No conditions at all.
    pub fn is_unconditional(&self) -> bool {
        self.conditions.is_empty()
    }

    /// Costs nothing.
    pub fn is_free(&self) -> bool {
        !self.conditions.contains(&Condition::Fee)
    }
}
