-- Shared by the bench/run scenarios. Each wrk thread has its own Lua state: setup() gives every
-- thread an id, so random streams and slices of the pledge file differ between threads.
-- Environment: TOKEN (bearer), ASSETS (ids 1..ASSETS exist), DELAY_MS (per-connection pause between
-- requests, for runs at a fixed fraction of the peak), PLEDGE_FILE ("assetId holderId" lines),
-- BANK (pledgee party id), THREADS.
local M = {}

local next_thread = 0
function M.setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end

M.token = os.getenv("TOKEN")
M.assets = tonumber(os.getenv("ASSETS") or "1000")
M.delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
M.headers = { ["Authorization"] = "Bearer " .. (M.token or ""), ["Content-Type"] = "application/json" }

function M.init()
  math.randomseed((thread_id or 1) * 7919 + 17)
end

function M.status_request()
  return wrk.format("GET", "/api/v1/collateral-status?assetId=" .. math.random(1, M.assets), M.headers)
end

local parts = {}
function M.batch_request(n)
  for i = 1, n do
    parts[i] = '{"assetId":' .. math.random(1, M.assets) .. '}'
  end
  return wrk.format("POST", "/api/v1/collateral-status/batch", M.headers, '{"assets":[' .. table.concat(parts, ",", 1, n) .. ']}')
end

-- Pledges: each thread files on its own slice of free assets (one asset, its only holder as pledgor).
local pledges, next_pledge = {}, 1
function M.load_pledges()
  local file = os.getenv("PLEDGE_FILE")
  local threads = tonumber(os.getenv("THREADS") or "1")
  local i = 0
  for line in io.lines(file) do
    if i % threads == (thread_id or 1) - 1 then
      local a, h = line:match("(%d+) (%d+)")
      pledges[#pledges + 1] = { a, h }
    end
    i = i + 1
  end
end

local today = os.date("!%Y-%m-%d")
local year, rest = today:match("(%d+)(-.*)")
local term_ends = (tonumber(year) + 1) .. rest
if rest == "-02-29" then term_ends = (tonumber(year) + 1) .. "-02-28" end

function M.pledge_request()
  local p = pledges[next_pledge]
  if p == nil then -- slice used up: assets would be pledged twice; ask for status instead
    return M.status_request()
  end
  next_pledge = next_pledge + 1
  local body = '{"pledgorIds":[' .. p[2] .. '],"pledgeeId":' .. os.getenv("BANK") .. ',"assetIds":[' .. p[1]
      .. '],"securedAmount":"1000000.00","termStartsOn":"' .. today .. '","termEndsOn":"' .. term_ends
      .. '","acknowledgeInvalidationRisk":false}'
  return wrk.format("POST", "/api/v1/pledges", M.headers, body)
end

function M.delay()
  return M.delay_ms
end

-- One line the runner parses: requests/s, latency percentiles (ms), non-2xx and socket errors.
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50=%.3f p99=%.3f p999=%.3f max=%.3f requests=%d non2xx=%d socket=%d\n",
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000, summary.requests, e.status,
      e.connect + e.read + e.write + e.timeout))
end

return M
