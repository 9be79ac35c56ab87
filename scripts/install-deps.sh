#!/usr/bin/env bash
# Installs the system packages the build, the tests and the examples need, only when missing:
# a JDK 17+ and Maven, and wabt (wat2wasm) for WAT components.
# With --toolchain also the C -> wasm32 toolchain (clang, lld for wasm-ld) that scripts/build-components.sh and a
# project's build.sh use; CI's test run does not ask for it, because the example .wasm files are committed.
set -euo pipefail
toolchain=0
for arg in "$@"; do
  case "$arg" in
    --toolchain) toolchain=1 ;;
    *) echo "usage: $0 [--toolchain]" >&2; exit 2 ;;
  esac
done
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v wat2wasm >/dev/null 2>&1 || need+=(wabt)
if [ "$toolchain" = 1 ]; then
  command -v clang >/dev/null 2>&1 || need+=(clang)
  command -v wasm-ld >/dev/null 2>&1 || need+=(lld)
fi
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  echo "==> installing ${need[*]}" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
