//! Raw declarations of the gpuexec C ABI, one for one with `include/gpuexec/gpuexec.h` (read it
//! for each function's contract). The safe API is the `gpuexec` crate.
//!
//! The C enums are declared as `c_int` with constants rather than Rust enums: the header makes
//! them int-sized (the `*_FORCE_32BIT` members), and a Rust enum holding a value it does not
//! list would be undefined behaviour.
#![allow(non_camel_case_types)]

use std::marker::{PhantomData, PhantomPinned};
use std::os::raw::{c_char, c_int, c_uint};

pub type gpuexec_status = c_int;
pub const GPUEXEC_OK: gpuexec_status = 0;
pub const GPUEXEC_ERR_INVALID_ARGUMENT: gpuexec_status = 1;
pub const GPUEXEC_ERR_NON_CANONICAL: gpuexec_status = 2;
pub const GPUEXEC_ERR_NO_DEVICE: gpuexec_status = 3;
pub const GPUEXEC_ERR_OUT_OF_MEMORY: gpuexec_status = 4;
pub const GPUEXEC_ERR_DEVICE_LOST: gpuexec_status = 5;
pub const GPUEXEC_ERR_INTERNAL: gpuexec_status = 6;

pub type gpuexec_backend = c_int;
pub const GPUEXEC_BACKEND_AUTO: gpuexec_backend = 0;
pub const GPUEXEC_BACKEND_VULKAN: gpuexec_backend = 1;
pub const GPUEXEC_BACKEND_CPU: gpuexec_backend = 2;

pub type gpuexec_op = c_int;
pub const GPUEXEC_OP_ADD: gpuexec_op = 0;
pub const GPUEXEC_OP_SUB: gpuexec_op = 1;
pub const GPUEXEC_OP_MUL: gpuexec_op = 2;
pub const GPUEXEC_OP_MAD: gpuexec_op = 3;

pub type gpuexec_schedule = c_int;
pub const GPUEXEC_SCHEDULE_SEQUENTIAL: gpuexec_schedule = 0;
pub const GPUEXEC_SCHEDULE_PIPELINED: gpuexec_schedule = 1;

