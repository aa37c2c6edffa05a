//! Plain types and rules shared by every layer. Nothing here imports a framework, SQL,
//! tantivy or axum: it must stay testable with nothing but data.

pub mod audit;
pub mod conditions;
pub mod consent;
pub mod coverage;
pub mod day;
pub mod finding;
pub mod gender;
pub mod hours;
pub mod ids;
pub mod languages;
pub mod listing;
pub mod listing_edit;
pub mod month;
pub mod needs;
pub mod plan;
pub mod records;
pub mod referral;
pub mod staff;
pub mod suppression;

pub use conditions::Condition;
pub use hours::{Interval, WeeklyHours};
pub use listing::{Capacity, Closure, Listing, Office, Phone};
pub use needs::{Need, Taxonomy};
