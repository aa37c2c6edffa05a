//! Pathways' server-rendered views. Depends on maud only: pages take plain, pre-formatted
//! view-models and cannot reach the application. Words come from the catalogues
//! (`locales/*.ftl`), static files from `static/`, both built into the binary.

pub mod assets;
pub mod components;
pub mod i18n;
pub mod layout;
pub mod pages;

pub use components::{Badge, ListingView, PhoneView};
pub use i18n::Lang;
pub use layout::{Frame, Switch};
pub use maud::Markup;
pub use pages::coverage::{CoveragePage, CoverageRow, CoverageView, MapCounty, coverage};
pub use pages::home::{Home, Hotline, NeedTile, home};
pub use pages::info::{
    About, HotlinesPage, about, hotlines, not_found, safety, server_error, too_many_requests,
};
pub use pages::listing::{ListingPage, PrintList, listing, print_list};
pub use pages::results::{Choice, Results, SearchForm, results};
pub use pages::staff;
