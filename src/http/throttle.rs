//! ANON-10: a scraping limit. A token bucket per client address, kept in memory only — never
//! written anywhere, lost on restart, forgotten once full again — so the directory cannot be
//! copied wholesale (to find shelters) while a person browsing never meets it. The same
//! buckets, keyed by an API token's id, limit each token (PRV-2).

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Addresses tracked before idle ones are forgotten.
const FORGET_AFTER: usize = 10_000;

/// The limiter, by client address unless another key is given.
#[derive(Debug)]
pub struct Throttle<K = IpAddr> {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<K, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl<K: Hash + Eq> Throttle<K> {
    /// `per_minute` requests a minute per key on average, with bursts of half that;
    /// `None` for 0 (no limit).
    pub fn new(per_minute: u32) -> Option<Throttle<K>> {
        (per_minute > 0).then(|| Throttle {
            per_second: f64::from(per_minute) / 60.0,
            burst: (f64::from(per_minute) / 2.0).max(1.0),
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Takes a token for `key` at `now`; `false` means "too many, wait".
    pub fn allow_key(&self, key: K, now: Instant) -> bool {
        let Ok(mut buckets) = self.buckets.lock() else {
            return true; // a poisoned lock must not take the site down
        };
        if buckets.len() >= FORGET_AFTER {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(key).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.saturating_duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Keys currently tracked.
    #[cfg(test)]
    pub fn tracked(&self) -> usize {
        self.buckets.lock().map(|b| b.len()).unwrap_or(0)
    }
}

impl Throttle<IpAddr> {
    /// Takes a token for the client at `address` at `now`; `false` means "too many, wait".
    pub fn allow(&self, address: IpAddr, now: Instant) -> bool {
        self.allow_key(client(address), now)
    }
}

/// One client: an IPv4 address, or an IPv6 /64 (one host usually holds a whole /64).
pub(crate) fn client(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let s = v6.segments();
            IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_then_refilled() {
        let t = Throttle::new(60).unwrap();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let start = Instant::now();
        let allowed = (0..100).filter(|_| t.allow(ip, start)).count();
        assert_eq!(allowed, 30, "a burst of half a minute's allowance");
        assert!(
            t.allow("192.0.2.2".parse().unwrap(), start),
            "other addresses are not affected"
        );
        assert!(!t.allow(ip, start + Duration::from_millis(500)));
        assert!(
            t.allow(ip, start + Duration::from_secs(2)),
            "one token a second comes back"
        );
    }

    #[test]
    fn an_ipv6_host_is_one_client_and_zero_means_no_limit() {
        let t = Throttle::new(2).unwrap();
        let now = Instant::now();
        assert!(t.allow("2001:db8::1".parse().unwrap(), now));
        assert!(!t.allow("2001:db8::2".parse().unwrap(), now), "same /64");
        assert!(Throttle::<IpAddr>::new(0).is_none());
    }

    #[test]
    fn idle_addresses_are_forgotten() {
        let t = Throttle::new(600).unwrap();
        let start = Instant::now();
        for i in 0..FORGET_AFTER as u32 {
            t.allow(IpAddr::V4(i.into()), start);
        }
        t.allow("198.51.100.1".parse().unwrap(), start + Duration::from_secs(60));
        assert!(t.tracked() < 10, "{} tracked", t.tracked());
    }
}
