#!/usr/bin/env bash
# Rebuilds this project's components from C: components/NAME.c -> components/NAME.wasm.
# The .wasm files are already there (prebuilt), so `torvyn run` works without this; run it after editing a .c file.
# The .wat files are the same components in WebAssembly text: point a [[component]] path at one to use it
# (torvyn compiles it at load with wat2wasm).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
command -v wasm-ld >/dev/null 2>&1 || missing+=(wasm-ld)
if [ ${#missing[@]} -gt 0 ]; then
  echo "error[E0010]: no C -> wasm32 toolchain: ${missing[*]} not found" >&2
  echo "  --> build.sh" >&2
  echo "  help: install clang and lld (Debian/Ubuntu: apt-get install clang lld); the prebuilt .wasm still run" >&2
  exit 4
fi
# No libc (torvyn.h has the helpers), no _start, stack below the data so an overflow traps. Exports come from
# torvyn.h's export_name attributes only, so an unresolved symbol fails here instead of becoming a bad import.
for src in components/*.c; do
  clang --target=wasm32 -nostdlib -ffreestanding -O2 -Wall -Wextra -I components \
    -Wl,--no-entry -Wl,--stack-first -o "${src%.c}.wasm" "$src"
  echo "built ${src%.c}.wasm"
done
