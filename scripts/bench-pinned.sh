#!/usr/bin/env bash
# Runs a latency-critical benchmark with the flow's stage threads pinned to cores and the JVM's own threads (GC, JIT,
# journal, Wasm watchdogs) kept on the remaining "housekeeping" cores, then writes the result and an environment JSON
# (CPU model, cores, isolation, governor, JDK, JVM flags, config sha256, the thread layout) side by side.
#
# usage: scripts/bench-pinned.sh [--manifest PATH] [--flow NAME] [--cores LIST] [--node NAME=CPU]...
#                                [--housekeeping LIST] [--mode dedicated|shared] [--wait STRATEGY] [--heap SIZE]
#                                [--duration D] [--warmup D] [--limit N] [--out DIR] [--dry-run] [--no-build]
#
#   --manifest      Torvyn.toml to run (default: perf-tests/flows/Torvyn.toml, the five-stage pass-through flow)
#   --flow          flow of the manifest (default: its first flow)
#   --cores         CPUs for the stage threads, e.g. 2,3 or 2-6: one thread per CPU, in topological order
#   --node N=CPU    pin node N to CPU (repeatable); nodes on the same CPU share a thread
#   --housekeeping  CPUs for everything else; the JVM is started with `taskset -c` on them (default: the rest)
#   --mode/--wait   execution profile (default: dedicated + busy-spin)
#   --heap          fixed heap: -Xms = -Xmx, with -XX:+AlwaysPreTouch (default 1g)
#   --duration/--warmup  for `torvyn bench` (default 10s / 2s); --limit N for the `torvyn run` fallback
#   --out           where <UTC timestamp>-result.json and <UTC timestamp>-env.json go (default perf-tests/results/pinned)
#   --dry-run       show the layout, the command and the environment JSON; run nothing, write nothing
#
# Core assignments may also come from the environment, Chronicle-style: WORKER_CPU_CORES=2,3, per node
# NODE_<NAME>_CPU_CORE=4 (NAME upper-cased, `-` written as `_`), HOUSEKEEPING_CPU_CORES=0,1; BENCH_HEAP=4g.
# Without any, the layout `torvyn doctor --flow` recommends for this machine is used. When the flow has more stages
# than cores for them, the engine cannot give every stage a dedicated core: it runs `shared` with one pinned
# busy-spinning worker per core instead, and this script says so before it starts.
# TORVYN overrides the launcher (default: tools/target/dist/bin/torvyn, built offline when missing).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

manifest="$root/perf-tests/flows/Torvyn.toml"
flow=""
cores="${WORKER_CPU_CORES:-}"
housekeeping="${HOUSEKEEPING_CPU_CORES:-}"
mode="dedicated"
wait_strategy="busy-spin"
heap="${BENCH_HEAP:-1g}"
duration="10s"
warmup="2s"
limit="20000000"
out="$root/perf-tests/results/pinned"
dry_run=0
build=1
node_pins=()

say() { echo "bench-pinned: $*" >&2; }
die() { echo "bench-pinned: error: $*" >&2; exit 2; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'; }

while (( $# )); do
    case "$1" in
        --manifest) manifest="$2"; shift 2 ;;
        --flow) flow="$2"; shift 2 ;;
        --cores) cores="$2"; shift 2 ;;
        --node) node_pins+=("$2"); shift 2 ;;
        --housekeeping) housekeeping="$2"; shift 2 ;;
        --mode) mode="$2"; shift 2 ;;
        --wait) wait_strategy="$2"; shift 2 ;;
        --heap) heap="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        --no-build) build=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
[[ -f "$manifest" ]] || die "no manifest at $manifest"
manifest="$(cd "$(dirname "$manifest")" && pwd)/$(basename "$manifest")"
if [[ -z "$flow" ]]; then
    flow="$(sed -n 's/^\[flow\.\([A-Za-z0-9_-]*\)\][[:space:]]*$/\1/p' "$manifest" | head -n 1)"
    [[ -n "$flow" ]] || die "no [flow.NAME] table in $manifest"
fi

# ---- the torvyn launcher -------------------------------------------------------------------------------------------
torvyn="${TORVYN:-$root/tools/target/dist/bin/torvyn}"
if [[ ! -f "$torvyn" ]]; then
    (( build )) || die "no launcher at $torvyn (build with: mvn -o -pl tools -am package -DskipTests)"
    say "building the torvyn launcher (offline)"
    (cd "$root" && mvn -q -B -o -Dstyle.color=never -pl tools -am package -Dmaven.test.skip=true) >&2
fi
run_torvyn() { bash "$torvyn" "$@"; }

