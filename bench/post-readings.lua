-- wrk script: POSTs batches of monitor readings, as data gateways do. Each request is one device's next BATCH
-- readings (one a minute), the devices taken in turn from DEVICES_FILE (lines "deviceId Authorization-header",
-- written by bench/readings.sh), so that every device's series moves on hour by hour from BASE_EPOCH (seconds,
-- UTC, on the hour). One device in ten reads high (150-170 µg/m³ against a county mean of 50: exceeding hours,
-- alarms from the third), the others 40-52; no device repeats one value for long (no MONITOR_SUSPECT).
local devices = {}
for line in io.lines(os.getenv("DEVICES_FILE")) do
  local id, auth = line:match("^(%S+) (.+)$")
  table.insert(devices, { id = id, auth = auth })
end
local base = tonumber(os.getenv("BASE_EPOCH"))
local batch = tonumber(os.getenv("BATCH") or "60")
local step = 60
wrk.method = "POST"
-- a second run (the measured one after the warm-up) starts this many hours later, so that its readings are new
local slot_offset = tonumber(os.getenv("SLOT_OFFSET") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  sent = 0
  readings = 0
  n = 0
end

function request()
  -- one wrk thread (-t1): request k is device k mod D, in its hour k div D
  local k = n
  n = n + 1
  local d = (k % #devices) + 1
  local slot = math.floor(k / #devices) + slot_offset
  local device = devices[d]
  local high = (d % 10) == 0
  local items = {}
  for i = 0, batch - 1 do
    local t = base + (slot * batch + i) * step
    local v = high and (150 + ((i * 7 + d) % 21)) or (40 + ((i * 5 + d) % 13))
    items[#items + 1] = string.format('{"at":"%s","valueUgM3":%d}', os.date("!%Y-%m-%dT%H:%M:%SZ", t), v)
  end
  sent = sent + 1
  readings = readings + batch
  return wrk.format("POST", "/api/v1/monitors/" .. device.id .. "/readings",
    { ["Content-Type"] = "application/json", ["Authorization"] = device.auth },
    "[" .. table.concat(items, ",") .. "]")
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx <= 3 then
      io.stderr:write("status " .. status .. ": " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("non2xx")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d seconds=%.1f throughput=%.0f/s readings=%d readings_per_s=%.0f p50=%.2fms p99=%.2fms max=%.2fms non2xx=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, summary.requests * batch, summary.requests * batch / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, failed,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
