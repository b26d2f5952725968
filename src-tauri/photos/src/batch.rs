//! Photo batches on every core: a pool of workers does the heavy part of each file (reading,
//! hashing, decoding, the derived files) while the calling thread takes the results in the files'
//! order and does what must happen one at a time (the database).

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Condvar, Mutex};

use crate::{Error, Result};

/// How many photos are worked on at once: one per core, at most four (each worker holds a whole
/// original and its reduced-size decode, 20-50 MB for a camera photo).
pub fn workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 4)
}

/// Runs `work` on every item, `workers` at a time, and hands each result to `take` on the calling
/// thread in the items' order, as soon as it and every result before it are ready. Workers run
/// at most [`AHEAD`] times their number of items ahead of `take`, so a slow item holds back
/// only a few results. When `take` breaks, no further item is started; the ones already started
/// are finished and handed to `take` too, so no work done is lost. Returns how many items ran.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R) -> ControlFlow<()>,
) -> usize {
    let workers = workers.clamp(1, items.len().max(1));
    let window = AHEAD * workers;
    let gate = Gate { state: Mutex::new(GateState { next: 0, taken: 0, stop: false }), turn: Condvar::new() };
    let (tx, rx) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (tx, gate, work) = (tx.clone(), &gate, &work);
            scope.spawn(move || {
                while let Some(i) = gate.next(items.len(), window) {
                    // A panic stops the batch first, so no other worker waits for it forever.
                    let result = catch_unwind(AssertUnwindSafe(|| work(&items[i]))).unwrap_or_else(|panic| {
                        gate.stop();
                        resume_unwind(panic)
                    });
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        // However this thread leaves (a panic in `take` included), the workers stop.
        let _stop = StopOnDrop(&gate);
        // Results arrive in any order; each waits here until those before it have been taken.
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                let stop = take(due, result).is_break();
                due += 1;
                gate.taken(due, stop);
            }
        }
        due
    })
}

/// How many items per worker may be done and waiting for `take` (see [`in_order`]).
pub const AHEAD: usize = 2;

struct StopOnDrop<'a>(&'a Gate);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Hands items out in order, within the window ahead of what was taken, until stopped.
struct Gate {
    state: Mutex<GateState>,
    turn: Condvar,
}

struct GateState {
    next: usize,
    taken: usize,
    stop: bool,
}

impl Gate {
    /// The next item to run, once it is within `window` of the items taken; `None` when every
    /// item has been handed out or the batch was stopped. Handing out under the lock keeps the
    /// items that run a prefix of the list, so stopping leaves no gap.
    fn next(&self, len: usize, window: usize) -> Option<usize> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if state.stop || state.next >= len {
                return None;
            }
            if state.next < state.taken + window {
                state.next += 1;
                return Some(state.next - 1);
            }
            state = self.turn.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    fn stop(&self) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).stop = true;
        self.turn.notify_all();
    }

    fn taken(&self, taken: usize, stop: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.taken = taken;
        state.stop |= stop;
        drop(state);
        self.turn.notify_all();
    }
}

/// `work` for the file `name`, with a decoder that panics turned into that file's error, so
/// one bad photo cannot stop the batch.
pub fn guarded<R>(name: &str, work: impl FnOnce() -> Result<R>) -> Result<R> {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|_| {
        tracing::error!(file = name, "a photo decoder panicked");
        Err(Error::Photo {
            file: name.to_string(),
            problem: "could not be decoded (the decoder failed on it)".into(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[test]
    fn results_are_taken_in_order_whatever_order_they_finish_in() {
        let items: Vec<u64> = (0..40).collect();
        let mut seen = Vec::new();
        // Early items are the slowest, so later ones finish first.
        let started = in_order(
            &items,
            4,
            |&n| {
                std::thread::sleep(Duration::from_millis(40u64.saturating_sub(n)));
                n * 10
            },
            |i, r| {
                seen.push((i, r));
                ControlFlow::Continue(())
            },
        );
        assert_eq!(started, 40);
        assert_eq!(seen, items.iter().map(|&n| (n as usize, n * 10)).collect::<Vec<_>>());
    }

    #[test]
    fn a_break_starts_nothing_more_but_hands_over_what_was_started() {
        let items: Vec<usize> = (0..1000).collect();
        let ran = AtomicUsize::new(0);
        let mut taken = Vec::new();
        let started = in_order(
            &items,
            3,
            |&n| {
                ran.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1));
                n
            },
            |i, r| {
                taken.push(r);
                if i == 5 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
        );
        // Every item that ran was handed over, in order, and no more ran than were allowed
        // ahead of item 5 when it was taken.
        assert_eq!(ran.load(Ordering::Relaxed), started);
        assert_eq!(taken, (0..started).collect::<Vec<_>>());
        assert!((6..=6 + AHEAD * 3).contains(&started), "started {started}");
    }

    #[test]
    fn workers_never_run_further_ahead_than_the_window() {
        let items: Vec<usize> = (0..200).collect();
        let taken = AtomicUsize::new(0);
        let furthest = AtomicUsize::new(0);
        in_order(
            &items,
            3,
            |&n| {
                furthest.fetch_max(n - taken.load(Ordering::SeqCst), Ordering::SeqCst);
                n
            },
            |i, _| {
                // A slow consumer: without the window the workers would finish everything first.
                std::thread::sleep(Duration::from_micros(300));
                taken.store(i + 1, Ordering::SeqCst);
                ControlFlow::Continue(())
            },
        );
        assert!(furthest.load(Ordering::SeqCst) < AHEAD * 3, "ran {} ahead", furthest.load(Ordering::SeqCst));
    }

    /// Runs `batch` on its own thread; fails the test if it has not ended within 20 s.
    fn ends_in_time(batch: impl FnOnce() + Send + 'static) -> std::thread::Result<()> {
        let (done, wait) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(catch_unwind(AssertUnwindSafe(batch)));
        });
        wait.recv_timeout(Duration::from_secs(20)).expect("the batch hung")
    }

    #[test]
    fn a_panic_in_a_worker_or_in_take_ends_the_batch_instead_of_hanging_it() {
        // Item 0 panics while the others fill the window and wait for it to be taken.
        let worker = ends_in_time(|| {
            let items: Vec<u32> = (0..50).collect();
            in_order(
                &items,
                3,
                |&n| {
                    if n == 0 {
                        std::thread::sleep(Duration::from_millis(50));
                        panic!("decoder bug");
                    }
                    n
                },
                |_, _| ControlFlow::Continue(()),
            );
        });
        assert!(worker.is_err(), "the worker's panic reaches the caller");
        let take = ends_in_time(|| {
            let items: Vec<u32> = (0..50).collect();
            in_order(&items, 3, |&n| n, |_, _| panic!("database bug"));
        });
        assert!(take.is_err(), "the panic in take reaches the caller");
    }

    #[test]
    fn nothing_to_do_runs_nothing() {
        let mut taken = 0;
        let started = in_order(
            &[] as &[u8],
            4,
            |_| 1,
            |_, _| {
                taken += 1;
                ControlFlow::Continue(())
            },
        );
        assert_eq!((started, taken), (0, 0));
    }

    #[test]
    fn a_panicking_decoder_becomes_that_files_error() {
        let err = guarded::<()>("bad.jpg", || panic!("decoder bug")).expect_err("refused");
        assert!(err.to_string().contains("bad.jpg"), "{err}");
        assert_eq!(guarded("ok.jpg", || Ok(7)).expect("ok"), 7);
    }
}
