//! The journalist's typing, as background work hears of it. The app notes each burst of typing;
//! the outbox steps back before each of its steps (a rendition made, a photo or the post sent)
//! until typing pauses, so that sending never takes the processor from the writing desk on a
//! laptop with two cores. It never waits longer than [`Typing::LONGEST_WAIT`] at a time, so a
//! journalist who types for an hour still sees the story leave. Background threads (the
//! outbox's, the app's copy desk) also run at the lowest priority: [`background_priority`].

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// When the journalist last typed, in this process.
#[derive(Debug)]
pub struct Typing {
    origin: Instant,
    /// Milliseconds from `origin` to the last key, plus one; 0 = never typed.
    last: AtomicU64,
    quiet: Duration,
}

impl Default for Typing {
    fn default() -> Self {
        Typing::with_quiet(Typing::QUIET)
    }
}

impl Typing {
    /// How long typing must pause before background work goes on: longer than the gap between
    /// two keys of a sentence, shorter than a journalist's pause to think.
    pub const QUIET: Duration = Duration::from_secs(2);
    /// The longest one step waits for a pause.
    pub const LONGEST_WAIT: Duration = Duration::from_secs(30);

    /// A clock that counts typing as paused after `quiet` without a key.
    pub fn with_quiet(quiet: Duration) -> Self {
        Typing { origin: Instant::now(), last: AtomicU64::new(0), quiet }
    }

    /// The journalist typed just now.
    pub fn typed(&self) {
        let at = self.origin.elapsed().as_millis() as u64 + 1;
        self.last.fetch_max(at, Ordering::Relaxed);
    }

    /// How long ago the last key was, if ever.
    fn since_last(&self) -> Option<Duration> {
        match self.last.load(Ordering::Relaxed) {
            0 => None,
            at => Some(self.origin.elapsed().saturating_sub(Duration::from_millis(at - 1))),
        }
    }

    /// The journalist is typing: the last key was less than the quiet time ago.
    pub fn typing_now(&self) -> bool {
        self.since_last().is_some_and(|since| since < self.quiet)
    }

    /// Waits until typing pauses, at most [`Typing::LONGEST_WAIT`]; at once when nobody types.
    pub fn step_back(&self) {
        self.step_back_at_most(Typing::LONGEST_WAIT);
    }

    fn step_back_at_most(&self, longest: Duration) {
        let start = Instant::now();
        while let Some(since) = self.since_last().filter(|since| *since < self.quiet) {
            let left = longest.saturating_sub(start.elapsed());
            if left.is_zero() {
                return;
            }
            std::thread::sleep((self.quiet - since).min(left).min(Duration::from_millis(100)));
        }
    }
}

/// Lowers the calling thread's priority (and that of the threads it starts), so that work in the
/// background (sending: making renditions, waiting on the network; the app's copy desk reading
/// a long story for the first time) never takes the processor from the journalist's typing or
/// the window's painting. Linux: the thread's nice value; elsewhere the thread keeps its
/// priority.
pub fn background_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19) {
        tracing::debug!("a background thread keeps its priority: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_typed_means_no_wait() {
        let typing = Typing::with_quiet(Duration::from_secs(60));
        assert!(!typing.typing_now());
        let start = Instant::now();
        typing.step_back_at_most(Duration::from_secs(60));
        assert!(start.elapsed() < Duration::from_secs(5), "no key, no wait");
    }

    #[test]
    fn a_key_holds_background_work_until_typing_pauses() {
        let typing = Typing::with_quiet(Duration::from_millis(300));
        typing.typed();
        assert!(typing.typing_now());
        let start = Instant::now();
        typing.step_back_at_most(Duration::from_secs(60));
        assert!(start.elapsed() >= Duration::from_millis(250), "waited for the pause: {:?}", start.elapsed());
        assert!(!typing.typing_now(), "typing has paused");
    }

    #[test]
    fn endless_typing_holds_a_step_no_longer_than_the_longest_wait() {
        let typing = Typing::with_quiet(Duration::from_secs(60));
        typing.typed();
        let start = Instant::now();
        typing.step_back_at_most(Duration::from_millis(200));
        assert!(start.elapsed() >= Duration::from_millis(200));
        assert!(typing.typing_now(), "still typing: the step went on anyway");
    }
}

#[cfg(all(test, target_os = "linux"))]
mod priority_tests {
    use rustix::process::getpriority_process;
    use rustix::thread::gettid;

    /// The app's copy desk lowers its own thread and counts on the grammar readers it starts
    /// being lowered too.
    #[test]
    fn a_background_thread_and_the_threads_it_starts_run_at_the_lowest_priority() {
        let before = getpriority_process(Some(gettid())).expect("this thread's priority");
        let (own, started) = std::thread::spawn(|| {
            super::background_priority();
            let own = getpriority_process(Some(gettid())).expect("the lowered thread's priority");
            let started =
                std::thread::spawn(|| getpriority_process(Some(gettid())).expect("its reader's priority"))
                    .join()
                    .expect("the reader ran");
            (own, started)
        })
        .join()
        .expect("the background thread ran");
        assert_eq!((own, started), (19, 19));
        assert_eq!(
            getpriority_process(Some(gettid())).expect("this thread's priority"),
            before,
            "the caller keeps its own"
        );
    }
}
