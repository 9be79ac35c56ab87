#!/usr/bin/env bash
# Regenerates the committed .wasm test modules from their .wat sources (needs wat2wasm: apt-get install wabt).
# Tests read only the .wasm files, so they never need the toolchain; run this after editing a .wat.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v wat2wasm >/dev/null || { echo "wat2wasm not found: apt-get install wabt" >&2; exit 4; }
# instrumenter fixtures keep their name section (the rewriter must copy it through)
for wat in "$root"/engine/src/test/resources/wasm/*.wat; do
  flags="--debug-names"
  [ "$(basename "$wat" .wat)" = tail_call ] && flags="$flags --enable-tail-call"
  # shellcheck disable=SC2086
  wat2wasm $flags -o "${wat%.wat}.wasm" "$wat"
  echo "built ${wat#"$root"/}"
done
for wat in "$root"/engine/src/test/resources/wasm/engine/*.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat#"$root"/}"
done
# component fixtures: flows through FlowRun on both engines (engine/src/test/java/io/torvyn/engine/wasm/component)
for wat in "$root"/engine/src/test/resources/wasm/component/*.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat#"$root"/}"
done
# bench fixtures: the slow stage of tools/src/test/java/io/torvyn/tools/bench
for wat in "$root"/tools/src/test/resources/bench/*.wat; do
  wat2wasm "$wat" -o "${wat%.wat}.wasm"
  echo "built ${wat#"$root"/}"
done
