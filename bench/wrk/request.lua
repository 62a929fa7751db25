-- One request shape for a whole wrk run, read from the environment so that one script serves every row of
-- bench/run.sh's table. done() prints a single machine-readable line.
wrk.method = os.getenv("BENCH_METHOD") or "GET"

local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a"):gsub("%s+$", "")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end

local etag = os.getenv("BENCH_IF_NONE_MATCH")
if etag and etag ~= "" then
  wrk.headers["If-None-Match"] = etag
end

function done(summary, latency, requests)
  local e = summary.errors
  -- summary.errors.status counts responses >= 400; socket errors are the other four.
  io.write(string.format("BENCH %.0f %.3f %.3f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests))
end
