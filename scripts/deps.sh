#!/usr/bin/env bash
# Installs the Debian packages gpuexec needs; quiet and quick when all are present.
set -euo pipefail
PKGS=(
  cmake ninja-build g++ pkg-config make
  libvulkan-dev libvulkan-volk-dev mesa-vulkan-drivers vulkan-validationlayers
  glslc spirv-tools
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libfmt-dev nlohmann-json3-dev libxxhash-dev
  libgmp-dev gnuplot-nox time
  python3-dev python3-pybind11 python3-numpy python3-pytest cargo
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
