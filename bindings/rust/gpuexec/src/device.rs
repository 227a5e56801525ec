//! Vectors that live where the executor computes (device memory on Vulkan, host memory on the
//! CPU backend): upload once, run many ops and NTTs, read back once. And pinned host vectors,
//! which the device reads and writes directly.
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::ptr::{self, NonNull};
use std::slice;

use gpuexec_sys as sys;

use crate::error::{check, Result};
use crate::executor::Executor;
use crate::fields::{limbs, limbs_mut, Field, Fp, Op};

/// A device-resident vector of Fp or Fr elements, made by one executor and usable only in its
/// ops (others answer `InvalidArgument`). The lifetime keeps it from outliving that executor.
/// `Send + Sync`: reads take the device's lock, writes need `&mut`.
pub struct DeviceVec<'ex, F: Field> {
    raw: NonNull<sys::gpuexec_device_vector>,
    _ex: PhantomData<&'ex Executor>,
    _field: PhantomData<F>,
}

unsafe impl<F: Field> Send for DeviceVec<'_, F> {}
unsafe impl<F: Field> Sync for DeviceVec<'_, F> {}

impl<'ex, F: Field> DeviceVec<'ex, F> {
    fn from_raw(raw: *mut sys::gpuexec_device_vector) -> Self {
        DeviceVec {
            raw: NonNull::new(raw).expect("device vector call returned OK and NULL"),
            _ex: PhantomData,
            _field: PhantomData,
        }
    }

    pub fn len(&self) -> usize {
        unsafe { sys::gpuexec_device_vector_size(self.raw.as_ptr()) }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Replaces the contents; `values.len()` must be `len()` and the values reduced.
    pub fn write(&mut self, values: &[F]) -> Result<()> {
        let p = self.raw.as_ptr();
        check(unsafe { sys::gpuexec_device_vector_write(p, limbs(values), values.len()) })
    }

    /// Copies the contents out; `out.len()` must be `len()`.
    pub fn read(&self, out: &mut [F]) -> Result<()> {
        let p = self.raw.as_ptr();
        check(unsafe { sys::gpuexec_device_vector_read(p, limbs_mut(out), out.len()) })
    }

    pub fn to_vec(&self) -> Result<Vec<F>> {
        let mut out = vec![F::default(); self.len()];
        self.read(&mut out)?;
        Ok(out)
    }

    pub(crate) fn raw(&self) -> *mut sys::gpuexec_device_vector {
        self.raw.as_ptr()
    }
}

impl<F: Field> Drop for DeviceVec<'_, F> {
    fn drop(&mut self) {
        unsafe { sys::gpuexec_device_vector_destroy(self.raw.as_ptr()) }
    }
}

impl<F: Field> std::fmt::Debug for DeviceVec<'_, F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DeviceVec<{}>[{}]", F::NAME, self.len())
    }
}

impl Executor {
    /// A device vector of n elements (zero).
    pub fn alloc<F: Field>(&self, n: usize) -> Result<DeviceVec<'_, F>> {
        let mut raw = ptr::null_mut();
        check(unsafe { (F::FFI.vector_create)(self.raw(), n, &mut raw) })?;
        Ok(DeviceVec::from_raw(raw))
    }

    /// A device vector holding `values` (reduced).
    pub fn upload<F: Field>(&self, values: &[F]) -> Result<DeviceVec<'_, F>> {
        let mut raw = ptr::null_mut();
        let f = F::FFI.vector_upload;
        check(unsafe { f(self.raw(), limbs(values), values.len(), &mut raw) })?;
        Ok(DeviceVec::from_raw(raw))
    }

    /// `out = a op b` on the device, no transfers; all of one length.
    pub fn device_op<F: Field>(
        &self,
        op: Op,
        a: &DeviceVec<'_, F>,
        b: &DeviceVec<'_, F>,
        out: &mut DeviceVec<'_, F>,
    ) -> Result<()> {
        let f = F::FFI.device_op;
        check(unsafe { f(self.raw(), op.raw(), a.raw(), b.raw(), out.raw()) })
    }

    /// `a = a op b` on the device.
    pub fn device_op_in_place<F: Field>(
        &self,
        op: Op,
        a: &mut DeviceVec<'_, F>,
        b: &DeviceVec<'_, F>,
    ) -> Result<()> {
        let f = F::FFI.device_op;
        check(unsafe { f(self.raw(), op.raw(), a.raw(), b.raw(), a.raw()) })
    }

    /// `out = a * b + c` on the device.
    pub fn device_mad<F: Field>(
        &self,
        a: &DeviceVec<'_, F>,
        b: &DeviceVec<'_, F>,
        c: &DeviceVec<'_, F>,
        out: &mut DeviceVec<'_, F>,
    ) -> Result<()> {
        let f = F::FFI.device_mad;
        check(unsafe { f(self.raw(), a.raw(), b.raw(), c.raw(), out.raw()) })
    }
}

/// Host memory for n Fp elements (zeroed) that the executor's device reads and writes directly:
/// calls whose slices all lie in pinned vectors of that executor skip the staging copies. It
/// derefs to `[Fp]`, usable anywhere; the lifetime keeps it from outliving the executor.
pub struct PinnedVec<'ex> {
    raw: NonNull<sys::gpuexec_pinned_vector>,
    _ex: PhantomData<&'ex Executor>,
}

// SAFETY: plain memory, owned like a Vec; all access goes through the slice borrows.
unsafe impl Send for PinnedVec<'_> {}
unsafe impl Sync for PinnedVec<'_> {}

impl PinnedVec<'_> {
    /// Whether the device took the memory (false: plain host memory, e.g. on the CPU backend).
    pub fn is_pinned(&self) -> bool {
        unsafe { sys::gpuexec_pinned_vector_is_pinned(self.raw.as_ptr()) != 0 }
    }

    fn parts(&self) -> (*mut Fp, usize) {
        let p = self.raw.as_ptr();
        let data = unsafe { sys::gpuexec_pinned_vector_data(p) } as *mut Fp;
        (data, unsafe { sys::gpuexec_pinned_vector_size(p) })
    }
}

impl Deref for PinnedVec<'_> {
    type Target = [Fp];
    fn deref(&self) -> &[Fp] {
        match self.parts() {
            (p, n) if !p.is_null() => unsafe { slice::from_raw_parts(p, n) },
            _ => &[], // the library gives NULL for an empty vector
        }
    }
}

impl DerefMut for PinnedVec<'_> {
    fn deref_mut(&mut self) -> &mut [Fp] {
        match self.parts() {
            (p, n) if !p.is_null() => unsafe { slice::from_raw_parts_mut(p, n) },
            _ => &mut [],
        }
    }
}

impl Drop for PinnedVec<'_> {
    fn drop(&mut self) {
        unsafe { sys::gpuexec_pinned_vector_destroy(self.raw.as_ptr()) }
    }
}

impl Executor {
    /// A pinned host vector of n Fp elements, zeroed.
    pub fn alloc_pinned(&self, n: usize) -> Result<PinnedVec<'_>> {
        let mut raw = ptr::null_mut();
        check(unsafe { sys::gpuexec_pinned_vector_create(self.raw(), n, &mut raw) })?;
        let raw = NonNull::new(raw).expect("gpuexec_pinned_vector_create returned OK and NULL");
        Ok(PinnedVec {
            raw,
            _ex: PhantomData,
        })
    }
}
