#!/usr/bin/env bash
# Measures MagSleep side by side with a bare minimal API (bench/Baseline) on the same machine, in one run.
#
#   bash bench/run.sh                     # 60 s warm-up per server, then 10 s per row after 3 s more, 64 connections
#   bash bench/run.sh -d 30s -c 128       # longer rows, more connections
#   bash bench/run.sh --check             # build both, start both and send every request once; no wrk
#
# Both apps are Release builds started in Production. The server and wrk are pinned to different cores.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

duration=10s warmup=3s server_warmup=60s connections=64 check=false
while (($#)); do
  case $1 in
    -d | --duration) duration=$2; shift 2 ;;
    -w | --warmup) warmup=$2; shift 2 ;;
    -W | --server-warmup) server_warmup=$2; shift 2 ;;
    -c | --connections) connections=$2; shift 2 ;;
    --check) check=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

trap 'stop' EXIT
$check || need_wrk
build_all
body() { echo "$BENCH_DIR/requests/$1.json"; }

# load <label> <url> <method> [body file] [If-None-Match]: a warm-up, then the measured run; appends a row.
ROWS=()
load() {
  local label=$1 url=$2 method=$3 body=${4:-} etag=${5:-}
  local run=(env BENCH_DIR="$BENCH_DIR" BENCH_METHOD="$method" BENCH_BODY_FILE="$body" BENCH_IF_NONE_MATCH="$etag"
    "${LOAD_PIN[@]}" wrk -t1 -c"$connections" --latency -s "$BENCH_DIR/wrk/request.lua")
  "${run[@]}" -d"$warmup" "$url" >/dev/null
  local result before after
  before=$(cpu_ticks)
  result=$("${run[@]}" -d"$duration" "$url" | awk '$1 == "BENCH" { $1 = ""; print }')
  after=$(cpu_ticks)
  ROWS+=("$label|$result|$((after - before))")
}

# --- the baseline ---
port=$(free_port)
start baseline "$port" /json
baseline_startup=$STARTUP_MS
if $check; then
  expect 200 GET "http://127.0.0.1:$port/json"
else
  "${LOAD_PIN[@]}" wrk -t1 -c64 -d"$server_warmup" "http://127.0.0.1:$port/json" >/dev/null
  load "baseline: GET /json" "http://127.0.0.1:$port/json" GET
fi
baseline_rss=$(memory_mb VmRSS)
stop

# --- MagSleep, request logging on (the Production default), logs to a file as a collector would read them ---
port=$(free_port)
base=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}"
magsleep_startup=$STARTUP_MS
etag=$(etag_of "$base$ARTICLE")
if $check; then
  expect 200 GET "$base$ARTICLE"
  expect 304 GET "$base$ARTICLE" "" "$etag"
  expect 200 GET "$base$SEARCH"
  expect 200 POST "$base$ASSESSMENT" "$(body assessment)"
  expect 200 POST "$base$DOSE_CHECK" "$(body dose-check)"
  expect 200 POST "$base$GUIDANCE" "$(body guidance)"
  stop
  echo "check passed: both apps build and start (baseline ${baseline_startup} ms, MagSleep ${magsleep_startup} ms to the first 200), every request answers as expected"
  exit 0
fi
warm "$base" "$server_warmup"
load "GET article (en)" "$base$ARTICLE" GET
load "GET article, If-None-Match (304)" "$base$ARTICLE" GET "" "$etag"
load "GET search" "$base$SEARCH" GET
load "POST insomnia/assessments" "$base$ASSESSMENT" POST "$(body assessment)"
load "POST magnesium/dose-checks" "$base$DOSE_CHECK" POST "$(body dose-check)"
load "POST guidance" "$base$GUIDANCE" POST "$(body guidance)"
peak_rss=$(memory_mb VmHWM)
after_rss=$(memory_mb VmRSS)
log_lines=$(grep -c '"message":"HTTP ' "$OUT/magsleep-$port.log" || true)
stop

# --- MagSleep with request logging off, for the cost of logging ---
port=$(free_port)
base=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}" Serilog__MinimumLevel__Default=Warning
warm "$base" "$server_warmup"
load "GET article (en), logging off" "$base$ARTICLE" GET
load "POST guidance, logging off" "$base$GUIDANCE" POST "$(body guidance)"
stop

# --- the table ---
printf '%s\n' "${ROWS[@]}" | awk -F'|' -v conns="$connections" -v dur="$duration" -v warm="$server_warmup" -v tick="$(getconf CLK_TCK)" '
  function target(label) {
    if (label ~ /^baseline/) return ""
    if (label ~ /search/) return 0
    if (label ~ /304/) return 0.8
    if (label ~ /^GET/) return 0.6
    if (label ~ /guidance/) return 0.4
    return 0.5
  }
  {
    split($2, r, " ")
    rps[NR] = r[1]; p50[NR] = r[2]; p99[NR] = r[3]; errs[NR] = r[4] + r[5]; label[NR] = $1
    cpu[NR] = r[6] > 0 ? $3 / tick * 1e6 / r[6] : 0
    if (NR == 1) base = r[1]
  }
  END {
    printf "%d connections, %s per row after a %s warm-up of each server, server and wrk on separate cores\n\n", conns, dur, warm
    print "| endpoint | req/s | p50 ms | p99 ms | errors | server CPU µs/req | × baseline | target |"
    print "|---|---:|---:|---:|---:|---:|---:|---|"
    for (i = 1; i <= NR; i++) {
      ratio = rps[i] / base
      t = target(label[i]); p99max = (label[i] ~ /POST/) ? 10 : 5
      verdict = ""
      if (t != "" && label[i] !~ /logging off/) {
        ok = ratio >= t && p99[i] <= p99max && errs[i] == 0
        verdict = t > 0 ? sprintf("≥ %.1f×, p99 ≤ %d ms: %s", t, p99max, ok ? "met" : "MISSED") : sprintf("p99 ≤ %d ms: %s", p99max, ok ? "met" : "MISSED")
      }
      printf "| %s | %d | %.2f | %.2f | %d | %.1f | %.2f | %s |\n", label[i], rps[i], p50[i], p99[i], errs[i], cpu[i], ratio, verdict
    }
    for (i = 1; i <= NR; i++) if (label[i] ~ /logging off/) {
      on = label[i]; sub(/, logging off/, "", on)
      for (j = 1; j <= NR; j++) if (label[j] == on)
        printf "\nrequest logging costs %s: %.0f%% (target ≤ 30%%)", on, (1 - rps[j] / rps[i]) * 100
    }
    print ""
  }'
echo
echo "start-up to the first 200: baseline ${baseline_startup} ms, MagSleep ${magsleep_startup} ms (target ≤ 1000 ms)"
echo "memory: baseline ${baseline_rss} MB after its run; MagSleep peak ${peak_rss} MB during the load, ${after_rss} MB after it (target ≤ 200 MB)"
echo "MagSleep wrote ${log_lines} request log lines during the logged runs"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(dotnet --version) SDK; $(date -u +%Y-%m-%d)"
