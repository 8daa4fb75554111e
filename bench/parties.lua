-- wrk script: POST /api/v1/parties with a valid, unique unified social credit code per request.
--
--   wrk -t2 -c16 -d15s --latency -s bench/parties.lua URL -- TOKEN RUN_ID
--
-- TOKEN   an admin (or registrar) bearer token, e.g. from deploy/dev/token.sh admin
-- RUN_ID  0..999, different for every wrk invocation against the same database
--
-- A code (GB 32100-2015) is 18 characters: "91" (registration authority, category), six digits
-- for the division (here the run id and the wrk thread id, three digits each), nine characters
-- of organisation code (here a per-thread counter in base 31) and the check character.
-- wrk threads share the same random seed, so uniqueness comes from (run id, thread id, counter),
-- never from math.random: each thread is given its own id in setup().

local ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
local WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 }

-- setup() runs in the main Lua state, once per thread, before the threads start.
local threads_created = 0
function setup(thread)
  thread:set("thread_id", threads_created)
  threads_created = threads_created + 1
end

local function base31(n, width)
  local out = {}
  for i = width, 1, -1 do
    local d = n % 31
    out[i] = ALPHABET:sub(d + 1, d + 1)
    n = (n - d) / 31
  end
  return table.concat(out)
end

-- check = 31 - (sum of value * weight) mod 31, and 31 becomes 0.
local function check_character(first17)
  local sum = 0
  for i = 1, 17 do
    local value = ALPHABET:find(first17:sub(i, i), 1, true) - 1
    sum = sum + value * WEIGHTS[i]
  end
  local check = 31 - sum % 31
  if check == 31 then check = 0 end
  return ALPHABET:sub(check + 1, check + 1)
end

local prefix, counter, headers

function init(args)
  local token = args[1] or error("parties.lua: token argument missing")
  local run_id = tonumber(args[2] or "0")
  if run_id < 0 or run_id > 999 then error("parties.lua: run id must be 0..999") end
  if thread_id == nil or thread_id > 999 then error("parties.lua: no thread id from setup()") end
  prefix = string.format("91%03d%03d", run_id, thread_id)
  counter = 0
  headers = {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }
  -- Known answer from GB 32100-2015 examples: 91350100M000100Y4 -> 3.
  assert(check_character("91350100M000100Y4") == "3", "parties.lua: check character algorithm is wrong")
end

function request()
  counter = counter + 1
  local first17 = prefix .. base31(counter, 9)
  local body = '{"kind":"BANK","name":"Bench Bank","creditCode":"' .. first17 .. check_character(first17) .. '"}'
  return wrk.format("POST", "/api/v1/parties", headers, body)
end

-- One machine-readable line for bench/journal-appends.sh (latencies in microseconds).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    math.floor(latency:percentile(50)), math.floor(latency:percentile(90)), math.floor(latency:percentile(99)),
    math.floor(latency.max), e.status, e.connect, e.read, e.write, e.timeout))
end
