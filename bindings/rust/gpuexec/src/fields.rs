//! The field elements, in the blst / arkworks memory layout: little-endian u64 limbs in
//! Montgomery form. `&[blst_fp]` or `&[ark_bls12_381::Fq]` can be cast to `&[Fp]` as they are.
use std::fmt::Debug;
use std::hash::Hash;

use gpuexec_sys as sys;

use crate::error::{check, Result};

/// An element of the base field Fp: 6 limbs of x * 2^384 mod p (`blst_fp`). The limbs are public,
/// so any value can be built; the library rejects inputs >= p with `NonCanonical`.
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Debug)]
pub struct Fp(pub [u64; 6]);

/// An element of the scalar field Fr: 4 limbs of x * 2^256 mod r (`blst_fr`).
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, Debug)]
pub struct Fr(pub [u64; 4]);

impl Fp {
    pub const ZERO: Fp = Fp([0; 6]);
    /// R mod p, the Montgomery form of 1.
    pub const ONE: Fp = Fp([
        0x760900000002fffd,
        0xebf4000bc40c0002,
        0x5f48985753c758ba,
        0x77ce585370525745,
        0x5c071a97a256ec6d,
        0x15f65ec3fa80e493,
    ]);

    /// From the canonical 48-byte big-endian encoding; `NonCanonical` when the value is >= p.
    pub fn from_be_bytes(bytes: &[u8; 48]) -> Result<Fp> {
        let mut out = Fp::ZERO;
        check(unsafe { sys::gpuexec_fp_from_be_bytes(bytes.as_ptr(), out.0.as_mut_ptr()) })?;
        Ok(out)
    }

    pub fn to_be_bytes(&self) -> [u8; 48] {
        let mut out = [0; 48];
        unsafe { sys::gpuexec_fp_to_be_bytes(self.0.as_ptr(), out.as_mut_ptr()) };
        out
    }

    pub fn from_u64(v: u64) -> Fp {
        let mut bytes = [0; 48];
        bytes[40..].copy_from_slice(&v.to_be_bytes());
        Fp::from_be_bytes(&bytes).expect("a u64 is below p")
    }
}

impl Fr {
    pub const ZERO: Fr = Fr([0; 4]);
    /// R mod r, the Montgomery form of 1.
    pub const ONE: Fr = Fr([
        0x00000001fffffffe,
        0x5884b7fa00034802,
        0x998c4fefecbc4ff5,
        0x1824b159acc5056f,
    ]);

    /// From the canonical 32-byte big-endian encoding; `NonCanonical` when the value is >= r.
    pub fn from_be_bytes(bytes: &[u8; 32]) -> Result<Fr> {
        let mut out = Fr::ZERO;
        check(unsafe { sys::gpuexec_fr_from_be_bytes(bytes.as_ptr(), out.0.as_mut_ptr()) })?;
        Ok(out)
    }

    pub fn to_be_bytes(&self) -> [u8; 32] {
        let mut out = [0; 32];
        unsafe { sys::gpuexec_fr_to_be_bytes(self.0.as_ptr(), out.as_mut_ptr()) };
        out
    }

    pub fn from_u64(v: u64) -> Fr {
        let mut bytes = [0; 32];
        bytes[24..].copy_from_slice(&v.to_be_bytes());
        Fr::from_be_bytes(&bytes).expect("a u64 is below r")
    }
}

/// Element-wise operations of the two-input calls; `mad` has calls of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    Add,
    Sub,
    Mul,
}

impl Op {
    pub(crate) fn raw(self) -> sys::gpuexec_op {
        match self {
            Op::Add => sys::GPUEXEC_OP_ADD,
            Op::Sub => sys::GPUEXEC_OP_SUB,
            Op::Mul => sys::GPUEXEC_OP_MUL,
        }
    }
}

/// Fp or Fr: the calls of the C ABI that exist for both, picked by the element type.
pub trait Field:
    Copy + Default + Eq + Hash + Debug + Send + Sync + sealed::Sealed + 'static
{
    /// u64 limbs an element.
    const LIMBS: usize;
    /// Bytes of the canonical big-endian encoding.
    const BYTES: usize;
    /// The field's name in messages.
    const NAME: &'static str;
}

impl Field for Fp {
    const LIMBS: usize = 6;
    const BYTES: usize = 48;
    const NAME: &'static str = "fp";
}

