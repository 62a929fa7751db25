-- One request shape for a whole wrk run, read from the environment so that one script serves every row of
-- bench/run.sh's table.
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

local coding = os.getenv("BENCH_ACCEPT_ENCODING")
if coding and coding ~= "" then
  wrk.headers["Accept-Encoding"] = coding
end

dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")
