//! Vectors that live where the executor computes (device memory on Vulkan, host memory on the
//! CPU backend): upload once, run many ops and NTTs, read back once.
use std::marker::PhantomData;
use std::ptr::{self, NonNull};

use gpuexec_sys as sys;

use crate::error::{check, Result};
use crate::executor::Executor;
use crate::fields::{limbs, limbs_mut, Field, Op};

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
