//! Asynchronous work on the executor's worker thread, inside a scope that outlives it.
//!
//! The library reads and writes the submitted slices until the work finishes, so they must stay
//! borrowed until then. A ticket's lifetime alone cannot promise that (`mem::forget` ends a
//! borrow without running any code), so submissions go through a [`Scope`], as in
//! `std::thread::scope`: the slices are borrowed for the whole scope, and the scope waits for
//! every ticket before it returns, also when the closure panics or forgets tickets.
use std::marker::PhantomData;
use std::panic::{self, AssertUnwindSafe};
use std::ptr::{self, NonNull};
use std::sync::{Arc, Mutex};

use gpuexec_sys as sys;

use crate::error::{check, Result};
use crate::executor::Executor;
use crate::fields::{limbs_mut, Field, Fr};
use crate::ntt::NttOptions;
use crate::ops::{raw_jobs, Job, Schedule};

/// Owns a `gpuexec_ticket`; shared by a `Ticket` and its scope, destroyed by the last owner.
struct RawTicket(NonNull<sys::gpuexec_ticket>);

// SAFETY: gpuexec.h: tickets may be polled and waited from any number of threads at once; the
// Arc makes the destroy come once, after every other user is done.
unsafe impl Send for RawTicket {}
unsafe impl Sync for RawTicket {}

impl RawTicket {
    fn wait(&self) -> Result<()> {
        check(unsafe { sys::gpuexec_ticket_wait(self.0.as_ptr()) })
    }
    fn is_ready(&self) -> bool {
        unsafe { sys::gpuexec_ticket_ready(self.0.as_ptr()) != 0 }
    }
}

impl Drop for RawTicket {
    fn drop(&mut self) {
        unsafe { sys::gpuexec_ticket_destroy(self.0.as_ptr()) } // waits first if still running
    }
}

/// Submitted work and what it writes (`T`: the output slices), handed back by `join` once the
/// work is done. `wait` gives the outcome from any thread, any number of times; a ticket dropped
/// or forgotten leaves the work running until its scope ends, and its error unseen.
#[must_use = "wait() or join() for the outcome; dropping a ticket discards its error"]
pub struct Ticket<'scope, T = ()> {
    raw: Arc<RawTicket>,
    output: T,
    _scope: PhantomData<&'scope ()>,
}

impl<T> Ticket<'_, T> {
    /// Blocks until the work is done and returns its outcome.
    pub fn wait(&self) -> Result<()> {
        self.raw.wait()
    }

    /// Whether the work has finished (`wait` would not block).
    pub fn is_ready(&self) -> bool {
        self.raw.is_ready()
    }

    /// Waits, then gives the output slices back for use inside the scope (the library no longer
    /// touches them).
    pub fn join(self) -> Result<T> {
        self.raw.wait()?;
        Ok(self.output)
    }
}

/// Where submitted work may borrow slices for `'scope`; see [`Executor::scope`].
pub struct Scope<'scope, 'env: 'scope> {
    ex: &'env Executor,
    pending: Mutex<Vec<Arc<RawTicket>>>,
    // Invariant in both lifetimes, as std's Scope: neither may be shortened or stretched.
    _scope: PhantomData<&'scope mut &'scope ()>,
    _env: PhantomData<&'env mut &'env ()>,
}

impl Executor {
    /// Runs `f` with a scope for asynchronous work and waits for all of it before returning:
    /// ```no_run
    /// # use gpuexec::*;
    /// # let ex = Executor::new(Backend::Cpu)?;
    /// let mut data = vec![Fr::ONE; 1024];
    /// ex.scope(|s| -> Result<()> {
    ///     let t = s.submit_ntt(&mut data, &NttOptions::forward())?;
    ///     // ... other work while the NTT runs ...
    ///     t.wait()
    /// })?;
    /// # Ok::<(), gpuexec::Error>(())
    /// ```
    pub fn scope<'env, T, F>(&'env self, f: F) -> T
    where
        F: for<'scope> FnOnce(&'scope Scope<'scope, 'env>) -> T,
    {
        let scope = Scope {
            ex: self,
            pending: Mutex::new(Vec::new()),
            _scope: PhantomData,
            _env: PhantomData,
        };
        // As std::thread::scope: wait for everything even when f panics, then resume the panic.
        let result = panic::catch_unwind(AssertUnwindSafe(|| f(&scope)));
        scope.wait_all();
        result.unwrap_or_else(|e| panic::resume_unwind(e))
    }
}

impl<'scope> Scope<'scope, '_> {
    /// Submits one element-wise job; `join` gives back its out.
    pub fn submit<F: Field>(
        &'scope self,
        job: Job<'scope, F>,
    ) -> Result<Ticket<'scope, &'scope mut [F]>> {
        let t = self.submit_batch(vec![job], Schedule::Sequential)?;
        Ok(Ticket {
            raw: t.raw,
            output: t.output.into_iter().next().expect("one job"),
            _scope: PhantomData,
        })
    }

    /// Submits a batch; the jobs run in submission order on the worker thread.
    pub fn submit_batch<F: Field>(
        &'scope self,
        mut jobs: Vec<Job<'scope, F>>,
        schedule: Schedule,
    ) -> Result<Ticket<'scope, Vec<&'scope mut [F]>>> {
        let raw = raw_jobs(&mut jobs, "gpuexec_submit_batch")?;
        let p = if raw.is_empty() {
            ptr::null()
        } else {
            raw.as_ptr()
        };
        let f = F::FFI.submit_batch;
        let outs = jobs.into_iter().map(Job::into_out).collect();
        self.track(outs, |t| unsafe {
            f(self.ex.raw(), p, raw.len(), schedule.raw(), t)
        })
    }

    /// Submits an NTT over `data` in place (see [`Executor::ntt`]); `join` gives back `data`.
    pub fn submit_ntt(
        &'scope self,
        data: &'scope mut [Fr],
        options: &NttOptions,
    ) -> Result<Ticket<'scope, &'scope mut [Fr]>> {
        let o = options.raw();
        let (p, n) = (limbs_mut(data), data.len());
        self.track(data, |t| unsafe {
            sys::gpuexec_fr_submit_ntt(self.ex.raw(), p, n, &o, t)
        })
    }

    fn track<T>(
        &'scope self,
        output: T,
        submit: impl FnOnce(*mut *mut sys::gpuexec_ticket) -> sys::gpuexec_status,
    ) -> Result<Ticket<'scope, T>> {
        let mut raw = ptr::null_mut();
        check(submit(&mut raw))?;
        let raw = Arc::new(RawTicket(
            NonNull::new(raw).expect("submit returned OK and NULL"),
        ));
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        // Forget finished work whose ticket is gone, so long scopes do not pile tickets up.
        pending.retain(|t| Arc::strong_count(t) > 1 || !t.is_ready());
        pending.push(raw.clone());
        Ok(Ticket {
            raw,
            output,
            _scope: PhantomData,
        })
    }
}

impl Scope<'_, '_> {
    fn wait_all(&self) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        for t in pending.drain(..) {
            let _ = t.wait(); // a waited ticket has reported; a dropped one chose not to see it
        }
    }
}
