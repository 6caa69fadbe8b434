-- wrk script of the benchmark (benchmarks/run.py): sends the session cookie
-- of a logged-in user, counts every response by status code, and at the end
-- prints one line "BENCHMARK-JSON {...}" with requests/s, latency percentiles
-- (milliseconds), the status counts and the errors.
--
--   BENCH_COOKIE="sessionid=..." wrk -t2 -c8 -d10s -s benchmarks/wrk_report.lua URL
--
-- Errors are what wrk counts as such (connect, read, write, timeout, and
-- status >= 400); run.py also refuses any status other than 200, such as a
-- redirect to the login page when the session is not accepted.

local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then
   wrk.headers["Cookie"] = cookie
end

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   statuses = {}
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

local function ms(microseconds)
   return string.format("%.3f", microseconds / 1000)
end

function done(summary, latency, requests)
   local counts = {}
   for _, thread in ipairs(threads) do
      local seen = thread:get("statuses")
      for status, n in pairs(seen) do
         counts[status] = (counts[status] or 0) + n
      end
   end
   local status_parts = {}
   for status, n in pairs(counts) do
      table.insert(status_parts, string.format('"%d": %d', status, n))
   end
   local e = summary.errors
   local seconds = summary.duration / 1000000
   local fields = {
      string.format('"requests": %d', summary.requests),
      string.format('"duration_s": %.3f', seconds),
      string.format('"rps": %.2f', summary.requests / seconds),
      string.format('"bytes": %d', summary.bytes),
      string.format(
         '"latency_ms": {"p50": %s, "p95": %s, "p99": %s, "mean": %s, "max": %s}',
         ms(latency:percentile(50)), ms(latency:percentile(95)), ms(latency:percentile(99)),
         ms(latency.mean), ms(latency.max)
      ),
      string.format(
         '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}',
         e.connect, e.read, e.write, e.timeout, e.status
      ),
      '"statuses": {' .. table.concat(status_parts, ", ") .. "}",
   }
   io.write("BENCHMARK-JSON {" .. table.concat(fields, ", ") .. "}\n")
end
