//! The NTT over Fr, in place, natural order in and out.
use std::ptr;

use gpuexec_sys as sys;

use crate::device::DeviceVec;
use crate::error::{check, Result};
use crate::executor::Executor;
use crate::fields::{limbs_mut, Fr};

/// For vectors of n = 2^k elements, w the n-th root of unity 7^((r-1)/n) and s the coset shift:
/// forward `Y[i] = sum_j X[j] (s w^i)^j`; inverse is its exact inverse (scaled by 1/n, s^-j).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NttOptions {
    pub inverse: bool,
    /// The shift s (reduced, non-zero); None: 1.
    pub coset: Option<Fr>,
    /// Vectors back to back in the slice; 0 is taken as 1.
    pub batch: usize,
}

impl NttOptions {
    pub fn forward() -> Self {
        NttOptions::default()
    }

    pub fn inverse() -> Self {
        NttOptions {
            inverse: true,
            ..NttOptions::default()
        }
    }

    pub fn coset(self, shift: Fr) -> Self {
        NttOptions {
            coset: Some(shift),
            ..self
        }
    }

    pub fn batch(self, batch: usize) -> Self {
        NttOptions { batch, ..self }
    }

    /// The C options; they point into self, so self must outlive the call (the library copies
    /// them, also for submitted work).
    pub(crate) fn raw(&self) -> sys::gpuexec_ntt_options {
        sys::gpuexec_ntt_options {
            inverse: self.inverse as i32,
            coset: self.coset.as_ref().map_or(ptr::null(), |s| s.0.as_ptr()),
            batch: self.batch,
        }
    }
}

impl Executor {
    /// Transforms `data` in place: `batch` vectors of `data.len() / batch` elements, a power of
    /// two (else `InvalidArgument`).
    pub fn ntt(&self, data: &mut [Fr], options: &NttOptions) -> Result<()> {
        let o = options.raw();
        check(unsafe { sys::gpuexec_fr_ntt(self.raw(), limbs_mut(data), data.len(), &o) })
    }

    /// The same on a device vector; the data stays on the device.
    pub fn ntt_device(&self, data: &mut DeviceVec<'_, Fr>, options: &NttOptions) -> Result<()> {
        let o = options.raw();
        check(unsafe { sys::gpuexec_fr_ntt_device(self.raw(), data.raw(), &o) })
    }
}
