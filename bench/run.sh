#!/usr/bin/env bash
# Measures this build of MagSleep side by side with an earlier build (the reference, built from git) and with a
# bare minimal API (bench/Baseline), on the same machine, in one run.
#
#   bash bench/run.sh                          # reference f685203, 60 s warm-up per server, 3 rounds of 10 s a row
#   bash bench/run.sh --reference HEAD~5 -r 5  # another reference commit, more rounds
#   bash bench/run.sh --check                  # build all three, start them and send every request once; no wrk
#
# All three are Release builds started in Production from their own folders, the servers on one core and wrk on
# the other. Every round measures each row on the reference and on this build, one straight after the other, and
# the baseline once; the table gives each row's median round and the ratio of the medians.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

reference=f685203 duration=10s warmup=3s server_warmup=60s connections=64 rounds=3 check=false
while (($#)); do
  case $1 in
    --reference) reference=$2; shift 2 ;;
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
publish_reference "$reference"
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

# --- start the three servers one after another, each timed to its first 200 ---
port=$(free_port)
baseline=http://127.0.0.1:$port
start baseline "$port" /json
baseline_pid=$SERVER_PID

port=$(free_port)
ref=http://127.0.0.1:$port
start reference "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}" "Content__Path=$REFERENCE_CONTENT"
ref_pid=$SERVER_PID ref_startup=$STARTUP_MS

port=$(free_port)
new=http://127.0.0.1:$port
start magsleep "$port" "$ARTICLE" "${MAGSLEEP_ENV[@]}"
new_pid=$SERVER_PID new_startup=$STARTUP_MS

ref_etag=$(etag_of "$ref$ARTICLE")
new_etag=$(etag_of "$new$ARTICLE")
# What Chrome and Firefox send; wrk sends no Accept-Encoding of its own.
BROWSER_CODINGS="gzip, deflate, br, zstd"
if $check; then
  expect 200 GET "$baseline/json"
  for server in "$ref" "$new"; do
    etag=$ref_etag; [[ $server == "$new" ]] && etag=$new_etag
    expect 200 GET "$server$ARTICLE"
    expect 304 GET "$server$ARTICLE" "" "$etag"
    expect 200 GET "$server$ARTICLE" "" "" "$BROWSER_CODINGS" br
    expect 200 GET "$server$SEARCH"
    expect 200 POST "$server$ASSESSMENT" "$(body assessment)"
    expect 200 POST "$server$DOSE_CHECK" "$(body dose-check)"
    expect 200 POST "$server$GUIDANCE" "$(body guidance)"
  done
  stop
  echo "check passed: all three build and start (reference $reference ${ref_startup} ms, this build ${new_startup} ms to the first 200), every request answers as expected"
  exit 0
fi

# --- warm every server, so the JIT has finished optimizing before anything is measured ---
"${LOAD_PIN[@]}" wrk -t1 -c64 -d"$server_warmup" "$baseline/json" >/dev/null
warm "$ref" "$server_warmup"
warm "$new" "$server_warmup"

# both <label> <url path> <method> [body] [use etag] [Accept-Encoding]: the row on the reference, then on this build.
both() {
  local label=$1 path=$2 method=$3 body=${4:-} use_etag=${5:-} coding=${6:-} e1="" e2=""
  [[ -n $use_etag ]] && e1=$ref_etag e2=$new_etag
  load "reference: $label" "$ref_pid" "$ref$path" "$method" "$body" "$e1" "$coding"
  load "$label" "$new_pid" "$new$path" "$method" "$body" "$e2" "$coding"
}

for ((round = 1; round <= rounds; round++)); do
  echo "round $round of $rounds" >&2
  load "baseline: GET /json" "$baseline_pid" "$baseline/json" GET
  both "GET article (en)" "$ARTICLE" GET
  both "GET article, If-None-Match (304)" "$ARTICLE" GET "" yes
  both "GET article (en), as a browser asks (br)" "$ARTICLE" GET "" "" "$BROWSER_CODINGS"
  both "GET search" "$SEARCH" GET
  both "POST insomnia/assessments" "$ASSESSMENT" POST "$(body assessment)"
  both "POST magnesium/dose-checks" "$DOSE_CHECK" POST "$(body dose-check)"
  both "POST guidance" "$GUIDANCE" POST "$(body guidance)"
done
ref_rss=$(memory_mb VmRSS "$ref_pid")
new_rss=$(memory_mb VmRSS "$new_pid")
stop
# A full run writes gigabytes of request lines; nothing reads them afterwards.
rm -f "$OUT"/reference-*.log "$OUT"/magsleep-*.log

# Each label's median run by req/s, in the order labels were first measured, with the slowest and fastest.
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

echo "this build: $(git -C "$REPO" describe --always --dirty); reference: $reference ($(git -C "$REPO" log -1 --format=%h "$reference"))"
echo "$connections connections, $rounds rounds of $duration per row after a $server_warmup warm-up of each server"
echo
median_rows | awk -F'|' -v tick="$(getconf CLK_TCK)" '
  {
    split($2, r, " ")
    label = $1; cpu = r[6] > 0 ? $3 / tick * 1e6 / r[6] : 0
    if (label ~ /^baseline/) { base = r[1]; next }
    if (label ~ /^reference: /) { sub(/^reference: /, "", label); ref[label] = r[1]; refcpu[label] = cpu; next }
    order[++n] = label; rps[label] = r[1]; p50[label] = r[2]; p99[label] = r[3]; errs[label] = r[4] + r[5]; spread[label] = $4; mycpu[label] = cpu
  }
  END {
    print "| endpoint | req/s | slowest–fastest round | p99 ms | errors | CPU µs/req | reference req/s | reference CPU µs/req | × reference | target | × baseline |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
    for (i = 1; i <= n; i++) {
      l = order[i]; ratio = ref[l] > 0 ? rps[l] / ref[l] : 0
      t = (l ~ /^POST/) ? 0.7 : 0.85
      verdict = sprintf("≥ %.2f×: %s", t, (ratio >= t && errs[l] == 0) ? "met" : "MISSED")
      printf "| %s | %d | %s | %.2f | %d | %.1f | %d | %.1f | %.2f | %s | %.2f |\n", l, rps[l], spread[l], p99[l], errs[l], mycpu[l], ref[l], refcpu[l], ratio, verdict, (base > 0 ? rps[l] / base : 0)
    }
    printf "\nbaseline GET /json: %d req/s (median of its rounds)\n", base
  }'
echo
echo "start-up to the first 200: this build ${new_startup} ms (target < 1500 ms), reference ${ref_startup} ms"
echo "RSS after the load: this build ${new_rss} MB, reference ${ref_rss} MB (target: no higher than the reference)"
echo "every run, in order: $OUT/rounds.txt (label|req/s, p50 ms, p99 ms, socket errors, responses ≥ 400, requests|server CPU ticks)"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(dotnet --version) SDK"
