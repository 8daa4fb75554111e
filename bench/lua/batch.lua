-- Batch of 100: POST /api/v1/collateral-status/batch with 100 random asset ids
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init() c.init() end
function request() return c.batch_request(100) end
if c.delay_ms > 0 then delay = c.delay end
done = c.done
