-- Pledge registration (filing): POST /api/v1/pledges, one free asset per request, pledge and journal entry
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init() c.init(); c.load_pledges() end
request = c.pledge_request
if c.delay_ms > 0 then delay = c.delay end
done = c.done
