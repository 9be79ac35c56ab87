#!/usr/bin/env bash
# Prints the JVM options the engine needs (Chronicle on JDK 17+, no analytics), read from the one place that lists
# them: the `torvyn.jvm.options` property of the parent pom.xml. Scripts use this instead of repeating the flags.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
options="$(sed -n 's:.*<torvyn\.jvm\.options>\(.*\)</torvyn\.jvm\.options>.*:\1:p' "$root/pom.xml")"
if [[ -z "$options" ]]; then
    echo "error: no one-line <torvyn.jvm.options> property in $root/pom.xml" >&2
    exit 1
fi
echo "$options"
