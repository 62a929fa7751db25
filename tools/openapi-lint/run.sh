#!/usr/bin/env bash
# Lints the OpenAPI document as the service serves it: starts the built app (dotnet build first) on a free loopback
# port, fetches /swagger/v1/swagger.json, stops the app, and runs Spectral (spectral:oas) and Redocly (recommended)
# with the configs next to this script. Any error or warning fails. Needs `npm ci` here once.
# Usage: tools/openapi-lint/run.sh [document.json]   (with a file, lints that instead of starting the app)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
document="${1:-}"

if [[ -z $document ]]; then
  app="$root/src/MagSleep.Api/bin/Debug/net10.0"
  [[ -f $app/MagSleep.Api.dll ]] || { echo "openapi-lint: build first (dotnet build MagSleep.sln)"; exit 2; }
  document="$(mktemp --suffix=.json)"
  log="$(mktemp)"
  # Port 0: the app picks a free port and says which in its start-up log.
  (cd "$app" && exec dotnet MagSleep.Api.dll --urls "http://127.0.0.1:0") >"$log" 2>&1 &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$document" "$log"' EXIT
  for _ in $(seq 1 120); do
    url=$(grep -oE 'Now listening on: http://127\.0\.0\.1:[0-9]+' "$log" | head -1 | sed 's/Now listening on: //')
    if [[ -n $url ]]; then
      node -e 'fetch(process.argv[1]).then(r => r.ok ? r.text() : Promise.reject(r.status)).then(t => require("fs").writeFileSync(process.argv[2], t))' \
        "$url/swagger/v1/swagger.json" "$document" && break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  [[ -s $document ]] || { echo "openapi-lint: the app served no document"; cat "$log"; exit 2; }
fi

cd "$here" || exit 2
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
status=0
npx --no-install spectral lint --ruleset .spectral.yaml --fail-severity=warn "$document" || status=1
# Redocly exits non-zero on errors only; a warning fails here too.
redocly=$(npx --no-install redocly lint --config redocly.yaml --max-problems 500 "$document" 2>&1) || status=1
grep -v -e '║' -e '╔' -e '╚' <<<"$redocly"
grep -qiE '[0-9]+ warnings?\b' <<<"$redocly" && status=1
exit "$status"
