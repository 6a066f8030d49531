-- wrk script for benchmarks/server-throughput.sh.
--
-- Environment (read once per wrk thread):
--   PET_WRK_BODY   if set, every request is a POST of this JSON body (else wrk's default GET)
--   PET_WRK_TOKEN  if set, sent as "Authorization: Bearer <token>"
--
-- done() prints one line "PET_WRK_RESULT {json}" with the totals the driver script parses. wrk counts a
-- response with status >= 400 as a status error; the server answers no route here with a 3xx.
-- No response() callback is defined: it would make wrk parse every answer in Lua, costing client CPU
-- that the server, sharing the machine, would then lack.

local body = os.getenv("PET_WRK_BODY")
local token = os.getenv("PET_WRK_TOKEN")

if body ~= nil and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'PET_WRK_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,'
      .. '"write_errors":%d,"status_errors":%d,"timeouts":%d,"latency_p50_us":%d,"latency_p99_us":%d,'
      .. '"latency_max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
