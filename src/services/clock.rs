//! The time the staff rules read: the system clock, or a hand-set clock that tests move to
//! check timeouts, expiries and backoffs without waiting.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Unix seconds, from the system or from a hand-set value.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock standing at `unix_seconds` until moved.
    pub fn manual(unix_seconds: i64) -> Clock {
        Clock(Some(Arc::new(AtomicI64::new(unix_seconds))))
    }

    /// Now, in Unix seconds.
    pub fn now(&self) -> i64 {
        match &self.0 {
            Some(t) => t.load(Ordering::SeqCst),
            None => jiff::Timestamp::now().as_second(),
        }
    }

    /// Moves a hand-set clock forward (no effect on the system clock).
    pub fn advance(&self, seconds: i64) {
        if let Some(t) = &self.0 {
            t.fetch_add(seconds, Ordering::SeqCst);
        }
    }
}
