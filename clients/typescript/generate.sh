#!/usr/bin/env bash
# Regenerates src/schema.d.ts in one step: builds the service, starts it on a free loopback port, runs
# openapi-typescript on its served OpenAPI document, and stops it again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$here"

[[ -d node_modules ]] || npm ci --no-audit --no-fund
project="$root/src/MagSleep.Api/MagSleep.Api.csproj"
# --getProperty alone only evaluates the project, so the build is a step of its own.
dotnet build "$project" -nologo -v q >/dev/null
dll=$(dotnet build "$project" -nologo -v q --getProperty:TargetPath)
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')

ASPNETCORE_ENVIRONMENT=Production Content__Path="$root/content" \
  dotnet "$dll" --urls "http://127.0.0.1:$port" >/dev/null &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true' EXIT

node scripts/generate.mjs "http://127.0.0.1:$port" --wait
