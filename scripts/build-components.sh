#!/usr/bin/env bash
# Rebuilds the example components (examples/components/{c,wat}) and commits nothing: the .wasm files next to the
# sources are what the tests, the demo and `torvyn init` use, so run this after editing a source and commit both.
# Needs clang + wasm-ld for C and wat2wasm for WAT (scripts/install-deps.sh --toolchain installs them).
#
# C flags: no libc (-nostdlib -ffreestanding; torvyn.h has the helpers), a library without _start (--no-entry), the
# stack below the data so an overflow traps (--stack-first). Exports come only from torvyn.h's export_name
# attributes, so neither --export-dynamic nor --allow-undefined is used: each module exports "memory" and its role
# functions, and an unresolved symbol fails the link instead of becoming an "env" import.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
command -v wasm-ld >/dev/null 2>&1 || missing+=(wasm-ld)
command -v wat2wasm >/dev/null 2>&1 || missing+=(wat2wasm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "error[E0010]: toolchain missing: ${missing[*]}" >&2
  echo "help: run scripts/install-deps.sh --toolchain (apt-get install clang lld wabt)" >&2
  exit 4
fi
cflags=(--target=wasm32 -nostdlib -ffreestanding -O2 -Wall -Wextra -Werror -I "$root/sdk/c"
        -Wl,--no-entry -Wl,--stack-first)
for src in "$root"/examples/components/c/*.c; do
  clang "${cflags[@]}" -o "${src%.c}.wasm" "$src"
  echo "built ${src#"$root"/} -> $(basename "${src%.c}.wasm")"
done
for src in "$root"/examples/components/wat/*.wat; do
  wat2wasm "$src" -o "${src%.wat}.wasm"
  echo "built ${src#"$root"/} -> $(basename "${src%.wat}.wasm")"
done
