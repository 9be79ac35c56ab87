#!/usr/bin/env bash
# Builds perf-tests (offline) and runs the PerfSuite in one JVM: the markdown table goes to stdout, one progress line
# per round to stderr.
#
# usage: scripts/perf-suite.sh [--no-build] [--quick] [--events N] [--rounds K] [--warmup W] [--buffer B]
#                              [--only NAME,...] [--reference NAME,...]
# PERF_JAVA_OPTS overrides the heap settings (default: -Xms1g -Xmx1g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

build=1
suite_args=()
for arg in "$@"; do
    if [[ "$arg" == "--no-build" ]]; then build=0; else suite_args+=("$arg"); fi
done

if (( build )); then
    (cd "$root" && mvn -q -B -o -Dstyle.color=never -pl perf-tests -am package -DskipTests) >&2
fi

read -r -a jvm_options <<< "$("$root/scripts/jvm-options.sh")"
read -r -a heap_options <<< "${PERF_JAVA_OPTS:--Xms1g -Xmx1g}"
exec java "${jvm_options[@]}" "${heap_options[@]}" \
    -cp "$root/perf-tests/target/classes:$root/perf-tests/target/lib/*" \
    io.torvyn.perf.PerfSuite "${suite_args[@]}"
