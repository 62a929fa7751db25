# Shared by bench/run.sh and bench/soak.sh: build in Release, pin cores, start a server and time it to its
# first 200, read its memory, stop it. Sourced, not run.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$BENCH_DIR")
OUT=${BENCH_OUT:-$(mktemp -d -t magsleep-bench.XXXXXX)}
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

API=/api/v1
ARTICLE=$API/articles/magnesium-and-sleep
SEARCH="$API/search?q=magnesium%20sleep"
ASSESSMENT=$API/insomnia/assessments
DOSE_CHECK=$API/magnesium/dose-checks
GUIDANCE=$API/guidance

# The server gets the first half of the cores and the load generator the rest, so they never compete.
SERVER_PIN=() LOAD_PIN=()
cores=$(nproc)
if command -v taskset >/dev/null 2>&1 && ((cores >= 2)); then
  half=$((cores / 2))
  SERVER_PIN=(taskset -c "0-$((half - 1))")
  LOAD_PIN=(taskset -c "$half-$((cores - 1))")
fi

need_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  if [[ $(id -u) -eq 0 ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || true
  fi
  command -v wrk >/dev/null 2>&1 || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
}

# publish <project> <name>: a Release build in $OUT/<name>.
publish() {
  dotnet publish "$REPO/$1" -c Release -o "$OUT/$2" --nologo -v quiet >"$OUT/$2-build.log" 2>&1 \
    || { cat "$OUT/$2-build.log" >&2; echo "build of $1 failed" >&2; exit 1; }
}

# publish_reference <commit>: that commit of MagSleep, taken from git and built in Release in $OUT/reference, with
# its own content beside it, so a run compares this build with an earlier one on the same machine.
publish_reference() {
  local src=$OUT/reference-src
  rm -rf "$src" && mkdir -p "$src"
  git -C "$REPO" archive "$1" | tar -x -C "$src"
  dotnet publish "$src/src/MagSleep.Api" -c Release -o "$OUT/reference" --nologo -v quiet >"$OUT/reference-build.log" 2>&1 \
    || { cat "$OUT/reference-build.log" >&2; echo "build of $1 failed" >&2; exit 1; }
  REFERENCE_CONTENT=$src/content
}

build_all() {
  publish bench/Baseline baseline
  publish src/MagSleep.Api magsleep
}

# start <name> <port> <probe path> [VAR=value ...]: starts $OUT/<name>, waits for a 200 on the probe path,
# sets SERVER_PID and STARTUP_MS (launch to first 200, host start-up included). Several servers may run at once.
SERVER_PIDS=()
start() {
  local name=$1 port=$2 probe=$3 dll
  shift 3
  case $name in
    baseline) dll=Baseline.dll ;;
    *) dll=MagSleep.Api.dll ;;
  esac
  local began
  began=$(date +%s%N)
  # Started from its own folder, as a deployment would be, so that its appsettings.json is read.
  (cd "$OUT/$name" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" "$@" \
    "${SERVER_PIN[@]}" dotnet "$dll" >"$OUT/$name-$port.log" 2>&1) &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  until [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$probe") == 200 ]]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "$name did not start:" >&2
      tail -5 "$OUT/$name-$port.log" >&2
      exit 1
    fi
    sleep 0.005
  done
  STARTUP_MS=$((($(date +%s%N) - began) / 1000000))
}

# stop: stops every server this script started.
stop() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  SERVER_PIDS=()
  return 0
}

# memory_mb <field> [pid]: VmRSS (now) or VmHWM (peak) of a server (the last started), in MB.
memory_mb() {
  awk -v field="$1:" '$1 == field { printf "%.0f", $2 / 1024 }' "/proc/${2:-$SERVER_PID}/status"
}

# free_port: a port nobody listens on, chosen below the kernel's ephemeral range so that it cannot collide with
# the client side of wrk's own connections.
free_port() {
  local port low=32768
  [[ -r /proc/sys/net/ipv4/ip_local_port_range ]] && read -r low _ </proc/sys/net/ipv4/ip_local_port_range
  while :; do
    port=$((10000 + RANDOM % (low > 12000 ? low - 10000 : 2000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# The MagSleep settings every benchmark run uses: Production, content from the repository, and rate limits
# raised through configuration so the limiter is exercised but never refuses.
MAGSLEEP_ENV=(
  "Content__Path=$REPO/content"
  "RateLimits__AnonymousPerMinute=1000000000"
  "RateLimits__PartnerPerMinute=1000000000"
)

etag_of() {
  curl -sI "$1" | awk -F': ' 'tolower($1) == "etag" { sub(/\r$/, "", $2); print $2 }'
}

# expect <status> <method> <url> [body file] [If-None-Match] [Accept-Encoding] [Content-Encoding]: one request,
# or exit naming what went wrong.
expect() {
  local want="$1 ${7:-}" method=$2 url=$3 body=${4:-} etag=${5:-} accept=${6:-}
  local args=(-s -o /dev/null -w '%{http_code} %header{content-encoding}' -X "$method")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "@$body")
  [[ -n $etag ]] && args+=(-H "If-None-Match: $etag")
  [[ -n $accept ]] && args+=(-H "Accept-Encoding: $accept")
  local got
  got=$(curl "${args[@]}" "$url")
  [[ $got == "$want" ]] || { echo "$method $url answered '$got', expected '$want'" >&2; exit 1; }
}

# cpu_ticks [pid]: user + system CPU a server (the last started) has used so far, in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/${1:-$SERVER_PID}/stat"
}

# mixed <base url> <duration> <connections>: every benchmarked request in turn; prints wrk's output.
mixed() {
  local etag
  etag=$(etag_of "$1$ARTICLE")
  BENCH_DIR=$BENCH_DIR BENCH_ETAG=$etag "${LOAD_PIN[@]}" wrk -t1 -c"$3" -d"$2" --latency -s "$BENCH_DIR/wrk/mixed.lua" "$1"
}

# warm <base url> <duration>: mixed traffic, so the JIT's tiering settles before measuring.
warm() {
  mixed "$1" "$2" 64 >/dev/null
}
