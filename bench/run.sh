#!/usr/bin/env bash
# Measures MagSleep side by side with a bare minimal API (bench/Baseline) on the same machine, in one run.
#
#   bash bench/run.sh                     # 60 s warm-up per server, then 3 rounds of 10 s per row, 64 connections
#   bash bench/run.sh -r 5 -d 20s -c 128  # more rounds, longer rows, more connections
#   bash bench/run.sh --check             # build both, start both and send every request once; no wrk
#
# Both apps are Release builds started in Production, all servers on one core and wrk on the other. The baseline
# (logging at Warning, as the issue sets it), MagSleep and MagSleep with request logging off run side by side, with
# the baseline as TechEmpower runs it (logging cleared) as a reference row. Every round measures each row once, each
# straight after a run of the baseline, so the baseline's median is taken over many runs spread across the whole
# measurement. The table gives each row's median round; every run is kept in rounds.txt in the output folder.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

duration=10s warmup=3s server_warmup=60s connections=64 rounds=3 check=false
while (($#)); do
  case $1 in
    -d | --duration) duration=$2; shift 2 ;;
    -w | --warmup) warmup=$2; shift 2 ;;
    -W | --server-warmup) server_warmup=$2; shift 2 ;;
    -c | --connections) connections=$2; shift 2 ;;
    -r | --rounds) rounds=$2; shift 2 ;;
    --check) check=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

trap 'stop' EXIT
$check || need_wrk
build_all
: >"$OUT/rounds.txt"
body() { echo "$BENCH_DIR/requests/$1.json"; }

# load <label> <server pid> <url> <method> [body file] [If-None-Match] [Accept-Encoding]: a short warm-up, then the
# measured run; appends a line to rounds.txt: label|wrk's BENCH fields|server CPU ticks during the run.
load() {
  local label=$1 pid=$2 url=$3 method=$4 body=${5:-} etag=${6:-} coding=${7:-}
  local run=(env BENCH_DIR="$BENCH_DIR" BENCH_METHOD="$method" BENCH_BODY_FILE="$body" BENCH_IF_NONE_MATCH="$etag"
    BENCH_ACCEPT_ENCODING="$coding" "${LOAD_PIN[@]}" wrk -t1 -c"$connections" --latency -s "$BENCH_DIR/wrk/request.lua")
  "${run[@]}" -d"$warmup" "$url" >/dev/null
  local result before after
  before=$(cpu_ticks "$pid")
  result=$("${run[@]}" -d"$duration" "$url" | awk '$1 == "BENCH" { $1 = ""; print }')
  after=$(cpu_ticks "$pid")
  echo "$label|$result|$((after - before))" >>"$OUT/rounds.txt"
}

# paired <label> <server pid> <url> …: a run of the baseline, then the row. The baseline's req/s vary by more than
# 15 % from one 10 s run to the next on this machine, so it is measured before every row: its median comes from
# runs spread over the whole measurement, next to the rows it is compared with.
paired() {
  load "baseline: GET /json" "$baseline_pid" "$baseline/json" GET
  load "$@"
}

# --- start the three servers one after another, each timed to its first 200 ---
port=$(free_port)
baseline=http://127.0.0.1:$port
start baseline "$port" /json
baseline_pid=$SERVER_PID baseline_startup=$STARTUP_MS

port=$(free_port)
bare=http://127.0.0.1:$port
start baseline "$port" /json Baseline__ClearLogging=true
bare_pid=$SERVER_PID

# MagSleep with request logging on (the Production default), its lines going to a file as a collector would read them
port=$(free_port)
logged=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}"
logged_pid=$SERVER_PID magsleep_startup=$STARTUP_MS logged_log=$OUT/magsleep-$port.log

port=$(free_port)
quiet=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}" Serilog__MinimumLevel__Default=Warning
quiet_pid=$SERVER_PID

