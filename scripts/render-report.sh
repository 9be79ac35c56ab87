#!/usr/bin/env bash
# Renders a `torvyn bench --report` HTML file to a PNG with headless Chromium (Debian's `chromium` package), the way
# the report is checked: offline, sandbox off (root in CI), no network services started by the browser.
# Usage: scripts/render-report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 REPORT.html [OUT.png] [WIDTHxHEIGHT]" >&2
  exit 2
fi
report="$(readlink -f "$1")"
out="${2:-${report%.html}.png}"
size="${3:-1200x1600}"
if ! command -v chromium >/dev/null 2>&1; then
  echo "chromium not found: apt-get update && apt-get install -y chromium" >&2
  exit 4
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$(readlink -f "$(dirname "$out")")/$(basename "$out")" --window-size="${size/x/,}" \
  "file://$report" 2>/dev/null
echo "rendered $report -> $out" >&2
