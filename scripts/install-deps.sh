#!/usr/bin/env bash
# Installs every Debian package placesim needs to build, test, benchmark and report.
# Idempotent: packages already present are skipped, so a second run is fast and offline-safe.
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config git
  libtbb-dev libboost-graph-dev libhdf5-dev hdf5-tools
  libcxxopts-dev catch2 libbenchmark-dev librandom123-dev libtomlplusplus-dev
  python3 python3-h5py python3-pandas python3-matplotlib python3-numpy
  python3-xarray python3-h5netcdf
)
if [[ "${PLACESIM_WITH_MPI:-1}" == "1" ]]; then PKGS+=(libopenmpi-dev openmpi-bin); fi
if [[ "${PLACESIM_WITH_BROWSER:-0}" == "1" ]]; then PKGS+=(chromium); fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