etag=$(etag_of "$logged$ARTICLE")
# What Chrome and Firefox send. wrk sends no Accept-Encoding of its own, so the plain article row is what a
# partner's server gets when its client asks for no compression.
BROWSER_CODINGS="gzip, deflate, br, zstd"
if $check; then
  expect 200 GET "$baseline/json"
  expect 200 GET "$bare/json"
  expect 200 GET "$logged$ARTICLE"
  expect 304 GET "$logged$ARTICLE" "" "$etag"
  expect 200 GET "$logged$ARTICLE" "" "" "$BROWSER_CODINGS" br
  expect 304 GET "$quiet$ARTICLE" "" "$etag"
  expect 200 GET "$logged$SEARCH"
  expect 200 POST "$logged$ASSESSMENT" "$(body assessment)"
  expect 200 POST "$logged$DOSE_CHECK" "$(body dose-check)"
  expect 200 POST "$logged$GUIDANCE" "$(body guidance)"
  expect 200 GET "$quiet$ARTICLE"
  stop
  echo "check passed: both apps build and start (baseline ${baseline_startup} ms, MagSleep ${magsleep_startup} ms to the first 200), every request answers as expected"
  exit 0
fi

# --- warm every server, so the JIT has finished optimizing before anything is measured ---
"${LOAD_PIN[@]}" wrk -t1 -c64 -d"$server_warmup" "$baseline/json" >/dev/null
"${LOAD_PIN[@]}" wrk -t1 -c64 -d"$server_warmup" "$bare/json" >/dev/null
warm "$logged" "$server_warmup"
warm "$quiet" "$server_warmup"

for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  paired "GET article (en)" "$logged_pid" "$logged$ARTICLE" GET
  paired "GET article, If-None-Match (304)" "$logged_pid" "$logged$ARTICLE" GET "" "$etag"
  paired "GET article (en), as a browser asks (br)" "$logged_pid" "$logged$ARTICLE" GET "" "" "$BROWSER_CODINGS"
  paired "GET search" "$logged_pid" "$logged$SEARCH" GET
  paired "POST insomnia/assessments" "$logged_pid" "$logged$ASSESSMENT" POST "$(body assessment)"
  paired "POST magnesium/dose-checks" "$logged_pid" "$logged$DOSE_CHECK" POST "$(body dose-check)"
  paired "POST guidance" "$logged_pid" "$logged$GUIDANCE" POST "$(body guidance)"
  paired "GET article (en), logging off" "$quiet_pid" "$quiet$ARTICLE" GET
  paired "GET article, If-None-Match (304), logging off" "$quiet_pid" "$quiet$ARTICLE" GET "" "$etag"
  paired "POST guidance, logging off" "$quiet_pid" "$quiet$GUIDANCE" POST "$(body guidance)"
  paired "GET /json, baseline with logging cleared" "$bare_pid" "$bare/json" GET
done
baseline_rss=$(memory_mb VmRSS "$baseline_pid")
peak_rss=$(memory_mb VmHWM "$logged_pid")
after_rss=$(memory_mb VmRSS "$logged_pid")
stop
log_lines=$(grep -c '"message":"HTTP ' "$logged_log" || true)
# A full run writes about 2.5 GB of request lines; they have been counted, and a few runs would fill a disk.
rm -f "$logged_log"

# --- the table ---
# Each row's median run by req/s, in the order rows were first measured, with the slowest and fastest.
median_rows() {
  awk -F'|' '
    { split($2, r, " "); n[$1]++; rps[$1, n[$1]] = r[1]; line[$1, n[$1]] = $0; if (n[$1] == 1) order[++labels] = $1 }
    END {
      for (i = 1; i <= labels; i++) {
        l = order[i]; k = n[l]
        for (a = 1; a <= k; a++) idx[a] = a
        for (a = 1; a <= k; a++) for (b = a + 1; b <= k; b++) if (rps[l, idx[b]] < rps[l, idx[a]]) { t = idx[a]; idx[a] = idx[b]; idx[b] = t }
        print line[l, idx[int((k + 1) / 2)]] "|" rps[l, idx[1]] "–" rps[l, idx[k]]
      }
    }' "$OUT/rounds.txt"
}

