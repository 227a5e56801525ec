# Sourced on a lent GPU host (bash): brings up the Vulkan loader and, when carried, the Khronos
# validation layers and GMP from .gl/*.deb, without touching the host's own libraries.
set -u
for f in .gl/*.deb; do
  case "$f" in *validationlayers* | *libgmp*) ;; *) dpkg -x "$f" / ;; esac
done
ldconfig
mkdir -p /tmp/gl
for f in .gl/vulkan-validationlayers_*.deb .gl/libgmp10_*.deb; do [ -f "$f" ] && dpkg -x "$f" /tmp/gl; done
export LD_LIBRARY_PATH=/tmp/gl/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export VK_ADD_LAYER_PATH=/tmp/gl/usr/share/vulkan/explicit_layer.d
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
fi
export XDG_CACHE_HOME=/tmp/gpuexec-cache
# The validation layer takes much of the static TLS that NVIDIA's driver (libnvidia-tls) also
# needs when both are dlopen'ed into one process: give glibc more room for it.
export GLIBC_TUNABLES=glibc.rtld.optional_static_tls=4194304
# Where the scripts write results (the device tool's $OUT comes back), and the binaries built here.
OUT=${OUT:-/tmp/out}
mkdir -p "$OUT"
BIN=.gpubin
# vulkan_tests runs the CLI it was built beside (an absolute path compiled in): .gpubin's copy of
# it, where this host has no such file.
if [ -x "$BIN/gpuexec" ] && [ ! -e /work/main/build-unity/bin/gpuexec ]; then
  mkdir -p /work/main/build-unity/bin && ln -s "$PWD/$BIN/gpuexec" /work/main/build-unity/bin/gpuexec
fi

# Steps whose outputs go to /tmp/NAME and, after each step, into one archive $OUT/NAME.tgz (the
# device tool brings back at most 8 files, and from a call cut off at its time limit only what is
# already there). Sets OUT to /tmp/NAME; `step name timeout command...` runs one step.
archive_steps() {
  ARCHIVE="$OUT/$1.tgz"
  ARCHIVED=$1
  OUT=/tmp/$1
  mkdir -p "$OUT"
}
step() {
  local name=$1 limit=$2 t0=$SECONDS
  shift 2
  timeout "$limit" "$@" >"$OUT/$name.txt" 2>&1
  echo "$name: rc $? in $((SECONDS - t0)) s"
  tar czf "$ARCHIVE" -C /tmp "$ARCHIVED"
}
