//! One module per page family; each page is one function taking one view-model.

pub mod coverage;
pub mod home;
pub mod info;
pub mod listing;
pub mod results;
pub mod staff;
