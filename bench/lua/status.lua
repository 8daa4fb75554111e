-- Single collateral status: GET /api/v1/collateral-status?assetId=<random>
package.path = "bench/lua/?.lua;" .. package.path
local c = require("common")
setup = c.setup
function init() c.init() end
request = c.status_request
if c.delay_ms > 0 then delay = c.delay end
done = c.done
