-- wrk script: GET /api/v1/journal/tree-head on one connection, waiting INTERVAL_MS between the
-- answer and the next call: the sequencer runs continuously, as the in-service timer
-- (ipledger.journal.tree-head-interval) would run it, and each call's latency is one pass
-- (sequence what is queued, then sign a head).
--
--   wrk -t1 -c1 -d15s -s bench/tree-head-pacer.lua URL/api/v1/journal/tree-head -- TOKEN INTERVAL_MS

local interval_ms

function init(args)
  local token = args[1] or error("tree-head-pacer.lua: token argument missing")
  interval_ms = tonumber(args[2] or "200")
  wrk.headers["Authorization"] = "Bearer " .. token
end

function delay()
  return interval_ms
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(90)), math.floor(latency:percentile(99)),
    math.floor(latency.max), e.status, e.connect, e.read, e.write, e.timeout))
end
