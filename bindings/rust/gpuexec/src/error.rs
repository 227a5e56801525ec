//! Errors: the library's status codes and this thread's message (`gpuexec_last_error`).
use std::ffi::CStr;
use std::fmt;

use gpuexec_sys as sys;

/// The C ABI's failure statuses (`GPUEXEC_ERR_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// NULL or mismatched arguments, bad lengths, partly overlapping outputs, unknown options.
    InvalidArgument,
    /// An input element (or coordinate) not reduced below its modulus.
    NonCanonical,
    /// No usable device for the backend asked for.
    NoDevice,
    OutOfMemory,
    /// The device failed; the executor reopens it for the next call.
    DeviceLost,
    Internal,
}

impl ErrorCode {
    /// The `gpuexec_status` value of this code.
    pub fn status(self) -> i32 {
        match self {
            ErrorCode::InvalidArgument => sys::GPUEXEC_ERR_INVALID_ARGUMENT,
            ErrorCode::NonCanonical => sys::GPUEXEC_ERR_NON_CANONICAL,
            ErrorCode::NoDevice => sys::GPUEXEC_ERR_NO_DEVICE,
            ErrorCode::OutOfMemory => sys::GPUEXEC_ERR_OUT_OF_MEMORY,
            ErrorCode::DeviceLost => sys::GPUEXEC_ERR_DEVICE_LOST,
            ErrorCode::Internal => sys::GPUEXEC_ERR_INTERNAL,
        }
    }

    fn from_status(status: sys::gpuexec_status) -> Option<ErrorCode> {
        Some(match status {
            sys::GPUEXEC_ERR_INVALID_ARGUMENT => ErrorCode::InvalidArgument,
            sys::GPUEXEC_ERR_NON_CANONICAL => ErrorCode::NonCanonical,
            sys::GPUEXEC_ERR_NO_DEVICE => ErrorCode::NoDevice,
            sys::GPUEXEC_ERR_OUT_OF_MEMORY => ErrorCode::OutOfMemory,
            sys::GPUEXEC_ERR_DEVICE_LOST => ErrorCode::DeviceLost,
            sys::GPUEXEC_ERR_INTERNAL => ErrorCode::Internal,
            _ => return None,
        })
    }
}

/// A failed call: its code and the library's message, which names the C function and what was
/// wrong (e.g. `"gpuexec_fr_ntt: ..."`). Checks made on the Rust side before calling (slice
/// lengths that must match) give `InvalidArgument` with a message in the same style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: ErrorCode,
    message: String,
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn code(&self) -> ErrorCode {
        self.code
    }
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({:?})", self.message, self.code)
    }
}

impl std::error::Error for Error {}

/// Ok for GPUEXEC_OK, else the error with this thread's message. Call it right after the C call,
/// on the same thread: the message is thread-local and the next failure replaces it.
pub(crate) fn check(status: sys::gpuexec_status) -> Result<()> {
    if status == sys::GPUEXEC_OK {
        return Ok(());
    }
    // SAFETY: gpuexec_last_error never returns NULL; the string is copied at once.
    let message = unsafe { CStr::from_ptr(sys::gpuexec_last_error()) }
        .to_string_lossy()
        .into_owned();
    Err(match ErrorCode::from_status(status) {
        Some(code) => Error { code, message },
        None => Error {
            code: ErrorCode::Internal,
            message: format!("unknown status {status}: {message}"),
        },
    })
}

/// An InvalidArgument found before calling the library.
pub(crate) fn invalid(message: String) -> Error {
    Error {
        code: ErrorCode::InvalidArgument,
        message,
    }
}

/// InvalidArgument unless the named slices have equal lengths (the C calls take one `n`).
pub(crate) fn same_len(function: &str, lens: &[(&str, usize)]) -> Result<usize> {
    let (first, n) = lens[0];
    match lens.iter().find(|(_, len)| *len != n) {
        None => Ok(n),
        Some((name, len)) => Err(invalid(format!(
            "{function}: {name} has {len} elements, {first} {n} (lengths must match)"
        ))),
    }
}
