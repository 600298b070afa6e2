#!/usr/bin/env bash
# Make sure Prometheus's `promtool` exists for the rules-file test (tests/test_prometheus_rules.py):
# one already on PATH, or on Debian/Ubuntu the distribution's `prometheus` package, which ships
# it (as root, or through sudo where it needs no password, as on CI runners). Prints which one.
# Without it the test is skipped, except with CI set, where this script and the test fail.
set -euo pipefail
if command -v promtool >/dev/null; then
  echo "promtool: $(command -v promtool)"; exit 0
fi
as_root=()
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
fi
if { [ "$(id -u)" = 0 ] || [ ${#as_root[@]} -gt 0 ]; } && command -v apt-get >/dev/null; then
  echo "promtool: installing the distribution's prometheus package (apt-get)"
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  echo "promtool: $(command -v promtool)"; exit 0
fi
echo "promtool: none found. Install Prometheus (it ships promtool), or put promtool on PATH." >&2
if [ -n "${CI:-}" ]; then exit 1; fi
