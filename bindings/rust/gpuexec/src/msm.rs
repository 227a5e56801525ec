//! G1 multi-scalar multiplication, with the points given each time or kept where the executor
//! computes (`MsmBases`).
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use gpuexec_sys as sys;

use crate::error::{check, Result};
use crate::executor::Executor;
use crate::fields::{Fp, Fr};

/// A point in affine form, `blst_p1_affine` (infinity is all zero).
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Debug)]
pub struct G1Affine {
    pub x: Fp,
    pub y: Fp,
}

/// A point in Jacobian form (x / z^2, y / z^3), `blst_p1`; z = 0 is infinity. One point has many
/// forms: compare results after normalising, not limb by limb.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Debug)]
pub struct G1Jacobian {
    pub x: Fp,
    pub y: Fp,
    pub z: Fp,
}

impl G1Jacobian {
    pub fn is_infinity(&self) -> bool {
        self.z == Fp::ZERO
    }
}

/// A scalar, `blst_scalar`: a 256-bit little-endian integer (not Montgomery form).
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Debug)]
pub struct Scalar(pub [u8; 32]);

impl Scalar {
    pub fn from_u64(v: u64) -> Scalar {
        let mut s = [0; 32];
        s[..8].copy_from_slice(&v.to_le_bytes());
        Scalar(s)
    }
}

/// The integer an Fr element stands for (Montgomery form undone).
impl From<Fr> for Scalar {
    fn from(f: Fr) -> Scalar {
        let mut s = f.to_be_bytes();
        s.reverse();
        Scalar(s)
    }
}

impl G1Affine {
    /// `InvalidArgument` naming the first point off the curve or outside G1, `NonCanonical` for an
    /// unreduced coordinate. The MSM calls do not check (as blst): check points from outside.
    pub fn check_all(points: &[G1Affine]) -> Result<()> {
        check(unsafe { sys::gpuexec_g1_check_points(points_ptr(points), points.len()) })
    }
}

fn points_ptr(p: &[G1Affine]) -> *const u64 {
    p.as_ptr() as *const u64
}

fn scalars_ptr(s: &[Scalar]) -> *const u8 {
    s.as_ptr() as *const u8
}

fn results_ptr(r: &mut [G1Jacobian]) -> *mut u64 {
    r.as_mut_ptr() as *mut u64
}

impl Executor {
    /// `sum_i [scalars[i]] points[i]`; the slices of one length.
    pub fn msm(&self, points: &[G1Affine], scalars: &[Scalar]) -> Result<G1Jacobian> {
        let mut result = [G1Jacobian::default()];
        self.msm_batch(points, scalars, &mut result)?;
        Ok(result[0])
    }

    /// `results.len()` MSMs: `results[j] = sum_i [scalars[j n + i]] P_i`, the points shared
    /// (`scalars.len() == results.len() * points.len()`) or one set each (`points.len() ==
    /// scalars.len()`). The library checks the lengths.
    pub fn msm_batch(
        &self,
        points: &[G1Affine],
        scalars: &[Scalar],
        results: &mut [G1Jacobian],
    ) -> Result<()> {
        check(unsafe {
            sys::gpuexec_g1_msm(
                self.raw(),
                points_ptr(points),
                points.len(),
                scalars_ptr(scalars),
                scalars.len(),
                results_ptr(results),
                results.len(),
            )
        })
    }

    /// Keeps the points where this executor computes (an SRS uploaded once) with `precompute`
    /// copies of each (1: plain; more: fewer windows per MSM on a device, that many times the
    /// memory; 0 is `InvalidArgument`).
    pub fn msm_bases(&self, points: &[G1Affine], precompute: u32) -> Result<MsmBases<'_>> {
        let mut raw = ptr::null_mut();
        check(unsafe {
            sys::gpuexec_msm_bases_create_precomputed(
                self.raw(),
                points_ptr(points),
                points.len(),
                precompute,
                &mut raw,
            )
        })?;
        Ok(MsmBases {
            raw: NonNull::new(raw).expect("gpuexec_msm_bases_create returned OK and NULL"),
            ex: self,
            _owns: PhantomData,
        })
    }
}

/// Points kept by an executor for many MSMs; `Send + Sync` (MSMs against them are executor calls,
/// which may come from any thread).
pub struct MsmBases<'ex> {
    raw: NonNull<sys::gpuexec_msm_bases>,
    ex: &'ex Executor,
    _owns: PhantomData<sys::gpuexec_msm_bases>,
}

unsafe impl Send for MsmBases<'_> {}
unsafe impl Sync for MsmBases<'_> {}

impl MsmBases<'_> {
    pub fn len(&self) -> usize {
        unsafe { sys::gpuexec_msm_bases_size(self.raw.as_ptr()) }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `sum_i [scalars[i]] P_i`; `scalars.len() == len()`.
    pub fn msm(&self, scalars: &[Scalar]) -> Result<G1Jacobian> {
        let mut result = [G1Jacobian::default()];
        self.msm_batch(scalars, &mut result)?;
        Ok(result[0])
    }

    /// `results.len()` MSMs against the bases, `len()` scalars each.
    pub fn msm_batch(&self, scalars: &[Scalar], results: &mut [G1Jacobian]) -> Result<()> {
        check(unsafe {
            sys::gpuexec_g1_msm_bases(
                self.ex.raw(),
                self.raw.as_ptr(),
                scalars_ptr(scalars),
                scalars.len(),
                results_ptr(results),
                results.len(),
            )
        })
    }
}

impl Drop for MsmBases<'_> {
    fn drop(&mut self) {
        unsafe { sys::gpuexec_msm_bases_destroy(self.raw.as_ptr()) }
    }
}

impl std::fmt::Debug for MsmBases<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "MsmBases[{}]", self.len())
    }
}
