#!/usr/bin/env bash
# 60 s of mixed traffic (every benchmarked request in turn) at 64 connections against a Release build of
# MagSleep in Production, after a 30 s warm-up (while the JIT is still recompiling hot code, RSS rises by design).
# Passes when there are no errors and memory levels off in the second half.
#
#   bash bench/soak.sh                    # 60 s
#   bash bench/soak.sh -d 300 -c 128      # 5 minutes, 128 connections
set -euo pipefail
source "$(dirname "$0")/lib.sh"

seconds=60 warmup=30s connections=64 sample=5 max_growth_mb=10
while (($#)); do
  case $1 in
    -d | --duration) seconds=${2%s}; shift 2 ;;
    -c | --connections) connections=$2; shift 2 ;;
    -W | --warmup) warmup=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

trap 'stop' EXIT
need_wrk
publish src/MagSleep.Api magsleep
port=$(free_port)
base=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}"

warm "$base" "$warmup"
echo "RSS after the warm-up: $(memory_mb VmRSS) MB"
mixed "$base" "${seconds}s" "$connections" >"$OUT/soak-wrk.txt" &
load=$!

samples=()
for ((t = sample; t <= seconds; t += sample)); do
  sleep "$sample"
  samples+=("$(memory_mb VmRSS)")
  printf 't=%3ss  RSS %s MB\n' "$t" "${samples[-1]}"
done
wait "$load"
read -r rps p50 p99 socket status requests < <(awk '$1 == "BENCH" { print $2, $3, $4, $5, $6, $7 }' "$OUT/soak-wrk.txt")
stop
rm -f "$OUT/magsleep-$port.log" # request lines, about 1 GB; the run is judged by wrk and the RSS samples

half=$((${#samples[@]} / 2))
second_half=("${samples[@]:half}")
low=$(printf '%s\n' "${second_half[@]}" | sort -n | head -1)
high=$(printf '%s\n' "${second_half[@]}" | sort -n | tail -1)
growth=$((high - low))

echo
echo "$requests requests in ${seconds}s at $connections connections: $rps req/s, p50 $p50 ms, p99 $p99 ms"
echo "errors: $socket socket, $status non-2xx/3xx"
echo "RSS in the second half: $low–$high MB (grew $growth MB; limit $max_growth_mb MB)"
if ((socket + status > 0)); then
  echo "FAILED: errors during the soak"; exit 1
fi
if ((growth > max_growth_mb)); then
  echo "FAILED: memory still growing"; exit 1
fi
echo "passed"
