//! Finds the installed gpuexec through the `pkg-config` program (no crate dependencies: nothing can
//! be fetched where this builds) and links its shared library.
use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    for var in [
        "PKG_CONFIG",
        "PKG_CONFIG_PATH",
        "PKG_CONFIG_LIBDIR",
        "PKG_CONFIG_SYSROOT_DIR",
    ] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let pkg_config = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".to_string());
    let output = Command::new(&pkg_config)
        .args(["--libs", "gpuexec"])
        .output();
    let libs = match output {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).into_owned(),
        Ok(o) => fail(&format!(
            "`{pkg_config} --libs gpuexec` failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        )),
        Err(e) => fail(&format!("cannot run `{pkg_config}`: {e}")),
    };

    let mut dirs = Vec::new();
    for flag in libs.split_whitespace() {
        if let Some(dir) = flag.strip_prefix("-L") {
            // gpuexec.pc is relocatable (prefix=${pcfiledir}/../..): tidy the path for the rpath.
            let dir = PathBuf::from(dir);
            dirs.push(dir.canonicalize().unwrap_or(dir));
        } else if let Some(lib) = flag.strip_prefix("-l") {
            println!("cargo:rustc-link-lib=dylib={lib}");
        }
    }
    for dir in &dirs {
        println!("cargo:rustc-link-search=native={}", dir.display());
        // Lets this crate's tests run without LD_LIBRARY_PATH (rustc-link-arg is not passed on to
        // dependents: they get the directory as DEP_GPUEXEC_LIBDIR, see gpuexec/build.rs).
        println!("cargo:rustc-link-arg=-Wl,-rpath,{}", dir.display());
    }
    if let Some(dir) = dirs.first() {
        println!("cargo:libdir={}", dir.display());
    }
}

fn fail(why: &str) -> ! {
    eprintln!(
        "error: gpuexec-sys needs the installed gpuexec library, found through pkg-config: {why}\n\
         Install it (cmake --install BUILD_DIR --prefix PREFIX) and set \
         PKG_CONFIG_PATH=PREFIX/lib/pkgconfig, or run scripts/test_rust.sh BUILD_DIR."
    );
    std::process::exit(1);
}
