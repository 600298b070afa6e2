#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests: $CHROMIUM, /usr/bin/chromium, Playwright's
# own download, or (as root on Debian/Ubuntu) the distribution package. Prints which one.
#
# Beside it, as root on Debian, the same version's headless shell (chromium-headless-shell):
# the tests prefer it (tools/chromium.py, HEADLESS_SHELL), the suite runs faster on it. Never
# required: when it cannot be installed the tests drive the full browser.
set -euo pipefail

SHELL_BINARY=/usr/lib/chromium/chromium-headless-shell
headless_shell() {
  [ -z "${CHROMIUM:-}" ] && [ ! -x "$SHELL_BINARY" ] && [ "$(id -u)" = 0 ] \
    && command -v apt-get >/dev/null && [ -x /usr/bin/chromium ] || return 0
  # Only the version of the installed Chromium (the shell depends on the same chromium-common).
  local version
  version=$(dpkg-query -W -f='${Version}' chromium 2>/dev/null) || return 0
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -qq --no-upgrade "chromium-headless-shell=$version" >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 \
      && apt-get install -y -qq --no-upgrade "chromium-headless-shell=$version" >/dev/null 2>&1; }; then
    echo "chromium: headless shell $SHELL_BINARY for the tests"
  else
    echo "chromium: no headless shell (the tests drive the full browser)"
  fi
}

for candidate in "${CHROMIUM:-}" /usr/bin/chromium "$(command -v chromium || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "chromium: $candidate"; headless_shell; exit 0
  fi
done
if .venv/bin/python -m playwright install chromium >/dev/null 2>&1; then
  echo "chromium: Playwright's download"; exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium: installing Debian's package (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: /usr/bin/chromium"; headless_shell; exit 0
fi
echo "chromium: none found. Install Chromium, or set CHROMIUM=/path/to/chromium." >&2
if [ -n "${CI:-}" ]; then exit 1; fi