impl Field for Fr {
    const LIMBS: usize = 4;
    const BYTES: usize = 32;
    const NAME: &'static str = "fr";
}

type VecOp = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    sys::gpuexec_op,
    *const u64,
    *const u64,
    *mut u64,
    usize,
) -> i32;
type VecMad = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    *const u64,
    *const u64,
    *const u64,
    *mut u64,
    usize,
) -> i32;
type BytesOp = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    sys::gpuexec_op,
    *const u8,
    *const u8,
    *const u8,
    *mut u8,
    usize,
) -> i32;
type RunBatch =
    unsafe extern "C" fn(*mut sys::gpuexec_executor, *const sys::gpuexec_job, usize, i32) -> i32;
type SubmitBatch = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    *const sys::gpuexec_job,
    usize,
    i32,
    *mut *mut sys::gpuexec_ticket,
) -> i32;
type VectorCreate = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    usize,
    *mut *mut sys::gpuexec_device_vector,
) -> i32;
type VectorUpload = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    *const u64,
    usize,
    *mut *mut sys::gpuexec_device_vector,
) -> i32;
type DeviceOp = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    sys::gpuexec_op,
    *const sys::gpuexec_device_vector,
    *const sys::gpuexec_device_vector,
    *mut sys::gpuexec_device_vector,
) -> i32;
type DeviceMad = unsafe extern "C" fn(
    *mut sys::gpuexec_executor,
    *const sys::gpuexec_device_vector,
    *const sys::gpuexec_device_vector,
    *const sys::gpuexec_device_vector,
    *mut sys::gpuexec_device_vector,
) -> i32;

/// The C functions of one field, with their names for Rust-side messages.
#[doc(hidden)]
pub struct Ffi {
    pub(crate) vec_op: (VecOp, &'static str),
    pub(crate) vec_mad: (VecMad, &'static str),
    pub(crate) bytes_op: (BytesOp, &'static str),
    pub(crate) run_batch: (RunBatch, &'static str),
    pub(crate) submit_batch: SubmitBatch,
    pub(crate) vector_create: VectorCreate,
    pub(crate) vector_upload: VectorUpload,
    pub(crate) device_op: DeviceOp,
    pub(crate) device_mad: DeviceMad,
}

pub(crate) mod sealed {
    /// Only Fp and Fr are fields: the table below must match the element layout.
    pub trait Sealed {
        #[doc(hidden)]
        const FFI: super::Ffi;
    }
}

impl sealed::Sealed for Fp {
    const FFI: Ffi = Ffi {
        vec_op: (sys::gpuexec_fp_vec_op, "gpuexec_fp_vec_op"),
        vec_mad: (sys::gpuexec_fp_vec_mad, "gpuexec_fp_vec_mad"),
        bytes_op: (sys::gpuexec_fp_bytes_op, "gpuexec_fp_bytes_op"),
        run_batch: (sys::gpuexec_run_batch, "gpuexec_run_batch"),
        submit_batch: sys::gpuexec_submit_batch,
        vector_create: sys::gpuexec_device_vector_create,
        vector_upload: sys::gpuexec_device_vector_upload,
        device_op: sys::gpuexec_fp_vec_op_device,
        device_mad: sys::gpuexec_fp_vec_mad_device,
    };
}

impl sealed::Sealed for Fr {
    const FFI: Ffi = Ffi {
        vec_op: (sys::gpuexec_fr_vec_op, "gpuexec_fr_vec_op"),
        vec_mad: (sys::gpuexec_fr_vec_mad, "gpuexec_fr_vec_mad"),
        bytes_op: (sys::gpuexec_fr_bytes_op, "gpuexec_fr_bytes_op"),
        run_batch: (sys::gpuexec_fr_run_batch, "gpuexec_fr_run_batch"),
        submit_batch: sys::gpuexec_fr_submit_batch,
        vector_create: sys::gpuexec_fr_device_vector_create,
        vector_upload: sys::gpuexec_fr_device_vector_upload,
        device_op: sys::gpuexec_fr_vec_op_device,
        device_mad: sys::gpuexec_fr_vec_mad_device,
    };
}

/// The limbs of a slice of elements, for the C calls (the types are repr(transparent) arrays).
pub(crate) fn limbs<F: Field>(s: &[F]) -> *const u64 {
    s.as_ptr() as *const u64
}

pub(crate) fn limbs_mut<F: Field>(s: &mut [F]) -> *mut u64 {
    s.as_mut_ptr() as *mut u64
}
