#!/usr/bin/env sh
# Regenerates the checked-in .wasm test fixtures from their .wat sources (needs wat2wasm from Debian's `wabt`).
set -eu
dir="$(cd "$(dirname "$0")/.." && pwd)/engine/src/test/resources/wasm"
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: apt-get install -y wabt" >&2; exit 4; }
for wat in "$dir"/*.wat; do
  name="$(basename "$wat" .wat)"
  case "$name" in
    tail_call) flags="--enable-tail-call" ;;
    *) flags="" ;;
  esac
  # shellcheck disable=SC2086
  wat2wasm $flags --debug-names -o "$dir/$name.wasm" "$wat"
  echo "built $name.wasm"
done