median_rows | awk -F'|' -v conns="$connections" -v rounds="$rounds" -v baseline_runs="$(grep -c '^baseline' "$OUT/rounds.txt")" -v dur="$duration" -v warm="$server_warmup" -v tick="$(getconf CLK_TCK)" '
  function target(label) {
    if (label ~ /^baseline|logging cleared/) return ""
    if (label ~ /search/) return 0
    if (label ~ /304/) return 0.8
    if (label ~ /^GET/) return 0.6
    if (label ~ /guidance/) return 0.4
    return 0.5
  }
  {
    split($2, r, " ")
    rps[NR] = r[1]; p50[NR] = r[2]; p99[NR] = r[3]; errs[NR] = r[4] + r[5]; label[NR] = $1; spread[NR] = $4
    cpu[NR] = r[6] > 0 ? $3 / tick * 1e6 / r[6] : 0
    if (NR == 1) base = r[1]
  }
  END {
    printf "%d connections, %d rounds of %s per row after a %s warm-up of each server, servers and wrk on separate cores\n", conns, rounds, dur, warm
    print "The baseline runs before every row, so its median is of " baseline_runs " runs spread over the whole measurement; a row shows its median round.\n"
    print "| endpoint | req/s | req/s, slowest–fastest round | p50 ms | p99 ms | errors | server CPU µs/req | × baseline | target |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for (i = 1; i <= NR; i++) {
      ratio = rps[i] / base
      t = target(label[i]); p99max = (label[i] ~ /POST/) ? 10 : 5
      verdict = ""
      if (t != "" && label[i] !~ /logging off/) {
        ok = ratio >= t && p99[i] <= p99max && errs[i] == 0
        verdict = t > 0 ? sprintf("≥ %.1f×, p99 ≤ %d ms: %s", t, p99max, ok ? "met" : "MISSED") : sprintf("p99 ≤ %d ms: %s", p99max, ok ? "met" : "MISSED")
      }
      printf "| %s | %d | %s | %.2f | %.2f | %d | %.1f | %.2f | %s |\n", label[i], rps[i], spread[i], p50[i], p99[i], errs[i], cpu[i], ratio, verdict
    }
    for (i = 1; i <= NR; i++) if (label[i] ~ /logging off/) {
      on = label[i]; sub(/, logging off/, "", on)
      for (j = 1; j <= NR; j++) if (label[j] == on)
        printf "\nrequest logging costs %s: %.0f%% (target ≤ 30%%)", on, (1 - rps[j] / rps[i]) * 100
    }
    for (i = 1; i <= NR; i++) if (label[i] ~ /logging cleared/) {
      printf "\n\nagainst the baseline with logging cleared (TechEmpower'"'"'s own setting, %d req/s):", rps[i]
      for (j = 1; j <= NR; j++) if (target(label[j]) > 0 && label[j] !~ /logging off/)
        printf "\n  %s: %.2f× (target %.1f×)", label[j], rps[j] / rps[i], target(label[j])
    }
    print ""
  }'
echo
echo "start-up to the first 200: baseline ${baseline_startup} ms, MagSleep ${magsleep_startup} ms (target ≤ 1000 ms)"
echo "memory: baseline ${baseline_rss} MB after its run; MagSleep peak ${peak_rss} MB during the load, ${after_rss} MB after it (target ≤ 200 MB)"
echo "MagSleep wrote ${log_lines} request log lines during the logged runs"
# A baseline run whose p99 is far above that of its quieter runs (the lower quartile) shared the machine with
# something else; the rows measured around it are suspect too.
awk -F'|' '$1 ~ /^baseline/ { split($2, r, " "); p99[++n] = r[3] }
  END {
    for (a = 1; a <= n; a++) for (b = a + 1; b <= n; b++) if (p99[b] < p99[a]) { t = p99[a]; p99[a] = p99[b]; p99[b] = t }
    quiet = p99[int((n + 3) / 4)]
    for (a = 1; a <= n; a++) if (p99[a] > 3 * quiet) busy++
    if (busy) printf "warning: %d of %d baseline runs had a p99 over three times that of the quieter runs (%.2f ms): the machine was busy with something else; compare with a quieter run\n", busy, n, quiet
  }' "$OUT/rounds.txt"
echo "every run, in order: $OUT/rounds.txt (label|req/s, p50 ms, p99 ms, socket errors, responses ≥ 400, requests|server CPU ticks)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(dotnet --version) SDK; $(date -u +%Y-%m-%d)"
