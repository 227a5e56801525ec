//! An rpath to the library that gpuexec-sys found, so this crate's tests and examples run without
//! LD_LIBRARY_PATH (cargo passes rustc-link-arg to the emitting package's targets only).
fn main() {
    println!("cargo:rerun-if-env-changed=DEP_GPUEXEC_LIBDIR");
    if let Ok(dir) = std::env::var("DEP_GPUEXEC_LIBDIR") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
