-- Every benchmarked request in turn on each connection: used to warm a server up and by bench/soak.sh.
-- BENCH_DIR locates the request bodies; BENCH_ETAG is the article's current ETag.
local dir = os.getenv("BENCH_DIR")
local etag = os.getenv("BENCH_ETAG") or ""

local function body(name)
  local f = assert(io.open(dir .. "/requests/" .. name .. ".json", "rb"))
  local text = f:read("*a"):gsub("%s+$", "")
  f:close()
  return text
end

local requests
local next_index = 1

-- Built per thread in init(): wrk.format needs the Host header, which is only known by then.
function init(args)
  local json = { ["Content-Type"] = "application/json" }
  requests = {
    wrk.format("GET", "/api/v1/articles/magnesium-and-sleep"),
    wrk.format("GET", "/api/v1/articles/magnesium-insomnia-pathways?lang=zh-CN"),
    wrk.format("GET", "/api/v1/articles/magnesium-and-sleep", { ["If-None-Match"] = etag }),
    wrk.format("GET", "/api/v1/articles/magnesium-and-sleep", { ["Accept-Encoding"] = "gzip, deflate, br, zstd" }),
    wrk.format("GET", "/api/v1/search?q=magnesium%20sleep"),
    wrk.format("GET", "/api/v1/search?lang=zh-CN&q=%E8%A4%AA%E9%BB%91%E7%B4%A0"),
    wrk.format("POST", "/api/v1/insomnia/assessments", json, body("assessment")),
    wrk.format("POST", "/api/v1/magnesium/dose-checks", json, body("dose-check")),
    wrk.format("POST", "/api/v1/guidance", json, body("guidance")),
  }
end

function request()
  local r = requests[next_index]
  next_index = next_index % #requests + 1
  return r
end

dofile(dir .. "/wrk/report.lua")
