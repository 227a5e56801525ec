//! Safe Rust API over gpuexec: BLS12-381 Fp and Fr vector arithmetic, the Fr NTT and the G1 MSM on
//! Vulkan devices and the CPU.
//!
//! Elements are in the blst / arkworks layout (Montgomery limbs): [`Fp`] is `blst_fp`, [`Fr`] is
//! `blst_fr`, [`G1Affine`] `blst_p1_affine`, [`G1Jacobian`] `blst_p1`, [`Scalar`] `blst_scalar`.
//!
//! **Errors.** Every call that can fail returns [`Result`]; an [`Error`] carries the library's
//! status as an [`ErrorCode`] and its message (`gpuexec_last_error`, read on the calling thread
//! right after the call). Lengths the C ABI cannot see (it takes one `n` for all slices) are
//! checked here and reported as `InvalidArgument` in the same style.
//!
//! **Threading.** [`Executor`] is `Send + Sync`: every call may come from any thread at once,
//! and work on one device runs one call at a time. Device vectors and MSM bases borrow their
//! executor (they cannot outlive it) and are `Send + Sync`; writing a device vector needs
//! `&mut`. Asynchronous work runs inside [`Executor::scope`], which borrows its slices for the
//! scope and waits for every [`Ticket`] before returning; tickets may be waited from any thread.
//!
//! The compiler enforces these rules; each block below is a test that must not compile.
//! Submitted slices stay borrowed until the scope ends (or `join` hands them back):
//! ```compile_fail
//! # use gpuexec::*;
//! # let ex = Executor::new(Backend::Cpu).unwrap();
//! let mut data = vec![Fr::ONE; 8];
//! ex.scope(|s| {
//!     let t = s.submit_ntt(&mut data, &NttOptions::forward()).unwrap();
//!     data[0] = Fr::ZERO; // error: the NTT may still be writing it
//!     t.wait()
//! });
//! ```
//! A ticket cannot leave its scope:
//! ```compile_fail
//! # use gpuexec::*;
//! # let ex = Executor::new(Backend::Cpu).unwrap();
//! let mut data = vec![Fr::ONE; 8];
//! let t = ex.scope(|s| s.submit_ntt(&mut data, &NttOptions::forward()).unwrap());
//! ```
//! A device vector cannot outlive its executor:
//! ```compile_fail
//! # use gpuexec::*;
//! let v = {
//!     let ex = Executor::new(Backend::Cpu).unwrap();
//!     let v = ex.upload(&[Fr::ONE]).unwrap();
//!     v
//! };
//! ```
//!
//! ```no_run
//! use gpuexec::{Backend, Executor, Fr, Op};
//! let ex = Executor::new(Backend::Auto)?;
//! let a = vec![Fr::from_u64(3); 8];
//! let mut b = vec![Fr::from_u64(4); 8];
//! ex.vec_op_in_place(Op::Mul, &mut b, &a)?; // b = 12
//! # Ok::<(), gpuexec::Error>(())
//! ```
mod device;
mod error;
mod executor;
mod fields;
mod msm;
mod ntt;
mod ops;
mod ticket;

pub use device::{DeviceVec, PinnedVec};
pub use error::{Error, ErrorCode, Result};
pub use executor::{version, Backend, Executor};
pub use fields::{Field, Fp, Fr, Op};
pub use msm::{G1Affine, G1Jacobian, MsmBases, Scalar};
pub use ntt::NttOptions;
pub use ops::{Job, Schedule};
pub use ticket::{Scope, Ticket};
