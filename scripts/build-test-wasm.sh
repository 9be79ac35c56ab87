#!/usr/bin/env bash
# Regenerates the committed .wasm test modules from their .wat sources (needs wat2wasm: apt-get install wabt).
# Tests read only the .wasm files, so they never need the toolchain; run this after editing a .wat.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: apt-get install wabt" >&2; exit 4; }
for dir in "$root"/engine/src/test/resources/wasm/engine; do
  for wat in "$dir"/*.wat; do
    wat2wasm "$wat" -o "${wat%.wat}.wasm"
    echo "built ${wat#"$root"/} -> $(basename "${wat%.wat}.wasm")"
  done
done