# ---- CPU lists -----------------------------------------------------------------------------------------------------
expand() {  # "0-2,5" -> "0 1 2 5"
    local part from to c result=()
    IFS=',' read -r -a parts <<< "${1// /}"
    for part in "${parts[@]}"; do
        [[ -z "$part" ]] && continue
        if [[ "$part" == *-* ]]; then
            from="${part%-*}"; to="${part#*-}"
            for (( c = from; c <= to; c++ )); do result+=("$c"); done
        else
            result+=("$part")
        fi
    done
    echo "${result[*]:-}"
}
join_by() { local IFS="$1"; shift; echo "$*"; }
read_or() { if [[ -r "$1" ]]; then tr -d '\n' < "$1"; else echo "$2"; fi; }
json_str() {  # a JSON string literal
    local s="$1"
    s="${s//\\/\\\\}"; s="${s//\"/\\\"}"; s="${s//$'\n'/\\n}"; s="${s//$'\t'/\\t}"
    printf '"%s"' "$s"
}
json_field() {  # first flat string field NAME of a pretty-printed JSON document on stdin
    grep -m 1 -o "\"$1\" : \"[^\"]*\"" | sed 's/.*: "\(.*\)"/\1/' || true
}

# ---- the machine ---------------------------------------------------------------------------------------------------
cpu_dir=/sys/devices/system/cpu
online="$(read_or "$cpu_dir/online" "0-$(( $(nproc --all) - 1 ))")"
isolated="$(read_or "$cpu_dir/isolated" "")"
nohz_full="$(read_or "$cpu_dir/nohz_full" "")"
cmdline="$(read_or /proc/cmdline "")"
isolcpus_arg="$(grep -o 'isolcpus=[^ ]*' <<< "$cmdline" || true)"
nohz_arg="$(grep -o 'nohz_full=[^ ]*' <<< "$cmdline" || true)"
governor="$(cat "$cpu_dir"/cpu*/cpufreq/scaling_governor 2>/dev/null | sort -u | paste -sd, - || true)"
cpu_model="$(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
online_cpus=($(expand "$online"))
say "machine: ${#online_cpus[@]} CPUs online ($online), ${cpu_model:-unknown CPU}"
if [[ -n "$isolated" || -n "$isolcpus_arg" ]]; then
    say "isolation: isolated CPUs ${isolated:-?} (${isolcpus_arg:-isolcpus not on the command line}), nohz_full ${nohz_full:-none}"
else
    say "isolation: none in effect (no isolcpus, no nohz_full): pinned threads still share their cores with the OS"
fi
say "governor: ${governor:-not readable}"

