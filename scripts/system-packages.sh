#!/usr/bin/env bash
# Make sure every Debian package in scripts/system-packages.txt is installed.
# As root: apt-get installs what is missing. Otherwise: print the one exact
# `sudo apt-get install ...` line and exit 1, so `make run`/`make test` stop
# before a confusing Qt or linker error does.
# Why one script: `make run`, `make test` and `.ci/run` must agree on the list.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
list="$here/system-packages.txt"
command -v dpkg-query >/dev/null 2>&1 || { echo "system-packages: not a Debian system (no dpkg-query); install the packages in $list by hand" >&2; exit 0; }
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$list" | grep -v '^$')
missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "The kiosk needs Debian packages that are not installed. Run:" >&2
  echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing missing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# An install from a stale package list fails for packages added since; update first.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
