//! Spacing sends to a rate shared by concurrent tasks: each send reserves the
//! next free slot, so N tasks together never exceed the rate, and a pause
//! (throttling) pushes every later slot back.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

pub struct Throttle {
    interval: Duration,
    next: Mutex<Instant>,
}

impl Throttle {
    /// `per_second` ≤ 0 or not finite means no limit.
    pub fn new(per_second: f64) -> Throttle {
        let interval = if per_second.is_finite() && per_second > 0.0 {
            Duration::from_secs_f64(1.0 / per_second)
        } else {
            Duration::ZERO
        };
        Throttle {
            interval,
            next: Mutex::new(Instant::now()),
        }
    }

    pub async fn wait(&self) {
        let at = {
            let mut next = self.next.lock().await;
            let at = (*next).max(Instant::now());
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(at).await;
    }

    /// Delays every later slot, after the provider said to slow down.
    pub async fn pause(&self, d: Duration) {
        let mut next = self.next.lock().await;
        *next = (*next).max(Instant::now()) + d;
    }
}

/// Exponential backoff with jitter: 250 ms, 500 ms, 1 s … capped at 16 s.
pub fn backoff(try_no: u32) -> Duration {
    let base = 250u64.saturating_mul(1 << try_no.min(6));
    let jitter = u64::from(survey::token::random_bytes::<1>()[0]) % (base / 4 + 1);
    Duration::from_millis((base + jitter).min(16_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn spaces_concurrent_waiters_at_the_rate() {
        let t = std::sync::Arc::new(Throttle::new(10.0));
        let start = Instant::now();
        let mut handles = Vec::new();
        for _ in 0..20 {
            let t = t.clone();
            handles.push(tokio::spawn(async move {
                t.wait().await;
                Instant::now()
            }));
        }
        let mut times = Vec::new();
        for h in handles {
            times.push(h.await.unwrap() - start);
        }
        times.sort();
        // 20 sends at 10/s: the last goes out 1.9 s after the first.
        assert_eq!(times[0], Duration::ZERO);
        assert!(times[19] >= Duration::from_millis(1899), "{:?}", times[19]);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(
            backoff(0) >= Duration::from_millis(250) && backoff(0) < Duration::from_millis(400)
        );
        assert!(backoff(3) >= Duration::from_secs(2));
        assert!(backoff(30) <= Duration::from_secs(16));
    }
}
