//! Password hashing with argon2id (AUTH-1): PHC strings, a rehash when the parameters rise,
//! and a bound on how many hashes run at once (each takes `m` KiB of memory).

use std::sync::{Condvar, Mutex, OnceLock};

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use secrecy::{ExposeSecret, SecretString};

use super::{CryptoError, random};

/// argon2id cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Cost {
    /// AUTH-1's parameters: m = 64 MiB, t = 3, p = 1.
    pub const RECOMMENDED: Cost = Cost {
        memory_kib: 65_536,
        iterations: 3,
        parallelism: 1,
    };
    /// AUTH-1's floor, never to be gone below (tests use it to stay quick).
    pub const FLOOR: Cost = Cost {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };

    fn phc_params(&self) -> String {
        format!(
            "m={},t={},p={}",
            self.memory_kib, self.iterations, self.parallelism
        )
    }
}

/// What checking a password found.
#[derive(Debug, PartialEq, Eq)]
pub enum Check {
    /// It matches; `rehash` when the stored hash used other parameters than today's.
    Match {
        /// Store a fresh hash.
        rehash: bool,
    },
    /// It does not match (or the stored hash is unreadable).
    Mismatch,
}

/// Hashes and checks passwords at one cost, at most `slots` at a time.
pub struct Passwords {
    cost: Cost,
    hasher: Argon2<'static>,
    gate: Gate,
    /// A hash of nothing anyone knows, checked for unknown accounts so they take as long.
    decoy: OnceLock<String>,
}

impl std::fmt::Debug for Passwords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Passwords({:?})", self.cost)
    }
}

impl Passwords {
    /// Hashing at `cost`, refusing anything below [`Cost::FLOOR`].
    pub fn new(cost: Cost, slots: usize) -> Result<Passwords, CryptoError> {
        if cost.memory_kib < Cost::FLOOR.memory_kib || cost.iterations < Cost::FLOOR.iterations {
            return Err(CryptoError::Password(format!(
                "argon2id below the floor (m={}, t={})",
                Cost::FLOOR.memory_kib,
                Cost::FLOOR.iterations
            )));
        }
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|e| CryptoError::Password(e.to_string()))?;
        Ok(Passwords {
            cost,
            hasher: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
            gate: Gate::new(slots.max(1)),
            decoy: OnceLock::new(),
        })
    }

    /// The cost in use.
    pub fn cost(&self) -> Cost {
        self.cost
    }

    /// A PHC string for `password`, with a fresh random salt.
    pub fn hash(&self, password: &SecretString) -> Result<String, CryptoError> {
        let salt = random::<16>()?;
        let _slot = self.gate.enter();
        self.hasher
            .hash_password_with_salt(password.expose_secret().as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| CryptoError::Password(e.to_string()))
    }

    /// Checks `password` against a stored PHC string.
    pub fn check(&self, password: &SecretString, stored: &str) -> Check {
        let matched = {
            let _slot = self.gate.enter();
            self.hasher
                .verify_password(password.expose_secret().as_bytes(), stored)
                .is_ok()
        };
        if !matched {
            return Check::Mismatch;
        }
        let current = format!("$argon2id$v=19${}$", self.cost.phc_params());
        Check::Match {
            rehash: !stored.starts_with(&current),
        }
    }

    /// Makes the decoy hash now (at start-up), so the first unknown account to sign in takes
    /// no longer than the others.
    pub fn prepare_decoy(&self) -> Result<(), CryptoError> {
        if self.decoy.get().is_none() {
            let made = self.hash(&SecretString::from(super::hex(&random::<32>()?)))?;
            let _ = self.decoy.set(made);
        }
        Ok(())
    }

    /// Does the work of a check for an account that does not exist (AUTH-4: the same timing
    /// for unknown and known users). Always a mismatch.
    pub fn check_decoy(&self, password: &SecretString) -> Check {
        if self.prepare_decoy().is_ok()
            && let Some(decoy) = self.decoy.get()
        {
            let _ = self.check(password, decoy);
        }
        Check::Mismatch
    }
}

/// A counting gate: at most `slots` holders at once (a blocking semaphore; hashing runs on
/// blocking threads).
struct Gate {
    free: Mutex<usize>,
    freed: Condvar,
}

struct Slot<'a>(&'a Gate);

impl Gate {
    fn new(slots: usize) -> Gate {
        Gate {
            free: Mutex::new(slots),
            freed: Condvar::new(),
        }
    }

    fn enter(&self) -> Slot<'_> {
        let mut free = self.free.lock().unwrap_or_else(|p| p.into_inner());
        while *free == 0 {
            free = self.freed.wait(free).unwrap_or_else(|p| p.into_inner());
        }
        *free -= 1;
        Slot(self)
    }
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let mut free = self.0.free.lock().unwrap_or_else(|p| p.into_inner());
        *free += 1;
        self.0.freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret(s: &str) -> SecretString {
        SecretString::from(s.to_owned())
    }

    #[test]
    fn hashes_are_argon2id_phc_and_check() {
        let p = Passwords::new(Cost::FLOOR, 2).unwrap();
        let h = p.hash(&secret("correct horse")).unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_ne!(h, p.hash(&secret("correct horse")).unwrap(), "salted");
        assert_eq!(
            p.check(&secret("correct horse"), &h),
            Check::Match { rehash: false }
        );
        assert_eq!(p.check(&secret("correct hors"), &h), Check::Mismatch);
        assert_eq!(p.check(&secret("x"), "not a hash"), Check::Mismatch);
        assert_eq!(p.check_decoy(&secret("correct horse")), Check::Mismatch);
    }

    #[test]
    fn a_higher_cost_asks_for_a_rehash() {
        let old = Passwords::new(Cost::FLOOR, 1).unwrap();
        let h = old.hash(&secret("pw-12345")).unwrap();
        let new = Passwords::new(
            Cost {
                memory_kib: 20_000,
                ..Cost::FLOOR
            },
            1,
        )
        .unwrap();
        assert_eq!(new.check(&secret("pw-12345"), &h), Check::Match { rehash: true });
    }

    #[test]
    fn below_the_floor_is_refused() {
        assert!(
            Passwords::new(
                Cost {
                    memory_kib: 4096,
                    ..Cost::FLOOR
                },
                1
            )
            .is_err()
        );
    }
}
