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
# placesim serve (issue 12): Debian's cpp-httplib; node and npm for the page's pinned packages;
# the browser test drives chromium through chromium-driver and python3-selenium.
PKGS+=(libcpp-httplib-dev)
if [[ ! -x /usr/bin/npm ]]; then PKGS+=(nodejs npm); fi
if [[ "${PLACESIM_WITH_BROWSER:-0}" == "1" ]]; then PKGS+=(chromium-driver python3-selenium); fi

# The page's npm packages (web/package-lock.json, versions pinned) are installed with `npm ci`
# after the Debian packages, also when those were all present (hence an EXIT trap), and only
# when web/node_modules is missing or older than the lock file, so a second run stays offline.
web_deps() {
  local rc=$?
  ((rc == 0)) || exit "$rc"
  local web
  web="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/web"
  [[ -f "$web/package-lock.json" ]] || return 0
  if [[ -f "$web/node_modules/.package-lock.json" &&
        "$web/node_modules/.package-lock.json" -nt "$web/package-lock.json" ]]; then
    echo "install-deps: web/node_modules up to date"
    return 0
  fi
  echo "install-deps: npm ci in web/"
  (cd "$web" && npm ci --no-audit --no-fund) || exit 1
}
trap web_deps EXIT

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
