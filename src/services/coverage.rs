//! The coverage use-case (issue 13, public, no personal data): for a state and a need, each
//! county's distance to the nearest unconditional service (see `domain::coverage` for what
//! is counted). The directory's services for each need are gathered once per index
//! generation; a state's answer is kept until the next change.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::domain::Taxonomy;
use crate::domain::coverage::{self, CountyCoverage, Source, Town};
use crate::geo::Counties;

use super::{AppError, Directory};

/// What a state's coverage for a need says.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// Two-letter state code.
    pub state: String,
    /// The state's name.
    pub state_name: String,
    /// The need's code.
    pub need: String,
    /// Its counties, by FIPS code.
    pub counties: Vec<CountyCoverage>,
    /// National lines for the need (reach every county alike; not in the distances).
    pub national_lines: usize,
}

/// Why a coverage question cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum CoverageError {
    /// Not a US state's two-letter code.
    #[error("{0:?} is not a US state's two-letter code (e.g. TX)")]
    UnknownState(String),
    /// Not a need of the taxonomy.
    #[error("{0:?} is not a need code (e.g. shelter.emergency)")]
    UnknownNeed(String),
    /// The directory could not be read.
    #[error(transparent)]
    App(#[from] AppError),
}

/// The services for each need, read at one index generation.
#[derive(Default)]
pub(super) struct Sources {
    generation: Option<u64>,
    by_need: HashMap<String, (Vec<Source>, usize)>,
    answers: HashMap<(String, String), Coverage>,
}

/// Every state's towns by county (from the gazetteer; the same for the process's life).
fn towns_by_county(directory: &Directory) -> &'static HashMap<String, Vec<Town>> {
    static TOWNS: OnceLock<HashMap<String, Vec<Town>>> = OnceLock::new();
    TOWNS.get_or_init(|| {
        let mut towns: HashMap<String, Vec<Town>> = HashMap::new();
        for (_, state, point, people) in directory.gazetteer.places() {
            if let Some(c) = Counties::builtin().at_in(point, state) {
                towns
                    .entry(c.fips.clone())
                    .or_default()
                    .push(Town { point, people });
            }
        }
        towns
    })
}

impl Directory {
    /// Each county of `state`, how far its people are from the nearest unconditional
    /// service for `need`.
    pub fn coverage(&self, state: &str, need: &str) -> Result<Coverage, CoverageError> {
        let state = state.trim().to_uppercase();
        let state_name = self
            .gazetteer
            .states()
            .into_iter()
            .find(|(code, _)| *code == state)
            .map(|(_, name)| name.to_owned())
            .filter(|_| Counties::builtin().in_state(&state).next().is_some())
            .ok_or_else(|| CoverageError::UnknownState(state.clone()))?;
        let need = need.trim().to_owned();
        if Taxonomy::builtin().need(&need).is_none() {
            return Err(CoverageError::UnknownNeed(need));
        }
        let generation = self.index_generation();
        let mut cache = self.coverage.lock().unwrap_or_else(|e| e.into_inner());
        if cache.generation != Some(generation) {
            *cache = Sources {
                generation: Some(generation),
                by_need: self.gather_sources()?,
                answers: HashMap::new(),
            };
        }
        let key = (state.clone(), need.clone());
        if let Some(answer) = cache.answers.get(&key) {
            return Ok(answer.clone());
        }
        let (sources, national_lines) = cache.by_need.get(&need).cloned().unwrap_or_default();
        let towns = towns_by_county(self);
        let counties = Counties::builtin()
            .in_state(&state)
            .map(|county| {
                let middle = [Town {
                    point: county.centre(),
                    people: 0,
                }];
                let list = towns.get(&county.fips).map_or(&middle[..], Vec::as_slice);
                let measured: Vec<(Town, Option<f64>)> = list
                    .iter()
                    .map(|t| (*t, coverage::nearest_km(t.point, &state, &sources)))
                    .collect();
                let (people, median_miles, share_near) = coverage::summarise(&measured);
                let offices_inside = sources
                    .iter()
                    .filter(|s| s.offices.iter().any(|o| county.contains(*o)))
                    .count();
                CountyCoverage {
                    fips: county.fips.clone(),
                    name: county.name.clone(),
                    people,
                    median_miles,
                    share_near,
                    offices_inside,
                }
            })
            .collect();
        let answer = Coverage {
            state,
            state_name,
            need,
            counties,
            national_lines,
        };
        cache.answers.insert(key, answer.clone());
        Ok(answer)
    }

    /// Every active, unconditional service by need, as sources; national lines counted.
    fn gather_sources(&self) -> Result<HashMap<String, (Vec<Source>, usize)>, AppError> {
        let mut by_need: HashMap<String, (Vec<Source>, usize)> = HashMap::new();
        self.store.for_each_listing(|l| {
            if l.status != "active" || !l.is_unconditional() {
                return;
            }
            let mut area = l.area.clone();
            let national = std::mem::take(&mut area.national);
            let offices: Vec<_> = l
                .office
                .iter()
                .chain(&l.other_offices)
                .filter_map(|o| o.point)
                .collect();
            let source = (!offices.is_empty() || !area.is_empty()).then_some(Source { offices, area });
            for need in &l.needs {
                let entry = by_need.entry(need.clone()).or_default();
                if national {
                    entry.1 += 1;
                }
                if let Some(s) = &source {
                    entry.0.push(s.clone());
                }
            }
        })?;
        Ok(by_need)
    }
}

/// The cache a directory keeps for coverage.
pub(super) fn cache() -> Mutex<Sources> {
    Mutex::new(Sources::default())
}
