#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests: $CHROMIUM, /usr/bin/chromium, Playwright's
# own download, or (as root on Debian/Ubuntu) the distribution package. Prints which one.
set -euo pipefail
for candidate in "${CHROMIUM:-}" /usr/bin/chromium "$(command -v chromium || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    echo "chromium: $candidate"; exit 0
  fi
done
if .venv/bin/python -m playwright install chromium >/dev/null 2>&1; then
  echo "chromium: Playwright's download"; exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "chromium: installing Debian's package (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  echo "chromium: /usr/bin/chromium"; exit 0
fi
echo "chromium: none found. Install Chromium, or set CHROMIUM=/path/to/chromium." >&2
if [ -n "${CI:-}" ]; then exit 1; fi