# ---- the layout ----------------------------------------------------------------------------------------------------
profile=(--config "runtime.mode=$mode" --config "runtime.wait_strategy=$wait_strategy")
first="$(run_torvyn doctor --format json --manifest "$manifest" --flow "$flow" "${profile[@]}" 2>/dev/null)" || true
stages=($(grep -m 1 -o '"stages" : \[[^]]*\]' <<< "$first" | grep -o '"[^"]*"' | tail -n +2 | tr -d '"'))
(( ${#stages[@]} )) || { run_torvyn doctor --manifest "$manifest" --flow "$flow" "${profile[@]}" >&2 || true;
    die "torvyn doctor could not read flow '$flow' of $manifest"; }

while IFS='=' read -r var cpu; do
    key="${var#NODE_}"; key="${key%_CPU_CORE}"
    match=""
    for s in "${stages[@]}"; do
        norm="${s//-/_}"
        [[ "${norm^^}" == "$key" ]] && match="$s"
    done
    [[ -n "$match" ]] || die "$var names no node of flow '$flow' (nodes: ${stages[*]})"
    node_pins+=("$match=$cpu")
done < <(env | grep -E '^NODE_[A-Za-z0-9_]+_CPU_CORE=' | sort || true)

if (( ${#node_pins[@]} )); then
    affinity="{$(join_by , "${node_pins[@]}")}"
    pinned_cpus="$(for p in "${node_pins[@]}"; do echo "${p#*=}"; done | sort -un | paste -sd, -)"
    source_of_cores="node assignments"
elif [[ -n "$cores" ]]; then
    affinity="[$(join_by , $(expand "$cores"))]"
    pinned_cpus="$(join_by , $(expand "$cores"))"
    source_of_cores="WORKER_CPU_CORES/--cores"
else
    pinned_cpus="$(json_field worker_cpu_cores <<< "$first")"
    if [[ -n "$pinned_cpus" ]]; then
        affinity="[$pinned_cpus]"
    else
        affinity=""
    fi
    source_of_cores="torvyn doctor's recommendation"
fi
if [[ -z "$housekeeping" && -n "$pinned_cpus" ]]; then
    rest=()
    for c in "${online_cpus[@]}"; do
        [[ ",$pinned_cpus," == *",$c,"* ]] || rest+=("$c")
    done
    housekeeping="$(join_by , "${rest[@]:-}")"
fi

overrides=("${profile[@]}")
[[ -n "$affinity" ]] && overrides+=(--config "runtime.cpu_affinity=$affinity")
say "requested: ${#stages[@]} stages (${stages[*]}), mode $mode, $wait_strategy, cpu_affinity ${affinity:-none} (from $source_of_cores), housekeeping CPUs ${housekeeping:-none left}"
layout_human="$(run_torvyn doctor --manifest "$manifest" --flow "$flow" "${overrides[@]}" 2>&1)" || {
    echo "$layout_human" >&2; die "the requested layout is not valid on this machine"; }
sed -n '/^flow /,$p' <<< "$layout_human" | grep -v '^warning: no isolated' >&2 || true
instead="$(grep -m 1 -o 'note: cannot pin.*' <<< "$layout_human" | sed 's/^note: //' || true)"
if [[ -n "$instead" ]]; then
    say "$instead"
    say "(${#online_cpus[@]} CPUs online, CPU ${housekeeping:-none} kept for housekeeping: a dedicated core per stage would need $(( ${#stages[@]} + 1 )) CPUs)"
fi
layout_json="$(run_torvyn doctor --format json --manifest "$manifest" --flow "$flow" "${overrides[@]}" 2>/dev/null)"

# ---- the command ---------------------------------------------------------------------------------------------------
if run_torvyn --help 2>&1 | grep -Eq "^[[:space:]]+bench[[:space:]]"; then
    measure=(bench --manifest "$manifest" --flow "$flow" --duration "$duration" --warmup "$warmup" --format json)
else
    measure=(run --manifest "$manifest" --flow "$flow" --limit "$limit" --format json)
    say "torvyn bench is not available in this build: measuring with 'torvyn run --limit $limit' instead"
fi
measure+=("${overrides[@]}")
heap_opts="-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch"
java_opts="$heap_opts${JAVA_OPTS:+ $JAVA_OPTS}"
pin_cmd=()
if [[ -n "$housekeeping" ]] && command -v taskset >/dev/null; then
    pin_cmd=(taskset -c "$housekeeping")
elif [[ -n "$housekeeping" ]]; then
    say "taskset is not installed: the JVM's own threads are not confined to the housekeeping CPUs"
fi
jvm_flags="$java_opts $("$root/scripts/jvm-options.sh")"
config_sha256="$({ cat "$manifest"; printf '%s\n' "${overrides[@]}"; } | sha256sum | cut -d' ' -f1)"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
result_file="$out/$stamp-result.json"
env_file="$out/$stamp-env.json"
jdk="$(java -version 2>&1 | head -n 1)"
command_line="JAVA_OPTS='$java_opts' ${pin_cmd[*]:+${pin_cmd[*]} }$torvyn ${measure[*]}"

env_json() {
    cat <<JSON
{
  "schema": 1,
  "created": $(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),
  "result": $(json_str "$(basename "$result_file")"),
  "command": $(json_str "$command_line"),
  "cpu_model": $(json_str "$cpu_model"),
  "cores": ${#online_cpus[@]},
  "online": $(json_str "$online"),
  "isolated": $(json_str "$isolated"),
  "nohz_full": $(json_str "$nohz_full"),
  "kernel_isolcpus": $(json_str "$isolcpus_arg"),
  "kernel_nohz_full": $(json_str "$nohz_arg"),
  "governor": $( [[ -n "$governor" ]] && json_str "$governor" || echo null ),
  "jdk": $(json_str "$jdk"),
  "jvm_flags": $(json_str "$jvm_flags"),
  "taskset": $(json_str "$housekeeping"),
  "cpu_affinity": $(json_str "$affinity"),
  "mode": $(json_str "$mode"),
  "wait_strategy": $(json_str "$wait_strategy"),
  "manifest": $(json_str "$manifest"),
  "flow": $(json_str "$flow"),
  "config_sha256": $(json_str "$config_sha256"),
  "doctor": ${layout_json:-null}
}
JSON
}

if (( dry_run )); then
    say "dry run: would run: $command_line"
    say "dry run: would write $result_file and $env_file; the environment JSON:"
    env_json
    exit 0
fi

mkdir -p "$out"
env_json > "$env_file"
say "running: $command_line"
status=0
JAVA_OPTS="$java_opts" "${pin_cmd[@]}" bash "$torvyn" "${measure[@]}" > "$result_file" || status=$?
say "result: $result_file (exit $status)"
say "environment: $env_file"
exit "$status"
