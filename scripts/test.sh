#!/usr/bin/env bash
# Runs the test suite as CI does: system packages first, then every module's tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
cd "$root"
exec mvn -B test "$@"
