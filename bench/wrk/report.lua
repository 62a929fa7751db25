-- The one line bench/run.sh and bench/soak.sh read from every wrk run:
-- BENCH <req/s> <p50 ms> <p99 ms> <socket errors> <responses >= 400> <requests>
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %.0f %.3f %.3f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, summary.requests))
end
