-- A bank's mix: 85 % single status (credit decisions), 10 % batch of 100 (book re-checks), 5 % pledge filings
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init() c.init(); c.load_pledges() end
function request()
  local r = math.random(1, 100)
  if r <= 85 then return c.status_request() elseif r <= 95 then return c.batch_request(100) end
  return c.pledge_request()
end
if c.delay_ms > 0 then delay = c.delay end
done = c.done