// Opaque handles: only pointers to them exist on this side.
macro_rules! opaque {
    ($($name:ident),*) => {$(
        #[repr(C)]
        pub struct $name {
            _data: [u8; 0],
            _marker: PhantomData<(*mut u8, PhantomPinned)>,
        }
    )*};
}
opaque!(
    gpuexec_executor,
    gpuexec_ticket,
    gpuexec_device_vector,
    gpuexec_msm_bases,
    gpuexec_pinned_vector
);

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gpuexec_job {
    pub op: gpuexec_op,
    pub a: *const u64,
    pub b: *const u64,
    pub out: *mut u64,
    pub n: usize,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gpuexec_ntt_options {
    pub inverse: c_int,
    pub coset: *const u64,
    pub batch: usize,
}

extern "C" {
    // version
    pub fn gpuexec_version() -> *const c_char;
    pub fn gpuexec_version_number() -> c_int;

    // executor
    pub fn gpuexec_executor_create(
        backend: gpuexec_backend,
        device_index: c_int,
        out: *mut *mut gpuexec_executor,
    ) -> gpuexec_status;
    pub fn gpuexec_executor_destroy(ex: *mut gpuexec_executor);
    pub fn gpuexec_executor_backend_name(ex: *const gpuexec_executor) -> *const c_char;
    pub fn gpuexec_last_error() -> *const c_char;

    // Fp
    pub fn gpuexec_fp_vec_op(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const u64,
        b: *const u64,
        out: *mut u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fp_vec_mad(
        ex: *mut gpuexec_executor,
        a: *const u64,
        b: *const u64,
        c: *const u64,
        out: *mut u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fp_bytes_op(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const u8,
        b: *const u8,
        c: *const u8,
        out: *mut u8,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fp_from_be_bytes(input: *const u8, out: *mut u64) -> gpuexec_status;
    pub fn gpuexec_fp_to_be_bytes(input: *const u64, out: *mut u8);

    // batches and tickets
    pub fn gpuexec_run_batch(
        ex: *mut gpuexec_executor,
        jobs: *const gpuexec_job,
        count: usize,
        schedule: gpuexec_schedule,
    ) -> gpuexec_status;
    pub fn gpuexec_submit(
        ex: *mut gpuexec_executor,
        job: *const gpuexec_job,
        out: *mut *mut gpuexec_ticket,
    ) -> gpuexec_status;
    pub fn gpuexec_submit_batch(
        ex: *mut gpuexec_executor,
        jobs: *const gpuexec_job,
        count: usize,
        schedule: gpuexec_schedule,
        out: *mut *mut gpuexec_ticket,
    ) -> gpuexec_status;
    pub fn gpuexec_ticket_ready(ticket: *const gpuexec_ticket) -> c_int;
    pub fn gpuexec_ticket_wait(ticket: *mut gpuexec_ticket) -> gpuexec_status;
    pub fn gpuexec_ticket_destroy(ticket: *mut gpuexec_ticket);

    // device vectors (Fp; the field of a vector is fixed when it is made)
    pub fn gpuexec_device_vector_create(
        ex: *mut gpuexec_executor,
        n: usize,
        out: *mut *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_device_vector_upload(
        ex: *mut gpuexec_executor,
        values: *const u64,
        n: usize,
        out: *mut *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_device_vector_write(
        v: *mut gpuexec_device_vector,
        values: *const u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_device_vector_read(
        v: *const gpuexec_device_vector,
        out: *mut u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_device_vector_size(v: *const gpuexec_device_vector) -> usize;
    pub fn gpuexec_device_vector_destroy(v: *mut gpuexec_device_vector);
    pub fn gpuexec_fp_vec_op_device(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const gpuexec_device_vector,
        b: *const gpuexec_device_vector,
        out: *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_fp_vec_mad_device(
        ex: *mut gpuexec_executor,
        a: *const gpuexec_device_vector,
        b: *const gpuexec_device_vector,
        c: *const gpuexec_device_vector,
        out: *mut gpuexec_device_vector,
    ) -> gpuexec_status;

    // Fr
    pub fn gpuexec_fr_vec_op(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const u64,
        b: *const u64,
        out: *mut u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_vec_mad(
        ex: *mut gpuexec_executor,
        a: *const u64,
        b: *const u64,
        c: *const u64,
        out: *mut u64,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_bytes_op(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const u8,
        b: *const u8,
        c: *const u8,
        out: *mut u8,
        n: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_from_be_bytes(input: *const u8, out: *mut u64) -> gpuexec_status;
    pub fn gpuexec_fr_to_be_bytes(input: *const u64, out: *mut u8);
    pub fn gpuexec_fr_run_batch(
        ex: *mut gpuexec_executor,
        jobs: *const gpuexec_job,
        count: usize,
        schedule: gpuexec_schedule,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_submit_batch(
        ex: *mut gpuexec_executor,
        jobs: *const gpuexec_job,
        count: usize,
        schedule: gpuexec_schedule,
        out: *mut *mut gpuexec_ticket,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_device_vector_create(
        ex: *mut gpuexec_executor,
        n: usize,
        out: *mut *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_device_vector_upload(
        ex: *mut gpuexec_executor,
        values: *const u64,
        n: usize,
        out: *mut *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_vec_op_device(
        ex: *mut gpuexec_executor,
        op: gpuexec_op,
        a: *const gpuexec_device_vector,
        b: *const gpuexec_device_vector,
        out: *mut gpuexec_device_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_vec_mad_device(
        ex: *mut gpuexec_executor,
        a: *const gpuexec_device_vector,
        b: *const gpuexec_device_vector,
        c: *const gpuexec_device_vector,
        out: *mut gpuexec_device_vector,
    ) -> gpuexec_status;

    // NTT
    pub fn gpuexec_fr_ntt(
        ex: *mut gpuexec_executor,
        data: *mut u64,
        n: usize,
        options: *const gpuexec_ntt_options,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_ntt_device(
        ex: *mut gpuexec_executor,
        data: *mut gpuexec_device_vector,
        options: *const gpuexec_ntt_options,
    ) -> gpuexec_status;
    pub fn gpuexec_fr_submit_ntt(
        ex: *mut gpuexec_executor,
        data: *mut u64,
        n: usize,
        options: *const gpuexec_ntt_options,
        out: *mut *mut gpuexec_ticket,
    ) -> gpuexec_status;

    // G1 MSM
    pub fn gpuexec_g1_check_points(points: *const u64, n: usize) -> gpuexec_status;
    pub fn gpuexec_g1_msm(
        ex: *mut gpuexec_executor,
        points: *const u64,
        n_points: usize,
        scalars: *const u8,
        n_scalars: usize,
        results: *mut u64,
        batch: usize,
    ) -> gpuexec_status;
    pub fn gpuexec_msm_bases_create(
        ex: *mut gpuexec_executor,
        points: *const u64,
        n: usize,
        out: *mut *mut gpuexec_msm_bases,
    ) -> gpuexec_status;
    pub fn gpuexec_msm_bases_create_precomputed(
        ex: *mut gpuexec_executor,
        points: *const u64,
        n: usize,
        precompute: c_uint,
        out: *mut *mut gpuexec_msm_bases,
    ) -> gpuexec_status;
    pub fn gpuexec_msm_bases_size(bases: *const gpuexec_msm_bases) -> usize;
    pub fn gpuexec_msm_bases_destroy(bases: *mut gpuexec_msm_bases);
    pub fn gpuexec_g1_msm_bases(
        ex: *mut gpuexec_executor,
        bases: *const gpuexec_msm_bases,
        scalars: *const u8,
        n_scalars: usize,
        results: *mut u64,
        batch: usize,
    ) -> gpuexec_status;

    // pinned host vectors (6 limbs an element)
    pub fn gpuexec_pinned_vector_create(
        ex: *mut gpuexec_executor,
        n: usize,
        out: *mut *mut gpuexec_pinned_vector,
    ) -> gpuexec_status;
    pub fn gpuexec_pinned_vector_data(v: *mut gpuexec_pinned_vector) -> *mut u64;
    pub fn gpuexec_pinned_vector_size(v: *const gpuexec_pinned_vector) -> usize;
    pub fn gpuexec_pinned_vector_is_pinned(v: *const gpuexec_pinned_vector) -> c_int;
    pub fn gpuexec_pinned_vector_destroy(v: *mut gpuexec_pinned_vector);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::CStr;

    // Links and calls the library: the declarations resolve, the version agrees with itself.
    #[test]
    fn version_and_last_error() {
        let v = unsafe { CStr::from_ptr(gpuexec_version()) }
            .to_str()
            .unwrap();
        let parts: Vec<i32> = v.split('.').map(|p| p.parse().unwrap()).collect();
        let number = unsafe { gpuexec_version_number() };
        assert_eq!(number, parts[0] * 10000 + parts[1] * 100 + parts[2]);
        let status = unsafe { gpuexec_g1_check_points(std::ptr::null(), 1) };
        assert_eq!(status, GPUEXEC_ERR_INVALID_ARGUMENT);
        assert!(!unsafe { CStr::from_ptr(gpuexec_last_error()) }
            .to_bytes()
            .is_empty());
    }

    // Every function of the header in the checkout is declared here (catches a header that grew).
    #[test]
    fn declares_every_function_of_the_header() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../include/gpuexec/gpuexec.h"
        );
        let header = match std::fs::read_to_string(path) {
            Ok(h) => h,
            Err(_) => return, // not built from the gpuexec checkout
        };
        let ours = include_str!("lib.rs");
        for piece in header.split("gpuexec_").skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if piece[name.len()..].starts_with('(') {
                let decl = format!("pub fn gpuexec_{name}(");
                assert!(ours.contains(&decl), "gpuexec_{name} is not declared");
            }
        }
    }
}
