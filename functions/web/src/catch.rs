//! A panic inside a handler is a bug; the visitor should still get a page, not
//! a dropped connection.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::task::Poll;

/// Runs `fut`, turning a panic while polling it into `Err(())`.
pub async fn catch_panic<T, F: Future<Output = T>>(fut: F) -> Result<T, ()> {
    let mut fut = pin!(fut);
    std::future::poll_fn(move |cx| {
        match std::panic::catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Ready(o)) => Poll::Ready(Ok(o)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_becomes_an_error() {
        assert_eq!(catch_panic(async { 7 }).await, Ok(7));
        let r: Result<(), ()> = catch_panic(async { panic!("bug") }).await;
        assert_eq!(r, Err(()));
    }
}
