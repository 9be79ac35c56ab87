#!/usr/bin/env bash
# Builds perf-tests (offline) and runs JMH with the engine's JVM options; forks inherit them. Arguments go to JMH,
# e.g. scripts/perf-jmh.sh PipelineBaselineBenchmark -prof gc      (scripts/perf-jmh.sh -h lists JMH's options)
# Pass --no-build first to skip the build.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [[ "${1:-}" == "--no-build" ]]; then
    shift
else
    (cd "$root" && mvn -q -B -o -Dstyle.color=never -pl perf-tests -am package -DskipTests) >&2
fi

read -r -a jvm_options <<< "$("$root/scripts/jvm-options.sh")"
exec java "${jvm_options[@]}" -cp "$root/perf-tests/target/classes:$root/perf-tests/target/lib/*" \
    org.openjdk.jmh.Main "$@"
