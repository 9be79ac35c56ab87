#!/usr/bin/env bash
# Builds perf-tests (offline) and runs the PerfSuite: one markdown table on stdout (every row measured in the same run:
# peer pipelines, engine flows in both modes, Wasm filter per element and batched on both engines, journal levels,
# fuel, copies per element, latency under a fixed rate), one progress line per round on stderr.
#
# usage: scripts/perf-suite.sh [--no-build] [--quick] [--events N] [--rounds K] [--warmup W] [--forks F]
#                              [--buffer B] [--only NAME,...] [--reference NAME,...] [--results FILE]
#
#   scripts/perf-suite.sh --quick --results perf-tests/RESULTS.md     # a few minutes on 2 cores; updates RESULTS.md
#
# PERF_JAVA_OPTS overrides the heap settings (default: -Xms1g -Xmx1g -XX:+AlwaysPreTouch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

build=1
suite_args=()
for arg in "$@"; do
    if [[ "$arg" == "--no-build" ]]; then build=0; else suite_args+=("$arg"); fi
done

if (( build )); then
    (cd "$root" && mvn -q -B -o -Dstyle.color=never -pl perf-tests -am package -Dmaven.test.skip=true) >&2
fi

read -r -a jvm_options <<< "$("$root/scripts/jvm-options.sh")"
read -r -a heap_options <<< "${PERF_JAVA_OPTS:--Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
exec java "${jvm_options[@]}" "${heap_options[@]}" -Dtorvyn.repo="$root" \
    -Dtorvyn.perf.command="scripts/perf-suite.sh ${suite_args[*]:-}" \
    -cp "$root/perf-tests/target/classes:$root/perf-tests/target/lib/*" \
    io.torvyn.perf.PerfSuite "${suite_args[@]}"
