#!/usr/bin/env bash
# Print the path of a Python 3.12+ interpreter (the oldest found first: the one CI
# tests on), or explain on stderr and exit 1.
# Why: PySide6 6.12 aborts on 3.11 (see docs/platform-notes in README); pyenv shims
# for python3.12 may exist yet fail when that version is not "global", so every
# candidate is actually run, not just looked up.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
candidates=()
[ -n "${KIOSK_PYTHON:-}" ] && candidates+=("$KIOSK_PYTHON")
for v in python3.12 python3.13 python3.14 python3; do
  p=$(command -v "$v" 2>/dev/null) && candidates+=("$p")
done
pyenv_root=${PYENV_ROOT:-}
[ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1 && pyenv_root=$(pyenv root 2>/dev/null)
[ -z "$pyenv_root" ] && [ -d "$HOME/.pyenv" ] && pyenv_root="$HOME/.pyenv"
if [ -n "$pyenv_root" ] && [ -d "$pyenv_root/versions" ]; then
  for d in $(ls -1 "$pyenv_root/versions" 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])' | sort -V); do
    candidates+=("$pyenv_root/versions/$d/bin/python3")
  done
fi
for c in /usr/bin/python3.12 /usr/bin/python3.13 /usr/local/bin/python3.12 /usr/local/bin/python3.13; do
  candidates+=("$c")
done
for c in "${candidates[@]}"; do
  if [ -x "$c" ] && ok "$c"; then echo "$c"; exit 0; fi
done
cat >&2 <<'MSG'
No Python 3.12 or newer was found (looked on PATH for python3.14..python3.12 and python3,
and in pyenv's installed versions). The kiosk needs 3.12+: PySide6 6.12 aborts on 3.11.
Install one (Debian 13: apt-get install python3; or: pyenv install 3.12) or point
KIOSK_PYTHON at an interpreter, then run the command again.
MSG
exit 1
