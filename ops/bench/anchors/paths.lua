-- wrk script of ops/bench-vs-anchors: GETs the paths of a file (one per line, given after --)
-- in a fixed stride per thread, so nginx, Verdaccio and Wharf get the same walk over the data
-- set; prints one JSON line (prefix WRK_JSON) with the figures the table needs.
local paths = {}
local next_index = 0
local threads = {}
local counter = 1

setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

init = function(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  f:close()
  -- each thread starts at another place of the list
  next_index = ((id or 1) - 1) * math.floor(#paths / 2)
end

request = function()
  -- 7919 is prime and no divisor of the list sizes used here, so the walk visits every path
  next_index = (next_index + 7919) % #paths
  return wrk.format("GET", paths[next_index + 1])
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"p50_us":%d,"p99_us":%d,"max_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
