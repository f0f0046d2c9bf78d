-- wrk script: POSTs the EIGHT site record (bench/src/main/resources/eight-site.json, the one the JMH
-- benchmarks decide) and counts the answers that are not 2xx. Each request names a site of its own
-- (ZZ-LOAD-<thread>-<n>; LOAD_PREFIX replaces ZZ-LOAD, so that two loads at once name sites of their own), as when many sites are inspected: the service keeps every decision and reads
-- a site's earlier ones, so one site posted over and over would measure a history no site has.
local path = os.getenv("EIGHT_JSON") or "bench/src/main/resources/eight-site.json"
local file = assert(io.open(path, "r"))
local template = file:read("*a")
file:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- Signed in as the bench inspector (bench/accounts.sh), with HTTP Basic as an API client is.
wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")

local prefix = os.getenv("LOAD_PREFIX") or "ZZ-LOAD"
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  sent = 0
end

function request()
  sent = sent + 1
  local body = template:gsub('"ZZ%-2026%-0834"', '"' .. prefix .. '-' .. tid .. '-' .. sent .. '"', 1)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.1f throughput=%.0f/s p50=%.2fms p99=%.2fms max=%.2fms non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed,
    e.connect + e.read + e.write + e.timeout))
end
