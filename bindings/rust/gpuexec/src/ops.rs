//! Element-wise operations on host slices, one at a time or in batches.
use std::ptr;

use gpuexec_sys as sys;

use crate::error::{check, invalid, same_len, Result};
use crate::executor::Executor;
use crate::fields::{limbs, limbs_mut, Field, Op};

/// How a batch runs: job after job, or overlapped (the jobs must then be independent, which the
/// borrows of `Job` already ensure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Schedule {
    Sequential,
    Pipelined,
}

impl Schedule {
    pub(crate) fn raw(self) -> sys::gpuexec_schedule {
        match self {
            Schedule::Sequential => sys::GPUEXEC_SCHEDULE_SEQUENTIAL,
            Schedule::Pipelined => sys::GPUEXEC_SCHEDULE_PIPELINED,
        }
    }
}

/// One element-wise job, `out[i] = a[i] op b[i]`, for batches and tickets. The borrows keep its
/// slices alive and unaliased while the library holds their pointers.
#[derive(Debug)]
pub struct Job<'a, F: Field> {
    op: Op,
    a: Option<&'a [F]>, // None: a is out (in place)
    b: &'a [F],
    out: &'a mut [F],
}

impl<'a, F: Field> Job<'a, F> {
    pub fn new(op: Op, a: &'a [F], b: &'a [F], out: &'a mut [F]) -> Self {
        Job {
            op,
            a: Some(a),
            b,
            out,
        }
    }

    /// `a[i] = a[i] op b[i]`.
    pub fn in_place(op: Op, a: &'a mut [F], b: &'a [F]) -> Self {
        Job {
            op,
            a: None,
            b,
            out: a,
        }
    }

    pub(crate) fn into_out(self) -> &'a mut [F] {
        self.out
    }

    /// The C job; `function` and `index` name it in a length error.
    pub(crate) fn raw(&mut self, function: &str, index: usize) -> Result<sys::gpuexec_job> {
        let a_len = self.a.map_or(self.out.len(), |a| a.len());
        let n = same_len(
            &format!("{function}: job {index}"),
            &[("a", a_len), ("b", self.b.len()), ("out", self.out.len())],
        )?;
        let out = limbs_mut(self.out);
        Ok(sys::gpuexec_job {
            op: self.op.raw(),
            a: self.a.map_or(out as *const u64, limbs),
            b: limbs(self.b),
            out,
            n,
        })
    }
}

pub(crate) fn raw_jobs<F: Field>(
    jobs: &mut [Job<'_, F>],
    function: &str,
) -> Result<Vec<sys::gpuexec_job>> {
    jobs.iter_mut()
        .enumerate()
        .map(|(i, j)| j.raw(function, i))
        .collect()
}

impl Executor {
    /// `out[i] = a[i] op b[i]`. Inputs must be reduced (`NonCanonical` names the first that is
    /// not); all three slices of one length (`InvalidArgument`).
    pub fn vec_op<F: Field>(&self, op: Op, a: &[F], b: &[F], out: &mut [F]) -> Result<()> {
        let (f, name) = F::FFI.vec_op;
        let n = same_len(name, &[("a", a.len()), ("b", b.len()), ("out", out.len())])?;
        check(unsafe { f(self.raw(), op.raw(), limbs(a), limbs(b), limbs_mut(out), n) })
    }

    /// `a[i] = a[i] op b[i]` (the C ABI allows out to be an input exactly).
    pub fn vec_op_in_place<F: Field>(&self, op: Op, a: &mut [F], b: &[F]) -> Result<()> {
        let (f, name) = F::FFI.vec_op;
        let n = same_len(name, &[("a", a.len()), ("b", b.len())])?;
        let a = limbs_mut(a);
        check(unsafe { f(self.raw(), op.raw(), a, limbs(b), a, n) })
    }

    /// `out[i] = a[i] * b[i] + c[i]`.
    pub fn mad<F: Field>(&self, a: &[F], b: &[F], c: &[F], out: &mut [F]) -> Result<()> {
        let (f, name) = F::FFI.vec_mad;
        let lens = [
            ("a", a.len()),
            ("b", b.len()),
            ("c", c.len()),
            ("out", out.len()),
        ];
        let n = same_len(name, &lens)?;
        check(unsafe { f(self.raw(), limbs(a), limbs(b), limbs(c), limbs_mut(out), n) })
    }

    /// `op` on the canonical encoding: elements of `F::BYTES` big-endian bytes in and out,
    /// converted where the op runs. A value >= the modulus is `NonCanonical`, naming the input
    /// and element (`out` is then unspecified).
    pub fn bytes_op<F: Field>(&self, op: Op, a: &[u8], b: &[u8], out: &mut [u8]) -> Result<()> {
        self.bytes_call::<F>(op.raw(), a, b, None, out)
    }

    /// `out = a * b + c` on the canonical encoding.
    pub fn bytes_mad<F: Field>(&self, a: &[u8], b: &[u8], c: &[u8], out: &mut [u8]) -> Result<()> {
        self.bytes_call::<F>(sys::GPUEXEC_OP_MAD, a, b, Some(c), out)
    }

    fn bytes_call<F: Field>(
        &self,
        op: sys::gpuexec_op,
        a: &[u8],
        b: &[u8],
        c: Option<&[u8]>,
        out: &mut [u8],
    ) -> Result<()> {
        let (f, name) = F::FFI.bytes_op;
        let mut lens = vec![("a", a.len()), ("b", b.len()), ("out", out.len())];
        lens.extend(c.map(|c| ("c", c.len())));
        if let Some((slice, len)) = lens.iter().find(|(_, len)| len % F::BYTES != 0) {
            let why = format!(
                "{slice} has {len} bytes, not whole elements of {}",
                F::BYTES
            );
            return Err(invalid(format!("{name}: {why}")));
        }
        lens.iter_mut().for_each(|(_, len)| *len /= F::BYTES);
        let n = same_len(name, &lens)?;
        let c = c.map_or(ptr::null(), |c| c.as_ptr());
        check(unsafe {
            f(
                self.raw(),
                op,
                a.as_ptr(),
                b.as_ptr(),
                c,
                out.as_mut_ptr(),
                n,
            )
        })
    }

    /// Runs every job; all are checked before any runs. A failure names the job's index.
    pub fn run_batch<F: Field>(&self, jobs: &mut [Job<'_, F>], schedule: Schedule) -> Result<()> {
        let (f, name) = F::FFI.run_batch;
        let raw = raw_jobs(jobs, name)?;
        let p = if raw.is_empty() {
            ptr::null()
        } else {
            raw.as_ptr()
        };
        check(unsafe { f(self.raw(), p, raw.len(), schedule.raw()) })
    }
}
