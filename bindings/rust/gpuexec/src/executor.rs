//! The executor: one backend (a Vulkan device or the CPU) that runs every call.
use std::ffi::CStr;
use std::os::raw::c_int;
use std::ptr::{self, NonNull};

use gpuexec_sys as sys;

use crate::error::{check, invalid, Result};

/// Where the work runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// Vulkan if a usable device exists, else the CPU.
    Auto,
    /// A Vulkan device; `NoDevice` when there is none.
    Vulkan,
    /// The CPU, all cores.
    Cpu,
}

/// Owns a `gpuexec_executor`. It is `Send + Sync`: the C ABI allows every call on an executor
/// from several threads at once (work on one device runs one call at a time, in the order the
/// calls take the device's lock). Dropping it first finishes what was submitted; the borrow
/// checker keeps every device vector, MSM bases set and ticket scope from outliving it.
pub struct Executor {
    raw: NonNull<sys::gpuexec_executor>,
}

// SAFETY: gpuexec.h: "an executor may be used from several threads at once".
unsafe impl Send for Executor {}
unsafe impl Sync for Executor {}

impl Executor {
    /// An executor on the backend's default device (GPUEXEC_DEVICE, else the best one).
    pub fn new(backend: Backend) -> Result<Executor> {
        Executor::create(backend, -1)
    }

    /// An executor on the Vulkan device of this index (`InvalidArgument` if there is none).
    pub fn with_device(backend: Backend, device_index: usize) -> Result<Executor> {
        let index = c_int::try_from(device_index)
            .map_err(|_| invalid(format!("device index {device_index} is out of range")))?;
        Executor::create(backend, index)
    }

    fn create(backend: Backend, device_index: c_int) -> Result<Executor> {
        let backend = match backend {
            Backend::Auto => sys::GPUEXEC_BACKEND_AUTO,
            Backend::Vulkan => sys::GPUEXEC_BACKEND_VULKAN,
            Backend::Cpu => sys::GPUEXEC_BACKEND_CPU,
        };
        let mut raw = ptr::null_mut();
        check(unsafe { sys::gpuexec_executor_create(backend, device_index, &mut raw) })?;
        let raw = NonNull::new(raw).expect("gpuexec_executor_create returned OK and NULL");
        Ok(Executor { raw })
    }

    /// The backend's name (e.g. "cpu", or the Vulkan device's).
    pub fn backend_name(&self) -> String {
        let name = unsafe { sys::gpuexec_executor_backend_name(self.raw.as_ptr()) };
        unsafe { CStr::from_ptr(name) }
            .to_string_lossy()
            .into_owned()
    }

    /// The handle for the C calls. They take a mutable pointer but synchronise inside, so
    /// handing it out from `&self` is sound (see the Sync impl).
    pub(crate) fn raw(&self) -> *mut sys::gpuexec_executor {
        self.raw.as_ptr()
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        unsafe { sys::gpuexec_executor_destroy(self.raw.as_ptr()) }
    }
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("backend", &self.backend_name())
            .finish()
    }
}

/// The library's version, "MAJOR.MINOR.PATCH".
pub fn version() -> String {
    unsafe { CStr::from_ptr(sys::gpuexec_version()) }
        .to_string_lossy()
        .into_owned()
}
